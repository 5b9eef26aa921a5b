//! report.schema.json: generated from the model, shipped up to date, named
//! by report.toml's `#:schema` line, and accepted by taplo (the checker
//! behind VS Code's Even Better TOML, Helix and Zed) for the default
//! report while it flags a typo.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn shipped_schema_is_the_generated_one() {
    let o = common::folio().arg("schema").output().unwrap();
    assert!(o.status.success());
    let shipped = std::fs::read_to_string("report.schema.json").unwrap();
    assert!(
        String::from_utf8_lossy(&o.stdout) == shipped,
        "report.schema.json is out of date with the model: run `cargo run -- schema --out report.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&shipped).unwrap();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["additionalProperties"], false);
    let event = &schema["$defs"]["Event"];
    assert_eq!(event["additionalProperties"], false);
    assert_eq!(event["properties"]["title"]["description"], "Event title.");
    let text = shipped.as_str();
    for value in [
        "\"in-person\"",
        "\"side-event\"",
        "\"events:overview\"",
        "\"back-cover\"",
    ] {
        assert!(text.contains(value), "schema lacks {value}");
    }
}

#[test]
fn report_names_its_schema() {
    let report = std::fs::read_to_string("report.toml").unwrap();
    assert_eq!(report.lines().next(), Some("#:schema ./report.schema.json"));
}

/// taplo from npm (`@taplo/cli`, pinned in .tools/package-lock.json),
/// installed into .tools/node_modules by scripts/test.sh. The test fails
/// rather than passes when it is missing.
fn taplo() -> PathBuf {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join(".tools/node_modules/.bin/taplo");
    assert!(
        bin.exists(),
        "taplo is not installed ({} is missing): run scripts/test.sh, which installs \
         the tools the tests need (npm ci in .tools/) and then runs the tests",
        bin.display()
    );
    bin
}

#[test]
fn taplo_accepts_the_report_and_flags_a_typo() {
    let taplo = taplo();
    let o = Command::new(&taplo)
        .args(["check", "report.toml"])
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "taplo rejects report.toml: {}",
        String::from_utf8_lossy(&o.stderr)
    );

    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("report.schema.json", dir.path().join("report.schema.json")).unwrap();
    let report = std::fs::read_to_string("report.toml")
        .unwrap()
        .replacen("format = \"hybrid\"", "format = \"hybird\"", 1)
        .replacen("\nwhole_year = true", "\nwhole_yaer = true", 1);
    std::fs::write(dir.path().join("report.toml"), report).unwrap();
    let o = Command::new(&taplo)
        .args(["check", "report.toml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(err.contains("\"hybird\""), "{err}");
    assert!(err.contains("whole_yaer"), "{err}");
}

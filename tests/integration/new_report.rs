//! `folio new`: next year's report starts from this one, builds, lists
//! what is left to write, and never overwrites a file.

use crate::common;

#[test]
fn next_years_report_builds_and_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("report.toml");
    std::fs::copy("report.toml", &from).unwrap();
    let out = dir.path().join("report-2024.toml");
    let o = common::folio()
        .args(["new", "2024", "--from"])
        .arg(&from)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("sections to write"));
    let first = std::fs::read(&out).unwrap();

    // check: valid, with a warning per section still to write.
    let o = common::folio()
        .args(["check", "--format", "json"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["ok"], true);
    let diags = json["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty());
    assert!(diags.iter().all(|d| d["severity"] == "warning"));
    assert!(diags[0]["message"]
        .as_str()
        .unwrap()
        .contains("not written yet"));
    assert!(diags[0]["line"].as_u64().unwrap() > 1);

    // It builds: the PDF and the workbooks, with no events yet.
    let built = common::build(&out);
    for f in [
        "annual-report-2024.pdf",
        "events.xlsx",
        "members.xlsx",
        "publications.xlsx",
    ] {
        assert!(built.path().join(f).exists(), "{f} not written");
    }

    // A second run refuses and leaves the file as it was.
    std::fs::write(&out, b"my edits").unwrap();
    let o = common::folio()
        .args(["new", "2024", "--from"])
        .arg(&from)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("never overwrites"));
    assert_eq!(std::fs::read(&out).unwrap(), b"my edits");
    assert_ne!(first, b"my edits");

    // A year that is not after the report's is an error, and writes nothing.
    let o = common::folio()
        .args(["new", "2022", "--from"])
        .arg(&from)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(!dir.path().join("report-2022.toml").exists());
}

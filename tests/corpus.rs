//! The corpus of broken and hostile report files (tests/corpus/cases.toml):
//! every invalid case exits 1 with a located message and leaves the earlier
//! outputs byte for byte unchanged; every hostile-but-valid case builds.

use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Deserialize)]
struct Corpus {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    replace: Vec<(String, String)>,
    text: Option<String>,
    generate: Option<String>,
    invalid: bool,
    message: Option<String>,
    at: Option<String>,
}

const OUTPUTS: [&str; 4] = [
    "annual-report-2023.pdf",
    "events.xlsx",
    "members.xlsx",
    "publications.xlsx",
];

fn variant(case: &Case, base: &str) -> Vec<u8> {
    if let Some(t) = &case.text {
        return t.clone().into_bytes();
    }
    let mut text = base.to_string();
    for (from, to) in &case.replace {
        assert!(
            text.contains(from.as_str()),
            "{}: text to replace not found: {from}",
            case.name
        );
        text = text.replacen(from.as_str(), to, 1);
    }
    match case.generate.as_deref() {
        None => text.into_bytes(),
        Some("garbage") => {
            // Deterministic noise with NULs and high bytes.
            let mut x: u32 = 12345;
            (0..4096)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    (x >> 16) as u8
                })
                .collect()
        }
        Some("invalid-utf8") => {
            let mut b = text.into_bytes();
            let at = b.len() / 2;
            b.splice(at..at, [0xC3, 0x28, 0xFF]);
            b
        }
        Some("long-word") => add_to_foreword(&text, &"x".repeat(3000)),
        Some("nested-list") => {
            let list: String = (0..100)
                .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
                .collect();
            add_to_foreword(&text, &list)
        }
        Some("megabyte-paragraph") => {
            let words = [
                "sustainable",
                "development",
                "local",
                "governments",
                "resilience",
                "biodiversity",
            ];
            let mut p = String::with_capacity(1_050_000);
            let mut i = 0usize;
            while p.len() < 1_000_000 {
                p.push_str(words[i * 7 % words.len()]);
                p.push(' ');
                i += 1;
            }
            add_to_foreword(&text, &p)
        }
        Some("many-events") => {
            let mut t = text;
            for i in 0..20_000 {
                t.push_str(&format!(
                    "\n[[events]]\nid = \"gen-{i}\"\ntitle = \"Generated event {i}\"\ncategory = \"workshop\"\nstart = 2023-05-{:02}\nformat = \"online\"\n",
                    i % 28 + 1
                ));
            }
            t.into_bytes()
        }
        Some(other) => panic!("unknown generator {other}"),
    }
}

fn add_to_foreword(text: &str, extra: &str) -> Vec<u8> {
    let marker = "id = \"foreword\"\ntitle = \"Foreword\"\nbody = '''\n";
    assert!(text.contains(marker));
    text.replacen(marker, &format!("{marker}{extra}\n\n"), 1)
        .into_bytes()
}

fn line_of(bytes: &[u8], needle: &str) -> Option<usize> {
    let text = String::from_utf8_lossy(bytes);
    text.find(needle)
        .map(|at| text[..at].matches('\n').count() + 1)
}

fn workdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("folio-corpus-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join("out")).unwrap();
    d
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn every_case_meets_its_expectation() {
    let corpus: Corpus =
        toml::from_str(&std::fs::read_to_string("tests/corpus/cases.toml").unwrap()).unwrap();
    assert!(
        corpus.case.len() >= 40,
        "the corpus has {} cases",
        corpus.case.len()
    );
    let base = std::fs::read_to_string("report.toml").unwrap();
    let mut failures = Vec::new();
    for case in &corpus.case {
        let dir = workdir(&case.name);
        let bytes = variant(case, &base);
        std::fs::write(dir.join("report.toml"), &bytes).unwrap();
        // Earlier outputs that an invalid build must leave alone.
        for f in OUTPUTS {
            std::fs::write(dir.join("out").join(f), format!("last good {f}")).unwrap();
        }
        let o = run(&dir, &["build", "report.toml", "--out", "out"]);
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        let mut problem = |why: String| failures.push(format!("{}: {why}\n{err}", case.name));
        if case.invalid {
            if o.status.code() != Some(1) {
                problem(format!("exit code {:?}, expected 1", o.status.code()));
                continue;
            }
            if let Some(m) = &case.message {
                if !err.contains(m.as_str()) {
                    problem(format!("message lacks {m:?}"));
                }
            }
            if let Some(at) = &case.at {
                let line = line_of(&bytes, at).expect("`at` text is in the variant");
                if !err.contains(&format!("report.toml:{line}:")) {
                    problem(format!("not located at line {line}"));
                }
            }
            if err.contains("panicked") {
                problem("panicked".into());
            }
            for f in OUTPUTS {
                if std::fs::read_to_string(dir.join("out").join(f))
                    .ok()
                    .as_deref()
                    != Some(&format!("last good {f}"))
                {
                    problem(format!("{f} was touched"));
                }
            }
        } else {
            if !o.status.success() {
                problem(format!("expected a build, exit code {:?}", o.status.code()));
                continue;
            }
            let pdf = std::fs::read(dir.join("out/annual-report-2023.pdf")).unwrap();
            if !pdf.starts_with(b"%PDF") {
                problem("no PDF".into());
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n---\n"));
}

#[test]
fn a_missing_report_file_and_an_out_that_is_a_file() {
    let dir = workdir("paths");
    let o = run(&dir, &["build", "nope.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read nope.toml"));
    std::fs::copy("report.toml", dir.join("report.toml")).unwrap();
    std::fs::write(dir.join("blocker"), "a file").unwrap();
    let o = run(&dir, &["build", "report.toml", "--out", "blocker"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("expected a folder for the outputs"));
    assert_eq!(
        std::fs::read_to_string(dir.join("blocker")).unwrap(),
        "a file"
    );
}

#[test]
fn a_folder_in_the_way_of_an_output_is_named() {
    let dir = workdir("folder-in-way");
    std::fs::copy("report.toml", dir.join("report.toml")).unwrap();
    std::fs::create_dir_all(dir.join("out/events.xlsx")).unwrap();
    let o = run(&dir, &["build", "report.toml", "--out", "out"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("out/events.xlsx") && err.contains("a folder is in the way"),
        "{err}"
    );
}

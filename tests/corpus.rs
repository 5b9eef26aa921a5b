//! The corpus of broken and hostile report files (tests/corpus/cases.toml),
//! each case its own test: every invalid case exits 1 with a located
//! message (its whole diagnostics pinned as a snapshot in
//! tests/corpus/snapshots) and leaves the earlier outputs byte for byte
//! unchanged; every hostile-but-valid case builds.
//!
//! Variants start from tests/fixtures/report-2023/report.toml, a frozen copy of a valid
//! report, so editing report.toml's data never breaks the corpus. After a
//! deliberate change of wording, `INSTA_UPDATE=always cargo test --test
//! corpus` rewrites the snapshots (review them with `git diff`).

#[allow(dead_code)]
#[path = "integration/common/photos.rs"]
mod photos;

use libtest_mimic::{Arguments, Failed, Trial};
use serde::Deserialize;
use std::path::Path;
use std::process::Command;

const BASE: &str = "tests/fixtures/report-2023/report.toml";

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
    /// Text a valid case's PDF must show (its content survived).
    #[serde(default)]
    expect: Vec<String>,
    /// Files made beside report.toml first: (path, what), `what` one of
    /// the kinds [`make_file`] knows (images, damaged images, links, FIFOs).
    #[serde(default)]
    files: Vec<(String, String)>,
    /// Extra arguments for `folio build`.
    #[serde(default)]
    args: Vec<String>,
}

/// Makes one of a case's files at `path`; `elsewhere` is a folder outside
/// the report's, for links that lead out of it.
fn make_file(path: &Path, what: &str, elsewhere: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let truncated = |b: Vec<u8>| b[..b.len() / 2].to_vec();
    match what {
        "jpeg" => std::fs::write(path, photos::jpeg(320, 240, 1, 1)).unwrap(),
        "png" => std::fs::write(path, photos::png(320, 240, 1)).unwrap(),
        "jpeg-truncated" => std::fs::write(path, truncated(photos::jpeg(320, 240, 1, 1))).unwrap(),
        "png-truncated" => std::fs::write(path, truncated(photos::png(320, 240, 1))).unwrap(),
        "png-corrupt-data" => {
            // A bit flipped inside the compressed image data.
            let mut b = photos::png(320, 240, 1);
            let at = b.windows(4).position(|w| w == b"IDAT").unwrap() + 40;
            b[at] ^= 0x10;
            std::fs::write(path, b).unwrap()
        }
        "png-16-bit-rgba" => {
            let mut out = Vec::new();
            let mut e = png::Encoder::new(&mut out, 64, 48);
            e.set_color(png::ColorType::Rgba);
            e.set_depth(png::BitDepth::Sixteen);
            let px: Vec<u8> = (0..64 * 48)
                .flat_map(|i: u32| {
                    let v = (i % 64 * 1000) as u16;
                    [
                        v.to_be_bytes(),
                        (u16::MAX - v).to_be_bytes(),
                        [0x80, 0],
                        [0xC0, 0],
                    ]
                    .concat()
                })
                .collect();
            e.write_header().unwrap().write_image_data(&px).unwrap();
            std::fs::write(path, out).unwrap()
        }
        "sparse-100-MB" => {
            let f = std::fs::File::create(path).unwrap();
            f.set_len(100 << 20).unwrap();
        }
        "folder" => std::fs::create_dir_all(path).unwrap(),
        "fifo" => {
            let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
            assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        }
        "link-outside" => {
            let target = elsewhere.join("secret.png");
            std::fs::write(&target, photos::png(32, 32, 2)).unwrap();
            std::os::unix::fs::symlink(target, path).unwrap();
        }
        "folder-link-outside" => {
            std::fs::write(elsewhere.join("p.png"), photos::png(32, 32, 2)).unwrap();
            std::os::unix::fs::symlink(elsewhere, path).unwrap();
        }
        "link-inside" => std::os::unix::fs::symlink("real.png", path).unwrap(),
        link if link.starts_with("link:") => std::os::unix::fs::symlink(&link[5..], path).unwrap(),
        other => panic!("unknown file kind {other}"),
    }
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
        // A call-out in a call-out…, one `>` per level: 46 took 30 s and
        // 5 GB, about 3,500 overflowed the stack.
        Some("quotes-46") => add_to_foreword(&text, &(">".repeat(46) + " deep")),
        Some("quotes-3500") => add_to_foreword(&text, &(">".repeat(3500) + " deep")),
        // Emphasis, strong and links nested thousands deep: inline nesting
        // is not a tree the layout recurses over.
        Some("deep-emphasis") => {
            let open: String = (0..2000)
                .map(|i| if i % 2 == 0 { "*a " } else { "**b " })
                .collect();
            let close: String = (0..2000)
                .map(|i| if i % 2 == 0 { " c**" } else { " d*" })
                .collect();
            let links = "[".repeat(2000) + "deepest link" + &"](https://example.org)".repeat(2000);
            add_to_foreword(
                &text,
                &format!(
                    "{}{open}emphasised{close}\n\n{links}",
                    "*".repeat(3000) + "starred" + &"*".repeat(3000) + "\n\n"
                ),
            )
        }
        // 4,000 problems on one line: each shown with the whole line made
        // output quadratic in the input (544 MB for 4,000 missing images).
        Some("4000-bad-links") => {
            let line: String = (0..4000).map(|i| format!("[x](bad:{i}) ")).collect();
            add_to_foreword(&text, &line)
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

/// A temporary folder with an empty `out/`, removed when dropped.
fn workdir() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(d.path().join("out")).unwrap();
    d
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// Runs one case; `Err` says every way it missed its expectation.
fn run_case(case: &Case, base: &str) -> Result<(), Failed> {
    let dir = workdir();
    let dir = dir.path();
    let bytes = variant(case, base);
    std::fs::write(dir.join("report.toml"), &bytes).unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    for (path, what) in &case.files {
        make_file(&dir.join(path), what, elsewhere.path());
    }
    // Earlier outputs that an invalid build must leave alone.
    for f in OUTPUTS {
        std::fs::write(dir.join("out").join(f), format!("last good {f}")).unwrap();
    }
    let mut args = vec!["build", "report.toml", "--out", "out"];
    args.extend(case.args.iter().map(String::as_str));
    let o = run(dir, &args);
    // Temporary folders' names differ on every run: the snapshot names them.
    let err = String::from_utf8_lossy(&o.stderr)
        .replace(
            &*elsewhere.path().canonicalize().unwrap().to_string_lossy(),
            "<elsewhere>",
        )
        .replace(
            &*dir.canonicalize().unwrap().to_string_lossy(),
            "<report folder>",
        );
    let mut problems = Vec::new();
    if case.invalid {
        if o.status.code() != Some(1) {
            return Err(format!("exit code {:?}, expected 1\n{err}", o.status.code()).into());
        }
        if let Some(m) = &case.message
            && !err.contains(m.as_str())
        {
            problems.push(format!("message lacks {m:?}"));
        }
        if let Some(at) = &case.at {
            let line = line_of(&bytes, at).expect("`at` text is in the variant");
            if !err.contains(&format!("report.toml:{line}:")) {
                problems.push(format!("not located at line {line}"));
            }
        }
        if err.contains("panicked") {
            problems.push("panicked".into());
        }
        for f in OUTPUTS {
            if std::fs::read_to_string(dir.join("out").join(f))
                .ok()
                .as_deref()
                != Some(&format!("last good {f}"))
            {
                problems.push(format!("{f} was touched"));
            }
        }
        if problems.is_empty() {
            // The whole message as the user sees it; long lines (a
            // megabyte of garbage) are cut so snapshots stay readable.
            let shown: String = err
                .lines()
                .map(|l| l.chars().take(200).collect::<String>() + "\n")
                .collect();
            let mut settings = insta::Settings::clone_current();
            settings.set_snapshot_path(
                std::env::current_dir()
                    .unwrap()
                    .join("tests/corpus/snapshots"),
            );
            settings.set_prepend_module_to_snapshot(false);
            settings.set_input_file("tests/corpus/cases.toml");
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                settings.bind(|| insta::assert_snapshot!(case.name.as_str(), shown));
            }));
            if outcome.is_err() {
                problems.push("diagnostics differ from the snapshot".into());
            }
        }
    } else {
        if !o.status.success() {
            return Err(format!("expected a build, exit code {:?}\n{err}", o.status.code()).into());
        }
        // Every output, a PDF that opens, and the case's text in it.
        for f in OUTPUTS {
            if !dir.join("out").join(f).exists() {
                problems.push(format!("{f} not written"));
            }
        }
        match lopdf::Document::load(dir.join("out/annual-report-2023.pdf")) {
            Err(e) => problems.push(format!("the PDF does not open: {e}")),
            Ok(doc) => {
                let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
                let text: String = doc
                    .extract_text(&pages)
                    .unwrap_or_default()
                    .split_whitespace()
                    .collect::<String>()
                    // A word hyphenated at a line end extracts with a soft hyphen.
                    .replace('\u{ad}', "");
                for want in &case.expect {
                    let want: String = want.split_whitespace().collect();
                    if !text.contains(&want) {
                        problems.push(format!("the PDF lacks {want:?}"));
                    }
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\n{err}", problems.join("; ")).into())
    }
}

fn a_missing_report_file_and_an_out_that_is_a_file() {
    let dir = workdir();
    let dir = dir.path();
    let o = run(dir, &["build", "nope.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot read nope.toml"));
    std::fs::copy(BASE, dir.join("report.toml")).unwrap();
    std::fs::write(dir.join("blocker"), "a file").unwrap();
    let o = run(dir, &["build", "report.toml", "--out", "blocker"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("expected a folder for the outputs"));
    assert_eq!(
        std::fs::read_to_string(dir.join("blocker")).unwrap(),
        "a file"
    );
}

fn a_folder_in_the_way_of_an_output_is_named() {
    let dir = workdir();
    let dir = dir.path();
    std::fs::copy(BASE, dir.join("report.toml")).unwrap();
    std::fs::create_dir_all(dir.join("out/events.xlsx")).unwrap();
    let o = run(dir, &["build", "report.toml", "--out", "out"]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("out/events.xlsx") && err.contains("a folder is in the way"),
        "{err}"
    );
}

fn main() {
    let args = Arguments::from_args();
    let corpus: Corpus =
        toml::from_str(&std::fs::read_to_string("tests/corpus/cases.toml").unwrap()).unwrap();
    let base = std::fs::read_to_string(BASE).unwrap();
    let mut trials: Vec<Trial> = corpus
        .case
        .into_iter()
        .map(|case| {
            let base = base.clone();
            Trial::test(format!("case::{}", case.name), move || {
                run_case(&case, &base)
            })
        })
        .collect();
    let plain = |name: &str, f: fn()| {
        Trial::test(name, move || {
            std::panic::catch_unwind(f).map_err(|_| "panicked".into())
        })
    };
    trials.push(plain(
        "a_missing_report_file_and_an_out_that_is_a_file",
        a_missing_report_file_and_an_out_that_is_a_file,
    ));
    trials.push(plain(
        "a_folder_in_the_way_of_an_output_is_named",
        a_folder_in_the_way_of_an_output_is_named,
    ));
    libtest_mimic::run(&args, trials).exit();
}

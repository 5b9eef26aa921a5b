//! `folio watch` rebuilds after a save, keeps the last good outputs through
//! an invalid edit, and says what changed.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

struct Watch {
    child: Child,
    lines: Receiver<String>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watch {
    /// The next status line (not the error details), or a failure after
    /// `secs` seconds.
    fn next_status(&self, secs: u64) -> String {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(secs)) {
                Ok(l) if l.starts_with("built ") || l.contains("not rebuilt") => return l,
                Ok(_) => continue,
                Err(_) => panic!("no status line within {secs} s"),
            }
        }
    }
}

fn start(dir: &PathBuf) -> Watch {
    let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["watch", "report.toml", "--out", "out"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    Watch { child, lines: rx }
}

/// Saves `text` the way editors do: a temporary file renamed over the target.
fn save(dir: &std::path::Path, text: &str) {
    let tmp = dir.join(".report.toml.swp");
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, dir.join("report.toml")).unwrap();
}

#[test]
fn watch_rebuilds_keeps_good_outputs_and_summarises() {
    let dir_guard = tempfile::tempdir().unwrap();
    let dir = dir_guard.path().to_path_buf();
    let original = std::fs::read_to_string("report.toml").unwrap();
    std::fs::write(dir.join("report.toml"), &original).unwrap();
    let w = start(&dir);
    let first = w.next_status(60);
    assert!(
        first.starts_with("built report.toml") && first.contains("first build"),
        "{first}"
    );

    // A new event.
    let added = original.replacen(
        "# Events the prose dates but the 2023 Overview does not list.",
        "[[events]]\nid = \"daring-cities-2024\"\ntitle = \"Daring Cities 2024\"\ncategory = \"forum\"\nstart = 2023-12-20\nformat = \"online\"\n\n# Events the prose dates but the 2023 Overview does not list.",
        1,
    );
    save(&dir, &added);
    let second = w.next_status(30);
    assert!(
        second.contains("events +1 (Daring Cities 2024)"),
        "{second}"
    );
    assert!(
        second.contains("events-2023.xlsx updated") && second.contains("members-2023.xlsx"),
        "{second}"
    );
    let good = std::fs::read(dir.join("out/events-2023.xlsx")).unwrap();

    // An invalid edit: reported, outputs untouched.
    save(
        &dir,
        &added.replacen("end = 2023-12-12", "end = 2023-10-12", 1),
    );
    let third = w.next_status(30);
    assert!(third.contains("not rebuilt"), "{third}");
    assert_eq!(
        std::fs::read(dir.join("out/events-2023.xlsx")).unwrap(),
        good
    );

    // Fixed again: rebuilt, and nothing differs from the last good build.
    save(&dir, &added);
    let fourth = w.next_status(30);
    assert!(
        fourth.starts_with("built") && fourth.contains("no change"),
        "{fourth}"
    );
}

/// After a failed load (a missing image), adding the image rebuilds
/// without another save of report.toml; so does making the missing images
/// folder with its images in it.
#[test]
fn watch_rebuilds_when_a_missing_image_appears() {
    let dir_guard = tempfile::tempdir().unwrap();
    let dir = dir_guard.path().to_path_buf();
    let fixture = std::path::Path::new("tests/fixtures/figures");
    std::fs::copy(fixture.join("report.toml"), dir.join("report.toml")).unwrap();
    // The images folder is not there yet: made aside, moved in later.
    let aside = dir.join("images.aside");
    std::fs::create_dir(&aside).unwrap();
    for f in ["chart.png", "photo.jpg"] {
        std::fs::copy(fixture.join("images").join(f), aside.join(f)).unwrap();
    }
    let w = start(&dir);
    let first = w.next_status(60);
    assert!(first.contains("not rebuilt"), "{first}");

    std::fs::rename(&aside, dir.join("images")).unwrap();
    let second = w.next_status(30);
    assert!(second.starts_with("built report.toml"), "{second}");

    // One image goes missing, then comes back.
    let photo = dir.join("images/photo.jpg");
    let bytes = std::fs::read(&photo).unwrap();
    std::fs::remove_file(&photo).unwrap();
    let third = w.next_status(30);
    assert!(third.contains("not rebuilt"), "{third}");
    let tmp = dir.join("images/.photo.jpg.part");
    std::fs::write(&tmp, &bytes).unwrap();
    std::fs::rename(&tmp, &photo).unwrap();
    let fourth = w.next_status(30);
    assert!(fourth.starts_with("built report.toml"), "{fourth}");
}

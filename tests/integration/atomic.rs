//! Killing a build at any moment leaves each output absent, old and complete,
//! or new and complete — never truncated.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::{self, folio};

const FILES: [&str; 4] = [
    "annual-report-2023.pdf",
    "events-2023.xlsx",
    "members-2023.xlsx",
    "publications-2023.xlsx",
];

fn build(report: &Path, out: &Path) {
    let st = folio()
        .arg("build")
        .arg(report)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
}

fn read_all(out: &Path) -> Vec<Option<Vec<u8>>> {
    FILES
        .iter()
        .map(|f| std::fs::read(out.join(f)).ok())
        .collect()
}

#[test]
fn a_killed_build_never_leaves_a_truncated_output() {
    let work_dir = common::temp_dir();
    let work = work_dir.path().to_path_buf();
    let old_report = work.join("old.toml");
    let new_report = work.join("new.toml");
    let text = std::fs::read_to_string("report.toml").unwrap();
    std::fs::write(&old_report, &text).unwrap();
    // A different report: every output changes.
    let changed = text
        .replacen(
            "title = \"2023 Annual Report\"",
            "title = \"2023 Annual Report (revised)\"",
            1,
        )
        .replacen("end = 2023-12-12", "end = 2023-12-13", 1)
        .replacen("population = 104737", "population = 104738", 1)
        .replacen("published = \"2023-06\"", "published = \"2023-07\"", 1);
    std::fs::write(&new_report, changed).unwrap();

    let new_out_dir = common::temp_dir();

    let new_out = new_out_dir.path().to_path_buf();
    let t0 = Instant::now();
    build(&new_report, &new_out);
    let full = t0.elapsed();
    let new = read_all(&new_out);

    let old_out_dir = common::temp_dir();

    let old_out = old_out_dir.path().to_path_buf();
    build(&old_report, &old_out);
    let old = read_all(&old_out);
    for i in 0..FILES.len() {
        assert_ne!(
            old[i], new[i],
            "{} should differ between the two reports",
            FILES[i]
        );
    }

    // Kill at spread-out moments across a build's duration (a fixed
    // sequence, so a failure can be reproduced).
    let out_dir = common::temp_dir();
    let out = out_dir.path().to_path_buf();
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for round in 0..16 {
        for f in FILES {
            let _ = std::fs::remove_file(out.join(f));
        }
        if round % 2 == 0 {
            build(&old_report, &out);
        }
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = full.mul_f64((seed % 1000) as f64 / 900.0);
        let mut child = folio()
            .arg("build")
            .arg(&new_report)
            .arg("--out")
            .arg(&out)
            .spawn()
            .unwrap();
        std::thread::sleep(delay.min(Duration::from_secs(20)));
        let _ = child.kill();
        let _ = child.wait();
        for (i, now) in read_all(&out).into_iter().enumerate() {
            let ok = match &now {
                None => true,
                Some(b) => {
                    Some(b) == new[i].as_ref() || (round % 2 == 0 && Some(b) == old[i].as_ref())
                }
            };
            assert!(
                ok,
                "round {round}: {} is neither old nor new ({} bytes)",
                FILES[i],
                now.map_or(0, |b| b.len())
            );
        }
    }
    // The next build cleans up what killed builds left.
    build(&new_report, &out);
    let stray: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty(), "temporary files left: {stray:?}");
}

/// The frozen 2023 report (tests/fixtures), so these tests do not follow
/// edits to report.toml's output names.
const FIXTURE: &str = "tests/fixtures/report-2023/report.toml";

/// `folio build REPORT --out OUT`, with `setup` run in the child before it
/// starts (a umask, a resource limit).
fn build_with(
    report: &Path,
    out: &Path,
    setup: impl FnMut() -> std::io::Result<()> + Send + Sync + 'static,
) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    let mut cmd = folio();
    cmd.arg("build").arg(report).arg("--out").arg(out);
    // SAFETY: the closures only call async-signal-safe libc functions.
    unsafe { cmd.pre_exec(setup) };
    cmd.output().unwrap()
}

/// Every file in `out` by name, with its bytes.
fn snapshot(out: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(out)
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap_or_default())
        })
        .filter(|(n, _)| n != ".folio-lock")
        .collect()
}

fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn outputs_get_the_mode_a_plain_file_would_or_keep_the_one_they_had() {
    let dir = common::temp_dir();
    let out = dir.path().join("out");
    let umask = |m: libc::mode_t| {
        move || {
            unsafe { libc::umask(m) };
            Ok(())
        }
    };
    // A shared drive's umask: every output readable by the group and others.
    let o = build_with(FIXTURE.as_ref(), &out, umask(0o022));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files = snapshot(&out);
    assert!(files.len() >= 5, "{files:?}");
    for name in files.keys() {
        assert_eq!(mode(&out.join(name)), 0o644, "{name}");
    }
    // A file the user opened up stays open after the next build, even
    // under a strict umask; a new file follows the umask.
    let report = dir.path().join("report.toml");
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    std::fs::write(&report, revised(&text)).unwrap();
    let pdf = out.join("annual-report-2023.pdf");
    std::fs::set_permissions(&pdf, std::os::unix::fs::PermissionsExt::from_mode(0o664)).unwrap();
    std::fs::remove_file(out.join("events.xlsx")).unwrap();
    let o = build_with(&report, &out, umask(0o077));
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        snapshot(&out)["annual-report-2023.pdf"] != files["annual-report-2023.pdf"],
        "the PDF was not rebuilt"
    );
    assert_eq!(mode(&pdf), 0o664);
    assert_eq!(mode(&out.join("events.xlsx")), 0o600);
}

#[test]
fn a_build_that_cannot_write_everything_writes_nothing() {
    let dir = common::temp_dir();
    let out = dir.path().join("out");
    build(FIXTURE.as_ref(), &out);
    let before = snapshot(&out);
    let report = dir.path().join("report.toml");
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    std::fs::write(&report, revised(&text)).unwrap();
    // A disk that fills up part way: no file may grow past 20 KB, so the
    // small workbooks fit and the PDF does not. (SIGXFSZ ignored: the write
    // fails with EFBIG, as on a full disk it fails with ENOSPC.)
    let o = build_with(&report, &out, || {
        let limit = libc::rlimit {
            rlim_cur: 20_000,
            rlim_max: 20_000,
        };
        unsafe {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
        }
        Ok(())
    });
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("annual-report-2023.pdf"), "{err}");
    // The folder holds the last build, whole: old PDF, old workbooks, old
    // manifest, and no temporaries.
    same_files(&snapshot(&out), &before);
}

#[test]
fn twenty_builds_at_once_into_one_folder_all_succeed() {
    let dir = common::temp_dir();
    let out = dir.path().join("out");
    let reference = dir.path().join("reference");
    build(FIXTURE.as_ref(), &reference);
    let children: Vec<_> = (0..20)
        .map(|_| {
            folio()
                .arg("build")
                .arg(FIXTURE)
                .arg("--out")
                .arg(&out)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for (i, c) in children.into_iter().enumerate() {
        let o = c.wait_with_output().unwrap();
        assert!(
            o.status.success(),
            "build {i}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    same_files(&snapshot(&out), &snapshot(&reference));
}

/// The fixture with its title changed: every output differs.
fn revised(text: &str) -> String {
    let t = text.replacen("title = \"", "title = \"Revised: ", 1);
    assert_ne!(t, text);
    t
}

/// Two folders' files agree, name for name and byte for byte (reported
/// by name, not as a byte dump).
fn same_files(
    now: &std::collections::BTreeMap<String, Vec<u8>>,
    want: &std::collections::BTreeMap<String, Vec<u8>>,
) {
    let names =
        |m: &std::collections::BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(now), names(want));
    for (name, bytes) in want {
        assert!(now[name] == *bytes, "{name} differs");
    }
}

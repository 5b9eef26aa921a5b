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

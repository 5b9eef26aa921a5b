//! The web edition as a browser user meets it, checked with tools folio
//! did not write (tests/integration/web_check.mjs, run with Node):
//! Chromium, headless, driven by playwright-core, opens every page over a
//! local server that sends `Content-Security-Policy: default-src 'self'`,
//! at 375 px and 1280 px wide, and from file://; axe-core checks the
//! WCAG 2.0/2.1/2.2 A and AA rules on every page at both widths; the W3C
//! Nu HTML Checker (vnu.jar, with Java) checks every page's markup.
//!
//! A page fails on a CSP violation, a console error, a failed request or a
//! request outside the folder, on scrolling sideways (only a table's own
//! region may), on any axe violation and on any vnu error. The findings
//! are printed one a line: page, width, rule, element. Screenshots of
//! every page at both widths are left in CARGO_TARGET_TMPDIR/web-shots
//! (NAME-375.png, NAME-1280.png) for people to look at.
//!
//! Needs node, .tools/node_modules (playwright-core, axe-core, vnu-jar),
//! `chromium` and `java` on PATH: the test fails, saying to run
//! `scripts/test.sh --setup-only`, when one is missing.

use crate::common;
use std::path::Path;
use std::time::Instant;

const SETUP: &str =
    "run scripts/test.sh --setup-only (it installs Chromium, Java and the pinned npm test tools)";

fn on_path(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(name).is_file()))
}

#[test]
fn the_edition_passes_chromium_axe_and_the_nu_html_checker() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for package in ["playwright-core", "axe-core", "vnu-jar"] {
        let dir = root.join(".tools/node_modules").join(package);
        assert!(dir.is_dir(), "{} is missing: {SETUP}", dir.display());
    }
    assert!(
        on_path("chromium") || Path::new("/usr/bin/chromium").is_file(),
        "Chromium is not installed ('chromium' is not on PATH): {SETUP}"
    );
    assert!(
        on_path("java"),
        "Java is not installed ('java' is not on PATH; the Nu HTML Checker needs it): {SETUP}"
    );

    let out = common::build("report.toml".as_ref());
    let edition = out.path().join("annual-report-2023");
    assert!(edition.join("index.html").is_file(), "no web edition built");
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("web-shots");
    let _ = std::fs::remove_dir_all(&shots);

    let started = Instant::now();
    let o = common::node(
        "web_check.mjs",
        &[edition.as_os_str(), shots.as_os_str()],
        SETUP,
    );
    let (report, errors) = (&o.stdout, &o.stderr);
    println!(
        "{report}{errors}browser check took {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        o.passed,
        "the web edition has findings (page @ width: rule: element):\n{report}{errors}"
    );
    for width in [375, 1280] {
        let shot = shots.join(format!("index-{width}.png"));
        assert!(shot.is_file(), "no screenshot {}", shot.display());
    }
}

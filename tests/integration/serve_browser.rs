//! `folio serve` in a real browser (tests/integration/serve_check.mjs, run
//! with Node: Chromium, headless, driven by playwright-core, with a fresh
//! profile): an edit to report.toml shows on the open page within 2 s
//! without a reload by hand, a broken save shows the banner with the
//! problem's line and the fix takes it away, and paths out of the folder
//! are 404. Then Ctrl+C (SIGINT) stops the server: exit status 0, a
//! closing message, and the port free again.
//!
//! Needs node, .tools/node_modules/playwright-core and `chromium` on PATH:
//! the test fails, saying to run `scripts/test.sh --setup-only`, when one
//! is missing.

use crate::common::folio;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

const SETUP: &str =
    "run scripts/test.sh --setup-only (it installs Chromium and the pinned npm test tools)";

/// How long the first build may take before the test gives up.
const FIRST_BUILD: Duration = Duration::from_secs(120);

/// The status code of a GET (0 when the server does not answer).
fn status(addr: &str, path: &str) -> u16 {
    let Ok(mut s) = TcpStream::connect(addr) else {
        return 0;
    };
    let _ = write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    );
    let mut head = [0u8; 12];
    if s.read_exact(&mut head).is_err() {
        return 0;
    }
    String::from_utf8_lossy(&head[9..12]).parse().unwrap_or(0)
}

#[cfg(unix)]
#[test]
fn an_open_page_follows_edits_and_ctrl_c_stops_the_server() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let playwright = root.join(".tools/node_modules/playwright-core");
    assert!(
        playwright.is_dir(),
        "{} is missing: {SETUP}",
        playwright.display()
    );
    assert!(
        Path::new("/usr/bin/chromium").is_file()
            || std::env::var_os("PATH").is_some_and(|p| {
                std::env::split_paths(&p).any(|d| d.join("chromium").is_file())
            }),
        "Chromium is not installed ('chromium' is not on PATH): {SETUP}"
    );

    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.toml");
    std::fs::copy("report.toml", &report).unwrap();
    let mut child = folio()
        .args(["serve", "report.toml", "--port", "0", "--out", "out"])
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id();
    // Stopped by SIGINT below; killed if the test fails first.
    struct Guard(Option<std::process::Child>);
    impl Drop for Guard {
        fn drop(&mut self) {
            if let Some(c) = self.0.as_mut() {
                let _ = c.kill();
                let _ = c.wait();
            }
        }
    }
    let stdout = child.stdout.take().unwrap();
    let mut guard = Guard(Some(child));
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let first = lines.recv_timeout(Duration::from_secs(30)).unwrap();
    let addr = crate::serve::address(&first);
    let started = Instant::now();
    while status(&addr, "/overview.html") != 200 {
        assert!(started.elapsed() < FIRST_BUILD, "no web edition served");
        std::thread::sleep(Duration::from_millis(100));
    }

    let o = crate::common::node(
        "serve_check.mjs",
        &[addr.as_ref(), report.as_os_str()],
        SETUP,
    );
    let (said, errors) = (&o.stdout, &o.stderr);
    println!("{said}{errors}");
    assert!(
        o.passed,
        "folio serve failed in the browser:\n{said}{errors}"
    );

    // Ctrl+C: a clean stop.
    // SAFETY: kill(2) with the pid of the child this test started.
    assert_eq!(unsafe { libc::kill(pid as i32, libc::SIGINT) }, 0);
    let mut child = guard.0.take().unwrap();
    let stopped = Instant::now();
    let exit = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if stopped.elapsed() > Duration::from_secs(10) {
            let _ = child.kill();
            panic!("folio serve did not stop within 10 s of Ctrl+C");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(exit.success(), "Ctrl+C ended folio serve with {exit}");
    // Until stdout closes (the reader thread then drops its sender).
    let mut rest = Vec::new();
    while let Ok(line) = lines.recv_timeout(Duration::from_secs(5)) {
        rest.push(line);
    }
    assert!(
        rest.iter().any(|l| l == "stopped serving"),
        "no closing message after Ctrl+C: {rest:?}"
    );
    assert!(
        TcpListener::bind(&addr).is_ok(),
        "port {addr} still taken after Ctrl+C"
    );
}

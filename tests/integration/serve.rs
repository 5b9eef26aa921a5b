//! `folio serve` as a browser meets it, over plain HTTP: pages with the
//! live script, a rebuild announced within 2 s of a save, the problems of
//! an invalid save and their clearing, and nothing outside the folder.

use crate::common::folio;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

struct Serve {
    child: Child,
    addr: String,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &std::path::Path) -> Serve {
    let mut child = folio()
        .args(["serve", "report.toml", "--port", "0", "--out", "out"])
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = address(&lines.next().unwrap().unwrap());
    // Keep reading stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Serve { child, addr }
}

/// The `host:port` in serve's first line ("serving http://127.0.0.1:PORT/ …").
pub(crate) fn address(first: &str) -> String {
    first
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .to_string()
}

/// A raw request (no client-side path clean-up): status code and body.
fn request(addr: &str, method: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    s.read_to_end(&mut bytes).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let code = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_string());
    (code, body)
}

/// The event stream: each `data:` line's JSON as it comes.
fn next_status(r: &mut BufReader<TcpStream>) -> serde_json::Value {
    let mut line = String::new();
    loop {
        line.clear();
        assert!(
            r.read_line(&mut line).unwrap() > 0,
            "the event stream ended"
        );
        if let Some(data) = line.strip_prefix("data: ") {
            return serde_json::from_str(data.trim()).unwrap();
        }
    }
}

#[test]
fn the_preview_reloads_on_a_save_shows_problems_and_serves_nothing_outside() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("report.toml").unwrap();
    std::fs::write(dir.path().join("report.toml"), &text).unwrap();
    std::fs::write(dir.path().join("secret.txt"), "not for the web").unwrap();
    let serve = start(dir.path());

    let events = TcpStream::connect(&serve.addr).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut w = events.try_clone().unwrap();
    write!(w, "GET /__folio/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut events = BufReader::new(events);
    // The address is printed before the first build ends (generation 0).
    let mut first = next_status(&mut events);
    if first["generation"] == 0 {
        first = next_status(&mut events);
    }
    assert_eq!(first["generation"], 1, "{first}");

    let (code, index) = request(&serve.addr, "GET", "/");
    assert_eq!(code, 200);
    assert!(
        index.contains("<script src=\"/__folio/live.js\" data-generation=\"1\" defer></script>")
    );
    assert_eq!(
        request(&serve.addr, "GET", "/annual-report-2023.pdf").0,
        200
    );
    for bad in [
        "/../report.toml",
        "/%2e%2e/report.toml",
        "/..%2freport.toml",
        "/../secret.txt",
        "/.folio-manifest",
    ] {
        assert_eq!(request(&serve.addr, "GET", bad).0, 404, "{bad}");
    }
    assert_eq!(request(&serve.addr, "POST", "/").0, 405);
    assert_eq!(request(&serve.addr, "HEAD", "/index.html").0, 200);

    // A save: the open page hears of the new build within 2 s.
    let title = "ICLEI-UNDRR Disaster Resilience Building Series";
    let edited = text.replacen(
        &format!("title = \"{title}\""),
        &format!("title = \"{title} (moved)\""),
        1,
    );
    let saved = Instant::now();
    std::fs::write(dir.path().join("report.toml"), &edited).unwrap();
    let next = next_status(&mut events);
    assert!(
        saved.elapsed() < Duration::from_secs(2),
        "{:?}",
        saved.elapsed()
    );
    assert_eq!(next["generation"], 2, "{next}");
    let (_, page) = request(&serve.addr, "GET", "/overview.html");
    assert!(page.contains(&format!("{title} (moved)")));

    // A broken save: the problems, located; the last good edition stays.
    let broken = edited.replacen("year = 2023", "year = \"twenty\"", 1);
    std::fs::write(dir.path().join("report.toml"), &broken).unwrap();
    let bad = next_status(&mut events);
    let line = broken[..broken.find("year = \"twenty\"").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert!(
        bad["error"]
            .as_str()
            .unwrap()
            .contains(&format!("report.toml:{line}:")),
        "{bad}"
    );
    assert_eq!(request(&serve.addr, "GET", "/overview.html").0, 200);

    // Fixed: no problems, a new build.
    std::fs::write(dir.path().join("report.toml"), &edited).unwrap();
    let fixed = next_status(&mut events);
    assert!(
        fixed["error"].is_null() && fixed["generation"] == 3,
        "{fixed}"
    );
}

//! `folio serve`: the web edition at `http://127.0.0.1:PORT/` while someone
//! edits report.toml. Builds everything as `folio watch` does; each page
//! the preview serves carries a small script that listens for rebuilds
//! (server-sent events) and reloads itself, or shows the problems as a
//! banner over the last good edition while the file is invalid. The
//! script is added as pages are served, never to the files written, so
//! the edition itself stays free of JavaScript.
//!
//! Safe to leave running: it listens on the loopback interface only,
//! answers GET and HEAD, and serves only regular files inside the web
//! edition's folder (and the PDF and workbooks beside it, which the
//! edition links to): `..`, hidden names, encoded dots and symbolic links
//! that lead out are 404.

use crate::load::Options;
use crate::watch::{self, Also, Status};
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// What the pages learn from the server: a count of good builds (a page
/// reloads when it grows) and the problems while the report is invalid.
#[derive(Debug, Default)]
struct State {
    generation: u64,
    error: Option<String>,
    /// The web edition's folder inside the output folder.
    web: Option<String>,
}

type Shared = Arc<(Mutex<State>, Condvar)>;

/// The script served pages get: reload after a good build, a banner with
/// the problems after a bad one.
const LIVE_JS: &str = r#"(function () {
  var first = null, banner = null;
  function show(text) {
    if (!banner) {
      banner = document.createElement("pre");
      banner.id = "folio-problems";
      banner.setAttribute("role", "alert");
      banner.style.cssText = "position:fixed;left:0;right:0;bottom:0;z-index:99;margin:0;max-height:50vh;overflow:auto;padding:1rem;background:#fff3f3;color:#6b0000;border-top:4px solid #b00020;font:14px/1.4 monospace;white-space:pre-wrap";
      document.body.appendChild(banner);
    }
    banner.textContent = text;
  }
  var events = new EventSource("/__folio/events");
  events.addEventListener("status", function (e) {
    var s = JSON.parse(e.data);
    if (first === null) first = s.generation;
    if (s.error) { show(s.error); return; }
    if (s.generation !== first) location.reload();
    else if (banner) { banner.remove(); banner = null; }
  });
})();
"#;

/// Builds, serves and rebuilds until the process is stopped. `port` 0
/// picks a free port; the address is printed either way.
pub fn run(
    report: &Path,
    out: &Path,
    opts: &Options,
    port: u16,
    open: bool,
    also: Also,
) -> Result<(), String> {
    let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(|e| {
        format!("cannot listen on 127.0.0.1:{port}: {e}; expected a free port (try --port 0)")
    })?;
    let addr = server
        .server_addr()
        .to_ip()
        .map_or_else(|| format!("127.0.0.1:{port}"), |a| a.to_string());
    let shared: Shared = Arc::new((Mutex::new(State::default()), Condvar::new()));
    let out_abs = std::path::absolute(out).map_err(|e| e.to_string())?;
    {
        let shared = shared.clone();
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let (shared, out) = (shared.clone(), out_abs.clone());
                std::thread::spawn(move || respond(request, &shared, &out));
            }
        });
    }
    println!("serving the web edition at http://{addr}/ (Ctrl+C stops)");
    if open {
        // Best effort: a desktop's opener, if there is one.
        let opener = if cfg!(target_os = "macos") {
            "open"
        } else {
            "xdg-open"
        };
        let _ = std::process::Command::new(opener)
            .arg(format!("http://{addr}/"))
            .spawn();
    }
    let also = Also { html: true, ..also };
    watch::run_with(report, out, opts, also, &mut |status| {
        let (lock, changed) = &*shared;
        let mut s = lock.lock().unwrap_or_else(|e| e.into_inner());
        match status {
            Status::Built(web) => {
                s.generation += 1;
                s.error = None;
                s.web = web;
            }
            Status::Failed(text) => s.error = Some(text),
        }
        changed.notify_all();
    })
}

fn respond(request: tiny_http::Request, shared: &Shared, out: &Path) {
    use tiny_http::{Header, Method, Response};
    let header = |k: &str, v: &str| Header::from_bytes(k.as_bytes(), v.as_bytes()).ok();
    if !matches!(request.method(), Method::Get | Method::Head) {
        let r = Response::from_string("only GET and HEAD\n").with_status_code(405);
        let _ = request.respond(r.with_header(header("Allow", "GET, HEAD").unwrap()));
        return;
    }
    let url = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_string();
    match url.as_str() {
        "/__folio/live.js" => {
            let r = Response::from_string(LIVE_JS)
                .with_header(header("Content-Type", "text/javascript; charset=utf-8").unwrap());
            let _ = request.respond(r);
            return;
        }
        "/__folio/events" => {
            // Written straight to the connection and flushed event by
            // event (a response body would sit in tiny_http's 8 KB chunk
            // buffer); the stream ends when the page goes.
            let mut events = Events {
                shared: shared.clone(),
                seen: None,
            };
            let mut w = request.into_writer();
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
            let mut chunk = head.as_bytes().to_vec();
            loop {
                if w.write_all(&chunk).and_then(|()| w.flush()).is_err() {
                    return;
                }
                chunk = events.next_event();
            }
        }
        _ => {}
    }
    let web = shared
        .0
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .web
        .clone();
    let Some(path) = resolve(out, web.as_deref(), &url) else {
        let _ = request.respond(Response::from_string("not found\n").with_status_code(404));
        return;
    };
    let Ok(mut bytes) = std::fs::read(&path) else {
        let _ = request.respond(Response::from_string("not found\n").with_status_code(404));
        return;
    };
    let kind = content_type(&path);
    if kind.starts_with("text/html") {
        bytes = with_live_script(&bytes);
    }
    // tiny_http sends no body for HEAD, with the length GET would have.
    let r = Response::from_data(bytes)
        .with_header(header("Content-Type", kind).unwrap())
        .with_header(header("Cache-Control", "no-store").unwrap());
    let _ = request.respond(r);
}

/// The file a URL path names: inside the web edition's folder (a folder's
/// `index.html`), else one of the outputs beside it; None for anything
/// that is not a regular file inside those folders.
fn resolve(out: &Path, web: Option<&str>, url: &str) -> Option<PathBuf> {
    let path = percent_decode(url)?;
    let mut parts = Vec::new();
    for c in Path::new(&path).components() {
        match c {
            Component::RootDir => {}
            // Hidden names (the manifest, temporaries) and anything that
            // climbs are not served.
            Component::Normal(n) if !n.to_string_lossy().starts_with('.') => parts.push(n),
            _ => return None,
        }
    }
    let roots = web
        .map(|w| out.join(w))
        .into_iter()
        .chain([out.to_path_buf()]);
    for root in roots {
        let Ok(root) = root.canonicalize() else {
            continue;
        };
        let mut p = root.clone();
        p.extend(&parts);
        if p.is_dir() {
            p.push("index.html");
        }
        match p.canonicalize() {
            Ok(real) if real.starts_with(&root) && real.is_file() => return Some(real),
            _ => continue,
        }
    }
    None
}

/// `%2e` and friends decoded; None for a malformed escape or a NUL.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok().filter(|s| !s.contains('\0'))
}

fn content_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ttf" => "font/ttf",
        "pdf" => "application/pdf",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn with_live_script(html: &[u8]) -> Vec<u8> {
    let tag = b"<script src=\"/__folio/live.js\" defer></script>\n";
    match html.windows(7).position(|w| w == b"</head>") {
        Some(at) => [&html[..at], &tag[..], &html[at..]].concat(),
        None => [html, &tag[..]].concat(),
    }
}

/// A server-sent event stream: the state now, then again after every
/// build (and a comment every 15 s, so a closed page is noticed).
struct Events {
    shared: Shared,
    seen: Option<(u64, Option<String>)>,
}

impl Events {
    /// Waits for the next thing to tell the page.
    fn next_event(&mut self) -> Vec<u8> {
        let (lock, changed) = &*self.shared;
        let mut s = lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            let now = (s.generation, s.error.clone());
            if self.seen.as_ref() != Some(&now) {
                let data = serde_json::json!({ "generation": now.0, "error": now.1 });
                self.seen = Some(now);
                return format!("event: status\ndata: {data}\n\n").into_bytes();
            }
            let (guard, timeout) = changed
                .wait_timeout(s, Duration::from_secs(15))
                .unwrap_or_else(|e| e.into_inner());
            s = guard;
            if timeout.timed_out() {
                return b": still here\n\n".to_vec();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_outside_the_folders_is_served() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("web")).unwrap();
        std::fs::write(out.join("web/index.html"), "<html><head></head></html>").unwrap();
        std::fs::write(out.join("report.pdf"), "%PDF").unwrap();
        std::fs::write(out.join(".folio-manifest"), "x").unwrap();
        std::fs::write(dir.path().join("report.toml"), "secret").unwrap();
        std::os::unix::fs::symlink(dir.path().join("report.toml"), out.join("web/link.html"))
            .unwrap();
        let r = |u: &str| resolve(&out, Some("web"), u);
        assert!(r("/").unwrap().ends_with("web/index.html"));
        assert!(r("/report.pdf").unwrap().ends_with("out/report.pdf"));
        for bad in [
            "/../report.toml",
            "/%2e%2e/report.toml",
            "/web/%2E%2E/%2e%2e/report.toml",
            "/.folio-manifest",
            "/link.html",
            "/%00",
            "/%zz",
            "/nothing.html",
        ] {
            assert_eq!(r(bad), None, "{bad}");
        }
    }

    #[test]
    fn served_pages_get_the_live_script_before_head_ends() {
        let page = with_live_script(b"<html><head><title>x</title></head><body></body></html>");
        let text = String::from_utf8(page).unwrap();
        assert!(text.contains("<script src=\"/__folio/live.js\" defer></script>\n</head>"));
    }
}

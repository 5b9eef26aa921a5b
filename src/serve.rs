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
//! that lead out are 404. Ctrl+C stops it cleanly (after a build that is
//! writing its files has finished), with exit status 0.

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
  // The build the page was served from, stamped on its script tag when
  // served: a page read just before a rebuild finished, whose event stream
  // opened after, still reloads (taking the first status's count instead
  // would miss that rebuild).
  var script = document.currentScript;
  var served = script ? Number(script.dataset.generation) : NaN;
  var banner = null;
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
    if (isNaN(served)) served = s.generation;
    if (s.error) { show(s.error); return; }
    if (s.generation > served) location.reload();
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
    // Before any thread starts, so every thread inherits the mask and the
    // stop signals reach only the waiting thread.
    stop_on_signal(out)?;
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

/// Ctrl+C (SIGINT) and SIGTERM stop the server cleanly: a thread waits
/// for either, then takes the output folder's lock, so a build that is
/// renaming its files into place finishes first and the folder holds one
/// whole build, says so and exits with status 0 (the port is freed with
/// the process). The signals are blocked in every thread and taken with
/// `sigwait`, so nothing runs in a signal handler.
#[cfg(unix)]
fn stop_on_signal(out: &Path) -> Result<(), String> {
    // SAFETY: sigset_t is plain data, initialised by sigemptyset before use.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    // SAFETY: valid pointers to a local set; pthread_sigmask changes only
    // this thread's mask (the threads started after inherit it).
    let rc = unsafe {
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::sigaddset(&mut set, libc::SIGTERM);
        libc::pthread_sigmask(libc::SIG_BLOCK, &set, std::ptr::null_mut())
    };
    if rc != 0 {
        return Err(format!(
            "cannot set up Ctrl+C handling: {}",
            std::io::Error::from_raw_os_error(rc)
        ));
    }
    let lock = out.join(crate::output::LOCK);
    std::thread::spawn(move || {
        let mut signal = 0;
        // SAFETY: `set` lives in this closure; `signal` is a valid out
        // pointer.
        while unsafe { libc::sigwait(&set, &mut signal) } != 0 {}
        // Held until the process ends (an error means no folder yet, so
        // no build to wait for).
        let _held = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock)
            .and_then(|f| f.lock().map(|()| f));
        println!("stopped serving");
        std::process::exit(0);
    });
    Ok(())
}

/// Elsewhere the default handling stops the server.
#[cfg(not(unix))]
fn stop_on_signal(_out: &Path) -> Result<(), String> {
    Ok(())
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
    // The count is read before the file: the files on disk are at least
    // that build's (the count grows after they are written), so a page
    // that reloads on any later count never misses a rebuild.
    let (web, generation) = {
        let s = shared.0.lock().unwrap_or_else(|e| e.into_inner());
        (s.web.clone(), s.generation)
    };
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
        bytes = with_live_script(&bytes, generation);
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

/// `html` with the live script before `</head>`, stamped with the build
/// it was served from.
fn with_live_script(html: &[u8], generation: u64) -> Vec<u8> {
    let tag = format!(
        "<script src=\"/__folio/live.js\" data-generation=\"{generation}\" defer></script>\n"
    );
    let tag = tag.as_bytes();
    match html.windows(7).position(|w| w == b"</head>") {
        Some(at) => [&html[..at], tag, &html[at..]].concat(),
        None => [html, tag].concat(),
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
        let page = with_live_script(
            b"<html><head><title>x</title></head><body></body></html>",
            3,
        );
        let text = String::from_utf8(page).unwrap();
        assert!(text.contains(
            "<script src=\"/__folio/live.js\" data-generation=\"3\" defer></script>\n</head>"
        ));
    }
}

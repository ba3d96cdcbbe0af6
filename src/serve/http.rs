//! HTTP for the dev server (tiny_http): static files from the server's own
//! output folder with correct MIME types, `index.html` for folders, a
//! redirect to the trailing-slash URL, the site's 404 page with status 404,
//! no caching of HTML, the reload script and error overlay injected into
//! every HTML page, and the reload WebSocket on the same port.
//!
//! Nothing outside the output folder is ever returned: `..` (also
//! percent-encoded), backslashes, NUL and absolute paths are refused, and the
//! resolved file must still lie inside the folder after symlinks are
//! followed.

use super::State;
use crate::diagnostics::Diagnostic;
use crate::markdown::escape;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use tiny_http::{Header, Request, Response, StatusCode};

const CLIENT_JS: &str = include_str!("livereload.js");
/// URL of the reload script.
pub const CLIENT_PATH: &str = "/__onramp/livereload.js";
/// URL of the reload WebSocket.
pub const SOCKET_PATH: &str = "/__onramp/ws";

/// Answers one request.
pub fn handle(request: Request, state: &State) {
    let raw = request.url().to_string();
    let (path, query) = raw.split_once('?').map_or((raw.as_str(), ""), |(p, q)| (p, q));
    if path == SOCKET_PATH {
        return upgrade(request, state);
    }
    let response = if path == CLIENT_PATH {
        bytes(200, "text/javascript; charset=utf-8", CLIENT_JS.as_bytes().to_vec(), false)
    } else {
        match resolve(&state.out, path) {
            Resolved::File(file) => file_response(&file, 200, state),
            Resolved::Redirect => {
                let location = if query.is_empty() { format!("{path}/") } else { format!("{path}/?{query}") };
                Response::from_data(Vec::new()).with_status_code(301).with_header(header("Location", &location))
            }
            Resolved::NotFound => not_found(path, state),
        }
    };
    // A client that went away mid-response is not an error worth reporting.
    let _ = request.respond(response);
}

/// Where a URL path leads inside the output folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A file to send.
    File(PathBuf),
    /// A folder asked for without its trailing slash.
    Redirect,
    /// Nothing, or something outside the folder.
    NotFound,
}

/// Maps a URL path to a file of `root`, refusing anything that escapes it.
pub fn resolve(root: &Path, url_path: &str) -> Resolved {
    let Some(decoded) = percent_decode(url_path) else { return Resolved::NotFound };
    if decoded.contains('\\') || decoded.contains('\0') || !decoded.starts_with('/') {
        return Resolved::NotFound;
    }
    let segments: Vec<&str> = decoded.split('/').filter(|s| !s.is_empty()).collect();
    if segments.iter().any(|s| *s == ".." || *s == "." || s.contains(':')) {
        return Resolved::NotFound;
    }
    let Ok(root) = std::fs::canonicalize(root) else { return Resolved::NotFound };
    let candidate = segments.iter().fold(root.clone(), |p, s| p.join(s));
    let Ok(real) = std::fs::canonicalize(&candidate) else { return Resolved::NotFound };
    if !real.starts_with(&root) {
        return Resolved::NotFound;
    }
    if real.is_dir() {
        if !decoded.ends_with('/') {
            return Resolved::Redirect;
        }
        let index = real.join("index.html");
        return if index.is_file() { Resolved::File(index) } else { Resolved::NotFound };
    }
    if real.is_file() { Resolved::File(real) } else { Resolved::NotFound }
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// MIME type by file extension.
pub fn mime(path: &Path) -> &'static str {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes("X-Onramp", "1").expect("static header"))
}

fn bytes(status: u16, content_type: &str, body: Vec<u8>, html: bool) -> Response<Cursor<Vec<u8>>> {
    let cache = if html { "no-store" } else { "no-cache" };
    Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", cache))
}

fn file_response(file: &Path, status: u16, state: &State) -> Response<Cursor<Vec<u8>>> {
    let Ok(body) = std::fs::read(file) else { return not_found_plain() };
    let kind = mime(file);
    if kind.starts_with("text/html") {
        let html = inject(&String::from_utf8_lossy(&body), &state.errors());
        return bytes(status, kind, html.into_bytes(), true);
    }
    bytes(status, kind, body, false)
}

fn not_found_plain() -> Response<Cursor<Vec<u8>>> {
    bytes(404, "text/plain; charset=utf-8", b"404 Not Found\n".to_vec(), false)
}

/// The site's 404 page (in the URL's language), with status 404.
fn not_found(path: &str, state: &State) -> Response<Cursor<Vec<u8>>> {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let prefix = state.language_prefixes.iter().find(|p| !p.is_empty() && p.trim_end_matches('/') == first);
    let page = state.out.join(prefix.map_or("", String::as_str)).join("404.html");
    if page.is_file() {
        return file_response(&page, 404, state);
    }
    let errors = state.errors();
    if !errors.is_empty() {
        let html = inject(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>onramp</title></head><body></body></html>",
            &errors,
        );
        return bytes(500, "text/html; charset=utf-8", html.into_bytes(), true);
    }
    not_found_plain()
}

/// Adds the reload script, and the error overlay when the last build failed.
pub fn inject(html: &str, errors: &[Diagnostic]) -> String {
    let mut extra = format!("<script src=\"{CLIENT_PATH}\"></script>");
    if !errors.is_empty() {
        extra.push_str(&overlay(errors));
    }
    match html.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]),
        None => format!("{html}{extra}"),
    }
}

/// The error overlay. The dev server's own words are English, like the
/// diagnostics it shows.
fn overlay(errors: &[Diagnostic]) -> String {
    let count = errors.iter().filter(|d| d.is_error()).count();
    let items: String = errors
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("<li><pre>{}</pre></li>", escape(&d.to_string())))
        .collect();
    format!(
        "<div id=\"onramp-error-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#f8f8f2;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;padding:2rem\">\
<h2 style=\"color:#ff6b6b;margin:0 0 1rem\">onramp: the last change has {count} error{}; showing the last good build</h2>\
<ol style=\"padding-inline-start:1.5rem\">{items}</ol></div>",
        if count == 1 { "" } else { "s" }
    )
}

fn upgrade(request: Request, state: &State) {
    let key =
        request.headers().iter().find(|h| h.field.equiv("Sec-WebSocket-Key")).map(|h| h.value.as_str().to_string());
    let Some(key) = key else {
        let _ = request.respond(bytes(400, "text/plain", b"expected a WebSocket upgrade\n".to_vec(), false));
        return;
    };
    let accept = tungstenite::handshake::derive_accept_key(key.as_bytes());
    let response = Response::new_empty(StatusCode(101)).with_header(header("Sec-WebSocket-Accept", &accept));
    let stream = request.upgrade("websocket", response);
    state.hub.serve_socket(stream);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolution_stays_inside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("out");
        std::fs::create_dir_all(root.join("guide")).unwrap();
        std::fs::write(root.join("guide/index.html"), "x").unwrap();
        std::fs::write(root.join("a.css"), "x").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "s").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("link.txt")).unwrap();
        assert_eq!(resolve(&root, "/a.css"), Resolved::File(std::fs::canonicalize(root.join("a.css")).unwrap()));
        assert_eq!(resolve(&root, "/guide"), Resolved::Redirect);
        assert!(matches!(resolve(&root, "/guide/"), Resolved::File(_)));
        for bad in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/guide/%2E%2E/%2e%2e/secret.txt",
            "/..%2fsecret.txt",
            "/guide\\..\\..\\secret.txt",
            "/link.txt",
            "//etc/passwd",
            "/%00",
            "/%zz",
        ] {
            assert_eq!(resolve(&root, bad), Resolved::NotFound, "{bad}");
        }
    }

    #[test]
    fn script_and_overlay_are_injected_before_body_end() {
        let d = Diagnostic::error("content/a.md", 1, 2, "bad <thing>");
        let html = inject("<html><body><p>x</p></body></html>", &[d]);
        assert!(html.contains("<script src=\"/__onramp/livereload.js\"></script><div id=\"onramp-error-overlay\""));
        assert!(html.contains("content/a.md:1:2: error: bad &lt;thing&gt;"));
        assert!(html.ends_with("</body></html>"));
    }
}

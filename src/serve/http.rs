//! HTTP for the dev server: static files from the server's own output
//! folder with correct MIME types, `index.html` for folders, a redirect to
//! the trailing-slash URL, the site's 404 page with status 404, no caching of
//! HTML, the reload script and error overlay injected into every HTML page,
//! and the reload WebSocket on the same port.
//!
//! A small HTTP/1.1 server on `std::net`: one thread per connection, for as
//! long as the connection lives (keep-alive; an idle connection is closed
//! after [`IDLE`]). Browsers open connections they may never use
//! (preconnects); with a thread of its own each such connection holds up
//! nothing else, where a fixed pool of threads could be taken by them while
//! a page request waits. `GET` and `HEAD` only.
//!
//! Nothing outside the output folder is ever returned: `..` (also
//! percent-encoded), backslashes, NUL and absolute paths are refused, and the
//! resolved file must still lie inside the folder after symlinks are
//! followed.

use super::State;
use super::reload::Hub;
use crate::diagnostics::Diagnostic;
use crate::markdown::escape;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

const CLIENT_JS: &str = include_str!("livereload.js");
/// URL of the reload script.
pub const CLIENT_PATH: &str = "/__onramp/livereload.js";
/// URL of the reload WebSocket.
pub const SOCKET_PATH: &str = "/__onramp/ws";

/// How long a kept-alive connection may stay idle.
pub const IDLE: Duration = Duration::from_secs(30);
/// The longest request head (request line and headers) accepted.
const MAX_HEAD: u64 = 64 * 1024;

/// Accepts connections until the listener fails, each on its own thread.
pub fn serve(listener: TcpListener, state: Arc<State>) {
    for stream in listener.incoming() {
        let Ok(stream) = stream else { continue };
        let state = Arc::clone(&state);
        std::thread::spawn(move || connection(stream, &state));
    }
}

/// A parsed request head.
#[derive(Debug, PartialEq, Eq)]
pub struct Request {
    /// `GET`, `HEAD`…
    pub method: String,
    /// The request target as sent (path and query).
    pub target: String,
    /// Header names (lower case) and values.
    pub headers: Vec<(String, String)>,
    /// HTTP/1.0 (closes after the response unless asked to keep alive).
    pub http10: bool,
}

impl Request {
    /// Value of header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    fn keep_alive(&self) -> bool {
        let connection = self.header("connection").unwrap_or("").to_ascii_lowercase();
        let has = |t: &str| connection.split(',').any(|c| c.trim() == t);
        if self.http10 { has("keep-alive") } else { !has("close") }
    }

    fn has_body(&self) -> bool {
        self.header("transfer-encoding").is_some() || self.header("content-length").is_some_and(|l| l.trim() != "0")
    }
}

/// Parses a request head (without its final empty line).
pub fn parse_head(head: &str) -> Option<Request> {
    let mut lines = head.split("\r\n").flat_map(|l| l.split('\n'));
    let mut parts = lines.next()?.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if method.is_empty() || target.is_empty() || parts.next().is_some() || !version.starts_with("HTTP/1.") {
        return None;
    }
    let mut headers = Vec::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
    }
    Some(Request { method: method.into(), target: target.into(), headers, http10: version == "HTTP/1.0" })
}

/// Reads one request head; `None` at the end of the connection, after
/// [`IDLE`], or when the head is too long.
fn read_head(reader: &mut BufReader<TcpStream>) -> Option<String> {
    let mut head = Vec::new();
    let mut limited = reader.by_ref().take(MAX_HEAD);
    loop {
        let before = head.len();
        let n = limited.read_until(b'\n', &mut head).ok()?;
        if n == 0 {
            return None;
        }
        let line = &head[before..];
        if line == b"\r\n" || line == b"\n" {
            if before == 0 {
                // Empty lines before a request are allowed (RFC 9112, 2.2).
                head.clear();
                continue;
            }
            head.truncate(before);
            return Some(String::from_utf8_lossy(&head).into_owned());
        }
        if !line.ends_with(b"\n") {
            return None;
        }
    }
}

/// Serves the requests of one connection, in order.
fn connection(stream: TcpStream, state: &State) {
    let _ = stream.set_read_timeout(Some(IDLE));
    let _ = stream.set_nodelay(true);
    let Ok(mut writer) = stream.try_clone() else { return };
    let mut reader = BufReader::new(stream);
    while let Some(head) = read_head(&mut reader) {
        let Some(request) = parse_head(&head) else {
            let _ = text(400, "bad request\n").write(&mut writer, false, false);
            return;
        };
        let path = request.target.split('?').next().unwrap_or("");
        if path == SOCKET_PATH {
            return upgrade(&request, reader, writer, state);
        }
        let reply = if request.method == "GET" || request.method == "HEAD" {
            with_range(answer(&request.target, state), request.header("range"))
        } else {
            text(405, "only GET and HEAD\n").with_header("Allow", "GET, HEAD")
        };
        // A request body is never read: the connection cannot go on after one.
        let keep = request.keep_alive() && !request.has_body();
        if reply.write(&mut writer, request.method == "HEAD", keep).is_err() || !keep {
            return;
        }
    }
}

/// A response, built in memory.
#[derive(Debug)]
pub struct Reply {
    /// Status code.
    pub status: u16,
    /// Headers besides Content-Length and Connection.
    pub headers: Vec<(&'static str, String)>,
    /// Body.
    pub body: Vec<u8>,
}

impl Reply {
    fn with_header(mut self, name: &'static str, value: &str) -> Reply {
        self.headers.push((name, value.to_string()));
        self
    }

    fn write(&self, w: &mut impl Write, head_only: bool, keep_alive: bool) -> std::io::Result<()> {
        let mut out = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (k, v) in &self.headers {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        out.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        out.push_str(if keep_alive { "Connection: keep-alive\r\n\r\n" } else { "Connection: close\r\n\r\n" });
        let mut bytes = out.into_bytes();
        if !head_only {
            bytes.extend_from_slice(&self.body);
        }
        w.write_all(&bytes)?;
        w.flush()
    }
}

/// The part of a file a `Range` header asks for: `bytes=FIRST-LAST`,
/// `bytes=FIRST-` or `bytes=-SUFFIX`, as a half-open byte range of a file of
/// `len` bytes. `None`: not a single byte range (send the whole file);
/// `Some(Err(()))`: a range that starts past the end (416).
pub fn byte_range(header: &str, len: u64) -> Option<Result<(u64, u64), ()>> {
    let spec = header.trim().strip_prefix("bytes=")?.trim();
    if spec.contains(',') {
        return None;
    }
    let (first, last) = spec.split_once('-')?;
    let (first, last) = (first.trim(), last.trim());
    let range = if first.is_empty() {
        let n: u64 = last.parse().ok()?;
        (len.saturating_sub(n), len)
    } else {
        let first: u64 = first.parse().ok()?;
        let end = if last.is_empty() { len } else { last.parse::<u64>().ok()?.saturating_add(1).min(len) };
        if end < first {
            return None;
        }
        (first, end)
    };
    Some(if range.0 >= len || range.0 >= range.1 { Err(()) } else { Ok(range) })
}

/// Answers a `Range` request of a file with its part (206), as static
/// hosts do; the search index reads its packs this way. Pages, whose body
/// the server changes, and errors are sent whole.
fn with_range(mut reply: Reply, range: Option<&str>) -> Reply {
    let is_page = reply.headers.iter().any(|(k, v)| *k == "Content-Type" && v.starts_with("text/html"));
    if reply.status != 200 || is_page {
        return reply;
    }
    reply.headers.push(("Accept-Ranges", "bytes".into()));
    let len = reply.body.len() as u64;
    match range.and_then(|r| byte_range(r, len)) {
        None => reply,
        Some(Ok((start, end))) => {
            reply.status = 206;
            reply.headers.push(("Content-Range", format!("bytes {start}-{}/{len}", end - 1)));
            reply.body = reply.body[start as usize..end as usize].to_vec();
            reply
        }
        Some(Err(())) => {
            Reply { status: 416, headers: vec![("Content-Range", format!("bytes */{len}"))], body: Vec::new() }
        }
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        101 => "Switching Protocols",
        200 => "OK",
        206 => "Partial Content",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        416 => "Range Not Satisfiable",
        500 => "Internal Server Error",
        _ => "",
    }
}

/// The answer to a `GET` of `target` (path and query).
pub fn answer(target: &str, state: &State) -> Reply {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path == CLIENT_PATH {
        return bytes(200, "text/javascript; charset=utf-8", CLIENT_JS.as_bytes().to_vec(), false);
    }
    match resolve(&state.out, path) {
        Resolved::File(file) => file_response(&file, 200, state),
        Resolved::Redirect => {
            let location = if query.is_empty() { format!("{path}/") } else { format!("{path}/?{query}") };
            Reply { status: 301, headers: vec![("Location", location)], body: Vec::new() }
        }
        Resolved::NotFound => not_found(path, state),
    }
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

fn bytes(status: u16, content_type: &str, body: Vec<u8>, html: bool) -> Reply {
    let cache = if html { "no-store" } else { "no-cache" };
    Reply { status, headers: vec![("Content-Type", content_type.into()), ("Cache-Control", cache.into())], body }
}

fn text(status: u16, body: &str) -> Reply {
    bytes(status, "text/plain; charset=utf-8", body.as_bytes().to_vec(), false)
}

fn file_response(file: &Path, status: u16, state: &State) -> Reply {
    let Ok(body) = std::fs::read(file) else { return not_found_plain() };
    let kind = mime(file);
    if kind.starts_with("text/html") {
        let html = inject(&String::from_utf8_lossy(&body), &state.errors());
        return bytes(status, kind, html.into_bytes(), true);
    }
    bytes(status, kind, body, false)
}

fn not_found_plain() -> Reply {
    text(404, "404 Not Found\n")
}

/// The site's 404 page (in the URL's language), with status 404.
fn not_found(path: &str, state: &State) -> Reply {
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

/// Answers the WebSocket handshake and serves the reload channel.
fn upgrade(request: &Request, reader: BufReader<TcpStream>, mut writer: TcpStream, state: &State) {
    let key = request.header("sec-websocket-key").filter(|_| {
        request.header("upgrade").is_some_and(|u| u.eq_ignore_ascii_case("websocket")) && request.method == "GET"
    });
    let Some(key) = key else {
        let _ = text(400, "expected a WebSocket upgrade\n").write(&mut writer, false, false);
        return;
    };
    let accept = tungstenite::handshake::derive_accept_key(key.as_bytes());
    let response = format!(
        "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
    );
    // Subscribed before the browser can see the connection open.
    let rx = state.hub.subscribe();
    if writer.write_all(response.as_bytes()).and_then(|()| writer.flush()).is_err() {
        return;
    }
    let leftover = reader.buffer().to_vec();
    let stream = reader.into_inner();
    Hub::serve_socket(rx, stream, leftover);
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
    fn byte_ranges_follow_rfc_9110() {
        assert_eq!(byte_range("bytes=0-9", 100), Some(Ok((0, 10))));
        assert_eq!(byte_range("bytes=90-", 100), Some(Ok((90, 100))));
        assert_eq!(byte_range("bytes=-5", 100), Some(Ok((95, 100))));
        assert_eq!(byte_range("bytes=95-200", 100), Some(Ok((95, 100))));
        assert_eq!(byte_range("bytes=100-", 100), Some(Err(())));
        assert_eq!(byte_range("bytes=-0", 100), Some(Err(())));
        // Not one byte range: the whole file is sent.
        assert_eq!(byte_range("bytes=0-1,5-6", 100), None);
        assert_eq!(byte_range("bytes=9-2", 100), None);
        assert_eq!(byte_range("items=0-1", 100), None);
        assert_eq!(byte_range("bytes=a-b", 100), None);
    }

    #[test]
    fn files_are_sent_in_part_and_pages_whole() {
        let file = || bytes(200, "application/octet-stream", b"0123456789".to_vec(), false);
        let r = with_range(file(), Some("bytes=2-4"));
        assert_eq!((r.status, &r.body[..]), (206, &b"234"[..]));
        assert!(r.headers.contains(&("Content-Range", "bytes 2-4/10".into())));
        let r = with_range(file(), None);
        assert_eq!((r.status, r.body.len()), (200, 10));
        assert!(r.headers.contains(&("Accept-Ranges", "bytes".into())));
        let r = with_range(file(), Some("bytes=10-"));
        assert_eq!((r.status, r.body.len()), (416, 0));
        assert!(r.headers.contains(&("Content-Range", "bytes */10".into())));
        let page = with_range(bytes(200, "text/html; charset=utf-8", b"<p>hi</p>".to_vec(), true), Some("bytes=0-1"));
        assert_eq!((page.status, page.body.len()), (200, 9));
        let missing = with_range(text(404, "no"), Some("bytes=0-0"));
        assert_eq!(missing.status, 404);
    }

    #[test]
    fn request_heads_parse_and_say_whether_to_keep_alive() {
        let r = parse_head("GET /a/b?x=1 HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, keep-alive\r\nX-Y:  z ").unwrap();
        assert_eq!((r.method.as_str(), r.target.as_str(), r.http10), ("GET", "/a/b?x=1", false));
        assert_eq!(r.header("x-y"), Some("z"));
        assert!(r.keep_alive() && !r.has_body());
        assert!(!parse_head("GET / HTTP/1.1\r\nConnection: close").unwrap().keep_alive());
        assert!(!parse_head("GET / HTTP/1.0").unwrap().keep_alive());
        assert!(parse_head("GET / HTTP/1.0\r\nConnection: Keep-Alive").unwrap().keep_alive());
        assert!(parse_head("POST / HTTP/1.1\r\nContent-Length: 3").unwrap().has_body());
        for bad in ["", "GET /", "GET / HTTP/2", "GET  / HTTP/1.1", "GET / HTTP/1.1\r\nno colon"] {
            assert_eq!(parse_head(bad), None, "{bad:?}");
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

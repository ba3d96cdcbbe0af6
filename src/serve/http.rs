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
//! a page request waits. `GET` and `HEAD` only. Request heads are parsed by
//! `httparse`, paths decoded by `percent-encoding`, `Range` headers read by
//! `http-range-header` and types guessed by `mime_guess`.
//!
//! Limits, so that no client (nor a page's many preconnects) can starve the
//! server or the rebuilds: at most [`MAX_CONNECTIONS`] connections (fewer when
//! the process may open few files: half its file limit), the oldest idle one
//! closed to make room for a new one (503 when none is idle); a request head
//! must arrive whole within [`HEAD_DEADLINE`] of its first byte; failed
//! `accept` calls (out of file descriptors) back off instead of spinning.
//!
//! Only requests for `localhost`, `*.localhost` or an IP address are
//! answered (403 otherwise), so that a web page whose name was made to
//! resolve to 127.0.0.1 (DNS rebinding) cannot read the site; the reload
//! WebSocket also checks `Origin`.
//!
//! Nothing outside the output folder is ever returned: `..` (also
//! percent-encoded), backslashes, NUL and absolute paths are refused, and the
//! resolved file must still lie inside the folder after symlinks are
//! followed. Redirects always name a path of this site (`/x/`, never `//x/`).

use super::State;
use super::reload::Hub;
use crate::diagnostics::Diagnostic;
use crate::escape::escape;
use std::collections::HashMap;
use std::fs::File;
use std::io::{ErrorKind, Read, Seek, SeekFrom, Write};
use std::net::{Ipv4Addr, Ipv6Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const CLIENT_JS: &str = include_str!("livereload.js");
/// URL of the reload script.
pub const CLIENT_PATH: &str = "/__onramp/livereload.js";
/// URL of the reload WebSocket.
pub const SOCKET_PATH: &str = "/__onramp/ws";

/// How long a kept-alive connection may stay idle.
pub const IDLE: Duration = Duration::from_secs(30);
/// How long a request head may take to arrive, from its first byte: a
/// client sending a byte at a time cannot hold a thread for longer.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// How long writing a response may stall on a client that does not read.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// Most connections open at once (lowered to half the file limit).
pub const MAX_CONNECTIONS: usize = 256;
/// The longest request head (request line and headers) accepted.
const MAX_HEAD: usize = 64 * 1024;
/// Most header lines in a request.
const MAX_HEADERS: usize = 64;
/// Waits after a failed `accept`: the first, and the longest.
const ACCEPT_PAUSE: (Duration, Duration) = (Duration::from_millis(10), Duration::from_secs(1));

/// Accepts connections until the process ends, each on its own thread.
pub fn serve(listener: TcpListener, state: Arc<State>) {
    let connections = Arc::new(Connections::new(connection_cap()));
    let mut pause = Duration::ZERO;
    loop {
        let stream = match listener.accept() {
            Ok((stream, _)) => stream,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => {
                // Most often out of file descriptors (EMFILE): the pending
                // connection stays queued, so trying again at once fails
                // again. Free an idle connection and wait, longer each time.
                connections.close_oldest_idle();
                pause = (pause * 2).clamp(ACCEPT_PAUSE.0, ACCEPT_PAUSE.1);
                std::thread::sleep(pause);
                continue;
            }
        };
        pause = Duration::ZERO;
        let stream = Arc::new(stream);
        let Some(id) = connections.admit(&stream) else {
            busy(&stream);
            continue;
        };
        let (state, conns) = (Arc::clone(&state), Arc::clone(&connections));
        let spawned = std::thread::Builder::new().name("onramp-http".into()).spawn({
            let stream = Arc::clone(&stream);
            move || {
                let _leave = Leave(&conns, id);
                connection(Conn { stream, buf: Vec::new(), id, conns: &conns }, &state);
            }
        });
        if spawned.is_err() {
            connections.leave(id);
            busy(&stream);
        }
    }
}

/// Answers 503 on a connection that cannot be served now.
fn busy(stream: &TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
    let reply = text(503, "too many connections; try again\n").with_header("Retry-After", "1");
    let _ = reply.write(&mut &*stream, false, false);
}

/// [`MAX_CONNECTIONS`], or half the process's file limit when that is less,
/// so that rebuilds can still open files when every connection is taken.
fn connection_cap() -> usize {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
        // SAFETY: getrlimit writes into the struct it is given.
        if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } == 0 && limit.rlim_cur != libc::RLIM_INFINITY {
            let half = usize::try_from(limit.rlim_cur / 2).unwrap_or(MAX_CONNECTIONS);
            return MAX_CONNECTIONS.min(half).max(8);
        }
    }
    MAX_CONNECTIONS
}

/// The open connections: how many, and which are idle since when, so that
/// the oldest idle one can be closed to make room.
struct Connections {
    cap: usize,
    next: AtomicU64,
    open: Mutex<HashMap<u64, Open>>,
}

struct Open {
    stream: Arc<TcpStream>,
    /// When it started waiting for a request; `None` while one is served.
    idle_since: Option<Instant>,
}

impl Connections {
    fn new(cap: usize) -> Connections {
        Connections { cap: cap.max(1), next: AtomicU64::new(0), open: Mutex::new(HashMap::new()) }
    }

    /// Registers a new connection (idle), closing the oldest idle one when
    /// the cap is reached; `None` when all are busy.
    fn admit(&self, stream: &Arc<TcpStream>) -> Option<u64> {
        let mut open = self.open.lock().ok()?;
        if open.len() >= self.cap && !close_oldest_idle(&mut open) {
            return None;
        }
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        open.insert(id, Open { stream: Arc::clone(stream), idle_since: Some(Instant::now()) });
        Some(id)
    }

    fn close_oldest_idle(&self) -> bool {
        self.open.lock().is_ok_and(|mut open| close_oldest_idle(&mut open))
    }

    fn set_idle(&self, id: u64, idle: bool) {
        if let Ok(mut open) = self.open.lock() {
            if let Some(c) = open.get_mut(&id) {
                c.idle_since = if idle { Some(c.idle_since.unwrap_or_else(Instant::now)) } else { None };
            }
        }
    }

    fn leave(&self, id: u64) {
        if let Ok(mut open) = self.open.lock() {
            open.remove(&id);
        }
    }
}

fn close_oldest_idle(open: &mut HashMap<u64, Open>) -> bool {
    let oldest = open.iter().filter_map(|(id, c)| Some((c.idle_since?, *id))).min();
    let Some((_, id)) = oldest else { return false };
    if let Some(c) = open.remove(&id) {
        // Its thread sees the end of the stream and leaves.
        let _ = c.stream.shutdown(std::net::Shutdown::Both);
    }
    true
}

/// Unregisters a connection when its thread ends.
struct Leave<'a>(&'a Connections, u64);

impl Drop for Leave<'_> {
    fn drop(&mut self) {
        self.0.leave(self.1);
    }
}

/// A connection's stream, shared with [`Connections`] (no file descriptor
/// is duplicated), and what was read of it past the last request.
struct Conn<'a> {
    stream: Arc<TcpStream>,
    buf: Vec<u8>,
    id: u64,
    conns: &'a Connections,
}

/// What reading the next request gave.
enum Next {
    Request(Request),
    /// A head that cannot be served: answer and close.
    Refuse(Reply),
    /// The client left or stayed idle too long.
    Closed,
}

impl Conn<'_> {
    /// Reads the next request head: within [`IDLE`] for its first byte and
    /// [`HEAD_DEADLINE`] from there for the rest.
    fn next_request(&mut self) -> Next {
        let mut deadline = None;
        loop {
            if !self.buf.is_empty() {
                if deadline.is_none() {
                    deadline = Some(Instant::now() + HEAD_DEADLINE);
                    self.conns.set_idle(self.id, false);
                }
                match parse_head(&self.buf) {
                    Ok(Some((request, len))) => {
                        self.buf.drain(..len);
                        return Next::Request(request);
                    }
                    Ok(None) if self.buf.len() > MAX_HEAD => {
                        return Next::Refuse(text(431, "request head too large\n"));
                    }
                    Ok(None) => {}
                    Err(httparse::Error::TooManyHeaders) => {
                        return Next::Refuse(text(431, "too many header lines\n"));
                    }
                    Err(_) => return Next::Refuse(text(400, "bad request\n")),
                }
            } else {
                self.conns.set_idle(self.id, true);
            }
            let wait = match deadline {
                None => IDLE,
                Some(d) => d.saturating_duration_since(Instant::now()),
            };
            if wait.is_zero() || self.stream.set_read_timeout(Some(wait)).is_err() {
                return self.too_slow(deadline);
            }
            let mut chunk = [0u8; 8192];
            match (&*self.stream).read(&mut chunk) {
                Ok(0) => return Next::Closed,
                Ok(n) => self.buf.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => return self.too_slow(deadline),
            }
        }
    }

    fn too_slow(&self, deadline: Option<Instant>) -> Next {
        match deadline {
            Some(_) => Next::Refuse(text(408, "the request head took too long\n")),
            None => Next::Closed,
        }
    }
}

/// Serves the requests of one connection, in order.
fn connection(mut conn: Conn<'_>, state: &State) {
    let _ = conn.stream.set_nodelay(true);
    let _ = conn.stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let stream = Arc::clone(&conn.stream);
    let mut writer = &*stream;
    loop {
        let request = match conn.next_request() {
            Next::Request(r) => r,
            Next::Refuse(reply) => {
                let _ = reply.write(&mut writer, false, false);
                return;
            }
            Next::Closed => return,
        };
        if let Err(reply) = check_host(&request) {
            let _ = reply.write(&mut writer, request.method == "HEAD", false);
            return;
        }
        let path = request.target.split('?').next().unwrap_or("");
        if path == SOCKET_PATH {
            return upgrade(&request, conn, state);
        }
        let reply = if request.method == "GET" || request.method == "HEAD" {
            answer(&request.target, request.header("range"), state)
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

/// Parses a request head at the start of `buf`: the request and the length
/// of its head, or `None` when the head is not complete yet.
pub fn parse_head(buf: &[u8]) -> Result<Option<(Request, usize)>, httparse::Error> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    let httparse::Status::Complete(len) = parsed.parse(buf)? else { return Ok(None) };
    let request = Request {
        method: parsed.method.unwrap_or_default().to_string(),
        target: parsed.path.unwrap_or_default().to_string(),
        headers: parsed
            .headers
            .iter()
            .map(|h| (h.name.to_ascii_lowercase(), String::from_utf8_lossy(h.value).trim().to_string()))
            .collect(),
        http10: parsed.version == Some(0),
    };
    Ok(Some((request, len)))
}

/// Whether a `Host` header (or the host of an `Origin`) names this machine
/// as only it can be named: `localhost`, a name under `.localhost`, or an
/// IP address (v4, or v6 in brackets), with any port. Other names could
/// have been made to resolve to 127.0.0.1 by a web page (DNS rebinding).
pub fn local_host(host: &str) -> bool {
    let host = host.trim();
    let port_ok = |p: &str| p.is_empty() || p.strip_prefix(':').is_some_and(|n| n.parse::<u16>().is_ok());
    if let Some(rest) = host.strip_prefix('[') {
        let Some((ip, after)) = rest.split_once(']') else { return false };
        return ip.parse::<Ipv6Addr>().is_ok() && port_ok(after);
    }
    let (name, port) = match host.find(':') {
        Some(i) => host.split_at(i),
        None => (host, ""),
    };
    let name = name.strip_suffix('.').unwrap_or(name).to_ascii_lowercase();
    let named = name == "localhost" || (name.len() > 10 && name.ends_with(".localhost"));
    port_ok(port) && (named || name.parse::<Ipv4Addr>().is_ok())
}

/// Refuses requests for another host name (403), and HTTP/1.1 requests
/// without a `Host` (400, RFC 9112 3.2); HTTP/1.0 ones may omit it.
fn check_host(request: &Request) -> Result<(), Reply> {
    match request.header("host") {
        None if request.http10 => Ok(()),
        None => Err(text(400, "a Host header is required\n")),
        Some(host) if local_host(host) => Ok(()),
        Some(_) => Err(text(
            403,
            "onramp serve answers only requests for localhost or an IP address \
             (such as 127.0.0.1); open the address it printed\n",
        )),
    }
}

/// A response: status, headers and a body in memory or a part of a file.
#[derive(Debug)]
pub struct Reply {
    /// Status code.
    pub status: u16,
    /// Headers besides Content-Length and Connection.
    pub headers: Vec<(&'static str, String)>,
    /// Body.
    pub body: Body,
}

/// What a [`Reply`] sends after its head.
#[derive(Debug)]
pub enum Body {
    /// Bytes built in memory (pages, errors).
    Bytes(Vec<u8>),
    /// `len` bytes of a file, from where it is positioned.
    File(File, u64),
}

impl Body {
    fn len(&self) -> u64 {
        match self {
            Body::Bytes(b) => b.len() as u64,
            Body::File(_, len) => *len,
        }
    }
}

impl Reply {
    fn with_header(mut self, name: &'static str, value: &str) -> Reply {
        self.headers.push((name, value.to_string()));
        self
    }

    #[cfg(test)]
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| *k == name).map(|(_, v)| v.as_str())
    }

    fn write(self, w: &mut impl Write, head_only: bool, keep_alive: bool) -> std::io::Result<()> {
        let mut out = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (k, v) in &self.headers {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        out.push_str(&format!("Content-Length: {}\r\n", self.body.len()));
        out.push_str(if keep_alive { "Connection: keep-alive\r\n\r\n" } else { "Connection: close\r\n\r\n" });
        let mut head = out.into_bytes();
        match self.body {
            Body::Bytes(b) if !head_only => {
                head.extend_from_slice(&b);
                w.write_all(&head)?;
            }
            Body::File(file, len) if !head_only => {
                w.write_all(&head)?;
                let sent = std::io::copy(&mut file.take(len), w)?;
                if sent != len {
                    // The file shrank: the promised length cannot be kept.
                    return Err(std::io::Error::from(ErrorKind::UnexpectedEof));
                }
            }
            _ => w.write_all(&head)?,
        }
        w.flush()
    }
}

/// The part of a file a `Range` header asks for, as a half-open byte range
/// of a file of `len` bytes. `None`: not one satisfiable-or-not byte range
/// (send the whole file, as RFC 9110 allows); `Some(Err(()))`: a range
/// that starts past the end (416).
pub fn byte_range(header: &str, len: u64) -> Option<Result<(u64, u64), ()>> {
    use http_range_header::RangeUnsatisfiableError;
    let ranges = http_range_header::parse_range_header(header.trim()).ok()?;
    if ranges.len() != 1 {
        return None;
    }
    match ranges.validate(len) {
        Ok(valid) => valid.first().map(|r| Ok((*r.start(), r.end() + 1))),
        Err(RangeUnsatisfiableError::Unsatisfiable) => Some(Err(())),
        Err(_) => None,
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        101 => "Switching Protocols",
        200 => "OK",
        206 => "Partial Content",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        416 => "Range Not Satisfiable",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// The answer to a `GET` of `target` (path and query), with its `Range`.
pub fn answer(target: &str, range: Option<&str>, state: &State) -> Reply {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if path == CLIENT_PATH {
        return bytes(200, "text/javascript; charset=utf-8", CLIENT_JS.as_bytes().to_vec(), false);
    }
    // A page made stale by a template save is rendered now, before it is read.
    if state.live.ensure(path) {
        state.set_errors(state.live.errors());
    }
    match resolve(&state.out, path) {
        Resolved::File(file) => file_response(&file, 200, range, state),
        Resolved::Redirect => {
            let location = redirect_target(path, query);
            Reply { status: 301, headers: vec![("Location", location)], body: Body::Bytes(Vec::new()) }
        }
        Resolved::NotFound => not_found(path, state),
    }
}

/// The trailing-slash URL of a folder, always a path of this site: leading
/// slashes are collapsed, since browsers read `//docs/` as the host `docs`.
pub fn redirect_target(path: &str, query: &str) -> String {
    let path = format!("/{}/", path.trim_start_matches('/'));
    if query.is_empty() { path } else { format!("{path}?{query}") }
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
    let Ok(decoded) = percent_encoding::percent_decode_str(url_path).decode_utf8() else {
        return Resolved::NotFound;
    };
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

/// MIME type by file extension (`mime_guess`), with `charset=utf-8` on text.
pub fn mime(path: &Path) -> String {
    let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let kind = match ext.as_str() {
        // mime_guess says application/javascript and text/xml; browsers
        // and RFC 9239 prefer these.
        "js" | "mjs" => "text/javascript",
        "xml" => "application/xml",
        _ => mime_guess::from_ext(&ext).first_raw().unwrap_or("application/octet-stream"),
    };
    if kind.starts_with("text/") { format!("{kind}; charset=utf-8") } else { kind.to_string() }
}

fn bytes(status: u16, content_type: &str, body: Vec<u8>, html: bool) -> Reply {
    let cache = if html { "no-store" } else { "no-cache" };
    Reply {
        status,
        headers: vec![("Content-Type", content_type.into()), ("Cache-Control", cache.into())],
        body: Body::Bytes(body),
    }
}

fn text(status: u16, body: &str) -> Reply {
    bytes(status, "text/plain; charset=utf-8", body.as_bytes().to_vec(), false)
}

/// A file: pages whole with the script (and overlay) injected; other files
/// straight from disk, only the part a `Range` asks for (as static hosts
/// do; the search index reads its packs this way).
fn file_response(file: &Path, status: u16, range: Option<&str>, state: &State) -> Reply {
    let kind = mime(file);
    if kind.starts_with("text/html") {
        let Ok(body) = std::fs::read(file) else { return not_found_plain() };
        let html = inject(&String::from_utf8_lossy(&body), &state.errors(), state.has_built());
        return bytes(status, &kind, html.into_bytes(), true);
    }
    let Ok(mut handle) = File::open(file) else { return not_found_plain() };
    let Ok(len) = handle.metadata().map(|m| m.len()) else { return not_found_plain() };
    let mut reply = bytes(status, &kind, Vec::new(), false);
    if status == 200 {
        reply.headers.push(("Accept-Ranges", "bytes".into()));
    }
    match range.filter(|_| status == 200).and_then(|r| byte_range(r, len)) {
        None => {
            reply.body = Body::File(handle, len);
            reply
        }
        Some(Ok((start, end))) => {
            if handle.seek(SeekFrom::Start(start)).is_err() {
                return not_found_plain();
            }
            reply.status = 206;
            reply.headers.push(("Content-Range", format!("bytes {start}-{}/{len}", end - 1)));
            reply.body = Body::File(handle, end - start);
            reply
        }
        Some(Err(())) => Reply {
            status: 416,
            headers: vec![("Content-Range", format!("bytes */{len}"))],
            body: Body::Bytes(Vec::new()),
        },
    }
}

fn not_found_plain() -> Reply {
    text(404, "404 Not Found\n")
}

/// The site's 404 page (in the URL's language), with status 404.
fn not_found(path: &str, state: &State) -> Reply {
    let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
    let prefix = state.language_prefixes.iter().find(|p| !p.is_empty() && p.trim_end_matches('/') == first);
    let page = state.out.join(prefix.map_or("", String::as_str)).join("404.html");
    if state.live.ensure_extras() {
        state.set_errors(state.live.errors());
    }
    if page.is_file() {
        return file_response(&page, 404, None, state);
    }
    let errors = state.errors();
    if !errors.is_empty() {
        let html = inject(
            "<!doctype html><html><head><meta charset=\"utf-8\"><title>onramp</title></head><body></body></html>",
            &errors,
            state.has_built(),
        );
        return bytes(500, "text/html; charset=utf-8", html.into_bytes(), true);
    }
    not_found_plain()
}

/// Adds the reload script, and the error overlay when the last build
/// failed; `built` says whether a build of this session succeeded (the
/// page behind the overlay is then the last good build).
pub fn inject(html: &str, errors: &[Diagnostic], built: bool) -> String {
    let mut extra = format!("<script src=\"{CLIENT_PATH}\"></script>");
    if !errors.is_empty() {
        extra.push_str(&overlay(errors, built));
    }
    match html.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]),
        None => format!("{html}{extra}"),
    }
}

/// The error overlay. The dev server's own words are English, like the
/// diagnostics it shows.
fn overlay(errors: &[Diagnostic], built: bool) -> String {
    let count = errors.iter().filter(|d| d.is_error()).count();
    let items: String = errors
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("<li><pre>{}</pre></li>", escape(&d.to_string())))
        .collect();
    let plural = if count == 1 { "" } else { "s" };
    let heading = if built {
        format!("onramp: the last change has {count} error{plural}; the page below is the last good build")
    } else {
        format!("onramp: the site has {count} error{plural} and has not built yet; fix them and save")
    };
    format!(
        "<div id=\"onramp-error-overlay\" role=\"alert\" style=\"position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgb(20,20,24);color:#f8f8f2;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;padding:2rem\">\
<button type=\"button\" onclick=\"this.parentNode.remove()\" style=\"float:right;font:inherit;color:#f8f8f2;background:#3a3a44;border:1px solid #8a8a96;border-radius:4px;padding:.25rem .75rem;cursor:pointer\">Dismiss</button>\
<h2 style=\"color:#ff8a8a;margin:0 0 1rem\">{heading}</h2>\
<ol style=\"padding-inline-start:1.5rem\">{items}</ol></div>"
    )
}

/// The URL path of the page a reload socket was opened from, which the
/// client sends as `?path=` (empty when it did not).
fn page_of_socket(target: &str) -> String {
    let query = target.split_once('?').map_or("", |(_, q)| q);
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("path="))
        .and_then(|v| percent_encoding::percent_decode_str(v).decode_utf8().ok())
        .map(|v| v.into_owned())
        .filter(|v| v.starts_with('/'))
        .unwrap_or_default()
}

/// A connection's stream as `Read + Write`, for the WebSocket.
struct Shared(Arc<TcpStream>);

impl Read for Shared {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        (&*self.0).read(buf)
    }
}

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        (&*self.0).write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        (&*self.0).flush()
    }
}

/// Answers the WebSocket handshake and serves the reload channel. A page
/// of another site must not listen in: an `Origin`, when sent, must name
/// a local host too.
fn upgrade(request: &Request, conn: Conn<'_>, state: &State) {
    let mut writer = &*conn.stream;
    if let Some(origin) = request.header("origin") {
        let host = origin.split_once("://").map_or("", |(_, h)| h);
        if !local_host(host) {
            let _ = text(403, "the reload channel is for pages of this server only\n").write(&mut writer, false, false);
            return;
        }
    }
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
    let rx = state.hub.subscribe(&page_of_socket(&request.target));
    if writer.write_all(response.as_bytes()).and_then(|()| writer.flush()).is_err() {
        return;
    }
    let _ = conn.stream.set_read_timeout(Some(IDLE));
    Hub::serve_socket(rx, Shared(Arc::clone(&conn.stream)), conn.buf);
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
            "/%ff",
        ] {
            assert_eq!(resolve(&root, bad), Resolved::NotFound, "{bad}");
        }
    }

    #[test]
    fn folder_redirects_never_leave_the_site() {
        assert_eq!(redirect_target("/guide", ""), "/guide/");
        assert_eq!(redirect_target("//docs", ""), "/docs/");
        assert_eq!(redirect_target("///evil.example/x", "a=1"), "/evil.example/x/?a=1");
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

    fn state(out: &Path) -> State {
        State {
            out: out.to_path_buf(),
            language_prefixes: Vec::new(),
            hub: Hub::default(),
            errors: std::sync::RwLock::new(Vec::new()),
            built: Default::default(),
            live: Default::default(),
        }
    }

    fn sent(reply: Reply) -> (u16, Vec<u8>) {
        let status = reply.status;
        let mut out = Vec::new();
        reply.write(&mut out, false, false).unwrap();
        let split = out.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        (status, out[split + 4..].to_vec())
    }

    #[test]
    fn files_are_sent_in_part_and_pages_whole() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("pack.bin"), "0123456789").unwrap();
        std::fs::write(dir.path().join("index.html"), "<p>hi</p>").unwrap();
        let state = state(dir.path());
        let r = answer("/pack.bin", Some("bytes=2-4"), &state);
        assert_eq!(r.header("Content-Range"), Some("bytes 2-4/10"));
        assert_eq!(sent(r), (206, b"234".to_vec()));
        let r = answer("/pack.bin", None, &state);
        assert_eq!(r.header("Accept-Ranges"), Some("bytes"));
        assert_eq!(sent(r), (200, b"0123456789".to_vec()));
        let r = answer("/pack.bin", Some("bytes=10-"), &state);
        assert_eq!(r.header("Content-Range"), Some("bytes */10"));
        assert_eq!(sent(r), (416, Vec::new()));
        let (status, body) = sent(answer("/", Some("bytes=0-1"), &state));
        assert_eq!(status, 200);
        assert!(body.starts_with(b"<p>hi</p><script"), "{}", String::from_utf8_lossy(&body));
        assert_eq!(answer("/missing.bin", Some("bytes=0-0"), &state).status, 404);
    }

    #[test]
    fn request_heads_parse_and_say_whether_to_keep_alive() {
        let parse = |h: &str| parse_head(h.as_bytes()).ok().flatten().map(|(r, _)| r);
        let head = "GET /a/b?x=1 HTTP/1.1\r\nHost: h\r\nConnection: Upgrade, keep-alive\r\nX-Y:  z \r\n\r\nGET /next";
        let (r, len) = parse_head(head.as_bytes()).unwrap().unwrap();
        assert_eq!(&head[len..], "GET /next");
        assert_eq!((r.method.as_str(), r.target.as_str(), r.http10), ("GET", "/a/b?x=1", false));
        assert_eq!(r.header("x-y"), Some("z"));
        assert!(r.keep_alive() && !r.has_body());
        assert!(!parse("GET / HTTP/1.1\r\nConnection: close\r\n\r\n").unwrap().keep_alive());
        assert!(!parse("GET / HTTP/1.0\r\n\r\n").unwrap().keep_alive());
        assert!(parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").unwrap().keep_alive());
        assert!(parse("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n").unwrap().has_body());
        assert!(parse("\r\nGET / HTTP/1.1\r\n\r\n").is_some(), "empty lines before a request are allowed");
        assert_eq!(parse_head(b"GET / HTTP/1.1\r\nHost: h\r\n").unwrap(), None, "not complete yet");
        for bad in ["GET / HTTP/2\r\n\r\n", "GET  / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\nno colon\r\n\r\n"] {
            assert!(parse_head(bad.as_bytes()).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn only_local_host_names_are_answered() {
        for ok in [
            "localhost",
            "LOCALHOST:8080",
            "docs.localhost:1313",
            "localhost.",
            "127.0.0.1:1313",
            "127.0.0.1",
            "192.168.1.20:80",
            "[::1]:1313",
            "[::1]",
        ] {
            assert!(local_host(ok), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:1313",
            "localhost.evil.example",
            "notlocalhost",
            ".localhost",
            "127.0.0.1.nip.io",
            "127.0.0.1:port",
            "[::1",
            "::1",
            "",
        ] {
            assert!(!local_host(bad), "{bad}");
        }
    }

    #[test]
    fn types_by_extension() {
        let m = |p: &str| mime(Path::new(p));
        assert_eq!(m("a.html"), "text/html; charset=utf-8");
        assert_eq!(m("a.CSS"), "text/css; charset=utf-8");
        assert_eq!(m("a.mjs"), "text/javascript; charset=utf-8");
        assert_eq!(m("sitemap.xml"), "application/xml");
        assert_eq!(m("a.woff2"), "font/woff2");
        assert_eq!(m("a.json"), "application/json");
        assert_eq!(m("pack"), "application/octet-stream");
    }

    #[test]
    fn script_and_overlay_are_injected_before_body_end() {
        let d = Diagnostic::error("content/a.md", 1, 2, "bad <thing>");
        let html = inject("<html><body><p>x</p></body></html>", std::slice::from_ref(&d), true);
        assert!(html.contains("<script src=\"/__onramp/livereload.js\"></script><div id=\"onramp-error-overlay\""));
        assert!(html.contains("content/a.md:1:2: error: bad &lt;thing&gt;"));
        assert!(html.contains(">Dismiss</button>"));
        assert!(html.contains("the page below is the last good build"));
        assert!(html.ends_with("</body></html>"));
        // Before the first good build, the overlay claims no good build.
        let first = inject("<html><body></body></html>", &[d], false);
        assert!(first.contains("has not built yet") && !first.contains("last good build"), "{first}");
    }
}

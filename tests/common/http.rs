//! A tiny static file server for browser tests: `GET` only, files from one
//! folder (`/a/` serves `a/index.html`), single byte ranges as static hosts
//! answer them (or, in [`Server::without_ranges`], the whole file as simple
//! servers do), the right Content-Type for the usual web files, 404
//! otherwise. It counts the bytes and the files it sends, so tests can
//! measure what a page downloads. Stopped when dropped.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::JoinHandle;

/// A server on 127.0.0.1 and a free port.
pub struct Server {
    addr: std::net::SocketAddr,
    stop: Arc<AtomicBool>,
    sent: Arc<AtomicU64>,
    files: Arc<AtomicU64>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Serves `root`.
    pub fn start(root: &Path) -> Server {
        Server::with_ranges(root, true)
    }

    /// Serves `root`, ignoring `Range` headers (like `python3 -m http.server`).
    #[allow(dead_code)]
    pub fn without_ranges(root: &Path) -> Server {
        Server::with_ranges(root, false)
    }

    fn with_ranges(root: &Path, ranges: bool) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let stop = Arc::new(AtomicBool::new(false));
        let sent = Arc::new(AtomicU64::new(0));
        let files = Arc::new(AtomicU64::new(0));
        let root = root.to_path_buf();
        let (stop2, sent2, files2) = (Arc::clone(&stop), Arc::clone(&sent), Arc::clone(&files));
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (root, sent, files) = (root.clone(), Arc::clone(&sent2), Arc::clone(&files2));
                std::thread::spawn(move || serve(stream, &root, ranges, &sent, &files));
            }
        });
        Server { addr, stop, sent, files, thread: Some(thread) }
    }

    /// `http://127.0.0.1:PORT` followed by `path`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// Body bytes sent so far.
    pub fn bytes_sent(&self) -> u64 {
        self.sent.load(Ordering::SeqCst)
    }

    /// Files (200 and 206 responses) sent so far.
    pub fn files_sent(&self) -> u64 {
        self.files.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Answers the requests of one connection, counting body bytes in `sent`
/// and files in `files`.
fn serve(stream: TcpStream, root: &Path, ranges: bool, sent: &AtomicU64, files: &AtomicU64) {
    let Ok(write_half) = stream.try_clone() else { return };
    let mut reader = BufReader::new(stream);
    let mut out = write_half;
    loop {
        let mut request = String::new();
        if reader.read_line(&mut request).unwrap_or(0) == 0 {
            return;
        }
        let mut keep_alive = true;
        let mut range = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            if line.trim().is_empty() {
                break;
            }
            let lower = line.to_ascii_lowercase();
            if lower.starts_with("connection:") && lower.contains("close") {
                keep_alive = false;
            }
            if let Some(v) = lower.strip_prefix("range:") {
                range = Some(v.trim().to_string());
            }
        }
        let mut parts = request.split_whitespace();
        let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
        let (mut status, ctype, mut body) = match (method, resolve(root, target)) {
            ("GET" | "HEAD", Some(path)) => match std::fs::read(&path) {
                Ok(b) => ("200 OK", content_type(&path), b),
                Err(_) => not_found(),
            },
            _ => not_found(),
        };
        let mut extra = String::new();
        if ranges && status.starts_with("200") {
            extra.push_str("Accept-Ranges: bytes\r\n");
            let len = body.len() as u64;
            match range.as_deref().and_then(|r| onramp::serve::http::byte_range(r, len)) {
                Some(Ok((start, end))) => {
                    status = "206 Partial Content";
                    extra.push_str(&format!("Content-Range: bytes {start}-{}/{len}\r\n", end - 1));
                    body = body[start as usize..end as usize].to_vec();
                }
                Some(Err(())) => {
                    status = "416 Range Not Satisfiable";
                    extra.push_str(&format!("Content-Range: bytes */{len}\r\n"));
                    body = Vec::new();
                }
                None => {}
            }
        }
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\n{extra}Connection: {}\r\n\r\n",
            body.len(),
            if keep_alive { "keep-alive" } else { "close" }
        );
        let body = if method == "HEAD" { &[][..] } else { &body[..] };
        if out.write_all(head.as_bytes()).and_then(|_| out.write_all(body)).is_err() {
            return;
        }
        sent.fetch_add(body.len() as u64, Ordering::SeqCst);
        if status.starts_with("20") {
            files.fetch_add(1, Ordering::SeqCst);
        }
        if !keep_alive {
            return;
        }
    }
}

fn not_found() -> (&'static str, &'static str, Vec<u8>) {
    ("404 Not Found", "text/plain; charset=utf-8", b"not found".to_vec())
}

/// The file for a request target, confined to `root`.
fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_decode(path)?;
    let rel = Path::new(decoded.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = root.join(rel);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Content-Type by extension.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "bin" => "application/octet-stream",
        _ => "application/octet-stream",
    }
}

//! A running `onramp serve` for the integration tests: started on a fixture
//! copy with port 0, its output read on threads, plain HTTP requests and a
//! WebSocket client for the reload channel.

use super::Site;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// A running `onramp serve`, killed on drop.
pub struct Serve {
    child: Child,
    pub addr: SocketAddr,
    lines: Receiver<String>,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    #[allow(clippy::zombie_processes)] // Drop kills and waits.
    /// Starts `onramp serve` on `site` and waits until it prints its URL.
    pub fn start(site: &Site, extra: &[&str]) -> Serve {
        let port: &[&str] = if extra.contains(&"--port") { &[] } else { &["--port", "0"] };
        let mut child = super::onramp()
            .arg("serve")
            .arg(site.root())
            .args(port)
            .args(extra)
            .env("TMPDIR", site.dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start onramp serve");
        let (tx, rx) = channel();
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        let tx2 = tx.clone();
        std::thread::spawn(move || BufReader::new(stdout).lines().map_while(Result::ok).for_each(|l| drop(tx.send(l))));
        std::thread::spawn(move || {
            BufReader::new(stderr).lines().map_while(Result::ok).for_each(|l| drop(tx2.send(l)))
        });
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let line =
                rx.recv_timeout(deadline.saturating_duration_since(Instant::now())).expect("serve printed its URL");
            if let Some(rest) = line.split(" at http://").nth(1) {
                let addr = rest.split('/').next().expect("addr").parse().expect("socket addr");
                return Serve { child, addr, lines: rx };
            }
        }
    }

    /// GET `path` (sent as is).
    pub fn get(&self, path: &str) -> Response {
        http_get(self.addr, path)
    }

    /// Lines printed since the last call.
    pub fn drain(&self) -> Vec<String> {
        self.lines.try_iter().collect()
    }

    /// A client of the reload WebSocket.
    pub fn socket(&self) -> Socket {
        let url = format!("ws://{}/__onramp/ws", self.addr);
        let stream = TcpStream::connect_timeout(&self.addr, Duration::from_secs(10)).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
        stream.set_write_timeout(Some(Duration::from_secs(30))).expect("timeout");
        let (ws, _) =
            tungstenite::client(url, tungstenite::stream::MaybeTlsStream::Plain(stream)).expect("websocket handshake");
        Socket(ws)
    }
}

/// A reload channel client.
pub struct Socket(tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>);

impl Socket {
    /// The next text message (skipping pings).
    pub fn next(&mut self) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            assert!(Instant::now() < deadline, "no message within 30 s");
            match self.0.read().expect("a message before the timeout") {
                tungstenite::Message::Text(t) => return t.to_string(),
                _ => continue,
            }
        }
    }
}

/// An HTTP response.
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A plain HTTP/1.1 GET, the raw path sent as is (for traversal tests).
pub fn http_get(addr: SocketAddr, path: &str) -> Response {
    http_get_with(addr, path, "")
}

/// A GET with extra header lines (each ending in `\r\n`).
pub fn http_get_with(addr: SocketAddr, path: &str, headers: &str) -> Response {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(10)).expect("connect");
    s.set_write_timeout(Some(Duration::from_secs(30))).expect("timeout");
    s.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}Connection: close\r\n\r\n").expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("header end");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines.next().and_then(|l| l.split(' ').nth(1)).and_then(|c| c.parse().ok()).expect("status");
    let headers = lines.filter_map(|l| l.split_once(": ")).map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let mut body = raw[split + 4..].to_vec();
    if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        body = dechunk(&body);
    }
    Response { status, headers, body }
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let Some(nl) = b.windows(2).position(|w| w == b"\r\n") else { return out };
        let size = usize::from_str_radix(String::from_utf8_lossy(&b[..nl]).trim(), 16).unwrap_or(0);
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&b[nl + 2..nl + 2 + size]);
        b = &b[nl + 2 + size + 2..];
    }
}

/// Waits until `f` holds, polling.
pub fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if f() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for {what}");
}

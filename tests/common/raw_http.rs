//! Raw HTTP for the dev server's protocol tests: requests sent byte for
//! byte as written (foreign `Host`s, no `Host`, WebSocket handshakes), and
//! `onramp serve` started under a lower file limit (`ulimit -n`).

use crate::common::{Site, onramp};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// A response read to the end of the connection.
pub struct Raw {
    pub status: u16,
    pub head: String,
    pub body: Vec<u8>,
}

impl Raw {
    /// The value of header `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head
            .lines()
            .skip(1)
            .filter_map(|l| l.split_once(": "))
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `request` as is and reads the first response head, and the body
/// to `Content-Length` (a 101 has none).
pub fn send(addr: SocketAddr, request: &str) -> Raw {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(10)).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    s.write_all(request.as_bytes()).expect("send");
    read_response(&mut s).expect("a response")
}

/// Reads one response from `s`; `None` when the connection ends first.
pub fn read_response(s: &mut TcpStream) -> Option<Raw> {
    let mut raw = Vec::new();
    let mut chunk = [0u8; 8192];
    let split = loop {
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        match s.read(&mut chunk) {
            Ok(0) | Err(_) => return None,
            Ok(n) => raw.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).expect("status");
    let mut body = raw[split + 4..].to_vec();
    let mut response = Raw { status, head, body: Vec::new() };
    let len: usize = response.header("Content-Length").and_then(|l| l.parse().ok()).unwrap_or(0);
    while body.len() < len {
        match s.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => body.extend_from_slice(&chunk[..n]),
        }
    }
    response.body = body;
    Some(response)
}

/// `onramp serve` on `site` under `ulimit -n {files}`, killed on drop.
pub struct Limited {
    child: Child,
    pub addr: SocketAddr,
    lines: Receiver<String>,
}

impl Drop for Limited {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Limited {
    #[allow(clippy::zombie_processes)] // Drop kills and waits.
    pub fn start(site: &Site, files: u32) -> Limited {
        let program = onramp().get_program().to_owned();
        let mut child = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("ulimit -n {files} && exec \"$0\" \"$@\""))
            .arg(program)
            .arg("serve")
            .arg(site.root())
            .args(["--port", "0"])
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
                return Limited { child, addr, lines: rx };
            }
        }
    }

    /// Lines printed since the last call.
    pub fn drain(&self) -> Vec<String> {
        self.lines.try_iter().collect()
    }
}

//! `onramp serve` over real HTTP on 127.0.0.1: static files, MIME types,
//! 404s, path traversal, reload signals, the error overlay, incremental
//! updates that equal a full build, and faults (deleted files, broken
//! config, bursts of saves, clients that disconnect, a port in use).

mod common;

use common::Site;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// A running `onramp serve`, killed on drop.
struct Serve {
    child: Child,
    addr: SocketAddr,
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
    fn start(site: &Site, extra: &[&str]) -> Serve {
        let port: &[&str] = if extra.contains(&"--port") { &[] } else { &["--port", "0"] };
        let mut child = common::onramp()
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

    fn get(&self, path: &str) -> Response {
        http_get(self.addr, path)
    }

    /// Lines printed since the last call.
    fn drain(&self) -> Vec<String> {
        self.lines.try_iter().collect()
    }

    fn socket(&self) -> Socket {
        let url = format!("ws://{}/__onramp/ws", self.addr);
        let stream = TcpStream::connect_timeout(&self.addr, Duration::from_secs(10)).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
        stream.set_write_timeout(Some(Duration::from_secs(30))).expect("timeout");
        let (ws, _) =
            tungstenite::client(url, tungstenite::stream::MaybeTlsStream::Plain(stream)).expect("websocket handshake");
        Socket(ws)
    }
}

struct Socket(tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>);

impl Socket {
    /// The next text message (skipping pings).
    fn next(&mut self) -> String {
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

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// A plain HTTP/1.1 GET, the raw path sent as is (for traversal tests).
fn http_get(addr: SocketAddr, path: &str) -> Response {
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(10)).expect("connect");
    s.set_write_timeout(Some(Duration::from_secs(30))).expect("timeout");
    s.set_read_timeout(Some(Duration::from_secs(30))).expect("timeout");
    write!(s, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").expect("send");
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
fn eventually(what: &str, mut f: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if f() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("timed out waiting for {what}");
}

#[test]
fn serves_files_with_types_redirects_and_404() {
    let site = Site::copy("basic");
    let serve = Serve::start(&site, &[]);
    let page = serve.get("/guide/install/");
    assert_eq!(page.status, 200);
    assert_eq!(page.header("Content-Type"), Some("text/html; charset=utf-8"));
    assert_eq!(page.header("Cache-Control"), Some("no-store"));
    let doc = scraper::Html::parse_document(&page.text());
    assert_eq!(common::text_of(&doc, "main h1"), "Install");
    assert_eq!(common::attrs(&doc, "script[src='/__onramp/livereload.js']", "src").len(), 1);
    let redirect = serve.get("/guide/install?x=1");
    assert_eq!((redirect.status, redirect.header("Location")), (301, Some("/guide/install/?x=1")));
    for (path, mime) in [
        ("/theme/style.css", "text/css; charset=utf-8"),
        ("/theme/onramp.js", "text/javascript; charset=utf-8"),
        ("/img/logo.svg", "image/svg+xml"),
        ("/sitemap.xml", "application/xml"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/__onramp/livereload.js", "text/javascript; charset=utf-8"),
    ] {
        let r = serve.get(path);
        assert_eq!((r.status, r.header("Content-Type")), (200, Some(mime)), "{path}");
    }
    let missing = serve.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    let doc = scraper::Html::parse_document(&missing.text());
    assert_eq!(common::text_of(&doc, "main h1"), "Page not found");
    // Links in served pages point at the server, not at the configured base_url.
    let canonical = common::attrs(&scraper::Html::parse_document(&page.text()), "link[rel=canonical]", "href");
    assert_eq!(canonical, [format!("http://{}/guide/install/", serve.addr)]);
}

#[test]
fn nothing_outside_the_output_is_served() {
    let site = Site::copy("basic");
    std::fs::write(site.dir.path().join("secret.txt"), "secret").unwrap();
    let serve = Serve::start(&site, &[]);
    let requests = [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/guide/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "/..%5csecret.txt",
        "/guide\\..\\..\\secret.txt",
        "//etc/passwd",
        "/%00",
        "/C:/Windows/win.ini",
        "/site/site.yaml",
        "/content/guide/install.md",
    ];
    for path in requests {
        let r = serve.get(path);
        assert_eq!(r.status, 404, "{path} must be refused, got {}", r.status);
        assert!(!r.text().contains("secret") || r.text().contains("Page not found"), "{path}");
    }
}

#[test]
fn edits_send_reload_and_errors_show_then_clear() {
    let site = Site::copy("basic");
    let serve = Serve::start(&site, &[]);
    let mut ws = serve.socket();
    std::thread::sleep(Duration::from_millis(200));
    let install = std::fs::read_to_string(site.root().join("content/guide/install.md")).unwrap();
    site.write("content/guide/install.md", &install.replace("You need a computer.", "You need a fresh computer."));
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    assert!(serve.get("/guide/install/").text().contains("You need a fresh computer."));

    // A broken page: the last good build stays, with an overlay on every page.
    site.write("content/guide/broken.md", "---\ntitle: [oops\n---\n");
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    let page = scraper::Html::parse_document(&serve.get("/reference/").text());
    let overlay = common::text_of(&page, "#onramp-error-overlay li");
    assert!(overlay.starts_with("content/guide/broken.md:2:8: error:"), "{overlay}");
    assert_eq!(common::text_of(&page, "main h1"), "Reference");
    std::fs::remove_file(site.root().join("content/guide/broken.md")).unwrap();
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    let page = scraper::Html::parse_document(&serve.get("/reference/").text());
    assert!(common::select(&page, "#onramp-error-overlay").is_empty());

    // A stylesheet change swaps CSS only.
    site.write("static/extra.css", "body { color: red; }\n");
    let msg = ws.next();
    assert_eq!(msg, r#"{"type":"css","paths":["/extra.css"]}"#);
    assert_eq!(serve.get("/extra.css").text(), "body { color: red; }\n");
}

#[test]
fn broken_config_mid_session_then_fixed() {
    let site = Site::copy("basic");
    let serve = Serve::start(&site, &[]);
    let mut ws = serve.socket();
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", &format!("{config}titel: oops\n"));
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    let page = scraper::Html::parse_document(&serve.get("/").text());
    assert!(common::text_of(&page, "#onramp-error-overlay li").starts_with("site.yaml:"), "overlay names site.yaml");
    site.write("site.yaml", &config.replace("title: Basic", "title: Basic again"));
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    let page = scraper::Html::parse_document(&serve.get("/").text());
    assert!(common::select(&page, "#onramp-error-overlay").is_empty());
    assert!(serve.get("/reference/").text().contains("Basic again"));
}

#[test]
fn deleted_file_while_serving() {
    let site = Site::copy("basic");
    let serve = Serve::start(&site, &[]);
    let mut ws = serve.socket();
    assert_eq!(serve.get("/zebra/").status, 200);
    std::fs::remove_file(site.root().join("content/zebra.md")).unwrap();
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    assert_eq!(serve.get("/zebra/").status, 404);
}

#[test]
fn a_burst_of_saves_gives_few_rebuilds_and_the_final_state() {
    let site = Site::copy("basic");
    let serve = Serve::start(&site, &[]);
    let _ = serve.drain();
    let path = site.root().join("content/reference.md");
    let base = std::fs::read_to_string(&path).unwrap();
    for i in 0..1000 {
        std::fs::write(&path, base.replace("a flag.", &format!("a flag, save {i}."))).unwrap();
        std::thread::sleep(Duration::from_micros(1500));
    }
    eventually("the last save to be served", || serve.get("/reference/").text().contains("save 999."));
    std::thread::sleep(Duration::from_millis(1500));
    let rebuilds = serve.drain().iter().filter(|l| l.starts_with("updated ") || l.starts_with("built ")).count();
    assert!((1..=5).contains(&rebuilds), "{rebuilds} rebuilds for 1000 saves");
}

#[test]
fn clients_that_disconnect_mid_response_do_not_hurt() {
    let site = Site::copy("basic");
    site.write("static/big.txt", &"x".repeat(8 << 20));
    let serve = Serve::start(&site, &[]);
    for _ in 0..20 {
        let mut s = TcpStream::connect(serve.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(s, "GET /big.txt HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut first = [0u8; 64];
        let _ = s.read(&mut first);
        drop(s);
    }
    assert_eq!(serve.get("/guide/").status, 200);
}

#[test]
fn port_in_use_moves_to_the_next() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let site = Site::copy("basic");
    let serve = Serve::start(&site, &["--port", &port.to_string()]);
    assert_ne!(serve.addr.port(), port);
    assert_eq!(serve.get("/").status, 200);
}

/// After a sequence of edits, what the server serves equals a fresh build,
/// byte for byte (the injected reload script aside).
#[test]
fn incremental_result_equals_a_full_build() {
    let site = Site::copy("basic");
    let serve = Serve::start(&site, &[]);
    let mut ws = serve.socket();
    let edit = |rel: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
        assert!(text.contains(from), "{rel} has {from}");
        site.write(rel, &text.replacen(from, to, 1));
    };
    edit("content/guide/install.md", "You need a computer.", "You need a computer and [usage](usage.md).");
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    edit("content/guide/usage.md", "Use it.", "Use it often.");
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    edit("content/reference.md", "title: Reference", "title: Reference manual");
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    site.write("content/guide/new.md", "---\ntitle: New page\nweight: 3\n---\nFresh.\n");
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    edit("content/guide/new.md", "Fresh.", "Fresher.");
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    // The search index follows the reload signal.
    eventually("the search index update", || serve.drain().iter().any(|l| l.starts_with("search index updated")));

    let fresh = Site::copy("basic");
    common::copy_dir(&site.root(), &fresh.root());
    fresh.build(&["--base-url", &format!("http://{}/", serve.addr)]).ok();
    let mut compared = 0;
    for entry in
        walkdir::WalkDir::new(fresh.out()).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file())
    {
        let rel = entry.path().strip_prefix(fresh.out()).unwrap().to_string_lossy().replace('\\', "/");
        let url = format!("/{}", rel.strip_suffix("index.html").unwrap_or(&rel));
        let served = serve.get(&url);
        assert_eq!(served.status, 200, "{url}");
        let expected = std::fs::read(entry.path()).unwrap();
        let body = if rel.ends_with(".html") {
            served.text().replace("<script src=\"/__onramp/livereload.js\"></script>", "").into_bytes()
        } else {
            served.body
        };
        assert!(body == expected, "{rel} differs from a fresh build");
        compared += 1;
    }
    assert!(compared > 10, "compared {compared} files");
}

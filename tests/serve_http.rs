//! The dev server's HTTP over real sockets on 127.0.0.1: redirects that stay
//! on the site, `Host` and `Origin` checks against DNS rebinding, the
//! connection cap and head deadline (many idle connections under a low file
//! limit, a client sending a byte per second), and confinement to the
//! output folder (symlinks included).

mod common;
#[path = "common/raw_http.rs"]
mod raw_http;

use common::Site;
use common::serve::{Serve, eventually, http_get};
use raw_http::{Limited, read_response, send};
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

const REFUSED: &str = "onramp serve answers only requests for localhost or an IP address (such as 127.0.0.1); open the address it printed\n";

#[test]
fn double_slash_folder_path_redirects_on_the_site_not_to_another_host() {
    let site = Site::copy("basic");
    let serve = Serve::start(&site, &[]);
    for (path, location) in [
        ("//guide", "/guide/"),
        ("///guide?x=1", "/guide/?x=1"),
        ("//guide/install", "/guide/install/"),
        ("/guide", "/guide/"),
    ] {
        let r = serve.get(path);
        assert_eq!((r.status, r.header("Location")), (301, Some(location)), "{path}");
    }
    // The collapsed target is a page of the site.
    assert_eq!(serve.get("/guide/").status, 200);
}

#[test]
fn foreign_host_is_refused_against_dns_rebinding() {
    let site = Site::copy("basic");
    let serve = Serve::start(&site, &[]);
    let port = serve.addr.port();
    let get = |host: &str| send(serve.addr, &format!("GET /guide/ HTTP/1.1\r\n{host}Connection: close\r\n\r\n"));
    for host in ["evil.example", &format!("evil.example:{port}"), "localhost.evil.example", "127.0.0.1.nip.io:80"] {
        let r = get(&format!("Host: {host}\r\n"));
        assert_eq!(r.status, 403, "{host}");
        assert_eq!(r.header("Content-Type"), Some("text/plain; charset=utf-8"));
        assert_eq!(r.text(), REFUSED, "{host}");
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("docs.localhost:{port}"),
        format!("[::1]:{port}"),
        "127.0.0.1".to_string(),
    ] {
        assert_eq!(get(&format!("Host: {host}\r\n")).status, 200, "{host}");
    }
    // HTTP/1.1 needs a Host; HTTP/1.0 may go without.
    assert_eq!(get("").status, 400);
    assert_eq!(send(serve.addr, "GET /guide/ HTTP/1.0\r\n\r\n").status, 200);
    // HEAD gets the refusal's head only.
    let head = send(serve.addr, "HEAD /guide/ HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    assert_eq!((head.status, head.body.len()), (403, 0));
}

#[test]
fn reload_socket_checks_host_and_origin() {
    let site = Site::copy("basic");
    let serve = Serve::start(&site, &[]);
    let port = serve.addr.port();
    let upgrade = |extra: &str| {
        send(
            serve.addr,
            &format!(
                "GET /__onramp/ws HTTP/1.1\r\n{extra}Upgrade: websocket\r\nConnection: Upgrade\r\n\
                 Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
            ),
        )
    };
    let r = upgrade("Host: evil.example\r\n");
    assert_eq!((r.status, r.text()), (403, REFUSED.to_string()));
    let r = upgrade(&format!("Host: 127.0.0.1:{port}\r\nOrigin: http://evil.example\r\n"));
    assert_eq!(r.status, 403);
    assert_eq!(r.text(), "the reload channel is for pages of this server only\n");
    let r = upgrade(&format!("Host: 127.0.0.1:{port}\r\nOrigin: null\r\n"));
    assert_eq!(r.status, 403);
    for origin in [format!("http://127.0.0.1:{port}"), format!("http://localhost:{port}")] {
        let r = upgrade(&format!("Host: localhost:{port}\r\nOrigin: {origin}\r\n"));
        assert_eq!(r.status, 101, "{origin}");
        assert_eq!(r.header("Sec-WebSocket-Accept"), Some("s3pPLMBiTxaQ9kYGzzhZRbK+xOo="));
    }
    // No Origin (not a browser page): allowed.
    assert_eq!(upgrade(&format!("Host: 127.0.0.1:{port}\r\n")).status, 101);
}

/// Under `ulimit -n 256`, 300 idle connections once made the accept loop
/// spin on EMFILE and saves fail: now the oldest idle ones are closed, a
/// page still loads and a save still rebuilds.
#[test]
fn idle_connections_beyond_the_file_limit_neither_spin_nor_block_pages_or_saves() {
    const FILES: u32 = 256;
    const IDLE: usize = 300;
    let site = Site::copy("basic");
    let serve = Limited::start(&site, FILES);
    let idle: Vec<TcpStream> = (0..IDLE)
        .map(|i| {
            TcpStream::connect_timeout(&serve.addr, Duration::from_secs(10))
                .unwrap_or_else(|e| panic!("connection {i} not accepted: {e}"))
        })
        .collect();
    // The server keeps half its file limit for builds: the oldest idle
    // connections beyond that are closed.
    let closed = |idle: &[TcpStream]| {
        idle.iter()
            .filter(|s| {
                s.set_nonblocking(true).expect("nonblocking");
                let mut b = [0u8; 1];
                let gone = match (&**s).read(&mut b) {
                    Ok(0) => true,
                    Err(e) => e.kind() != ErrorKind::WouldBlock,
                    Ok(_) => false,
                };
                s.set_nonblocking(false).expect("blocking");
                gone
            })
            .count()
    };
    let at_least = IDLE - FILES as usize / 2;
    // Well before the idle timeout (30 s), which would close them anyway.
    let deadline = Instant::now() + Duration::from_secs(10);
    while closed(&idle) < at_least {
        assert!(Instant::now() < deadline, "{} of {IDLE} idle connections closed", closed(&idle));
        std::thread::sleep(Duration::from_millis(100));
    }
    let page = http_get(serve.addr, "/reference/");
    assert_eq!(page.status, 200);
    let _ = serve.drain();
    let path = site.root().join("content/reference.md");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replace("a flag.", "a flag, saved under the limit.")).expect("save");
    eventually("the save to be served", || {
        http_get(serve.addr, "/reference/").text().contains("saved under the limit")
    });
    let lines = serve.drain();
    assert!(lines.iter().any(|l| l.starts_with("updated content/reference.md")), "{lines:?}");
    assert!(!lines.iter().any(|l| l.contains("error")), "{lines:?}");
    drop(idle);
}

/// A client that sends its request a byte a second never times out a
/// single read, but its head must be whole within 10 s.
#[test]
fn slowloris_client_sending_a_byte_per_second_is_cut_off() {
    let site = Site::copy("basic");
    let serve = Serve::start(&site, &[]);
    let head = format!("GET /guide/ HTTP/1.1\r\nHost: {}\r\nX-Padding: {}", serve.addr, "a".repeat(100));
    let mut s = TcpStream::connect(serve.addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(1))).expect("timeout");
    let started = Instant::now();
    let mut sent = 0;
    let response = loop {
        // Bounded: the head is over 100 bytes; the server must answer long before.
        assert!(sent < 40, "still reading a byte a second after {sent} s");
        if s.write_all(&head.as_bytes()[sent..=sent]).is_err() {
            break None;
        }
        sent += 1;
        let mut b = [0u8; 1];
        match s.peek(&mut b) {
            Ok(0) => break None,
            Ok(_) => break read_response(&mut s),
            Err(_) => {}
        }
    };
    let response = response.expect("a 408 before the connection closes");
    assert_eq!(response.status, 408);
    assert_eq!(response.text(), "the request head took too long\n");
    assert!(started.elapsed() < Duration::from_secs(30));
    s.set_read_timeout(Some(Duration::from_secs(5))).expect("timeout");
    assert_eq!(s.read(&mut [0u8; 16]).expect("closed"), 0, "the connection is closed");
    // Others are served meanwhile and after.
    assert_eq!(serve.get("/guide/").status, 200);
}

/// The server's own output folder (under the temp dir the test gives it).
fn served_folder(site: &Site) -> std::path::PathBuf {
    std::fs::read_dir(site.dir.path())
        .expect("read")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("onramp-serve-")))
        .expect("the server's folder")
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_served_folder_and_encoded_escapes_are_not_followed() {
    let site = Site::copy("basic");
    std::fs::write(site.dir.path().join("secret.txt"), "secret").unwrap();
    std::fs::create_dir_all(site.dir.path().join("private")).unwrap();
    std::fs::write(site.dir.path().join("private/index.html"), "<p>private</p>").unwrap();
    let serve = Serve::start(&site, &[]);
    let out = served_folder(&site);
    std::os::unix::fs::symlink(site.dir.path().join("secret.txt"), out.join("secret.txt")).unwrap();
    std::os::unix::fs::symlink(site.dir.path().join("private"), out.join("private")).unwrap();
    // A symlink that stays inside is fine.
    std::os::unix::fs::symlink(out.join("robots.txt"), out.join("robots-link.txt")).unwrap();
    for path in [
        "/secret.txt",
        "/private/",
        "/private/index.html",
        "/private",
        "/%2e%2e/secret.txt",
        "/guide/%2E%2E/%2e%2e/secret.txt",
        "/guide%2f..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/robots.txt%00.html",
        "/%00",
    ] {
        let r = serve.get(path);
        assert_eq!(r.status, 404, "{path}");
        assert!(!r.text().contains("secret") && !r.text().contains("private"), "{path}");
    }
    assert_eq!(serve.get("/robots-link.txt").text(), serve.get("/robots.txt").text());
}

/// Large files are sent from disk, in part when asked; several ranges get
/// the whole file, as RFC 9110 allows.
#[test]
fn ranges_of_a_large_file_and_head_requests() {
    let site = Site::copy("basic");
    let big: String = (0..200_000).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
    site.write("static/big.bin", &big);
    let serve = Serve::start(&site, &[]);
    let part = common::serve::http_get_with(serve.addr, "/big.bin", "Range: bytes=199990-\r\n");
    assert_eq!(part.status, 206);
    assert_eq!(part.header("Content-Range"), Some("bytes 199990-199999/200000"));
    assert_eq!(part.body, big.as_bytes()[199_990..]);
    let suffix = common::serve::http_get_with(serve.addr, "/big.bin", "Range: bytes=-3\r\n");
    assert_eq!(suffix.body, big.as_bytes()[199_997..]);
    let several = common::serve::http_get_with(serve.addr, "/big.bin", "Range: bytes=0-1, 5-6\r\n");
    assert_eq!((several.status, several.body.len()), (200, 200_000));
    let head =
        send(serve.addr, &format!("HEAD /big.bin HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", serve.addr));
    assert_eq!((head.status, head.header("Content-Length"), head.body.len()), (200, Some("200000"), 0));
    assert_eq!(head.header("Content-Type"), Some("application/octet-stream"));
}

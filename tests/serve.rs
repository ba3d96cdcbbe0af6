//! `onramp serve` over real HTTP on 127.0.0.1: static files, MIME types,
//! 404s, path traversal, reload signals, the error overlay, incremental
//! updates that equal a full build, and faults (deleted files, broken
//! config, bursts of saves, clients that disconnect, a port in use).

mod common;

use common::Site;
use common::serve::{Serve, eventually};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

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

/// The search index's packs are read in parts: a `Range` request gets 206
/// and exactly those bytes; one past the end gets 416; pages come whole.
#[test]
fn search_packs_are_served_in_parts() {
    let site = Site::copy("basic");
    let serve = Serve::start(&site, &[]);
    let manifest: serde_json::Value = serde_json::from_slice(&serve.get("/search/manifest.json").body).unwrap();
    let pack = format!("/search/{}", manifest["docs"]["packs"][0].as_str().expect("a document pack"));
    let whole = serve.get(&pack);
    assert_eq!((whole.status, whole.header("Accept-Ranges")), (200, Some("bytes")));
    let len = whole.body.len();
    assert!(len > 20, "{len} bytes");
    let part = common::serve::http_get_with(serve.addr, &pack, "Range: bytes=5-14\r\n");
    assert_eq!(part.status, 206);
    assert_eq!(part.header("Content-Range"), Some(format!("bytes 5-14/{len}").as_str()));
    assert_eq!(part.body, whole.body[5..15]);
    let past = common::serve::http_get_with(serve.addr, &pack, &format!("Range: bytes={len}-\r\n"));
    assert_eq!(past.status, 416);
    let page = common::serve::http_get_with(serve.addr, "/guide/install/", "Range: bytes=0-9\r\n");
    assert_eq!(page.status, 200, "pages are sent whole");
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
    // A title change rebuilds the whole site, which the browsers are told first.
    assert_eq!(
        ws.next(),
        r#"{"type":"building","message":"site.yaml changed more than the menu: rebuilding the whole site"}"#
    );
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
        write!(s, "GET /big.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let mut first = [0u8; 64];
        let _ = s.read(&mut first);
        drop(s);
    }
    assert_eq!(serve.get("/guide/").status, 200);
}

/// Browsers open connections they may never use (preconnects) and keep
/// others alive: neither holds up a request on another connection.
#[test]
fn idle_and_kept_alive_connections_hold_up_nothing() {
    let site = Site::copy("basic");
    let serve = Serve::start(&site, &[]);
    let idle: Vec<TcpStream> = (0..32).map(|_| TcpStream::connect(serve.addr).expect("connect")).collect();
    let mut kept = TcpStream::connect(serve.addr).expect("connect");
    kept.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    // Two pipelined requests on one connection, the second a HEAD: both answered, in order.
    write!(kept, "GET /guide/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\nHEAD /reference/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let mut got = Vec::new();
    let mut buf = [0u8; 65536];
    while got.windows(12).filter(|w| w == b"HTTP/1.1 200").count() < 2 {
        let n = kept.read(&mut buf).expect("both responses before the timeout");
        assert!(n > 0, "connection closed early");
        got.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&got);
    assert!(text.contains("Connection: keep-alive"), "{text}");
    for _ in 0..10 {
        let started = std::time::Instant::now();
        assert_eq!(serve.get("/guide/install/").status, 200);
        assert!(started.elapsed() < Duration::from_secs(5), "slow answer: {:?}", started.elapsed());
    }
    assert_eq!(serve.get("/__onramp/ws").status, 400, "a plain GET of the socket path is refused");
    drop(idle);
}

/// A watched folder that appears while serving (here `templates/`) is
/// watched from then on: later saves inside it rebuild too.
#[test]
fn a_folder_created_while_serving_is_watched() {
    let site = Site::copy("basic");
    assert!(!site.root().join("templates").exists());
    let serve = Serve::start(&site, &[]);
    let mut ws = serve.socket();
    site.write("templates/docs.html", "{% extends \"theme/docs.html\" %}\n");
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    let marked =
        "{% extends \"theme/docs.html\" %}{% block head %}<meta name=\"x-test\" content=\"1\">{% endblock head %}\n";
    site.write("templates/docs.html", marked);
    eventually("the template change to be served", || {
        serve.get("/guide/install/").text().contains("<meta name=\"x-test\" content=\"1\">")
    });
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
    assert_serves_a_fresh_build(&site, &serve, "basic");
}

/// Every file a fresh build of `site` (a copy of `fixture`) writes is served
/// with the same bytes (the injected reload script aside).
fn assert_serves_a_fresh_build(site: &Site, serve: &Serve, fixture: &str) {
    let fresh = Site::copy(fixture);
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

/// A body edit refreshes the search indexes of every version (the
/// unversioned pages are in each), and the refresh keeps the older
/// versions' files beside the latest's.
#[test]
fn search_indexes_of_every_version_follow_an_edit() {
    let site = Site::copy("versions-basic");
    let serve = Serve::start(&site, &[]);
    let mut ws = serve.socket();
    let rel = "content/docs/install.md";
    let text = std::fs::read_to_string(site.root().join(rel)).unwrap();
    site.write(rel, &format!("{text}\nZebrafish configuration.\n"));
    assert_eq!(ws.next(), r#"{"type":"reload"}"#);
    eventually("the search index update", || serve.drain().iter().any(|l| l.starts_with("search index updated")));
    assert_eq!(serve.get("/search/1.x/manifest.json").status, 200, "1.x keeps its index");
    assert_serves_a_fresh_build(&site, &serve, "versions-basic");
}

#[test]
fn serve_on_a_missing_folder_says_so_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-site");
    let run: common::Run = common::onramp().arg("serve").arg(&missing).output().unwrap().into();
    assert_eq!(run.code, 2, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines,
        [
            format!("{}: error: no such folder", missing.display()).as_str(),
            "  = help: give the folder that holds site.yaml; `onramp init DIR` creates a new site",
        ]
    );
}

#[test]
fn a_taken_port_is_named_and_strict_port_fails_instead() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = Site::copy("basic");
    let run: common::Run = common::onramp()
        .arg("serve")
        .arg(site.root())
        .args(["--port", &port, "--strict-port"])
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.starts_with(&format!("error: port {port} on 127.0.0.1 is not available: ")), "{}", run.stderr);
    // Without --strict-port the next free port is used, and said so.
    let serve = Serve::start(&site, &["--port", &port]);
    assert_ne!(serve.addr.port().to_string(), port);
    let expected = format!("port {port} is in use; using port {} (--strict-port fails instead)", serve.addr.port());
    let mut said = Vec::new();
    eventually("the taken port to be named", || {
        said.extend(serve.drain());
        said.contains(&expected)
    });
}

#[test]
fn first_build_failing_does_not_claim_a_last_good_build() {
    let site = Site::copy("basic");
    site.write("content/guide/install.md", "---\ntitle: [broken\n---\n");
    let serve = Serve::start(&site, &[]);
    let page = serve.get("/");
    let doc = scraper::Html::parse_document(&page.text());
    let heading = common::text_of(&doc, "#onramp-error-overlay h2");
    assert!(heading.starts_with("onramp: the site has "), "{heading}");
    assert!(heading.ends_with(" and has not built yet; fix them and save"), "{heading}");
    assert_eq!(common::text_of(&doc, "#onramp-error-overlay button"), "Dismiss");
}

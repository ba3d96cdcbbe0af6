//! `onramp check`: one fixture per kind of finding (`tests/fixtures/check-*`),
//! the text report snapshotted, exit codes, levels from `check:` in
//! site.yaml, the JSON report, and web links against a server on 127.0.0.1.

mod common;

use common::{Run, Site, onramp};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

fn check(site: &Site, extra: &[&str]) -> Run {
    let run = Run::from(onramp().arg("check").arg(site.root()).args(extra).output().expect("run onramp"));
    assert!(!run.stderr.contains("panicked"), "onramp panicked:\n{}", run.stderr);
    run
}

/// Runs `onramp check` on a fixture; checks the exit code and that nothing was written.
fn report(name: &str, code: i32) -> String {
    let site = Site::copy(name);
    let run = check(&site, &[]);
    assert_eq!(run.code, code, "{name}:\n{}{}", run.stdout, run.stderr);
    assert!(!site.root().join("public").exists(), "{name}: check must not write the site");
    run.stdout
}

#[test]
fn broken_links_in_every_language() {
    insta::assert_snapshot!("links", report("check-links", 1));
}

#[test]
fn raw_html_links() {
    // Site paths with the base path, anchors (headings and raw HTML ids),
    // relative paths from the page's URL in every language, mailto: ignored.
    insta::assert_snapshot!("html_links", report("check-html-links", 1));
}

#[test]
fn orphan_pages() {
    insta::assert_snapshot!("orphans", report("check-orphans", 0));
}

#[test]
fn images_without_alt_text() {
    insta::assert_snapshot!("alt", report("check-alt", 1));
}

#[test]
fn headings_that_skip_levels() {
    insta::assert_snapshot!("headings", report("check-headings", 0));
}

#[test]
fn duplicate_ids() {
    insta::assert_snapshot!("ids", report("check-ids", 1));
}

#[test]
fn missing_and_outdated_translations() {
    insta::assert_snapshot!("i18n", report("check-i18n", 0));
}

#[test]
fn json_report() {
    let site = Site::copy("check-links");
    let run = check(&site, &["--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert_eq!(json["summary"]["errors"], 4);
    let first = &json["findings"][0];
    for key in ["category", "level", "path", "line", "column", "message", "help"] {
        assert!(first.get(key).is_some(), "missing `{key}` in {first}");
    }
    insta::assert_snapshot!("links_json", serde_json::to_string_pretty(&json).expect("json"));
}

#[test]
fn levels_from_site_yaml() {
    let site = Site::copy("check-links");
    let yaml = "title: Links\nlanguages:\n  - code: en\n  - code: fr\n";
    // Warnings only: exit 0, and the links are still reported.
    site.write(
        "site.yaml",
        &format!(
            "{yaml}check:\n  broken_links: warn\n  orphans: off\n  translations: off\n  cross_language_links: error\n"
        ),
    );
    let run = check(&site, &[]);
    assert_eq!(run.code, 1, "the cross-language link is now an error:\n{}", run.stdout);
    assert!(
        run.stdout.contains("content/guide.md:6:3: warning: link to a missing page `missing.md`"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("content/other.fr.md:6:47: error: link to the `en` version"), "{}", run.stdout);

    site.write("site.yaml", &format!("{yaml}check:\n  broken_links: warn\n  cross_language_links: off\n"));
    let run = check(&site, &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(!run.stdout.contains("`en` version"), "off hides the category:\n{}", run.stdout);
    assert!(run.stdout.contains("cross_language_links  off          -"), "{}", run.stdout);

    // Off: the links the build reports itself are not shown under `build` either.
    site.write("site.yaml", &format!("{yaml}check:\n  broken_links: off\n  cross_language_links: off\n"));
    let run = check(&site, &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(!run.stdout.contains("link to a missing"), "{}", run.stdout);
}

#[test]
fn unknown_check_key_suggests_closest() {
    let site = Site::copy("check-alt");
    site.write("site.yaml", "title: Alt\ncheck:\n  missing_alt: warn\n  brokn_links: warn\n");
    let run = check(&site, &[]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains(
            "site.yaml:4:3: error: unknown key `check.brokn_links`\n  = help: did you mean `check.broken_links`?"
        ),
        "{}",
        run.stdout
    );
    site.write("site.yaml", "title: Alt\ncheck:\n  missing_alt: sometimes\n");
    let run = check(&site, &[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("site.yaml:3:"), "{}", run.stdout);
}

#[test]
fn bad_input_is_reported_not_panicked() {
    // No site at all: a usage error.
    let dir = tempfile::tempdir().expect("tempdir");
    let run = Run::from(onramp().arg("check").arg(dir.path()).output().expect("run"));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("cannot read site configuration"), "{}", run.stderr);
    // Build errors (a bad front matter field, a template error) are reported with the checks.
    let site = Site::copy("check-headings");
    site.write("content/broken.md", "---\ntitel: x\n---\n#### Deep\n");
    site.write("content/bad.md", "---\ntitle: Bad\nlayout: nowhere\n---\n![](/x.png)\n");
    let run = check(&site, &[]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("content/broken.md:2:1: error: unknown front matter field `titel`"), "{}", run.stdout);
    assert!(run.stdout.contains("content/bad.md:3:9: error: no template for layout `nowhere`"), "{}", run.stdout);
    assert!(run.stdout.contains("content/bad.md:5:1: error: image without alt text"), "{}", run.stdout);
    assert!(
        run.stdout.contains("content/bad.md:5:1: error: link to a missing page or file `/x.png`"),
        "{}",
        run.stdout
    );
    // Not UTF-8, empty files.
    let site = Site::copy("check-alt");
    std::fs::write(site.root().join("content/latin1.md"), b"---\ntitle: x\n---\ncaf\xe9\n").expect("write");
    site.write("content/empty.md", "");
    let run = check(&site, &["--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    let build: Vec<&serde_json::Value> =
        json["findings"].as_array().expect("findings").iter().filter(|f| f["category"] == "build").collect();
    assert_eq!(build.len(), 2, "{build:?}");
}

#[test]
fn example_site_has_no_errors() {
    // In place: it mounts files from the repository around it. `check` writes nothing.
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("example-site");
    let run = Run::from(onramp().arg("check").arg(&src).output().expect("run"));
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(!run.stdout.contains(": error:"), "{}", run.stdout);
    assert!(run.stdout.contains("check passed: 0 errors"), "{}", run.stdout);
}

/// A server on 127.0.0.1 that counts requests: `/ok` 200, `/missing` 404,
/// `/moved` 301 to `/ok`, `/no-head` 405 to HEAD and 200 to GET.
fn serve(count: Arc<AtomicUsize>) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(200) {
            let Ok(stream) = stream else { continue };
            let count = count.clone();
            std::thread::spawn(move || answer(stream, &count));
        }
    });
    port
}

fn answer(mut stream: TcpStream, count: &AtomicUsize) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    count.fetch_add(1, Ordering::SeqCst);
    let head = String::from_utf8_lossy(&buf);
    let mut words = head.split_whitespace();
    let (method, path) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let (status, extra) = match (method, path) {
        (_, "/ok") => ("200 OK", String::new()),
        (_, "/moved") => ("301 Moved Permanently", "Location: /ok\r\n".to_string()),
        ("HEAD", "/no-head") => ("405 Method Not Allowed", String::new()),
        (_, "/no-head") => ("200 OK", String::new()),
        _ => ("404 Not Found", String::new()),
    };
    let _ = write!(stream, "HTTP/1.1 {status}\r\n{extra}Content-Length: 0\r\nConnection: close\r\n\r\n");
}

/// A server that accepts connections and never answers.
fn hang() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in listener.incoming().take(50) {
            held.push(s);
        }
    });
    port
}

#[test]
fn external_links_with_cache() {
    let count = Arc::new(AtomicUsize::new(0));
    let port = serve(count.clone());
    let silent = hang();
    let site = Site::copy("check-external");
    let base = format!("http://127.0.0.1:{port}");
    site.write(
        "content/_index.md",
        &format!(
            "---\ntitle: External\n---\n[ok]({base}/ok), [missing]({base}/missing), [moved]({base}/moved#part),\n\
             [no HEAD]({base}/no-head), [silent](http://127.0.0.1:{silent}/x)\nand [skipped](https://skip.invalid/x).\n\n\
             Raw HTML: <a href=\"{base}/404?a=1&amp;b=2\">a</a> <img src=\"{base}/ok\" alt=\"ok\">\n"
        ),
    );
    let yaml = std::fs::read_to_string(site.root().join("site.yaml")).expect("yaml");
    site.write(
        "site.yaml",
        &format!("{yaml}  redirects: warn\n")
            .replace("cache: 1h }", "cache: 1h, skip: [\"^https://skip\\\\.invalid/\"] }"),
    );

    // Without --external, web links are not checked.
    let run = check(&site, &[]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(count.load(Ordering::SeqCst), 0);

    let run = check(&site, &["--external"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    let text = run.stdout.replace(&port.to_string(), "PORT").replace(&silent.to_string(), "SILENT");
    insta::assert_snapshot!("external", text);
    // HEAD and GET for /missing, /no-head and the raw HTML /404, HEAD for
    // /ok (once, though linked twice), HEAD twice for /moved.
    let first = count.load(Ordering::SeqCst);
    assert_eq!(first, 9);
    let cache = site.root().join(".onramp-cache/links.json");
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&cache).expect("cache file written")).expect("cache JSON");
    let links = saved["links"].as_object().expect("links");
    assert_eq!(links.len(), 5, "{saved}");
    assert!(links.contains_key(&format!("{base}/404?a=1&b=2")), "entities decoded: {saved}");
    assert!(!links.keys().any(|k| k.contains(&silent.to_string())), "no answer is not cached: {saved}");

    // Within the cache's lifetime the server is not asked again; the report is the same.
    let again = check(&site, &["--external"]);
    assert_eq!(again.code, 1);
    assert_eq!(count.load(Ordering::SeqCst), first, "the second run must use the cache");
    let again_text = again.stdout.replace(&port.to_string(), "PORT").replace(&silent.to_string(), "SILENT");
    assert_eq!(
        again_text.replace("5 of them from the cache", "0 of them from the cache"),
        text,
        "same findings from the cache"
    );

    // `external: off` skips web links even with --external.
    site.write("site.yaml", "title: External\ncheck:\n  external: off\n  redirects: off\n");
    let run = check(&site, &["--external"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
}

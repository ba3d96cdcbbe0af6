//! `onramp check --external` against servers on 127.0.0.1 that loop
//! redirects, ask to come back in a minute, or never answer: every link
//! ends within its deadline, with a finding that says why.

mod common;

use common::{Run, Site, onramp};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Requests per path.
type Counts = Arc<Mutex<HashMap<String, usize>>>;

/// A server on 127.0.0.1: `/ok` 200; `/loop-a` ⇄ `/loop-b` and `/self`
/// redirect forever; `/slow-down` 429 with `Retry-After: 60`; `/busy` 429
/// with `Retry-After: 1`; `/busy-once` the same the first time, then 200.
fn serve(counts: Counts) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(100) {
            let Ok(stream) = stream else { continue };
            let counts = counts.clone();
            std::thread::spawn(move || answer(stream, &counts));
        }
    });
    port
}

fn answer(mut stream: TcpStream, counts: &Mutex<HashMap<String, usize>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut buf = Vec::new();
    let mut chunk = [0u8; 1024];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    let head = String::from_utf8_lossy(&buf);
    let path = head.split_whitespace().nth(1).unwrap_or("").to_string();
    let seen = {
        let mut counts = counts.lock().expect("counts");
        let n = counts.entry(path.clone()).or_default();
        *n += 1;
        *n
    };
    let (status, extra) = match path.as_str() {
        "/ok" => ("200 OK", ""),
        "/loop-a" => ("302 Found", "Location: /loop-b\r\n"),
        "/loop-b" => ("302 Found", "Location: /loop-a\r\n"),
        "/self" => ("301 Moved Permanently", "Location: /self\r\n"),
        "/slow-down" => ("429 Too Many Requests", "Retry-After: 60\r\n"),
        "/busy" => ("429 Too Many Requests", "Retry-After: 1\r\n"),
        "/busy-once" if seen == 1 => ("429 Too Many Requests", "Retry-After: 1\r\n"),
        "/busy-once" => ("200 OK", ""),
        _ => ("404 Not Found", ""),
    };
    let _ = write!(stream, "HTTP/1.1 {status}\r\n{extra}Content-Length: 0\r\nConnection: close\r\n\r\n");
}

/// A server that accepts connections and never answers.
fn silent() -> u16 {
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

/// Runs `onramp check --external`, killed (and the test failed) if it has
/// not finished within `limit`: a hang, not a slow run.
fn check_within(site: &Site, limit: Duration) -> Run {
    let mut cmd = onramp();
    cmd.arg("check").arg(site.root()).arg("--external");
    let run = common::run_with_deadline(cmd, limit);
    assert!(!run.stderr.contains("panicked"), "onramp panicked:\n{}", run.stderr);
    run
}

/// The finding lines (message and help) about `url`.
fn finding<'a>(stdout: &'a str, url: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = stdout.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.contains(&format!("`{url}`")))
        .unwrap_or_else(|| panic!("no finding for {url}:\n{stdout}"));
    lines[i..(i + 2).min(lines.len())].to_vec()
}

fn site_with(body: &str) -> Site {
    let site = Site::copy("net-external");
    site.write("content/_index.md", &format!("---\ntitle: Web links\n---\n{body}\n"));
    site
}

const LIMIT: Duration = Duration::from_secs(60);

#[test]
fn redirect_loops_are_reported_with_their_chain_and_not_retried() {
    let counts = Counts::default();
    let port = serve(counts.clone());
    let base = format!("http://127.0.0.1:{port}");
    let site = site_with(&format!("[loop]({base}/loop-a)\n\n[self]({base}/self)"));
    let run = check_within(&site, LIMIT);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert_eq!(
        finding(&run.stdout, &format!("{base}/loop-a")),
        [
            format!(
                "content/_index.md:4:1: error: web link `{base}/loop-a` failed: redirect loop: {base}/loop-a → {base}/loop-b → {base}/loop-a"
            )
            .as_str(),
            "  = help: the redirects never reach a page; fix or remove the link",
        ]
    );
    assert_eq!(
        finding(&run.stdout, &format!("{base}/self"))[0],
        format!(
            "content/_index.md:6:1: error: web link `{base}/self` failed: redirect loop: {base}/self → {base}/self"
        )
    );
    // One pass round each loop: no retries, no GET after the HEAD.
    let counts = counts.lock().expect("counts");
    assert_eq!((counts["/loop-a"], counts["/loop-b"], counts["/self"]), (1, 1, 1), "{counts:?}");
}

#[test]
fn a_long_retry_after_is_not_waited_for_and_is_a_rate_limit_warning() {
    let counts = Counts::default();
    let port = serve(counts.clone());
    let base = format!("http://127.0.0.1:{port}");
    let site = site_with(&format!("[a]({base}/slow-down)\n\n[b]({base}/busy)\n\n[c]({base}/busy-once)"));
    let run = check_within(&site, LIMIT);
    assert_eq!(run.code, 0, "warnings only:\n{}{}", run.stdout, run.stderr);
    let help = "  = help: check it again later; onramp waits at most 5 s for a `Retry-After`, once per link";
    assert_eq!(
        finding(&run.stdout, &format!("{base}/slow-down")),
        [
            format!(
                "content/_index.md:4:1: warning: web link `{base}/slow-down` not checked: the server is rate-limiting (429 Too Many Requests, Retry-After: 60 s)"
            )
            .as_str(),
            help,
        ]
    );
    assert_eq!(
        finding(&run.stdout, &format!("{base}/busy")),
        [
            format!(
                "content/_index.md:6:1: warning: web link `{base}/busy` not checked: the server is rate-limiting (429 Too Many Requests, Retry-After: 1 s)"
            )
            .as_str(),
            help,
        ]
    );
    assert!(!run.stdout.contains("/busy-once`"), "answered after one short wait:\n{}", run.stdout);
    let counts = counts.lock().expect("counts");
    // 60 s is not waited for at all; 1 s is waited for once.
    assert_eq!((counts["/slow-down"], counts["/busy"], counts["/busy-once"]), (1, 2, 2), "{counts:?}");
}

#[test]
fn a_server_that_never_answers_ends_at_the_link_deadline() {
    let hang = silent();
    // Protocol-relative links are checked too, as https.
    let site = site_with(&format!("[silent](http://127.0.0.1:{hang}/x)\n\n[cdn](//127.0.0.1:{hang}/lib.js)"));
    let run = check_within(&site, LIMIT);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    for (url, line) in [(format!("http://127.0.0.1:{hang}/x"), 4), (format!("https://127.0.0.1:{hang}/lib.js"), 6)] {
        let lines = finding(&run.stdout, &url);
        assert_eq!(
            lines[0],
            format!(
                "content/_index.md:{line}:1: error: web link `{url}` failed: no answer within 2 s, the time allowed for one link"
            )
        );
        // How many tries fit depends on the machine's load; the options named do not.
        assert!(
            lines[1].starts_with("  = help: tried ")
                && lines[1].ends_with(
                    " times; the `deadline`, `timeout` and `retries` options are under `check: external_options:`"
                ),
            "{}",
            lines[1]
        );
    }
    assert!(run.stdout.contains("web links: 2 checked"), "{}", run.stdout);
}

//! A small headless-Chromium driver over the DevTools protocol, for browser
//! tests: launch, navigate, evaluate JavaScript, press keys, type, wait.
//!
//! Chromium is `$CHROMIUM` or `/usr/bin/chromium`. One browser serves
//! every test of a test binary: the first [`Chrome::launch`] starts it with
//! a fresh profile and `--remote-debugging-port=0` and reads the `DevTools
//! listening on ws://…` line from its stderr. Each [`Chrome`] then opens its
//! own connection to the browser endpoint, creates a browser context of its
//! own (storage, cache and cookies apart, as in a fresh profile) with one
//! page in it, and attaches to the page with a flat session; every command
//! then goes to that session. Dropping the driver disposes of its context;
//! the browser is closed when the test binary exits (`atexit`). Starting
//! Chromium took about a second, a context takes milliseconds, and the
//! browser tests start about forty pages.
//!
//! Tests that need a browser call [`browser_or_skip`]: it fails the test
//! when Chromium is missing, unless `ONRAMP_SKIP_BROWSER=1` is set, in which
//! case it prints a notice and the test returns early.

use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, ErrorKind};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, mpsc};
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket};

/// How long a command may take before the driver gives up.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);

/// One page, in a browser context of its own, of the shared headless Chromium.
pub struct Chrome {
    ws: WebSocket<TcpStream>,
    session: String,
    context: String,
    next_id: u64,
    events: VecDeque<Value>,
}

/// The browser every [`Chrome`] of this process opens its pages in.
struct Browser {
    child: Child,
    url: String,
    _profile: tempfile::TempDir,
}

static BROWSER: Mutex<Option<Browser>> = Mutex::new(None);

/// The Chromium binary: `$CHROMIUM`, else `/usr/bin/chromium`, if it exists.
pub fn chromium_path() -> Option<PathBuf> {
    let path = std::env::var_os("CHROMIUM").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    path.is_file().then_some(path)
}

/// A browser, or `None` (with a printed notice) when Chromium is missing and
/// `ONRAMP_SKIP_BROWSER=1`. Panics when Chromium is missing otherwise.
pub fn browser_or_skip(test: &str) -> Option<Chrome> {
    if chromium_path().is_none() {
        if std::env::var("ONRAMP_SKIP_BROWSER").as_deref() == Ok("1") {
            eprintln!("NOTICE: {test}: skipped, Chromium not found and ONRAMP_SKIP_BROWSER=1");
            return None;
        }
        panic!("{test}: Chromium not found (set CHROMIUM, install chromium, or set ONRAMP_SKIP_BROWSER=1 to skip)");
    }
    Some(Chrome::launch().unwrap_or_else(|e| panic!("{test}: cannot start Chromium: {e}")))
}

impl Chrome {
    /// Opens a blank page in a new browser context, starting the browser
    /// first if this process has none running.
    pub fn launch() -> Result<Chrome, String> {
        let url = browser_url()?;
        let ws = connect(&url)?;
        let mut chrome =
            Chrome { ws, session: String::new(), context: String::new(), next_id: 0, events: VecDeque::new() };
        let context = chrome.browser_call("Target.createBrowserContext", json!({ "disposeOnDetach": true }))?;
        chrome.context = context["browserContextId"].as_str().ok_or("no browserContextId")?.to_string();
        let target = chrome.browser_call(
            "Target.createTarget",
            json!({ "url": "about:blank", "browserContextId": chrome.context, "width": 1200, "height": 900, "newWindow": true }),
        )?;
        let target_id = target["targetId"].as_str().ok_or("no targetId")?.to_string();
        let attached =
            chrome.browser_call("Target.attachToTarget", json!({ "targetId": target_id, "flatten": true }))?;
        chrome.session = attached["sessionId"].as_str().ok_or("no sessionId")?.to_string();
        chrome.call("Page.enable", json!({}))?;
        chrome.call("Runtime.enable", json!({}))?;
        // Pages of other tests may be open beside this one: it keeps the
        // focus as the only page of a browser would.
        chrome.call("Emulation.setFocusEmulationEnabled", json!({ "enabled": true }))?;
        Ok(chrome)
    }

    /// Sends a command to the page's session and returns its result.
    pub fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        let session = self.session.clone();
        self.send(method, params, Some(&session))
    }

    fn browser_call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        self.send(method, params, None)
    }

    fn send(&mut self, method: &str, params: Value, session: Option<&str>) -> Result<Value, String> {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = session {
            msg["sessionId"] = json!(s);
        }
        self.ws.send(Message::text(msg.to_string())).map_err(|e| format!("{method}: send: {e}"))?;
        let deadline = Instant::now() + COMMAND_TIMEOUT;
        loop {
            let v = self.read(deadline)?.ok_or_else(|| format!("{method}: no answer in {COMMAND_TIMEOUT:?}"))?;
            if v["id"].as_u64() == Some(id) {
                if let Some(err) = v.get("error") {
                    return Err(format!("{method}: {err}"));
                }
                return Ok(v["result"].clone());
            }
            if v.get("method").is_some() {
                self.events.push_back(v);
            }
        }
    }

    /// Reads one message, or `None` at the deadline.
    fn read(&mut self, deadline: Instant) -> Result<Option<Value>, String> {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok(None);
            }
            self.ws
                .get_mut()
                .set_read_timeout(Some(left.min(Duration::from_millis(200))))
                .map_err(|e| e.to_string())?;
            match self.ws.read() {
                Ok(Message::Text(t)) => return serde_json::from_str(t.as_str()).map(Some).map_err(|e| e.to_string()),
                Ok(_) => {}
                Err(tungstenite::Error::Io(e)) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) => return Err(format!("DevTools connection: {e}")),
            }
        }
    }

    /// Waits for an event of the page's session named `method`.
    pub fn wait_event(&mut self, method: &str, timeout: Duration) -> Result<Value, String> {
        let is_it = |v: &Value, session: &str| v["method"] == method && v["sessionId"].as_str() == Some(session);
        if let Some(i) = self.events.iter().position(|v| is_it(v, &self.session)) {
            return self.events.remove(i).ok_or_else(|| "event vanished".to_string());
        }
        let deadline = Instant::now() + timeout;
        while let Some(v) = self.read(deadline)? {
            if is_it(&v, &self.session) {
                return Ok(v);
            }
        }
        Err(format!("no {method} within {timeout:?}"))
    }

    /// Loads `url` and waits for its load event.
    pub fn navigate(&mut self, url: &str) -> Result<(), String> {
        self.events.clear();
        let r = self.call("Page.navigate", json!({ "url": url }))?;
        if let Some(e) = r.get("errorText").and_then(Value::as_str) {
            return Err(format!("navigate {url}: {e}"));
        }
        self.wait_event("Page.loadEventFired", COMMAND_TIMEOUT).map(|_| ())
    }

    /// Evaluates `js` in the page (promises awaited) and returns its value.
    pub fn eval(&mut self, js: &str) -> Result<Value, String> {
        let params = json!({ "expression": js, "awaitPromise": true, "returnByValue": true });
        let r = self.call("Runtime.evaluate", params)?;
        if let Some(ex) = r.get("exceptionDetails") {
            let text = ex["exception"]["description"].as_str().or(ex["text"].as_str()).unwrap_or("exception");
            return Err(format!("{js}: {text}"));
        }
        Ok(r["result"].get("value").cloned().unwrap_or(Value::Null))
    }

    /// Polls `js` until it is truthy; returns its value. An evaluation that
    /// a navigation cut short (the page was being replaced, as after a click
    /// on a link) counts as not yet.
    pub fn wait_for(&mut self, js: &str, timeout: Duration) -> Result<Value, String> {
        let deadline = Instant::now() + timeout;
        loop {
            let v = match self.eval(js) {
                Ok(v) => v,
                Err(e) if is_navigation_race(&e) && Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(40));
                    continue;
                }
                Err(e) => return Err(e),
            };
            let truthy =
                !matches!(&v, Value::Null | Value::Bool(false)) && v.as_str() != Some("") && v.as_f64() != Some(0.0);
            if truthy {
                return Ok(v);
            }
            if Instant::now() >= deadline {
                return Err(format!("timed out after {timeout:?} waiting for {js}"));
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    /// Presses and releases a key: a named key (`Enter`, `ArrowDown`,
    /// `Escape`…) or one printable character.
    pub fn press_key(&mut self, key: &str) -> Result<(), String> {
        self.press_key_with(key, 0)
    }

    /// Like [`Chrome::press_key`] with modifiers (1 Alt, 2 Ctrl, 4 Meta, 8 Shift).
    pub fn press_key_with(&mut self, key: &str, modifiers: u32) -> Result<(), String> {
        let (code, vk, text) = key_info(key).ok_or_else(|| format!("unknown key `{key}`"))?;
        let text = if modifiers & (1 | 2 | 4) != 0 { String::new() } else { text };
        let mut down = json!({
            "type": if text.is_empty() { "rawKeyDown" } else { "keyDown" },
            "key": key, "code": code, "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk, "modifiers": modifiers,
        });
        if !text.is_empty() {
            down["text"] = json!(text);
            down["unmodifiedText"] = json!(text);
        }
        self.call("Input.dispatchKeyEvent", down)?;
        let up = json!({ "type": "keyUp", "key": key, "code": code, "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk, "modifiers": modifiers });
        self.call("Input.dispatchKeyEvent", up).map(|_| ())
    }

    /// Types text into the focused element (as an input method would).
    pub fn type_text(&mut self, text: &str) -> Result<(), String> {
        self.call("Input.insertText", json!({ "text": text })).map(|_| ())
    }

    /// Saves a PNG screenshot of the page (for looking at a failure).
    pub fn screenshot(&mut self, path: &std::path::Path) -> Result<(), String> {
        let r = self.call("Page.captureScreenshot", json!({ "format": "png" }))?;
        let data = r["data"].as_str().ok_or("no screenshot data")?;
        std::fs::write(path, base64_decode(data)?).map_err(|e| e.to_string())
    }
}

impl Drop for Chrome {
    /// Disposes of the page's browser context (closing the page) and waits
    /// for the answer, so the next test starts on a browser with no page of
    /// this one left.
    fn drop(&mut self) {
        let context = std::mem::take(&mut self.context);
        let _ = self.browser_call("Target.disposeBrowserContext", json!({ "browserContextId": context }));
        let _ = self.ws.close(None);
    }
}

/// The DevTools URL of this process's browser, started on first use and
/// again if it ended.
fn browser_url() -> Result<String, String> {
    let mut browser = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(b) = browser.as_mut() {
        if matches!(b.child.try_wait(), Ok(None)) {
            return Ok(b.url.clone());
        }
    }
    if let Some(old) = browser.take() {
        close_browser(old);
    }
    let started = start_browser()?;
    let url = started.url.clone();
    *browser = Some(started);
    static AT_EXIT: std::sync::Once = std::sync::Once::new();
    AT_EXIT.call_once(|| {
        // Statics are not dropped: the browser is closed when the test
        // binary exits (after its tests passed or failed).
        extern "C" fn close_at_exit() {
            let taken = match BROWSER.try_lock() {
                Ok(mut b) => b.take(),
                Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner().take(),
                Err(std::sync::TryLockError::WouldBlock) => None,
            };
            if let Some(b) = taken {
                close_browser(b);
            }
        }
        // SAFETY: registers a function without arguments that does not unwind.
        #[cfg(unix)]
        unsafe {
            libc::atexit(close_at_exit)
        };
        #[cfg(not(unix))]
        let _ = close_at_exit;
    });
    Ok(url)
}

/// Starts Chromium with a fresh profile and reads its DevTools URL.
fn start_browser() -> Result<Browser, String> {
    let bin = chromium_path().ok_or("Chromium not found")?;
    let profile = tempfile::tempdir().map_err(|e| e.to_string())?;
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--remote-debugging-port=0",
            "--window-size=1200,900",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("about:blank")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run Chromium: {e}"))?;
    let stderr = child.stderr.take().ok_or("no stderr")?;
    match devtools_url(stderr) {
        Ok(url) => Ok(Browser { child, url, _profile: profile }),
        Err(e) => {
            let _ = child.kill();
            let _ = child.wait();
            Err(e)
        }
    }
}

/// Asks the browser to close (so that it ends its own child processes),
/// then kills it if it is still running after two seconds.
fn close_browser(mut b: Browser) {
    if let Ok(mut ws) = connect(&b.url) {
        let close = json!({ "id": 1, "method": "Browser.close", "params": {} });
        let _ = ws.send(Message::text(close.to_string()));
    }
    let deadline = Instant::now() + Duration::from_secs(2);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = b.child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = b.child.kill();
    let _ = b.child.wait();
}

/// True for the errors of an evaluation that a navigation of the page cut
/// short.
fn is_navigation_race(error: &str) -> bool {
    ["Inspected target navigated or closed", "Execution context was destroyed", "Cannot find context with specified id"]
        .iter()
        .any(|m| error.contains(m))
}

/// Reads Chromium's stderr until the DevTools URL; keeps draining it after.
fn devtools_url(stderr: std::process::ChildStderr) -> Result<String, String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut sent = false;
        let mut seen = String::new();
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if !sent {
                if let Some(i) = line.find("ws://") {
                    sent = tx.send(Ok(line[i..].trim().to_string())).is_ok();
                } else {
                    seen.push_str(&line);
                    seen.push('\n');
                }
            }
        }
        if !sent {
            let _ = tx.send(Err(format!("Chromium exited without a DevTools URL:\n{seen}")));
        }
    });
    rx.recv_timeout(Duration::from_secs(30))
        .map_err(|_| "Chromium did not print its DevTools URL in 30 s".to_string())?
}

fn connect(url: &str) -> Result<WebSocket<TcpStream>, String> {
    let rest = url.strip_prefix("ws://").ok_or("not a ws:// URL")?;
    let host = rest.split('/').next().ok_or("no host")?;
    let stream = TcpStream::connect(host).map_err(|e| format!("connect {host}: {e}"))?;
    stream.set_nodelay(true).map_err(|e| e.to_string())?;
    let (ws, _) = tungstenite::client(url, stream).map_err(|e| format!("WebSocket handshake: {e}"))?;
    Ok(ws)
}

/// DOM `code`, Windows virtual key code and text of a key.
fn key_info(key: &str) -> Option<(String, u32, String)> {
    let named = |code: &str, vk: u32, text: &str| Some((code.to_string(), vk, text.to_string()));
    match key {
        "Enter" => named("Enter", 13, "\r"),
        "Escape" => named("Escape", 27, ""),
        "Tab" => named("Tab", 9, ""),
        "Backspace" => named("Backspace", 8, ""),
        "ArrowDown" => named("ArrowDown", 40, ""),
        "ArrowUp" => named("ArrowUp", 38, ""),
        "ArrowLeft" => named("ArrowLeft", 37, ""),
        "ArrowRight" => named("ArrowRight", 39, ""),
        "Home" => named("Home", 36, ""),
        "End" => named("End", 35, ""),
        " " => named("Space", 32, " "),
        "/" => named("Slash", 191, "/"),
        _ => {
            let mut chars = key.chars();
            let c = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
            if c.is_ascii_alphabetic() {
                let up = c.to_ascii_uppercase();
                Some((format!("Key{up}"), up as u32, c.to_string()))
            } else if c.is_ascii_digit() {
                Some((format!("Digit{c}"), c as u32, c.to_string()))
            } else {
                Some((String::new(), 0, c.to_string()))
            }
        }
    }
}

fn base64_decode(s: &str) -> Result<Vec<u8>, String> {
    let val = |c: u8| -> Result<u32, String> {
        Ok(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return Err(format!("bad base64 byte {c}")),
        } as u32)
    };
    let bytes: Vec<u8> = s.bytes().filter(|&b| b != b'=' && !b.is_ascii_whitespace()).collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &b) in chunk.iter().enumerate() {
            n |= val(b)? << (18 - 6 * i);
        }
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    Ok(out)
}

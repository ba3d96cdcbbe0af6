//! Web links (`onramp check --external`): every `http(s)` link of every
//! page, markdown or raw HTML (and `//host/path`, as `https`), checked once
//! per URL with `HEAD` (then `GET` when `HEAD` fails, since many servers
//! refuse or mishandle it), redirects followed by hand so they can be
//! reported (a loop ends the check, with its chain), retries with backoff on
//! timeouts, 429 and 5xx. One link never takes longer than `deadline`, all
//! requests, redirects and waits together; a `Retry-After` is waited for at
//! most [`MAX_RETRY_AFTER`] and once, and a server that asks for more is
//! reported as rate-limiting (a warning).
//!
//! Politeness: at most `per_host` requests in flight to one host and at
//! least `delay` between the starts of two requests to it. Results with an
//! HTTP status are kept in a cache file (`cache_file`, under the site
//! folder) and reused for `cache`; network failures are not kept, so the
//! next run tries again.

use super::build::CheckedSite;
use super::source::{self, Pos};
use super::{Category, ExternalOptions, Findings};
use crate::diagnostics::{Diagnostic, Severity};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Requests in flight at once, all hosts together.
const MAX_THREADS: usize = 8;
/// Redirects followed before giving up.
const MAX_REDIRECTS: usize = 10;

/// What checking one URL found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// Final HTTP status (after redirects); `None` when no answer came.
    pub status: Option<u16>,
    /// Where the redirects ended (the URL itself without redirects).
    pub final_url: String,
    /// Status of the first redirect, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect: Option<u16>,
    /// Why there was no answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// The wait a 429 or 503 answer asked for (`Retry-After`), in seconds.
    #[serde(skip)]
    pub retry_after: Option<u64>,
    /// Requests sent for the link (redirects not counted).
    #[serde(skip)]
    pub tries: u32,
}

impl Outcome {
    fn ok(&self) -> bool {
        self.status.is_some_and(|s| s < 400)
    }

    /// The server asked the checker to slow down or come back later.
    fn rate_limited(&self) -> bool {
        self.status == Some(429) || self.retry_after.is_some()
    }

    /// Worth keeping in the cache: an answer, and not one that says "later".
    fn cacheable(&self) -> bool {
        self.status.is_some() && !self.rate_limited()
    }
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    version: u32,
    links: BTreeMap<String, CacheEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CacheEntry {
    /// Unix time of the check, in seconds.
    checked: u64,
    #[serde(flatten)]
    outcome: Outcome,
}

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// Checks the site's web links; returns how many URLs were checked and how
/// many of those came from the cache.
pub fn check(built: &CheckedSite, out: &mut Findings<'_>) -> (usize, usize) {
    let opts = &built.config.check.external_options;
    let skip = skip_patterns(built, opts, out);
    let mut uses: BTreeMap<String, Vec<(PathBuf, Pos)>> = BTreeMap::new();
    for doc in &built.site.docs {
        let scan = source::scan(doc);
        // Markdown links, and the URLs of raw HTML (`<a href>`, `<img src>`, …).
        for link in scan.links.into_iter().chain(scan.html_links) {
            let Some(url) = web_url(&link.dest) else { continue };
            if skip.iter().any(|r| r.is_match(&url)) {
                continue;
            }
            uses.entry(url).or_default().push((doc.display.clone(), link.pos));
        }
    }
    let cache_path = built.config.root.join(&opts.cache_file);
    let mut cache = load_cache(&cache_path);
    let now = now_secs();
    let fresh = |e: &CacheEntry| now.saturating_sub(e.checked) < opts.cache.as_secs() && e.outcome.cacheable();
    let todo: Vec<String> = uses.keys().filter(|u| !cache.links.get(*u).is_some_and(fresh)).cloned().collect();
    let cached = uses.len() - todo.len();
    let results = check_urls(&todo, opts);
    for (url, outcome) in &results {
        if outcome.cacheable() {
            cache.links.insert(url.clone(), CacheEntry { checked: now, outcome: outcome.clone() });
        }
    }
    if !todo.is_empty() {
        if let Err(e) = save_cache(&cache_path, &mut cache) {
            out.push(
                Category::External,
                Diagnostic::error(&opts.cache_file, 0, 0, format!("cannot write the link cache: {e}")),
            );
        }
    }
    let results: HashMap<&String, Outcome> = results.iter().map(|(u, o)| (u, o.clone())).collect();
    for (url, places) in &uses {
        let outcome = match results.get(url) {
            Some(o) => o.clone(),
            None => match cache.links.get(url) {
                Some(e) => e.outcome.clone(),
                None => continue,
            },
        };
        for (path, pos) in places {
            for (category, d) in findings(url, &outcome, opts, path, *pos) {
                // A warning stays one whatever the category's level.
                let warning = !d.is_error();
                let before = out.items.len();
                out.push(category, d);
                if let Some(f) = out.items.get_mut(before).filter(|_| warning) {
                    f.diagnostic.severity = Severity::Warning;
                }
            }
        }
    }
    (uses.len(), cached)
}

fn findings(url: &str, o: &Outcome, opts: &ExternalOptions, path: &Path, pos: Pos) -> Vec<(Category, Diagnostic)> {
    let d = |msg: String| Diagnostic::error(path, pos.line, pos.col, msg);
    let redirected = o.final_url != url;
    let mut out = Vec::new();
    let tried = |options: &str| {
        format!(
            "tried {} time{}; the {options} options are under `check: external_options:`",
            o.tries,
            if o.tries == 1 { "" } else { "s" }
        )
    };
    match (o.status, &o.error) {
        (Some(s), _) if o.rate_limited() => {
            let wait = o.retry_after.map_or(String::new(), |w| format!(", Retry-After: {w} s"));
            out.push((
                Category::External,
                Diagnostic::warning(
                    path,
                    pos.line,
                    pos.col,
                    format!("web link `{url}` not checked: the server is rate-limiting ({}{wait})", status_text(s)),
                )
                .with_help(format!(
                    "check it again later; onramp waits at most {} for a `Retry-After`, once per link",
                    human(MAX_RETRY_AFTER)
                )),
            ));
        }
        (Some(s), _) if s >= 400 => {
            let after = if redirected { format!(" (redirected to `{}`)", o.final_url) } else { String::new() };
            out.push((
                Category::External,
                d(format!("broken web link `{url}`: {}{after}", status_text(s)))
                    .with_help("fix or remove the link; add a `skip:` pattern under `check: external_options:` if the site refuses robots"),
            ));
        }
        (None, Some(e)) if e == DEADLINE => out.push((
            Category::External,
            d(format!(
                "web link `{url}` failed: no answer within {}, the time allowed for one link",
                human(opts.deadline)
            ))
            .with_help(tried("`deadline`, `timeout` and `retries`")),
        )),
        (None, Some(e)) if e.starts_with("redirect loop") || e.starts_with("more than") => out.push((
            Category::External,
            d(format!("web link `{url}` failed: {e}"))
                .with_help("the redirects never reach a page; fix or remove the link"),
        )),
        (None, Some(e)) => {
            let e = if e == TIMEOUT { format!("no answer within {}", human(opts.timeout)) } else { e.clone() };
            out.push((
                Category::External,
                d(format!("web link `{url}` failed: {e}")).with_help(tried("`timeout` and `retries`")),
            ));
        }
        _ => {}
    }
    if redirected && o.ok() {
        let status = o.redirect.map_or(String::new(), |s| format!(" ({s})"));
        out.push((
            Category::Redirects,
            d(format!("web link `{url}` redirects{status} to `{}`", o.final_url))
                .with_help("link to the final address"),
        ));
    }
    out
}

fn status_text(s: u16) -> String {
    match ureq::http::StatusCode::from_u16(s).ok().and_then(|c| c.canonical_reason()) {
        Some(reason) => format!("{s} {reason}"),
        None => format!("status {s}"),
    }
}

fn human(d: Duration) -> String {
    if d.subsec_millis() != 0 || d.as_secs() == 0 {
        format!("{} ms", d.as_millis())
    } else {
        format!("{} s", d.as_secs())
    }
}

/// The URL a link asks the web for, without its fragment: `http(s)://…`,
/// and protocol-relative `//host/path`, which a page served over HTTPS
/// (where sites are published) resolves to `https://host/path`.
fn web_url(dest: &str) -> Option<String> {
    let dest = dest.split('#').next().unwrap_or(dest);
    let lower = dest.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        return Some(dest.to_string());
    }
    let rest = dest.strip_prefix("//")?;
    let host = rest.split(['/', '?']).next().unwrap_or("");
    (!host.is_empty() && !rest.starts_with('/')).then(|| format!("https://{rest}"))
}

/// Compiles the `skip:` patterns; a bad one is an error at its value in site.yaml.
fn skip_patterns(built: &CheckedSite, opts: &ExternalOptions, out: &mut Findings<'_>) -> Vec<regex_lite::Regex> {
    opts.skip
        .iter()
        .enumerate()
        .filter_map(|(i, p)| match regex_lite::Regex::new(p) {
            Ok(r) => Some(r),
            Err(e) => {
                let at = crate::yaml_path!["check", "external_options", "skip", i];
                let (line, col) = built.config.spans.value(&at).unwrap_or((0, 0));
                let msg = e.to_string().lines().last().unwrap_or_default().to_string();
                out.push(
                    Category::External,
                    Diagnostic::error(
                        crate::config::CONFIG_FILE,
                        line,
                        col,
                        format!("invalid `skip` pattern `{p}`: {msg}"),
                    )
                    .with_help("patterns are regular expressions, e.g. `^https://example\\.com/`"),
                );
                None
            }
        })
        .collect()
}

fn load_cache(path: &Path) -> Cache {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|t| serde_json::from_str::<Cache>(&t).ok())
        .filter(|c| c.version == 1)
        .unwrap_or_default()
}

fn save_cache(path: &Path, cache: &mut Cache) -> std::io::Result<()> {
    cache.version = 1;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let json = serde_json::to_string_pretty(cache).map_err(std::io::Error::other)?;
    let tmp = path.with_extension(format!("tmp-{}", std::process::id()));
    std::fs::write(&tmp, json)?;
    std::fs::rename(&tmp, path)
}

/// `https://host:port/…` → `https://host:port`, the unit of politeness.
fn host_of(url: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap_or(("", url));
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    format!("{}://{}", scheme.to_ascii_lowercase(), host.to_ascii_lowercase())
}

struct HostState {
    queue: VecDeque<String>,
    active: usize,
    next_start: Instant,
}

/// Checks `urls` in parallel within the per-host limits.
pub fn check_urls(urls: &[String], opts: &ExternalOptions) -> Vec<(String, Outcome)> {
    if urls.is_empty() {
        return Vec::new();
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(concat!("onramp-check/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut hosts: BTreeMap<String, HostState> = BTreeMap::new();
    let start = Instant::now();
    for u in urls {
        hosts
            .entry(host_of(u))
            .or_insert_with(|| HostState { queue: VecDeque::new(), active: 0, next_start: start })
            .queue
            .push_back(u.clone());
    }
    let state = Mutex::new(hosts);
    let wake = Condvar::new();
    let results = Mutex::new(Vec::with_capacity(urls.len()));
    let per_host = opts.per_host.max(1);
    let threads = MAX_THREADS.min(urls.len());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    // Take the URL of the host that may be asked soonest.
                    let (url, host, wait) = {
                        let Ok(mut hosts) = state.lock() else { return };
                        loop {
                            if hosts.values().all(|h| h.queue.is_empty()) {
                                return;
                            }
                            let now = Instant::now();
                            let pick = hosts
                                .iter()
                                .filter(|(_, h)| !h.queue.is_empty() && h.active < per_host)
                                .min_by_key(|(_, h)| h.next_start)
                                .map(|(k, _)| k.clone());
                            if let Some(k) = pick {
                                let Some(h) = hosts.get_mut(&k) else { return };
                                let begin = h.next_start.max(now);
                                h.next_start = begin + opts.delay;
                                h.active += 1;
                                let Some(url) = h.queue.pop_front() else { return };
                                break (url, k, begin - now);
                            }
                            hosts = match wake.wait_timeout(hosts, Duration::from_millis(100)) {
                                Ok((g, _)) => g,
                                Err(_) => return,
                            };
                        }
                    };
                    std::thread::sleep(wait);
                    let outcome = check_url(&agent, &url, opts);
                    if let Ok(mut r) = results.lock() {
                        r.push((url, outcome));
                    }
                    if let Ok(mut hosts) = state.lock() {
                        if let Some(h) = hosts.get_mut(&host) {
                            h.active -= 1;
                        }
                    }
                    wake.notify_all();
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by(|a, b| a.0.cmp(&b.0));
    results
}

/// The longest `Retry-After` waited for, once per link; a server that
/// asks for more (or again) is reported as rate-limiting the checker.
const MAX_RETRY_AFTER: Duration = Duration::from_secs(5);

/// `HEAD`, then `GET` when `HEAD` got an error status (405 and 501 are
/// common answers to `HEAD`, and some servers answer it 403 or 404 wrongly),
/// all within the link's `deadline`.
fn check_url(agent: &ureq::Agent, url: &str, opts: &ExternalOptions) -> Outcome {
    let mut budget = Budget { deadline: Instant::now() + opts.deadline, tries: 0, waited_for_server: false };
    let head = with_retries(agent, "HEAD", url, opts, &mut budget);
    if head.status.is_some_and(|s| s >= 400 && s != 429) {
        let get = with_retries(agent, "GET", url, opts, &mut budget);
        if get.status.is_some() {
            return get;
        }
    }
    head
}

/// What one link may still spend.
struct Budget {
    deadline: Instant,
    /// Requests sent (redirects not counted).
    tries: u32,
    /// A `Retry-After` was honoured already.
    waited_for_server: bool,
}

impl Budget {
    fn left(&self) -> Duration {
        self.deadline.saturating_duration_since(Instant::now())
    }
}

/// How a failed request may be tried again.
enum Again {
    /// Not at all: the answer is final (a status, or a redirect loop).
    Never,
    /// After the backoff (timeouts, network errors, 5xx, 429 without a wait).
    Backoff,
    /// After the wait the server asked for (`Retry-After`).
    After(Duration),
}

fn with_retries(agent: &ureq::Agent, method: &str, url: &str, opts: &ExternalOptions, budget: &mut Budget) -> Outcome {
    let mut attempt = 0;
    loop {
        budget.tries += 1;
        let (mut outcome, again) = follow(agent, method, url, opts.timeout, budget.deadline);
        outcome.tries = budget.tries;
        let wait = match again {
            Again::Never => return outcome,
            _ if attempt >= opts.retries => return outcome,
            Again::Backoff => opts.backoff.saturating_mul(1 << attempt.min(16)),
            Again::After(wait) if wait <= MAX_RETRY_AFTER && !budget.waited_for_server => {
                budget.waited_for_server = true;
                wait
            }
            // Asked to wait longer, or again: the server is rate-limiting.
            Again::After(_) => return outcome,
        };
        if wait >= budget.left() {
            if outcome.status.is_none() {
                outcome.error = Some(DEADLINE.into());
            }
            return outcome;
        }
        std::thread::sleep(wait);
        attempt += 1;
    }
}

/// The error of a link whose time ran out (`deadline`).
const DEADLINE: &str = "deadline";
/// The error of a request that got no answer within `timeout`.
const TIMEOUT: &str = "timeout";

/// One request, with redirects followed (a loop ends it); says whether and
/// when to try again.
fn follow(agent: &ureq::Agent, method: &str, url: &str, timeout: Duration, deadline: Instant) -> (Outcome, Again) {
    let mut current = url.to_string();
    let mut chain = vec![url.to_string()];
    let mut first_redirect = None;
    let failed = |final_url: String, redirect, error: String| Outcome {
        status: None,
        final_url,
        redirect,
        error: Some(error),
        retry_after: None,
        tries: 0,
    };
    for _ in 0..=MAX_REDIRECTS {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return (failed(current, first_redirect, DEADLINE.into()), Again::Never);
        }
        let cut = left < timeout;
        let request = match method {
            "HEAD" => agent.head(&current).config().timeout_global(Some(timeout.min(left))).build().call(),
            _ => agent.get(&current).config().timeout_global(Some(timeout.min(left))).build().call(),
        };
        let response = match request {
            Ok(r) => r,
            Err(e) => {
                let error = match e {
                    ureq::Error::Timeout(_) if cut => DEADLINE.to_string(),
                    ureq::Error::Timeout(_) => TIMEOUT.to_string(),
                    other => other.to_string(),
                };
                return (failed(current, first_redirect, error), Again::Backoff);
            }
        };
        let status = response.status().as_u16();
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        if (300..400).contains(&status) && status != 304 {
            if let Some(location) = header("location") {
                first_redirect.get_or_insert(status);
                current = join_url(&current, &location);
                let looped = chain.contains(&current);
                chain.push(current.clone());
                if looped {
                    let error = format!("redirect loop: {}", chain.join(" → "));
                    return (failed(current, first_redirect, error), Again::Never);
                }
                continue;
            }
        }
        let retry_after = header("retry-after").and_then(|v| v.trim().parse::<u64>().ok());
        let again = match retry_after {
            Some(secs) if status == 429 || status == 503 => Again::After(Duration::from_secs(secs)),
            _ if status == 429 || (500..600).contains(&status) && status != 501 && status != 505 => Again::Backoff,
            _ => Again::Never,
        };
        let outcome = Outcome {
            status: Some(status),
            final_url: current,
            redirect: first_redirect,
            error: None,
            retry_after: retry_after.filter(|_| status == 429 || status == 503),
            tries: 0,
        };
        return (outcome, again);
    }
    let error = format!("more than {MAX_REDIRECTS} redirects: {}", chain.join(" → "));
    (failed(current, first_redirect, error), Again::Never)
}

/// Resolves a `Location` header against the URL it came from.
fn join_url(base: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_string();
    }
    let (scheme, rest) = base.split_once("://").unwrap_or(("http", base));
    if let Some(l) = location.strip_prefix("//") {
        return format!("{scheme}://{l}");
    }
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = &rest[..host_end];
    if location.starts_with('/') {
        return format!("{scheme}://{host}{location}");
    }
    let path = rest[host_end..].split(['?', '#']).next().unwrap_or("");
    let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
    format!("{scheme}://{host}{dir}{location}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_resolve_against_the_request() {
        assert_eq!(join_url("https://a.org/x/y?q", "/z"), "https://a.org/z");
        assert_eq!(join_url("https://a.org/x/y", "z"), "https://a.org/x/z");
        assert_eq!(join_url("https://a.org", "z"), "https://a.org/z");
        assert_eq!(join_url("http://a.org/x", "https://b.org/"), "https://b.org/");
        assert_eq!(join_url("https://a.org/x", "//c.org/p"), "https://c.org/p");
    }

    #[test]
    fn protocol_relative_links_are_https() {
        assert_eq!(web_url("//cdn.example.org/a.js#x"), Some("https://cdn.example.org/a.js".into()));
        assert_eq!(web_url("HTTP://a.org/x"), Some("HTTP://a.org/x".into()));
        assert_eq!(web_url("///a.org/x"), None);
        assert_eq!(web_url("/docs/"), None);
        assert_eq!(web_url("mailto:a@b.org"), None);
    }

    #[test]
    fn hosts_group_by_scheme_host_and_port() {
        assert_eq!(host_of("https://Example.org:8443/a?b"), "https://example.org:8443");
        assert_eq!(host_of("http://127.0.0.1:9/x"), "http://127.0.0.1:9");
    }
}

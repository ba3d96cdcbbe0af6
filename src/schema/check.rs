//! The `check:` section of `site.yaml`: a level per category of finding and
//! the options of the external link checker.
//!
//! ```yaml
//! check:
//!   broken_links: error
//!   orphans: off
//!   external_options: { timeout: 10s, deadline: 30s, retries: 2, per_host: 2, delay: 200ms, cache: 24h, skip: ["^https://example\\.com/"] }
//! ```

use serde::{Deserialize, Deserializer};
use std::time::Duration;

/// What a category of finding does to the result of `onramp check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Reported as an error: `onramp check` exits with code 1.
    Error,
    /// Reported as a warning.
    #[serde(alias = "warning")]
    Warn,
    /// Not checked.
    Off,
}

/// Levels per category, and external link options.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Links to missing pages, files and anchors, in every language.
    #[serde(default = "error")]
    pub broken_links: Level,
    /// A translation linking to another language's page although its own language has one.
    #[serde(default = "warn")]
    pub cross_language_links: Level,
    /// Pages that nothing leads to but the sidebar.
    #[serde(default = "warn")]
    pub orphans: Level,
    /// Missing and outdated translations.
    #[serde(default = "warn")]
    pub translations: Level,
    /// Images without alt text.
    #[serde(default = "error")]
    pub missing_alt: Level,
    /// Headings that skip a level (h2 → h4).
    #[serde(default = "warn")]
    pub heading_levels: Level,
    /// Two elements of a page with the same id.
    #[serde(default = "error")]
    pub duplicate_ids: Level,
    /// Web links that fail (`--external` only).
    #[serde(default = "error")]
    pub external: Level,
    /// Web links that redirect (`--external` only).
    #[serde(default = "warn")]
    pub redirects: Level,
    /// How web links are checked.
    #[serde(default)]
    pub external_options: ExternalOptions,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            broken_links: Level::Error,
            cross_language_links: Level::Warn,
            orphans: Level::Warn,
            translations: Level::Warn,
            missing_alt: Level::Error,
            heading_levels: Level::Warn,
            duplicate_ids: Level::Error,
            external: Level::Error,
            redirects: Level::Warn,
            external_options: ExternalOptions::default(),
        }
    }
}

fn error() -> Level {
    Level::Error
}
fn warn() -> Level {
    Level::Warn
}

/// How web links are checked.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExternalOptions {
    /// Time allowed for one request (connection and answer).
    #[serde(default = "default_timeout", deserialize_with = "duration")]
    pub timeout: Duration,
    /// Time allowed for one link: every request, redirect, retry and wait.
    #[serde(default = "default_deadline", deserialize_with = "duration")]
    pub deadline: Duration,
    /// Further tries after a timeout, a 429 or a 5xx answer.
    #[serde(default = "default_retries")]
    pub retries: u32,
    /// First wait before a retry; doubled at every try (a `Retry-After` header wins).
    #[serde(default = "default_backoff", deserialize_with = "duration")]
    pub backoff: Duration,
    /// Requests in flight at once to one host.
    #[serde(default = "default_per_host")]
    pub per_host: usize,
    /// Least time between the starts of two requests to one host.
    #[serde(default = "default_delay", deserialize_with = "duration")]
    pub delay: Duration,
    /// How long a result is reused before the link is checked again (`0s`: never).
    #[serde(default = "default_cache", deserialize_with = "duration")]
    pub cache: Duration,
    /// Cache file, relative to the site folder.
    #[serde(default = "default_cache_file")]
    pub cache_file: String,
    /// Regular expressions: matching URLs are not checked.
    #[serde(default)]
    pub skip: Vec<String>,
}

impl Default for ExternalOptions {
    fn default() -> Self {
        ExternalOptions {
            timeout: default_timeout(),
            deadline: default_deadline(),
            retries: default_retries(),
            backoff: default_backoff(),
            per_host: default_per_host(),
            delay: default_delay(),
            cache: default_cache(),
            cache_file: default_cache_file(),
            skip: Vec::new(),
        }
    }
}

fn default_timeout() -> Duration {
    Duration::from_secs(10)
}
fn default_deadline() -> Duration {
    Duration::from_secs(30)
}
fn default_retries() -> u32 {
    2
}
fn default_backoff() -> Duration {
    Duration::from_secs(1)
}
fn default_per_host() -> usize {
    2
}
fn default_delay() -> Duration {
    Duration::from_millis(200)
}
fn default_cache() -> Duration {
    Duration::from_secs(24 * 3600)
}
fn default_cache_file() -> String {
    ".onramp-cache/links.json".into()
}

/// Parses `250ms`, `10s`, `5m`, `24h`, `7d`, or a number of seconds.
pub fn parse_duration(s: &str) -> Option<Duration> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().ok()?;
    let secs = match unit.trim() {
        "ms" => n / 1000.0,
        "" | "s" => n,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        "d" => n * 86400.0,
        _ => return None,
    };
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs))
}

fn duration<'de, D: Deserializer<'de>>(d: D) -> Result<Duration, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Raw {
        Number(f64),
        Text(String),
    }
    match Raw::deserialize(d)? {
        Raw::Number(n) if n >= 0.0 && n.is_finite() => Ok(Duration::from_secs_f64(n)),
        Raw::Number(n) => Err(serde::de::Error::custom(format!("`{n}` is not a duration"))),
        Raw::Text(t) => parse_duration(&t).ok_or_else(|| {
            serde::de::Error::custom(format!("`{t}` is not a duration; write e.g. `500ms`, `10s`, `5m`, `24h`, `7d`"))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("250ms"), Some(Duration::from_millis(250)));
        assert_eq!(parse_duration("10s"), Some(Duration::from_secs(10)));
        assert_eq!(parse_duration("10"), Some(Duration::from_secs(10)));
        assert_eq!(parse_duration("24h"), Some(Duration::from_secs(86400)));
        assert_eq!(parse_duration("1.5m"), Some(Duration::from_secs(90)));
        assert_eq!(parse_duration("soon"), None);
        assert_eq!(parse_duration("3 weeks"), None);
    }
}

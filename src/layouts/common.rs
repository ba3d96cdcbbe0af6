//! Helpers the layouts share: dates in the page's language, positions in
//! front matter, and the URLs of files and links written in front matter or
//! data.

use crate::content::Doc;
use crate::diagnostics::Diagnostic;
use crate::i18n::Arg;
use crate::render::RenderEnv;
use crate::yaml::Seg;

/// A day in the words of language `lang` ("3 May 2025"); `YYYY-MM-DD`
/// when the language has no `date-format` message.
pub fn format_date(env: &RenderEnv<'_>, lang: usize, day: time::Date) -> String {
    let code = &env.config.languages[lang].code;
    let month = env.locales.text(code, &format!("month-{}", u8::from(day.month())));
    let (d, y) = (f64::from(day.day()), f64::from(day.year()));
    env.locales
        .t(code, "date-format", &[("day", Arg::Num(d)), ("month", Arg::Str(month)), ("year", Arg::Num(y))])
        .unwrap_or_else(|_| crate::schema::values::iso_day(day))
}

/// Line and column (1-based) in `doc`'s front matter of the key at `path`
/// (`at_value`: of its value), read by the YAML parser; when it is not
/// written there (a translation inherits it), the nearest written parent,
/// then the `layout:` key, then 1:1.
pub fn position_of(doc: &Doc, path: &[Seg], at_value: bool) -> (usize, usize) {
    let spans = &doc.spans;
    let exact = if at_value { spans.value(path) } else { spans.key(path) };
    exact
        .or_else(|| (1..path.len()).rev().find_map(|n| spans.key(&path[..n])))
        .or_else(|| spans.key(&crate::yaml_path!["layout"]))
        .unwrap_or((1, 1))
}

/// An error in `doc` at the key written at `path` (see [`position_of`]).
pub fn key_error(doc: &Doc, path: &[Seg], message: impl Into<String>) -> Diagnostic {
    let (line, col) = position_of(doc, path, false);
    Diagnostic::error(&doc.display, line, col, message)
}

/// An error in `doc` at the value written at `path` (see [`position_of`]).
pub fn value_error(doc: &Doc, path: &[Seg], message: impl Into<String>) -> Diagnostic {
    let (line, col) = position_of(doc, path, true);
    Diagnostic::error(&doc.display, line, col, message)
}

/// Resolves a site file URL written in front matter or data (`/img/a.svg`,
/// or a path relative to the page's folder) to its URL under the base path,
/// or `Err` with a help line when the site has no such file (the files
/// discovery found: nothing is read from disk here). Web URLs (`https://…`)
/// and `data:image/…` are kept as they are; other schemes are refused.
pub fn asset_url(env: &RenderEnv<'_>, page_key: &str, url: &str) -> Result<String, String> {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("data:image/") {
        return Ok(url.trim().to_string());
    }
    if url.starts_with("//") || url.split(['/', '?', '#']).next().is_some_and(|s| s.contains(':')) {
        return Err("use a web link (`https://…`) or a site file (`/img/logo.svg`)".into());
    }
    if let Some(rest) = url.strip_prefix('/') {
        let rest = rest.split(['?', '#']).next().unwrap_or(rest);
        let found = env.inputs.is_static_file(rest) || env.inputs.is_content_file(rest);
        if found && !rest.split('/').any(|s| s == "..") {
            return Ok(crate::content::paths::url(&env.config.base_path, rest));
        }
        return Err(format!("put the file at `static/{rest}`, or fix the path"));
    }
    let folder = page_key.rsplit_once('/').map_or("", |(f, _)| f);
    let key = if folder.is_empty() { url.to_string() } else { format!("{folder}/{url}") };
    if env.inputs.is_content_file(&key) && !key.split('/').any(|s| s == "..") {
        Ok(crate::content::paths::url(&env.config.base_path, &key))
    } else {
        Err(format!("put the file at `content/{key}`, or fix the path"))
    }
}

/// A site path written in front matter (`/news/`) resolved in the page's
/// language; absolute URLs and anchors are kept.
pub fn local_url(env: &RenderEnv<'_>, lang: usize, url: &str) -> String {
    match url.strip_prefix('/') {
        Some(rest) if !url.starts_with("//") => {
            format!("{}{}{rest}", env.config.base_path, env.config.languages[lang].prefix)
        }
        _ => url.to_string(),
    }
}

/// A link from front matter or data, if it is safe to put in `href`:
/// `http(s):`, `mailto:`, site paths and relative links; `javascript:` and
/// other schemes are dropped.
pub fn safe_link(url: &str) -> Option<String> {
    let u = url.trim();
    let before = u.split(['/', '?', '#']).next().unwrap_or("");
    let lower = u.to_ascii_lowercase();
    let ok = !u.is_empty()
        && (!before.contains(':')
            || lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("mailto:"));
    ok.then(|| u.to_string())
}

/// A site path (`/files/a.pdf`) under the base path, in no particular
/// language (static files are shared); anything else is kept.
pub fn site_url(env: &RenderEnv<'_>, url: &str) -> String {
    match url.strip_prefix('/') {
        Some(rest) if !url.starts_with("//") => format!("{}{rest}", env.config.base_path),
        _ => url.to_string(),
    }
}

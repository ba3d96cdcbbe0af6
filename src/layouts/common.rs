//! Helpers the layouts share: dates in the page's language, positions in
//! front matter, and the URLs of files and links written in front matter or
//! data.

use crate::content::Doc;
use crate::diagnostics::Diagnostic;
use crate::i18n::Arg;
use crate::render::RenderEnv;

/// A date (`YYYY-MM-DD…`) in the words of language `lang` ("3 May 2025").
pub fn format_date(env: &RenderEnv<'_>, lang: usize, date: &str) -> String {
    let code = &env.config.languages[lang].code;
    let parts: Vec<i64> = date.get(..10).unwrap_or(date).split('-').filter_map(|p| p.parse().ok()).collect();
    let [y, m, d] = parts[..] else { return date.to_string() };
    let month = env.locales.text(code, &format!("month-{m}"));
    env.locales
        .t(
            code,
            "date-format",
            &[("day", Arg::Num(d as f64)), ("month", Arg::Str(month)), ("year", Arg::Num(y as f64))],
        )
        .unwrap_or_else(|_| date.to_string())
}

/// Line and column (1-based) of the first line of `doc`'s front matter that
/// holds `needle` (a key such as `logo:`, or a value), at the needle; the
/// `layout:` line, then 1:1, when it is not found.
pub fn position_in(doc: &Doc, needle: &str) -> (usize, usize) {
    let front = &doc.text[..doc.body_offset];
    let find =
        |n: &str| front.lines().enumerate().find_map(|(i, l)| l.find(n).map(|at| (i + 1, l[..at].chars().count() + 1)));
    find(needle).or_else(|| find("layout:")).unwrap_or((1, 1))
}

/// An error in `doc` at the position of `needle`.
pub fn doc_error(doc: &Doc, needle: &str, message: impl Into<String>) -> Diagnostic {
    let (line, col) = position_in(doc, needle);
    Diagnostic::error(&doc.display, line, col, message)
}

/// Resolves a site file URL written in front matter or data (`/img/a.svg`,
/// or a path relative to the page's folder) to its URL under the base path,
/// or `Err` with a help line when the file does not exist. Web URLs
/// (`https://…`) and `data:image/…` are kept as they are; other schemes are
/// refused.
pub fn asset_url(env: &RenderEnv<'_>, page_key: &str, url: &str) -> Result<String, String> {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("data:image/") {
        return Ok(url.trim().to_string());
    }
    if url.starts_with("//") || url.split(['/', '?', '#']).next().is_some_and(|s| s.contains(':')) {
        return Err("use a web link (`https://…`) or a site file (`/img/logo.svg`)".into());
    }
    let root = &env.config.root;
    if let Some(rest) = url.strip_prefix('/') {
        let rest = rest.split(['?', '#']).next().unwrap_or(rest);
        let in_static = root.join("static").join(rest);
        let in_content = root.join(crate::discover::CONTENT_DIR).join(rest);
        if (in_static.is_file() || in_content.is_file()) && !rest.split('/').any(|s| s == "..") {
            return Ok(crate::content::paths::url(&env.config.base_path, rest));
        }
        return Err(format!("put the file at `static/{rest}`, or fix the path"));
    }
    let folder = page_key.rsplit_once('/').map_or("", |(f, _)| f);
    let key = if folder.is_empty() { url.to_string() } else { format!("{folder}/{url}") };
    if root.join(crate::discover::CONTENT_DIR).join(&key).is_file() && !key.split('/').any(|s| s == "..") {
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

/// Names of the site's data files (`data/*.yaml` stems), for suggestions.
pub fn data_names(root: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(root.join("data"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let p = e.path();
            p.extension()
                .is_some_and(|x| x == "yaml" || x == "yml")
                .then(|| p.file_stem()?.to_str().map(str::to_string))?
        })
        .collect()
}

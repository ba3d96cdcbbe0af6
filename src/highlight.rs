//! Syntax highlighting: the only module that uses syntect.
//!
//! The syntax set (syntect's defaults plus two-face's extended set: TypeScript,
//! TOML, Dockerfile…) loads once into a [`Highlighter`] that every render
//! thread shares by reference. Code becomes class-based HTML (`hl-` prefixed
//! classes); [`Highlighter::css`] generates the matching stylesheet for a light
//! and a dark theme. An unknown language renders as plain, escaped code.

use crate::markdown::escape;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};
use syntect::highlighting::Theme;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;
use two_face::theme::EmbeddedLazyThemeSet;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Shared highlighting state: the syntax set, and the blocks already
/// highlighted. Translations repeat their source's code blocks, and a dev
/// server highlights the same blocks on every save: each is parsed once.
pub struct Highlighter {
    syntaxes: SyntaxSet,
    /// Highlighted body by (syntax name, code), through a 64-bit hash of both
    /// with the code's length.
    cache: Mutex<HashMap<(u64, usize), Arc<str>>>,
    /// Keep the cache across builds (the dev server), instead of dropping it
    /// after each build's markdown stage ([`Highlighter::end_of_build`]).
    keep: bool,
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

impl Highlighter {
    /// Loads the syntax set (tens of milliseconds; do it once).
    pub fn new() -> Self {
        Highlighter { syntaxes: two_face::syntax::extra_newlines(), cache: Mutex::new(HashMap::new()), keep: false }
    }

    /// A highlighter that remembers blocks from one build to the next, for
    /// a process that rebuilds the same site again and again.
    pub fn persistent() -> Self {
        Highlighter { keep: true, ..Self::new() }
    }

    /// Called once a build has highlighted everything: frees the cache
    /// unless the highlighter is [`persistent`](Highlighter::persistent).
    pub fn end_of_build(&self) {
        if !self.keep
            && let Ok(mut c) = self.cache.lock()
        {
            *c = HashMap::new();
        }
    }

    fn find(&self, lang: &str) -> Option<&SyntaxReference> {
        let lang = lang.trim().to_ascii_lowercase();
        let lang = match lang.as_str() {
            "" | "text" | "plain" | "plaintext" | "txt" => return None,
            "shell" | "console" | "shell-session" | "zsh" => "bash",
            "jinja" | "jinja2" | "tera" => "html",
            "yml" => "yaml",
            other => other,
        };
        self.syntaxes.find_syntax_by_token(lang)
    }

    /// Highlights `code` written in `lang` into a `<pre>` block.
    pub fn highlight(&self, code: &str, lang: &str) -> String {
        let lang_attr = escape(lang);
        let body = match self.find(lang) {
            Some(syntax) => self.cached(code, syntax),
            None => escape(code),
        };
        if lang.is_empty() {
            format!("<pre class=\"code\"><code>{body}</code></pre>\n")
        } else {
            format!(
                "<pre class=\"code\" data-lang=\"{lang_attr}\"><code class=\"language-{lang_attr}\">{body}</code></pre>\n"
            )
        }
    }

    fn cached(&self, code: &str, syntax: &SyntaxReference) -> String {
        let mut hasher = std::hash::DefaultHasher::new();
        (&syntax.name, code).hash(&mut hasher);
        let key = (hasher.finish(), code.len());
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return hit.to_string();
        }
        let body = self.classed(code, syntax).unwrap_or_else(|| escape(code));
        if let Ok(mut c) = self.cache.lock() {
            c.insert(key, Arc::from(body.as_str()));
        }
        body
    }

    fn classed(&self, code: &str, syntax: &SyntaxReference) -> Option<String> {
        let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            generator.parse_html_for_line_which_includes_newline(line).ok()?;
        }
        Some(generator.finalize())
    }

    /// Stylesheet for the light theme, with the dark theme applied under
    /// `prefers-color-scheme: dark` and `[data-theme=dark]`. `None` names
    /// the first unknown theme.
    pub fn css(light: &str, dark: &str) -> Result<String, String> {
        let themes = two_face::theme::extra();
        let light_theme = find_theme(&themes, light).ok_or_else(|| light.to_string())?;
        let dark_theme = find_theme(&themes, dark).ok_or_else(|| dark.to_string())?;
        let light_css = css_for_theme_with_class_style(light_theme, CLASS_STYLE).map_err(|e| e.to_string())?;
        let dark_css = css_for_theme_with_class_style(dark_theme, CLASS_STYLE).map_err(|e| e.to_string())?;
        let scoped_dark = scope_css(&dark_css, ":root[data-theme=\"dark\"]");
        let auto_dark = scope_css(&dark_css, ":root:not([data-theme=\"light\"])");
        Ok(format!(
            "/* Generated by onramp from the `{light}` and `{dark}` themes. */\n{light_css}\n{scoped_dark}\n@media (prefers-color-scheme: dark) {{\n{auto_dark}\n}}\n"
        ))
    }

    /// Names of the available highlighting themes.
    pub fn theme_names() -> Vec<&'static str> {
        EmbeddedLazyThemeSet::theme_names().iter().map(|n| n.as_name()).collect()
    }
}

fn normalize(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

fn find_theme<'a>(themes: &'a EmbeddedLazyThemeSet, name: &str) -> Option<&'a Theme> {
    let wanted = normalize(name);
    EmbeddedLazyThemeSet::theme_names().iter().find(|n| normalize(n.as_name()) == wanted).map(|n| themes.get(*n))
}

/// Prefixes every selector of syntect's generated CSS with `scope`.
fn scope_css(css: &str, scope: &str) -> String {
    let mut out = String::with_capacity(css.len() * 2);
    let mut in_comment = false;
    for line in css.lines() {
        let t = line.trim_start();
        if in_comment || t.starts_with("/*") {
            in_comment = !t.contains("*/");
            continue;
        }
        if t.ends_with('{') && !t.starts_with('}') {
            let selectors = t
                .trim_end_matches('{')
                .split(',')
                .map(|s| format!("{scope} {}", s.trim()))
                .collect::<Vec<_>>()
                .join(", ");
            out.push_str(&selectors);
            out.push_str(" {\n");
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_languages_get_classes() {
        let h = Highlighter::new();
        let html = h.highlight("fn main() {}\n", "rust");
        assert!(html.starts_with("<pre class=\"code\" data-lang=\"rust\">"), "{html}");
        assert!(html.contains("class=\"hl-"), "{html}");
        // The extended set has TypeScript and TOML.
        assert!(h.highlight("let x: number = 1;\n", "ts").contains("hl-"));
        assert!(h.highlight("[a]\nb = 1\n", "toml").contains("hl-"));
    }

    #[test]
    fn cached_blocks_match_fresh_ones_per_syntax() {
        let code = "let x = \"a\"; // not: python\n";
        let fresh = Highlighter::new();
        let (rust, python) = (fresh.highlight(code, "rust"), fresh.highlight(code, "python"));
        assert_ne!(rust, python, "the syntax is part of the key");
        let h = Highlighter::persistent();
        for _ in 0..2 {
            assert_eq!(h.highlight(code, "rust"), rust);
            assert_eq!(h.highlight(code, "python"), python);
        }
        assert_eq!(h.cache.lock().unwrap().len(), 2);
        h.end_of_build();
        assert_eq!(h.cache.lock().unwrap().len(), 2, "a persistent highlighter keeps its cache");
        fresh.end_of_build();
        assert!(fresh.cache.lock().unwrap().is_empty());
    }

    #[test]
    fn unknown_language_is_plain_and_escaped() {
        let h = Highlighter::new();
        let html = h.highlight("<b>x</b>\n", "nosuchlang");
        assert_eq!(
            html,
            "<pre class=\"code\" data-lang=\"nosuchlang\"><code class=\"language-nosuchlang\">&lt;b&gt;x&lt;/b&gt;\n</code></pre>\n"
        );
    }

    #[test]
    fn css_has_both_schemes() {
        let css = Highlighter::css("InspiredGitHub", "OneHalfDark").unwrap();
        assert!(css.contains("prefers-color-scheme: dark"));
        assert!(css.contains(":root[data-theme=\"dark\"] .hl-"));
        assert_eq!(Highlighter::css("nope", "OneHalfDark"), Err("nope".to_string()));
        assert!(Highlighter::css("solarized dark", "github").is_ok());
    }
}

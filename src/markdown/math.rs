//! `$…$` and `$$…$$` (pulldown-cmark's math extension) rendered to MathML
//! at build time with `pulldown-latex`: browsers lay MathML out with their
//! own math fonts, so a page with formulas needs no script and downloads
//! no font.

use pulldown_latex::config::DisplayMode;
use pulldown_latex::{Parser, RenderConfig, Storage};

/// MathML for a formula, or the parser's first error (one line).
pub(crate) fn render(tex: &str, display: bool) -> Result<String, String> {
    let storage = Storage::new();
    let events: Vec<_> = Parser::new(tex, &storage).collect();
    if let Some(Err(e)) = events.iter().find(|e| e.is_err()) {
        let text = e.to_string();
        let first = text.lines().next().unwrap_or("");
        return Err(first.trim_start_matches("parsing error: ").trim().to_string());
    }
    let annotation = crate::escape::escape(tex);
    let config = RenderConfig {
        display_mode: if display { DisplayMode::Block } else { DisplayMode::Inline },
        annotation: Some(&annotation),
        ..RenderConfig::default()
    };
    let mut html = String::new();
    pulldown_latex::push_mathml(&mut html, events.into_iter(), config).map_err(|e| e.to_string())?;
    Ok(html)
}

#[cfg(test)]
mod tests {
    #[test]
    fn formulas_become_mathml_and_errors_are_one_line() {
        let html = super::render(r"a\,b^2", false).unwrap();
        assert!(html.starts_with("<math"), "{html}");
        assert!(html.contains("<mspace width=\"0.16666667em\""), "{html}");
        assert!(super::render(r"\frac{1}{2", true).is_err());
        let html = super::render(r"\text{<b>} < 1", false).unwrap();
        assert!(!html.contains("<b>"), "{html}");
    }
}

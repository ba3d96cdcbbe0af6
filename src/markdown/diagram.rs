//! Mermaid diagrams: a ```` ```mermaid ```` fence becomes
//! `<figure class="diagram"><pre class="mermaid">source</pre></figure>`.
//! The source is escaped text, so the page reads without scripts; the theme
//! loads its vendored Mermaid only on pages whose body has one
//! ([`super::Rendered::diagrams`]) and draws each diagram in place of its
//! source, in the page's colour scheme.

use crate::escape::escape_into;
use crate::highlight::BlockLayout;

/// Whether a fence is a Mermaid diagram: its language is `mermaid`
/// (GitHub's spelling); `diff-mermaid` is a diff of a diagram's source,
/// shown as code.
pub(crate) fn is_diagram(lang: &str, layout: &BlockLayout) -> bool {
    lang.eq_ignore_ascii_case("mermaid") && !layout.diff
}

/// The figure of a diagram; the fence's `title` is its caption.
pub(crate) fn html(source: &str, layout: &BlockLayout) -> String {
    let mut html = String::with_capacity(source.len() + 80);
    html.push_str("<figure class=\"diagram\"><pre class=\"mermaid\">");
    escape_into(&mut html, source);
    html.push_str("</pre>");
    if let Some(title) = &layout.title {
        html.push_str("<figcaption>");
        escape_into(&mut html, title);
        html.push_str("</figcaption>");
    }
    html.push_str("</figure>\n");
    html
}

/// Warnings for the attributes of code that a diagram does not use.
pub(crate) fn unused_attributes(layout: &BlockLayout) -> Option<(String, String)> {
    let mut unused = Vec::new();
    if !layout.highlighted.is_empty() {
        unused.push("line highlights");
    }
    if layout.line_numbers {
        unused.push("line numbers");
    }
    (!unused.is_empty()).then(|| {
        (
            format!("a Mermaid diagram has no {}: ignored", unused.join(" or ")),
            "only `title=\"…\"` applies to a diagram (its caption); to show the source as code, give the fence the language `text`"
                .to_string(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_source_is_escaped_and_the_title_is_the_caption() {
        let layout = BlockLayout { title: Some("Build <flow>".into()), ..BlockLayout::default() };
        assert_eq!(
            html("graph LR\n  A-->B & C\n", &layout),
            "<figure class=\"diagram\"><pre class=\"mermaid\">graph LR\n  A--&gt;B &amp; C\n</pre>\
             <figcaption>Build &lt;flow&gt;</figcaption></figure>\n"
        );
        let plain = BlockLayout::default();
        assert!(is_diagram("Mermaid", &plain) && !is_diagram("mermaid-js", &plain));
        assert!(!is_diagram("mermaid", &BlockLayout { diff: true, ..plain }));
    }

    #[test]
    fn code_attributes_on_a_diagram_are_named() {
        assert_eq!(unused_attributes(&BlockLayout::default()), None);
        let layout = BlockLayout { highlighted: vec![(2, 2)], line_numbers: true, ..BlockLayout::default() };
        assert_eq!(
            unused_attributes(&layout).unwrap().0,
            "a Mermaid diagram has no line highlights or line numbers: ignored"
        );
    }
}

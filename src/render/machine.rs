//! The site for machines (`outputs:` in site.yaml): every page's markdown
//! beside its HTML (`docs/a/index.md` next to `docs/a/index.html`), and at
//! each language's root `llms.txt` (the llmstxt.org format: the site's title,
//! its description as a block quote, then one linked line per page, grouped
//! by top-level section) and `llms-full.txt` (every page's markdown, in
//! reading order).
//!
//! A page's markdown is the text the page shows: the document of its
//! variant (the translation, or the source as a fallback), its title as a
//! `# Title` line in place of the front matter, and every link as an absolute
//! URL, resolved by the same [`crate::links::Resolver`] as the HTML. The body
//! is parsed with the build's markdown options and written back with
//! `pulldown-cmark-to-cmark`, so what a reader gets is the same markdown the
//! HTML came from, whatever the source's spelling: links the HTML leaves out
//! (script URLs) keep their text only, and raw HTML is left out when
//! `markdown.raw_html` is off. A folder without `_index.md` (whose page
//! lists its children) gets its title and the list of its children.

use super::env::RenderEnv;
use crate::content::{Node, NodeKind, Variant, paths};
use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex};
use crate::markdown::classify_link;
use crate::sink::Sink;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fmt::Write as _;

/// Writes the markdown copies and `llms.txt` files `outputs:` asks for.
pub fn write(env: &RenderEnv<'_>, sink: &dyn Sink) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let outputs = env.config.outputs;
    if !outputs.any() {
        return diags;
    }
    for (li, lang) in env.config.languages.iter().enumerate() {
        let pages: Vec<(usize, &Variant)> = env
            .site
            .order
            .iter()
            .map(|&ni| (ni, &env.site.nodes[ni].variants[li]))
            .filter(|(_, v)| !env.site.unwritable.contains(&v.path))
            .collect();
        let texts: Vec<String> =
            pages.par_iter().map(|&(ni, v)| page_markdown(env, &env.site.nodes[ni], v, li)).collect();
        if outputs.markdown {
            let failed: Vec<Diagnostic> = pages
                .par_iter()
                .zip(&texts)
                .filter_map(|((_, v), text)| {
                    let rel = paths::markdown_copy_of(&v.path);
                    sink.write(&rel, text.as_bytes())
                        .err()
                        .map(|e| Diagnostic::error(rel.as_str(), 0, 0, format!("cannot write: {e}")))
                })
                .collect();
            diags.extend(failed);
        }
        if outputs.llms_txt {
            let index = llms_txt(env, li, &pages);
            let full = texts.join("\n");
            for (name, text) in [(paths::LLMS_TXT, index), (paths::LLMS_FULL_TXT, full)] {
                let rel = format!("{}{name}", lang.prefix);
                if let Err(e) = sink.write(&rel, text.as_bytes()) {
                    diags.push(Diagnostic::error(rel.as_str(), 0, 0, format!("cannot write: {e}")));
                }
            }
        }
    }
    diags
}

/// `https://example.org` of `https://example.org/docs/`: what a site-root
/// URL (`/docs/a/`, base path included) is appended to.
fn origin<'a>(env: &RenderEnv<'a>) -> &'a str {
    let c = env.config;
    c.base_url.strip_suffix(c.base_path.as_str()).unwrap_or(c.base_url.trim_end_matches('/'))
}

/// The absolute URL of a page (`https://example.org/docs/a/`).
fn page_url(env: &RenderEnv<'_>, v: &Variant) -> String {
    format!("{}{}", env.config.base_url, v.path)
}

/// A resolved link URL made absolute from the page at `page`.
fn absolute(env: &RenderEnv<'_>, page: &str, url: &str) -> String {
    if url.starts_with('#') {
        format!("{page}{url}")
    } else if url.starts_with('/') && !url.starts_with("//") {
        format!("{}{url}", origin(env))
    } else {
        url.to_string()
    }
}

/// The markdown of one page in language `li`.
pub fn page_markdown(env: &RenderEnv<'_>, node: &Node, v: &Variant, li: usize) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", one_line(&v.title));
    let here = page_url(env, v);
    let Some(d) = v.doc else {
        // A folder without `_index.md`: its page lists its children.
        for &c in &node.children {
            let cv = &env.site.nodes[c].variants[li];
            let _ = writeln!(out, "- [{}]({})", link_text(&cv.title), page_url(env, cv));
        }
        return out;
    };
    let doc = &env.site.docs[d];
    let rendered = &env.rendered[d];
    let urls = env.resolver.link_urls(d, li);
    // The markdown stage records each link at its line and column.
    let by_position: HashMap<(usize, usize), Option<&String>> =
        rendered.links.iter().zip(&urls).map(|(l, u)| ((l.line, l.col), u.as_ref())).collect();
    let lines = LineIndex::new(&doc.text);
    // Tab groups' lines are read as the markdown stage reads them, and
    // written back as they are.
    let tabs = crate::markdown::tabs::prepare(doc.body());
    let body = tabs.as_ref().map_or(doc.body(), |t| t.body.as_str());
    let raw_html = env.config.markdown.raw_html;
    let mut events: Vec<Event<'_>> = Vec::new();
    // Inside the opening `# heading` the page's title replaces.
    let mut skipping_h1 = false;
    let mut first = true;
    // Links written without their URL (script URLs): their end is dropped too.
    let mut dropped: Vec<bool> = Vec::new();
    // Inside a code block that shows an included file: its text is the file's.
    let mut included = false;
    for (ev, range) in Parser::new_ext(body, crate::markdown::options()).into_offset_iter() {
        if included {
            included = !matches!(ev, Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock));
            if matches!(ev, Event::End(TagEnd::CodeBlock)) {
                events.push(ev);
            }
            continue;
        }
        if let (Event::Start(Tag::HtmlBlock), Some(marker)) = (&ev, tabs.as_ref().and_then(|t| t.marker_at(&range))) {
            events.push(Event::Start(Tag::HtmlBlock));
            events.push(Event::Html(CowStr::from(format!("{}\n", &doc.body()[marker.original.clone()]))));
            events.push(Event::End(TagEnd::HtmlBlock));
            included = true; // skips the marker's comment
            continue;
        }
        // Offsets in the body as written.
        let range = match &tabs {
            Some(t) => t.original(range.start)..t.original(range.end),
            None => range,
        };
        if let Event::Start(Tag::CodeBlock(_)) = ev {
            if let Some((_, lang, code)) = rendered.included.iter().find(|(at, ..)| *at == range.start) {
                events.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(CowStr::from(lang.as_str())))));
                events.push(Event::Text(CowStr::from(code.as_str())));
                included = true;
                continue;
            }
        }
        if std::mem::take(&mut first)
            && rendered.h1.is_some()
            && matches!(ev, Event::Start(Tag::Heading { level: HeadingLevel::H1, .. }))
        {
            skipping_h1 = true;
        }
        if skipping_h1 {
            if matches!(ev, Event::End(TagEnd::Heading(_))) {
                skipping_h1 = false;
            }
            continue;
        }
        let ev = match ev {
            // Reference links are written inline: `llms-full.txt` puts
            // every page in one file, where labels of two pages would meet.
            Event::Start(Tag::Link { dest_url, title, .. }) => {
                let dest = link_dest(env, &by_position, &lines, doc, &range, &dest_url, &here);
                dropped.push(dest.is_none());
                match dest {
                    Some(dest_url) => Event::Start(Tag::Link {
                        link_type: LinkType::Inline,
                        dest_url,
                        title,
                        id: CowStr::Borrowed(""),
                    }),
                    None => continue,
                }
            }
            Event::End(TagEnd::Link) => {
                if dropped.pop().unwrap_or(false) {
                    continue;
                }
                Event::End(TagEnd::Link)
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                let dest = link_dest(env, &by_position, &lines, doc, &range, &dest_url, &here);
                let dest_url = dest.unwrap_or(CowStr::Borrowed(""));
                Event::Start(Tag::Image { link_type: LinkType::Inline, dest_url, title, id: CowStr::Borrowed("") })
            }
            Event::Html(_) | Event::InlineHtml(_) if !raw_html => continue,
            other => other,
        };
        events.push(ev);
    }
    let mut body_md = String::new();
    if pulldown_cmark_to_cmark::cmark(events.iter(), &mut body_md, crate::markdown::options()).is_err() {
        // The events came from the parser, so the writer accepts them; the
        // source text is the next best thing if it ever does not.
        body_md = doc.body().to_string();
    }
    out.push_str(body_md.trim_start_matches('\n'));
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// The absolute URL a link of the page leads to; `None` when the page
/// writes the link without a URL (a script URL).
#[allow(clippy::too_many_arguments)]
fn link_dest<'a>(
    env: &RenderEnv<'_>,
    by_position: &HashMap<(usize, usize), Option<&String>>,
    lines: &LineIndex,
    doc: &crate::content::Doc,
    range: &std::ops::Range<usize>,
    dest: &CowStr<'a>,
    here: &str,
) -> Option<CowStr<'a>> {
    if crate::schema::values::unsafe_scheme(dest).is_some() {
        return None;
    }
    if classify_link(dest, &doc.key).is_none() {
        return Some(dest.clone());
    }
    let pos = lines.line_col(&doc.text, doc.body_offset + range.start);
    match by_position.get(&pos) {
        Some(Some(url)) => Some(CowStr::from(absolute(env, here, url))),
        // A broken link (an error of the build) or one the markdown stage
        // did not record: the page itself, as the HTML's `#`.
        _ => Some(CowStr::from(here.to_string())),
    }
}

/// `text` on one line, for a title in a heading or a link.
fn one_line(text: &str) -> String {
    crate::markdown::collapse_whitespace(text)
}

/// `text` as the text of a markdown link: brackets and backslashes escaped.
fn link_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        if matches!(c, '[' | ']' | '\\' | '*' | '_' | '`' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `llms.txt` of language `li`: the title, the description as a block
/// quote, the home page and the pages outside any section, then one `##`
/// group per top-level section (its page first, then every page under it in
/// reading order). Each line links the page's markdown copy when the build
/// writes one, else its HTML page, and carries its description.
fn llms_txt(env: &RenderEnv<'_>, li: usize, pages: &[(usize, &Variant)]) -> String {
    let lang = &env.config.languages[li];
    let mut out = format!("# {}\n", one_line(&lang.title));
    if !lang.description.trim().is_empty() {
        let _ = writeln!(out, "\n> {}", one_line(&lang.description));
    }
    let site = env.site;
    // The top-level node each page belongs to (its ancestor under the home).
    let top_of = |mut ni: usize| {
        while let Some(p) = site.nodes[ni].parent {
            if p == 0 {
                return Some(ni);
            }
            ni = p;
        }
        None
    };
    let line = |v: &Variant| {
        let url = if env.config.outputs.markdown {
            format!("{}{}", env.config.base_url, paths::markdown_copy_of(&v.path))
        } else {
            page_url(env, v)
        };
        let mut l = format!("- [{}]({url})", link_text(&v.title));
        if let Some(desc) = v.fm.description.as_deref().filter(|d| !d.trim().is_empty()) {
            let _ = write!(l, ": {}", one_line(desc));
        }
        l.push('\n');
        l
    };
    let mut loose = String::new();
    let mut groups: Vec<(usize, String)> = Vec::new();
    for &(ni, v) in pages {
        match top_of(ni).filter(|&t| site.nodes[t].kind == NodeKind::Section) {
            None => loose.push_str(&line(v)),
            Some(t) => {
                if groups.last().is_none_or(|(g, _)| *g != t) {
                    groups.push((t, String::new()));
                }
                if let Some((_, g)) = groups.last_mut() {
                    g.push_str(&line(v));
                }
            }
        }
    }
    if !loose.is_empty() {
        let _ = write!(out, "\n{loose}");
    }
    for (t, lines) in groups {
        let _ = write!(out, "\n## {}\n\n{lines}", one_line(&site.nodes[t].variants[li].title));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::link_text;

    #[test]
    fn link_text_escapes_what_would_end_the_link() {
        assert_eq!(link_text("a [b]\n c"), "a \\[b\\] c");
        assert_eq!(link_text("*x*"), "\\*x\\*");
    }
}

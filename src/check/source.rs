//! One pass over a document's markdown, with pulldown-cmark's offsets, for
//! what the checks need at its `line:col`: links and images, headings,
//! and the tags of raw HTML (ids, `<img>` without `alt`, `href` and `src`).

use crate::content::Doc;
use crate::diagnostics::LineIndex;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// A position in the document's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}

/// A link or image destination as written.
#[derive(Debug, Clone)]
pub struct Link {
    /// Destination.
    pub dest: String,
    /// Where the link starts.
    pub pos: Pos,
}

/// A heading of the body.
#[derive(Debug, Clone)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// `{#id}` written after it.
    pub explicit: Option<String>,
    /// Where it starts.
    pub pos: Pos,
}

/// What a document's source holds.
#[derive(Debug, Default)]
pub struct Scan {
    /// Markdown links and images, and autolinks.
    pub links: Vec<Link>,
    /// Images without alt text: markdown `![](x)` and `<img>` without `alt`.
    pub missing_alt: Vec<(Pos, String)>,
    /// Headings in order, without the `# Title` that the page takes as its title.
    pub headings: Vec<Heading>,
    /// True when the body starts with a `# Title` line (taken as the page title).
    pub title_in_body: bool,
    /// `id` attributes of raw HTML, with where they are written.
    pub html_ids: Vec<(String, Pos)>,
    /// URLs of raw HTML (`<a href>`, `<img src>`, …), entities decoded, at
    /// the position of the attribute's value.
    pub html_links: Vec<Link>,
}

/// Scans the body of `doc`.
pub fn scan(doc: &Doc) -> Scan {
    let body = doc.body();
    let lines = LineIndex::new(&doc.text);
    let pos = |offset: usize| {
        let (line, col) = lines.line_col(&doc.text, doc.body_offset + offset);
        Pos { line, col }
    };
    let mut out = Scan::default();
    let mut first_block = true;
    let mut image: Option<(Pos, String, String)> = None;
    let mut parser = Parser::new_ext(body, crate::markdown::options()).into_offset_iter();
    while let Some((ev, range)) = parser.next() {
        match ev {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let lvl = heading_level(level);
                if first_block && lvl == 1 {
                    out.title_in_body = true;
                } else {
                    out.headings.push(Heading {
                        level: lvl,
                        explicit: id.map(|i| i.to_string()),
                        pos: pos(range.start),
                    });
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                out.links.push(Link { dest: dest_url.to_string(), pos: pos(range.start) });
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                out.links.push(Link { dest: dest_url.to_string(), pos: pos(range.start) });
                image = Some((pos(range.start), dest_url.to_string(), String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, alt)) = image.as_mut() {
                    alt.push_str(&t);
                }
            }
            Event::End(TagEnd::Image) => {
                if let Some((p, dest, alt)) = image.take() {
                    if alt.trim().is_empty() {
                        out.missing_alt.push((p, dest));
                    }
                }
            }
            Event::Start(Tag::HtmlBlock) => {
                // The whole block at once, so that a tag may span lines.
                let start = range.start;
                for (e, _) in parser.by_ref() {
                    if matches!(e, Event::End(TagEnd::HtmlBlock)) {
                        break;
                    }
                }
                // Comments above the `# Title` leave it the page title, as in the markdown stage.
                let keep_first = first_block && crate::markdown::only_comments(&body[range.clone()]);
                scan_html(&body[range], start, &pos, &mut out);
                first_block = keep_first;
                continue;
            }
            Event::InlineHtml(_) | Event::Html(_) => {
                if let Some(src) = body.get(range.clone()) {
                    scan_html(src, range.start, &pos, &mut out);
                }
            }
            _ => {}
        }
        // The markdown stage takes a `# Title` as the page title only as the first block.
        first_block = false;
    }
    out
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
}

/// Attributes of raw HTML that hold a URL, by tag.
const URL_ATTRS: &[(&str, &str)] = &[
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("iframe", "src"),
];

fn scan_html(src: &str, start: usize, pos: &impl Fn(usize) -> Pos, out: &mut Scan) {
    for tag in tags(src) {
        let at = |o: usize| pos(start + o);
        if let Some(a) = tag.attr("id") {
            if let Some(v) = a.value.as_deref().filter(|v| !v.is_empty()) {
                out.html_ids.push((v.to_string(), at(a.offset)));
            }
        }
        if tag.name.eq_ignore_ascii_case("img") && tag.attr("alt").is_none() {
            let src = tag.attr("src").and_then(|a| a.value.clone());
            out.missing_alt.push((at(tag.offset), src.unwrap_or_default()));
        }
        for a in &tag.attrs {
            let is_url =
                URL_ATTRS.iter().any(|(t, n)| tag.name.eq_ignore_ascii_case(t) && a.name.eq_ignore_ascii_case(n));
            let Some(value) = a.value.as_deref().filter(|_| is_url) else { continue };
            let urls = if a.name.eq_ignore_ascii_case("srcset") { srcset_urls(value) } else { vec![(0, value)] };
            for (o, url) in urls {
                let lead = url.len() - url.trim_start().len();
                let dest = decode_entities(url.trim());
                if !dest.is_empty() {
                    out.html_links.push(Link { dest, pos: at(a.value_offset + o + lead) });
                }
            }
        }
    }
}

/// The URLs of a `srcset` (`a.png 1x, b.png 2x`), with their offsets in it.
fn srcset_urls(v: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for candidate in v.split(',') {
        let lead = candidate.len() - candidate.trim_start().len();
        let url = candidate.trim_start().split_ascii_whitespace().next().unwrap_or("");
        if !url.is_empty() {
            out.push((offset + lead, url));
        }
        offset += candidate.len() + 1;
    }
    out
}

/// Decodes the character references of an attribute value: `&amp;`,
/// `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` and numeric ones (`&#38;`,
/// `&#x26;`). Anything else is kept as written.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..].find(|c: char| !c.is_ascii_alphanumeric() && c != '#').map_or(rest.len(), |e| e + 1);
        let name = &rest[1..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => name.strip_prefix('#').and_then(|n| {
                let code = match n.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => n.parse().ok(),
                };
                code.and_then(char::from_u32)
            }),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// An opening tag found in HTML text.
#[derive(Debug)]
pub struct HtmlTag {
    /// Byte offset of `<`.
    pub offset: usize,
    /// Tag name as written.
    pub name: String,
    /// Attributes, in order.
    pub attrs: Vec<Attr>,
}

impl HtmlTag {
    /// The first attribute named `name` (ASCII case-insensitive).
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name.eq_ignore_ascii_case(name))
    }
}

/// An attribute of an [`HtmlTag`].
#[derive(Debug, PartialEq, Eq)]
pub struct Attr {
    /// Name as written.
    pub name: String,
    /// Value as written (entities not decoded); `None` without `=`.
    pub value: Option<String>,
    /// Byte offset of the name.
    pub offset: usize,
    /// Byte offset of the value (after the quote); the name's without a value.
    pub value_offset: usize,
}

/// The opening tags of an HTML text, comments skipped. Lenient: enough to
/// find ids and `<img>` attributes in hand-written HTML and in rendered pages.
pub fn tags(s: &str) -> Vec<HtmlTag> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        if s[i..].starts_with("<!--") {
            i = s[i..].find("-->").map_or(b.len(), |e| i + e + 3);
            continue;
        }
        let start = i;
        i += 1;
        if i >= b.len() || !b[i].is_ascii_alphabetic() {
            continue;
        }
        let name_start = i;
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-') {
            i += 1;
        }
        let name = s[name_start..i].to_string();
        let mut attrs = Vec::new();
        loop {
            while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' || b[i] == b'<' {
                break;
            }
            let an = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/' | b'<') {
                i += 1;
            }
            if i == an {
                i += 1;
                continue;
            }
            let attr = s[an..i].to_string();
            let mut j = i;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = None;
            let mut value_offset = an;
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let vs = j + 1;
                    value_offset = vs;
                    let ve = b[vs..].iter().position(|&c| c == q).map_or(b.len(), |e| vs + e);
                    value = Some(s[vs..ve].to_string());
                    j = (ve + 1).min(b.len());
                } else {
                    let vs = j;
                    value_offset = vs;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = Some(s[vs..j].to_string());
                }
                i = j;
            }
            attrs.push(Attr { name: attr, value, offset: an, value_offset });
        }
        out.push(HtmlTag { offset: start, name, attrs });
        // Skip the text of scripts and styles: it is not markup.
        if name_is(&out, "script") || name_is(&out, "style") {
            let close = format!("</{}", out.last().map_or("", |t| t.name.as_str()));
            i = find_ci(&s[i..], &close).map_or(b.len(), |e| i + e);
        }
    }
    out
}

fn name_is(tags: &[HtmlTag], name: &str) -> bool {
    tags.last().is_some_and(|t| t.name.eq_ignore_ascii_case(name))
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.to_ascii_lowercase().find(&needle.to_ascii_lowercase())
}

/// How many elements of `html` carry each `id`.
pub fn count_ids(html: &str) -> std::collections::HashMap<String, usize> {
    let mut counts = std::collections::HashMap::new();
    for tag in tags(html) {
        for a in &tag.attrs {
            if a.name.eq_ignore_ascii_case("id") {
                if let Some(v) = &a.value {
                    *counts.entry(v.clone()).or_insert(0) += 1;
                }
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_attributes() {
        let html = "<p>x</p><!-- <img> --><img src=\"a.png\"\n  class=x><div id='top' hidden>";
        let t = tags(html);
        let names: Vec<&str> = t.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["p", "img", "div"]);
        let src = html.find("src").unwrap_or(0);
        let a = Attr { name: "src".into(), value: Some("a.png".into()), offset: src, value_offset: src + 5 };
        assert_eq!(t[1].attrs[0], a);
        assert_eq!(t[1].attrs[1].value.as_deref(), Some("x"));
        assert_eq!(t[1].attrs[1].value_offset, html.find("=x").unwrap_or(0) + 1);
        assert_eq!(t[2].attrs[0].value.as_deref(), Some("top"));
        let hidden = html.find("hidden").unwrap_or(0);
        assert_eq!(t[2].attrs[1], Attr { name: "hidden".into(), value: None, offset: hidden, value_offset: hidden });
    }

    #[test]
    fn script_text_is_not_markup() {
        let t = tags("<script>let s = '<a id=\"x\">';</script><b id=y>");
        let ids: Vec<_> = t.iter().flat_map(|t| t.attrs.iter().map(|a| a.value.clone())).collect();
        assert_eq!(ids, [Some("y".to_string())]);
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(decode_entities("a?x=1&amp;y=2&#38;z=&#x33;"), "a?x=1&y=2&z=3");
        assert_eq!(decode_entities("a&b &unknown; &amp"), "a&b &unknown; &");
    }

    #[test]
    fn raw_html_urls_at_their_values() {
        let md = "---\ntitle: T\n---\nText <a href=\"/a/?x&amp;y\">a</a> and `<a href=\"/code/\">`.\n\n<div>\n<img alt=\"\" srcset=\"s.png 1x, t.png 2x\"\n     src=b.png>\n<a href=x title=t>x</a> <p href=\"/no/\">\n</div>\n";
        let doc = Doc {
            display: "content/a.md".into(),
            key: "a.md".into(),
            lang: "en".into(),
            kind: crate::discover::FileKind::Page,
            fm: Default::default(),
            spans: Default::default(),
            text: md.into(),
            body_offset: md.find("Text").unwrap_or(0),
            mount: None,
            warnings: Vec::new(),
            hash: None,
        };
        let links: Vec<(String, usize, usize)> =
            scan(&doc).html_links.into_iter().map(|l| (l.dest, l.pos.line, l.pos.col)).collect();
        assert_eq!(
            links,
            [
                ("/a/?x&y".to_string(), 4, 15),
                ("s.png".to_string(), 7, 21),
                ("t.png".to_string(), 7, 31),
                ("b.png".to_string(), 8, 10),
                ("x".to_string(), 9, 9),
            ]
        );
    }
}

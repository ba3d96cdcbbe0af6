//! Markdown → HTML for one file: heading ids and anchors, the table of
//! contents, GitHub alerts as callouts, highlighted code, and links turned
//! into placeholders for [`crate::links`] to resolve once the whole site is
//! known. It also collects the plain text of each heading's section for search.
//!
//! Entry point: [`render`].

mod slug;

pub use slug::{Slugger, slugify};

use crate::diagnostics::{Diagnostic, LineIndex};
use crate::highlight::Highlighter;
use crate::render::context::TocEntry;
use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::path::Path;

/// Marker around a link placeholder index in rendered HTML (`\0L3\0`).
/// pulldown-cmark replaces NUL in input, so content can never produce it.
pub const PLACEHOLDER: char = '\0';

/// What a link in the body points at, before the site is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A `.md` file, by content key, with an optional anchor.
    Page { key: String, fragment: Option<String> },
    /// An anchor on the same page.
    Anchor(String),
    /// A non-markdown file under `content/`, by key.
    Asset(String),
    /// A path from the site root (`/img/a.png`): gets the base path.
    Root(String),
    /// A URL decided before resolution (a mounted file's link to a file
    /// outside the site, on the forge: see `crate::mount`).
    External(String),
}

/// A link waiting for resolution, with where it was written.
#[derive(Debug, Clone)]
pub struct PendingLink {
    /// What it points at.
    pub target: LinkTarget,
    /// The destination as written in the markdown.
    pub written: String,
    /// 1-based line in the source file.
    pub line: usize,
    /// 1-based column in the source file.
    pub col: usize,
}

/// A heading's section of text, for the search index.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextSection {
    /// Heading text (empty for the text before the first heading).
    pub heading: String,
    /// Heading id (empty before the first heading).
    pub id: String,
    /// Plain text of the section.
    pub text: String,
}

/// Localized titles of the five alert kinds, in the content's language.
#[derive(Debug, Clone)]
pub struct AlertLabels {
    /// Titles for Note, Tip, Important, Warning, Caution.
    pub titles: [String; 5],
}

/// Inputs of [`render`] besides the text.
pub struct RenderInput<'a> {
    /// The whole file (for line:col of links).
    pub file_text: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
    /// File path for diagnostics.
    pub path: &'a Path,
    /// Content key of the file (`docs/a.md`), to resolve relative links.
    pub key: &'a str,
    /// Heading ids to use by position (a translation follows its source).
    pub heading_ids: Option<&'a [String]>,
    /// Alert titles.
    pub alerts: &'a AlertLabels,
    /// The shared highlighter.
    pub highlighter: &'a Highlighter,
}

/// A rendered markdown body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// HTML with link placeholders.
    pub html: String,
    /// First-level `# heading` taken off the top of the body, if any.
    pub h1: Option<String>,
    /// Table of contents (levels 2 and 3).
    pub toc: Vec<TocEntry>,
    /// Ids of every heading, in order.
    pub heading_ids: Vec<String>,
    /// Extra anchors of a translation's headings: their own slugs where
    /// they differ from the source's ids.
    pub alias_ids: Vec<String>,
    /// Heading levels, in order (to compare a translation's structure with its source's).
    pub heading_levels: Vec<u8>,
    /// Links to resolve; placeholder `i` is `links[i]`.
    pub links: Vec<PendingLink>,
    /// Text by heading section.
    pub sections: Vec<TextSection>,
    /// Number of words.
    pub word_count: usize,
}

/// The markdown extensions onramp renders (also what `onramp check` parses with).
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Renders a markdown body.
pub fn render(body: &str, input: &RenderInput<'_>) -> (Rendered, Vec<Diagnostic>) {
    let mut st = State::new(input);
    let mut events: Vec<Event<'_>> = Vec::with_capacity(256);
    let mut parser = Parser::new_ext(body, options()).into_offset_iter().peekable();
    let mut first_block = true;
    while let Some((ev, range)) = parser.next() {
        match ev {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let mut inner = Vec::new();
                st.in_heading = true;
                for (e, r) in parser.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    inner.push(st.map_inline(e, r));
                }
                st.in_heading = false;
                if first_block && level == HeadingLevel::H1 && st.out.h1.is_none() {
                    st.out.h1 = Some(plain_text(&inner));
                } else {
                    events.push(st.heading(level, id, classes, attrs, inner));
                }
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let mut code = String::new();
                for (e, _) in parser.by_ref() {
                    match e {
                        Event::Text(t) => code.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or("").trim(),
                    CodeBlockKind::Indented => "",
                };
                events.push(Event::Html(input.highlighter.highlight(&code, lang).into()));
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                let mut alt = Vec::new();
                for (e, _) in parser.by_ref() {
                    if matches!(e, Event::End(TagEnd::Image)) {
                        break;
                    }
                    alt.push(e);
                }
                let src = st.link_href(&dest_url, &range);
                let title = if title.is_empty() { String::new() } else { format!(" title=\"{}\"", escape(&title)) };
                let alt = escape(&plain_text(&alt));
                events.push(Event::InlineHtml(
                    format!("<img src=\"{src}\" alt=\"{alt}\"{title} loading=\"lazy\">").into(),
                ));
                continue;
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, i) = alert_class(kind);
                let title = escape(&input.alerts.titles[i]);
                events.push(Event::Html(
                    format!(
                        "<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n"
                    )
                    .into(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => events.push(Event::Html("</div>\n".into())),
            other => {
                let is_block_start = matches!(other, Event::Start(_));
                events.push(st.map_inline(other, range));
                if is_block_start {
                    first_block = false;
                }
                continue;
            }
        }
        first_block = false;
    }
    st.finish_section();
    name_task_boxes(&mut events);
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    st.out.html = html;
    st.out.toc = build_toc(&st.toc_flat);
    (st.out, st.diags)
}

/// Mutable state of one render.
struct State<'i, 'a> {
    input: &'i RenderInput<'a>,
    lines: LineIndex,
    slugger: Slugger,
    native: Slugger,
    out: Rendered,
    diags: Vec<Diagnostic>,
    toc_flat: Vec<(u8, String, String)>,
    current: TextSection,
    heading_index: usize,
    in_heading: bool,
}

impl<'i, 'a> State<'i, 'a> {
    fn new(input: &'i RenderInput<'a>) -> Self {
        State {
            input,
            lines: LineIndex::new(input.file_text),
            slugger: Slugger::default(),
            native: Slugger::default(),
            out: Rendered::default(),
            diags: Vec::new(),
            toc_flat: Vec::new(),
            current: TextSection::default(),
            heading_index: 0,
            in_heading: false,
        }
    }

    fn position(&self, body_range: &std::ops::Range<usize>) -> (usize, usize) {
        self.lines.line_col(self.input.file_text, self.input.body_offset + body_range.start)
    }

    fn add_text(&mut self, t: &str) {
        self.out.word_count += t.split_whitespace().count();
        if !self.in_heading {
            self.current.text.push_str(t);
        }
    }

    /// Maps inline events: links become placeholders, text is collected.
    fn map_inline<'e>(&mut self, ev: Event<'e>, range: std::ops::Range<usize>) -> Event<'e> {
        match ev {
            Event::Text(ref t) => {
                self.add_text(t);
                ev
            }
            Event::Code(ref t) => {
                self.add_text(t);
                ev
            }
            Event::Start(Tag::Link { dest_url, title, .. }) => {
                let href = self.link_href(&dest_url, &range);
                let title = if title.is_empty() { String::new() } else { format!(" title=\"{}\"", escape(&title)) };
                Event::InlineHtml(format!("<a href=\"{href}\"{title}>").into())
            }
            Event::End(TagEnd::Link) => Event::InlineHtml("</a>".into()),
            Event::SoftBreak
            | Event::HardBreak
            | Event::Start(Tag::Paragraph)
            | Event::End(TagEnd::Paragraph)
            | Event::End(TagEnd::Item)
            | Event::End(TagEnd::TableCell) => {
                self.current.text.push(' ');
                ev
            }
            other => other,
        }
    }

    /// The href to write for a link: unchanged, or a placeholder.
    fn link_href(&mut self, dest: &str, range: &std::ops::Range<usize>) -> String {
        match classify_link(dest, self.input.key) {
            None => escape(dest),
            Some(target) => {
                let (line, col) = self.position(range);
                let i = self.out.links.len();
                self.out.links.push(PendingLink { target, written: dest.to_string(), line, col });
                format!("{PLACEHOLDER}L{i}{PLACEHOLDER}")
            }
        }
    }

    fn heading<'e>(
        &mut self,
        level: HeadingLevel,
        explicit: Option<CowStr<'e>>,
        classes: Vec<CowStr<'e>>,
        _attrs: Vec<(CowStr<'e>, Option<CowStr<'e>>)>,
        inner: Vec<Event<'e>>,
    ) -> Event<'static> {
        let text = plain_text(&inner);
        let lvl = level as u8;
        let id = match (&explicit, self.input.heading_ids.and_then(|ids| ids.get(self.heading_index))) {
            (Some(id), _) => self.slugger.reserve(id),
            (None, Some(src)) => self.slugger.reserve(src),
            (None, None) => self.slugger.slug(&text),
        };
        self.heading_index += 1;
        // A translation's heading keeps its own slug as a second anchor, so
        // links written against the translated text work too.
        let native = self.native.slug(&text);
        let alias = (self.input.heading_ids.is_some() && explicit.is_none() && native != id)
            .then_some(native)
            .filter(|n| !self.out.heading_ids.contains(n));
        self.out.heading_ids.push(id.clone());
        self.out.heading_levels.push(lvl);
        if (2..=3).contains(&lvl) {
            self.toc_flat.push((lvl, id.clone(), text.clone()));
        }
        self.finish_section();
        self.current = TextSection { heading: text, id: id.clone(), text: String::new() };
        let mut inner_html = String::new();
        pulldown_cmark::html::push_html(&mut inner_html, inner.into_iter());
        let class = if classes.is_empty() {
            String::new()
        } else {
            format!(" class=\"{}\"", escape(&classes.iter().map(|c| c.as_ref()).collect::<Vec<_>>().join(" ")))
        };
        let id = escape(&id);
        let alias_html = match alias {
            Some(a) => {
                let html = format!("<span id=\"{}\" class=\"anchor-alias\"></span>", escape(&a));
                self.out.alias_ids.push(a);
                html
            }
            None => String::new(),
        };
        Event::Html(format!("<h{lvl} id=\"{id}\"{class}>{alias_html}{inner_html}<a class=\"anchor\" href=\"#{id}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{lvl}>\n").into())
    }

    fn finish_section(&mut self) {
        let mut s = std::mem::take(&mut self.current);
        s.text = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !s.text.is_empty() || !s.heading.is_empty() {
            self.out.sections.push(s);
        }
    }
}

fn alert_class(kind: BlockQuoteKind) -> (&'static str, usize) {
    match kind {
        BlockQuoteKind::Note => ("note", 0),
        BlockQuoteKind::Tip => ("tip", 1),
        BlockQuoteKind::Important => ("important", 2),
        BlockQuoteKind::Warning => ("warning", 3),
        BlockQuoteKind::Caution => ("caution", 4),
    }
}

/// Decides whether a link needs resolving. `None`: leave it as written.
pub fn classify_link(dest: &str, from_key: &str) -> Option<LinkTarget> {
    if dest.is_empty() || dest.starts_with("//") || has_scheme(dest) {
        return None;
    }
    if let Some(frag) = dest.strip_prefix('#') {
        return Some(LinkTarget::Anchor(frag.to_string()));
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    if let Some(rooted) = path.strip_prefix('/') {
        return Some(LinkTarget::Root(dest.strip_prefix('/').map_or(rooted.to_string(), str::to_string)));
    }
    let decoded = percent_decode(path);
    let key = join_key(from_key, &decoded);
    if decoded.ends_with(".md") { Some(LinkTarget::Page { key, fragment }) } else { Some(LinkTarget::Asset(key)) }
}

fn has_scheme(s: &str) -> bool {
    match s.find(':') {
        Some(i) => s[..i].chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) && i > 0,
        None => false,
    }
}

/// Decodes `%XX` escapes of a link; text that does not decode to UTF-8 is
/// returned as written.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let Some(v) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// Joins a relative path to the folder of `from_key`, normalizing `.` and `..`.
/// Going above `content/` keeps a leading `../` so the link is reported missing.
pub fn join_key(from_key: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = from_key.split('/').collect();
    parts.pop();
    let mut above = 0;
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    above += 1;
                }
            }
            s => parts.push(s),
        }
    }
    let mut key = "../".repeat(above);
    key.push_str(&parts.join("/"));
    key
}

/// Plain text of inline events.
fn plain_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

fn build_toc(flat: &[(u8, String, String)]) -> Vec<TocEntry> {
    let mut toc: Vec<TocEntry> = Vec::new();
    for (level, id, title) in flat {
        let entry = TocEntry { level: *level, id: id.clone(), title: title.clone(), children: Vec::new() };
        match toc.last_mut() {
            Some(parent) if *level > parent.level => parent.children.push(entry),
            _ => toc.push(entry),
        }
    }
    toc
}

/// Gives each task-list checkbox (`- [x] step`) an accessible name: the
/// text of its item up to a nested list, so that a screen reader says what
/// is done and what is not.
fn name_task_boxes(events: &mut [Event<'_>]) {
    for i in 0..events.len() {
        let Event::TaskListMarker(checked) = events[i] else { continue };
        let mut text = String::new();
        let mut depth = 0usize;
        for e in &events[i + 1..] {
            match e {
                Event::Start(Tag::List(_)) => break,
                Event::Start(_) => depth += 1,
                Event::End(_) if depth == 0 => break,
                Event::End(_) => depth -= 1,
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
        }
        let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let checked = if checked { "checked=\"\" " } else { "" };
        let label = if name.is_empty() { String::new() } else { format!(" aria-label=\"{}\"", escape(&name)) };
        events[i] = Event::InlineHtml(format!("<input {checked}disabled=\"\" type=\"checkbox\"{label}>\n").into());
    }
}

/// Escapes text for HTML text and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped for HTML text and attribute values.
pub fn escape_into(out: &mut String, s: &str) {
    escape_pieces(s, |piece| out.push_str(piece));
}

/// Passes `s` to `emit` in pieces, with `&`, `<`, `>`, `"` and `'` replaced
/// by entities: runs of ordinary text go out whole.
pub fn escape_pieces(s: &str, mut emit: impl FnMut(&str)) {
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        if start < i {
            emit(&s[start..i]);
        }
        emit(entity);
        start = i + 1;
    }
    if start < s.len() {
        emit(&s[start..]);
    }
}

#[cfg(test)]
mod tests;

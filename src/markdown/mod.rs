//! Markdown → HTML for one file: heading ids and anchors, the table of
//! contents, GitHub alerts as callouts, highlighted code, and links left as
//! empty slots for [`crate::links`] to fill once the whole site is known
//! (the byte offset of each slot in the HTML is recorded beside it, so no
//! text in the HTML stands for a link and content can hold any bytes). It
//! also collects the plain text of each heading's section for search.
//!
//! Entry point: [`render`].

mod diagram;
mod fence;
mod include;
mod inline;
mod math;
pub mod mounted;
mod slug;
pub mod stage;
pub(crate) mod tabs;
pub mod video;

pub use slug::{Slugger, slugify};

use crate::diagnostics::{Diagnostic, LineIndex};
use crate::escape::escape;
use crate::highlight::Highlighter;
pub use crate::schema::values::unsafe_scheme;
use pulldown_cmark::utils::TextMergeWithOffset;
use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::cell::Cell;
use std::path::Path;

/// The event that marks a link slot in the event stream until the HTML is
/// written. It is recognised by the address of this static string, which no
/// text borrowed from content (or built at run time) can have, and it is
/// never written: [`write_html`] records the output length where it stood.
static SLOT: &str = "<!-- onramp link slot -->";

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

/// The place of a link's URL in [`Rendered::html`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkSlot {
    /// Byte offset in the HTML (between two characters: the URL is inserted there).
    pub at: usize,
    /// Index in [`Rendered::links`].
    pub link: usize,
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
    /// Texts of video embeds.
    pub video: video::VideoLabels,
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
    /// `markdown.raw_html` in site.yaml: `false` replaces raw HTML with
    /// `<!-- raw HTML omitted -->`.
    pub raw_html: bool,
    /// The site's files, from discovery: what a video's poster may name.
    pub site_files: &'a video::SiteFiles,
    /// The files this document includes, read at the loading stage.
    pub includes: Option<&'a crate::content::includes::DocIncludes>,
}

/// A rendered markdown body.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// HTML with an empty slot for every link's URL (see `link_slots`);
    /// empty once [packed](Rendered::pack): read it with [`Rendered::html`].
    pub html: String,
    /// The HTML, LZ4-compressed, once packed.
    packed: Option<Box<[u8]>>,
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
    /// Links to resolve.
    pub links: Vec<PendingLink>,
    /// Where each link's URL goes in `html`, by ascending offset.
    pub link_slots: Vec<LinkSlot>,
    /// Text by heading section.
    pub sections: Vec<TextSection>,
    /// Number of words.
    pub word_count: usize,
    /// Whether the body has a Mermaid diagram (the page then loads the
    /// theme's diagram script).
    pub diagrams: bool,
    /// Code blocks that show an included file: the fence's offset in the
    /// body as written, the language and the included text (for the
    /// page's markdown copy, which is written from the source).
    pub included: Vec<(usize, String, String)>,
}

impl Rendered {
    /// Keeps the text by heading alone, which the search index reads once
    /// the pages are written: a build that keeps no state drops the rest
    /// (HTML, links, table of contents, ids) before the index is built, so
    /// the index's working memory reuses theirs.
    pub fn keep_search_text(&mut self) {
        *self = Rendered { sections: std::mem::take(&mut self.sections), ..Rendered::default() };
    }

    /// Compresses the HTML: every body is held from the markdown stage
    /// until its pages are written, and on a large site the bodies were
    /// most of the build's memory. LZ4 makes HTML three to five times
    /// smaller at about a gigabyte a second, and reads it back faster.
    /// Short bodies stay as they are.
    pub fn pack(&mut self) {
        if self.packed.is_none() && self.html.len() >= PACK_MIN_BYTES {
            let packed = lz4_flex::block::compress_prepend_size(self.html.as_bytes());
            self.packed = Some(packed.into_boxed_slice());
            self.html = String::new();
        }
    }

    /// The HTML, with an empty slot for every link's URL (see `link_slots`).
    pub fn html(&self) -> std::borrow::Cow<'_, str> {
        match &self.packed {
            None => std::borrow::Cow::Borrowed(&self.html),
            // Bytes this process compressed from a string: they decompress
            // to that string, or memory is corrupt.
            Some(packed) => std::borrow::Cow::Owned(
                lz4_flex::block::decompress_size_prepended(packed)
                    .ok()
                    .and_then(|b| String::from_utf8(b).ok())
                    .expect("a packed body decompresses to the HTML it was made from"),
            ),
        }
    }
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
        | Options::ENABLE_MATH
        | Options::ENABLE_DEFINITION_LIST
        | Options::ENABLE_SUPERSCRIPT
        | Options::ENABLE_SUBSCRIPT
}

/// Renders a markdown body.
pub fn render(body: &str, input: &RenderInput<'_>) -> (Rendered, Vec<Diagnostic>) {
    // Tab groups' directive lines, replaced before parsing (`tabs.rs`).
    let prepared = tabs::prepare(body);
    let body: &str = prepared.as_ref().map_or(body, |p| p.body.as_str());
    let mut st = State::new(input);
    st.tabs = prepared.as_ref();
    if let Some(p) = &prepared {
        for pr in &p.problems {
            let place = |at: usize| st.lines.line_col(input.file_text, input.body_offset + at);
            let (line, col) = place(pr.at);
            // A message may quote the line as written: no control character may break it.
            let message = crate::diagnostics::one_line(&pr.message).into_owned();
            let d = if pr.error {
                Diagnostic::error(input.path, line, col, message)
            } else {
                Diagnostic::warning(input.path, line, col, message)
            };
            let help = match pr.group {
                Some(g) => format!("{} (the group opens at line {})", pr.help, place(g).0),
                None => pr.help.clone(),
            };
            st.diags.push(d.with_help(help));
        }
    }
    let mut events: Vec<Event<'_>> = Vec::with_capacity(256);
    let mut parser = TextMergeWithOffset::new(Parser::new_ext(body, options()).into_offset_iter()).peekable();
    let mut first_block = true;
    // For each open blockquote, the closing tag of its callout, if it is one.
    let mut quotes: Vec<Option<&'static str>> = Vec::new();
    while let Some((ev, range)) = parser.next() {
        if let (Event::Start(Tag::HtmlBlock), Some(marker)) = (&ev, st.tabs.and_then(|p| p.marker_at(&range))) {
            for (e, _) in parser.by_ref() {
                if matches!(e, Event::End(TagEnd::HtmlBlock)) {
                    break;
                }
            }
            events.push(Event::Html(marker.html.clone().into()));
            first_block = false;
            continue;
        }
        if matches!(ev, Event::Start(Tag::Paragraph)) {
            if let Some(embed) = body.get(range.clone()).and_then(video::paragraph) {
                st.video(&embed, range.start, &mut parser, &mut events);
                first_block = false;
                continue;
            }
        }
        match ev {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let raw: Vec<(Event<'_>, std::ops::Range<usize>)> =
                    parser.by_ref().take_while(|(e, _)| !matches!(e, Event::End(TagEnd::Heading(_)))).collect();
                let mut inner = Vec::new();
                if first_block && level == HeadingLevel::H1 && st.out.h1.is_none() {
                    // A README's title line often carries badges
                    // (`# Name [![CI](…)](…)`): the title is the text, and
                    // the badges open the body as a paragraph.
                    let (title, badges) = split_badges(raw);
                    let first_link = st.out.links.len();
                    st.in_heading = true;
                    st.map_events(title, &mut inner);
                    st.in_heading = false;
                    let text = plain_text(&inner);
                    st.out.h1 = (!text.is_empty()).then_some(text);
                    // Links of a title taken off the top are kept for
                    // `onramp check` but have no slot in the body.
                    st.h1_links = first_link..st.out.links.len();
                    if !badges.is_empty() {
                        events.push(Event::Html("<p class=\"title-badges\">".into()));
                        st.map_events(badges, &mut events);
                        events.push(Event::Html("</p>\n".into()));
                    }
                } else {
                    st.in_heading = true;
                    st.map_events(raw, &mut inner);
                    st.in_heading = false;
                    st.heading(level, id, classes, attrs, inner, &mut events);
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
                if let CodeBlockKind::Fenced(info) = &kind {
                    if video::is_block(info) {
                        st.video_block(&code, &range, &mut events);
                        first_block = false;
                        continue;
                    }
                }
                let html = match &kind {
                    CodeBlockKind::Fenced(info) => {
                        let mut f = fence::parse(info);
                        // A block that shows a file of the repository.
                        if include::apply(&mut f, &mut code, input.includes) {
                            let at = st.tabs.map_or(range.start, |p| p.original(range.start));
                            st.out.included.push((at, f.lang.clone(), code.clone()));
                        }
                        if !f.problems.is_empty() {
                            let (line, col) = st.position(&range);
                            for (error, message, help) in f.problems {
                                // The attributes are quoted as written: no control character may break the line.
                                let message = crate::diagnostics::one_line(&message).into_owned();
                                let d = if error {
                                    Diagnostic::error(input.path, line, col, message)
                                } else {
                                    Diagnostic::warning(input.path, line, col, message)
                                };
                                st.diags.push(d.with_help(help));
                            }
                        }
                        if diagram::is_diagram(&f.lang, &f.layout) {
                            st.diagram(&code, &f.layout, &range)
                        } else {
                            input.highlighter.highlight_block(&code, &f.lang, &f.layout)
                        }
                    }
                    CodeBlockKind::Indented => input.highlighter.highlight(&code, ""),
                };
                events.push(Event::Html(html.into()));
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                let alt: Vec<Event<'_>> =
                    parser.by_ref().map(|(e, _)| e).take_while(|e| !matches!(e, Event::End(TagEnd::Image))).collect();
                st.image(&dest_url, &title, &range, &alt, &mut events);
                continue;
            }
            Event::Start(Tag::BlockQuote(kind)) => {
                let marker = match kind {
                    Some(kind) => Some(CalloutMarker { kind, fold: None, end: range.start }),
                    None => callout_marker(body, range.start)
                        .filter(|_| matches!(parser.peek(), Some((Event::Start(Tag::Paragraph), _)))),
                };
                let Some(marker) = marker else {
                    quotes.push(None);
                    events.push(Event::Start(Tag::BlockQuote(None)));
                    first_block = false;
                    continue;
                };
                let (class, i) = alert_class(marker.kind);
                let (open, title_open, title_close, close) = match marker.fold {
                    None => (
                        format!("<div class=\"callout callout-{class}\" role=\"note\">"),
                        "<p class=\"callout-title\">",
                        "</p>\n",
                        "</div>\n",
                    ),
                    Some(open) => (
                        format!("<details class=\"callout callout-{class}\"{}>", if open { " open=\"\"" } else { "" }),
                        "<summary class=\"callout-title\">",
                        "</summary>\n",
                        "</details>\n",
                    ),
                };
                // The rest of the marker's line is the title (GitHub's own
                // `> [!NOTE]` has none: pulldown-cmark took the line).
                let mut title = Vec::new();
                let mut body_follows = false;
                if kind.is_none() {
                    parser.next();
                    body_follows = callout_title(&mut parser, body, marker.end, &mut title);
                }
                events.push(Event::Html(format!("{open}{title_open}").into()));
                if title.is_empty() {
                    events.push(Event::Html(escape(&input.alerts.titles[i]).into()));
                }
                for (e, r) in title {
                    st.map_inline(e, r, &mut events);
                }
                events.push(Event::Html(title_close.into()));
                if body_follows {
                    events.push(Event::Start(Tag::Paragraph));
                }
                quotes.push(Some(close));
            }
            Event::End(TagEnd::BlockQuote(kind)) => match quotes.pop().flatten() {
                Some(close) => events.push(Event::Html(close.into())),
                None => events.push(Event::End(TagEnd::BlockQuote(kind))),
            },
            // Comments above the `# heading` (`<!-- markdownlint-disable -->`)
            // do not stop it from being the page's title.
            Event::Start(Tag::HtmlBlock) if first_block => {
                let mut html = String::new();
                st.map_inline(Event::Start(Tag::HtmlBlock), range, &mut events);
                for (e, r) in parser.by_ref() {
                    let end = matches!(e, Event::End(TagEnd::HtmlBlock));
                    if let Event::Html(t) = &e {
                        html.push_str(t);
                    }
                    st.map_inline(e, r, &mut events);
                    if end {
                        break;
                    }
                }
                first_block = only_comments(&html);
                continue;
            }
            other => {
                let is_block_start = matches!(other, Event::Start(_));
                st.map_inline(other, range, &mut events);
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
    let (html, offsets) = write_html(events, body.len() * 3 / 2);
    let h1_links = st.h1_links.clone();
    let written = (0..st.out.links.len()).filter(|i| !h1_links.contains(i));
    st.out.link_slots = offsets.into_iter().zip(written).map(|(at, link)| LinkSlot { at, link }).collect();
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
    /// Links of the `# title` taken off the top: recorded, not written.
    h1_links: std::ops::Range<usize>,
    /// The body's tab group lines, when it has any: offsets in the parsed
    /// body are mapped back to the file's through it.
    tabs: Option<&'i tabs::Prepared>,
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
            h1_links: 0..0,
            tabs: None,
        }
    }

    /// A video link alone in its paragraph ([`video`]) that starts at
    /// `start` in the body: the placeholder, then the transcript link of the
    /// second line as any other link.
    fn video<'e>(
        &mut self,
        embed: &video::Embed,
        start: usize,
        parser: &mut dyn Iterator<Item = (Event<'e>, std::ops::Range<usize>)>,
        out: &mut Vec<Event<'e>>,
    ) {
        let poster = embed.poster.as_ref().map(|(p, at)| (p.as_str(), self.position(&(start + at..start + at))));
        let has_poster = poster.is_some_and(|(p, at)| self.poster_exists(p, at, false));
        let file = match &embed.source {
            video::Source::File(f, _) => Some((f.as_str(), self.position(&(start..start)))),
            video::Source::Player(_) => None,
        };
        let parts = video::open_parts(embed, &self.input.alerts.video, has_poster, false);
        self.video_parts(parts, [poster, file, None], out);
        let mut second_line = false;
        for (e, r) in &mut *parser {
            match e {
                Event::End(TagEnd::Paragraph) => break,
                Event::SoftBreak | Event::HardBreak => second_line = true,
                e if second_line => self.map_inline(e, r, out),
                _ => {}
            }
        }
        out.push(Event::Html(video::close_html(embed, &self.input.alerts.video).into()));
    }

    /// A ```` ```video ```` block (at `range` in the body): an embed where
    /// every problem is an error at its field.
    fn video_block<'e>(&mut self, code: &str, range: &std::ops::Range<usize>, out: &mut Vec<Event<'e>>) {
        let (fence_line, fence_col) = self.position(range);
        let (fm, spans) = match video::block(code, self.input.path, fence_line + 1) {
            Ok(parsed) => parsed,
            Err(d) => return self.diags.push(d),
        };
        let at = |key: &str| {
            let path = [crate::yaml::Seg::from(key)];
            spans.value(&path).or_else(|| spans.key(&path)).unwrap_or((fence_line, fence_col))
        };
        let source = match video::source(&fm.url) {
            Ok(source) => source,
            Err((message, help)) => {
                let (line, col) = at("url");
                return self.diags.push(Diagnostic::error(self.input.path, line, col, message).with_help(help));
            }
        };
        let has_poster = fm.poster.as_deref().is_some_and(|p| self.poster_exists(p, at("poster"), true));
        let file = match &source {
            video::Source::File(f, _) => Some((f.clone(), at("url"))),
            video::Source::Player(_) => None,
        };
        let embed = video::Embed { source, title: fm.title, poster: None, duration: fm.duration, transcript: false };
        let parts = video::open_parts(&embed, &self.input.alerts.video, has_poster, fm.transcript.is_some());
        let urls = [
            fm.poster.as_deref().map(|p| (p, at("poster"))),
            file.as_ref().map(|(f, at)| (f.as_str(), *at)),
            fm.transcript.as_deref().map(|t| (t, at("transcript"))),
        ];
        self.video_parts(parts, urls, out);
        out.push(Event::Html(video::close_html(&embed, &self.input.alerts.video).into()));
    }

    /// Whether an embed's poster is a file of the site (discovery's list,
    /// `RenderInput::site_files`). A missing one is an error at `at`; an
    /// image of another site is an error in a ```` ```video ```` block
    /// (`strict`) and a warning in a link, and is left out.
    fn poster_exists(&mut self, poster: &str, (line, col): (usize, usize), strict: bool) -> bool {
        let Some((message, help, remote)) = video::poster_problem(poster, self.input.key, self.input.site_files) else {
            return true;
        };
        let d = if remote && !strict {
            Diagnostic::warning(self.input.path, line, col, message)
        } else {
            Diagnostic::error(self.input.path, line, col, message)
        };
        self.diags.push(d.with_help(help));
        false
    }

    /// Writes an embed's parts: its markup, and the poster's, file's and
    /// transcript's URLs (`urls`, as written and where) as links.
    fn video_parts<'e>(
        &mut self,
        parts: Vec<video::Part>,
        urls: [Option<(&str, (usize, usize))>; 3],
        out: &mut Vec<Event<'e>>,
    ) {
        for part in parts {
            let url = match part {
                video::Part::Html(html) => {
                    out.push(Event::Html(html.into()));
                    continue;
                }
                video::Part::Poster => urls[0],
                video::Part::File => urls[1],
                video::Part::Transcript => urls[2],
            };
            let Some((dest, at)) = url else { continue };
            match self.href(dest, !matches!(part, video::Part::Transcript), |_| at) {
                Href::Written(url) => out.push(Event::Html(url.into())),
                Href::Slot => out.push(slot()),
                Href::Dropped => {}
            }
        }
    }

    /// A Mermaid fence ([`diagram`]): its figure, a warning for attributes
    /// of code it does not use.
    fn diagram(
        &mut self,
        code: &str,
        layout: &crate::highlight::BlockLayout,
        range: &std::ops::Range<usize>,
    ) -> String {
        if let Some((message, help)) = diagram::unused_attributes(layout) {
            let (line, col) = self.position(range);
            self.diags.push(Diagnostic::warning(self.input.path, line, col, message).with_help(help));
        }
        self.out.diagrams = true;
        diagram::html(code, layout)
    }

    fn position(&self, body_range: &std::ops::Range<usize>) -> (usize, usize) {
        let at = self.tabs.map_or(body_range.start, |p| p.original(body_range.start));
        self.lines.line_col(self.input.file_text, self.input.body_offset + at)
    }

    fn add_text(&mut self, t: &str) {
        self.out.word_count += count_words(t);
        if !self.in_heading {
            self.current.text.push_str(t);
        }
    }

    /// Maps inline events into `out`: a link's start tag gets an empty
    /// slot for its URL, text is collected.
    fn map_inline<'e>(&mut self, ev: Event<'e>, range: std::ops::Range<usize>, out: &mut Vec<Event<'e>>) {
        let ev = match ev {
            Event::Text(ref t) => {
                self.add_text(t);
                if let Some(events) = inline::expand(t) {
                    out.extend(events);
                    return;
                }
                ev
            }
            Event::Code(ref t) => {
                self.add_text(t);
                ev
            }
            Event::Start(Tag::Link { dest_url, title, .. }) => {
                let title = if title.is_empty() { String::new() } else { format!(" title=\"{}\"", escape(&title)) };
                match self.link_href(&dest_url, &range, false) {
                    Href::Written(href) => Event::InlineHtml(format!("<a href=\"{href}\"{title}>").into()),
                    Href::Slot => {
                        out.push(Event::InlineHtml("<a href=\"".into()));
                        out.push(slot());
                        Event::InlineHtml(format!("\"{title}>").into())
                    }
                    Href::Dropped => Event::InlineHtml(format!("<a{title}>").into()),
                }
            }
            Event::End(TagEnd::Link) => Event::InlineHtml("</a>".into()),
            Event::InlineMath(ref tex) | Event::DisplayMath(ref tex) => {
                let display = matches!(ev, Event::DisplayMath(_));
                self.add_text(tex);
                match math::render(tex, display) {
                    Ok(mathml) => Event::InlineHtml(mathml.into()),
                    Err(message) => {
                        let (line, col) = self.position(&range);
                        self.diags.push(
                            Diagnostic::warning(self.input.path, line, col, format!("formula not rendered: {message}"))
                                .with_help(
                                    "it is shown as LaTeX source; `\\$` writes a dollar sign that starts no formula",
                                ),
                        );
                        let fence = if display { "$$" } else { "$" };
                        Event::InlineHtml(
                            format!("<code class=\"math-error\">{fence}{}{fence}</code>", escape(tex)).into(),
                        )
                    }
                }
            }
            Event::Html(_) if !self.input.raw_html => {
                // One comment per block (pulldown-cmark gives a block line by line).
                if matches!(out.last(), Some(Event::Html(h)) if h.as_ref() == RAW_OMITTED_BLOCK) {
                    return;
                }
                Event::Html(RAW_OMITTED_BLOCK.into())
            }
            Event::InlineHtml(_) if !self.input.raw_html => Event::InlineHtml(RAW_OMITTED.into()),
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
        };
        out.push(ev);
    }

    /// An image: its `src` written, left as a slot for a file of the
    /// site, or dropped (a script URL); `alt` is the plain text of its
    /// description.
    fn image<'e>(
        &mut self,
        dest: &str,
        title: &str,
        range: &std::ops::Range<usize>,
        alt: &[Event<'_>],
        out: &mut Vec<Event<'e>>,
    ) {
        let title = if title.is_empty() { String::new() } else { format!(" title=\"{}\"", escape(title)) };
        let alt = escape(&plain_text(alt));
        let rest = format!("\" alt=\"{alt}\"{title} loading=\"lazy\">");
        match self.link_href(dest, range, true) {
            Href::Written(src) => out.push(Event::InlineHtml(format!("<img src=\"{src}{rest}").into())),
            Href::Slot => {
                out.push(Event::InlineHtml("<img src=\"".into()));
                out.push(slot());
                out.push(Event::InlineHtml(rest.into()));
            }
            Href::Dropped => out.push(Event::InlineHtml(format!("<img{}", &rest[1..]).into())),
        }
    }

    /// Maps the inline events of a heading (or of its badges) into `out`,
    /// images included, which [`render`] handles itself elsewhere.
    fn map_events<'e>(&mut self, raw: Vec<(Event<'e>, std::ops::Range<usize>)>, out: &mut Vec<Event<'e>>) {
        let mut raw = raw.into_iter();
        while let Some((e, r)) = raw.next() {
            match e {
                Event::Start(Tag::Image { dest_url, title, .. }) => {
                    let alt: Vec<Event<'_>> =
                        raw.by_ref().map(|(e, _)| e).take_while(|e| !matches!(e, Event::End(TagEnd::Image))).collect();
                    self.image(&dest_url, &title, &r, &alt, out);
                }
                e => self.map_inline(e, r, out),
            }
        }
    }

    /// What to write for a link's destination: the escaped URL, a slot
    /// (a link for [`crate::links`] to resolve), or nothing (a script URL,
    /// with a warning at the link).
    fn link_href(&mut self, dest: &str, range: &std::ops::Range<usize>, image: bool) -> Href {
        self.href(dest, image, |st| st.position(range))
    }

    /// [`State::link_href`] for a destination written at `at`.
    fn href(&mut self, dest: &str, image: bool, at: impl Fn(&Self) -> (usize, usize)) -> Href {
        if let Some(scheme) = unsafe_scheme(dest) {
            let (line, col) = at(self);
            let what = if image { "image source" } else { "link" };
            self.diags.push(
                Diagnostic::warning(self.input.path, line, col, format!("{what} with a `{scheme}` URL left out"))
                    .with_help(if image {
                        "`src` is dropped: use a site file, an `https://` URL or a `data:image/…` URL"
                    } else {
                        "the text is kept without its link: use a page, an `https://` or a `mailto:` URL"
                    }),
            );
            return Href::Dropped;
        }
        match classify_link(dest, self.input.key) {
            None => Href::Written(escape(dest)),
            Some(target) => {
                let (line, col) = at(self);
                self.out.links.push(PendingLink { target, written: dest.to_string(), line, col });
                Href::Slot
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
        out: &mut Vec<Event<'e>>,
    ) {
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
        // The inner events go into the stream as they are (not as one
        // block of HTML) so that their link slots are recorded in place.
        out.push(Event::Html(format!("<h{lvl} id=\"{id}\"{class}>{alias_html}").into()));
        out.extend(inner);
        out.push(Event::Html(
            format!("<a class=\"anchor\" href=\"#{id}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{lvl}>\n").into(),
        ));
    }

    fn finish_section(&mut self) {
        let mut s = std::mem::take(&mut self.current);
        s.text = collapse_whitespace(&s.text);
        if !s.text.is_empty() || !s.heading.is_empty() {
            self.out.sections.push(s);
        }
    }
}

/// The words of `t` and whitespace as `split_whitespace` has them, in one
/// pass over the bytes classed by a table ([`SPACE_CLASS`]). A byte that
/// may start a non-ASCII space (U+0085, U+00A0, U+1680, U+2000 to U+3000:
/// `«`, `’` and `—` start with the same bytes) sends the text to
/// `split_whitespace`, which decodes every character; French or German
/// prose is mostly ASCII with a few accents, and takes the byte pass.
static SPACE_CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        class[b] = match b as u8 {
            b'\t'..=b'\r' | b' ' => 1,
            0xc2 | 0xe1 | 0xe2 | 0xe3 => 2,
            _ => 0,
        };
        b += 1;
    }
    class
};

/// The number of words of `t` (`split_whitespace().count()`).
fn count_words(t: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    let mut wide = 0;
    for &b in t.as_bytes() {
        let class = SPACE_CLASS[usize::from(b)];
        let space = class == 1;
        words += usize::from(!space && !in_word);
        in_word = !space;
        wide |= class;
    }
    if wide & 2 != 0 {
        return t.split_whitespace().count();
    }
    words
}

/// `t` with each run of whitespace made one space and none at either end
/// (`split_whitespace` joined by spaces).
pub(crate) fn collapse_whitespace(t: &str) -> String {
    // Written without a branch per byte (the result is never longer):
    // every whitespace byte writes a space, and only the first of a run
    // (not at the start) moves on.
    let mut out = vec![0u8; t.len()];
    let mut w = 0;
    let mut after_space = 1;
    let mut wide = 0;
    for &b in t.as_bytes() {
        let class = SPACE_CLASS[usize::from(b)];
        wide |= class;
        let space = usize::from(class == 1);
        out[w] = if space == 1 { b' ' } else { b };
        w += 1 - (space & after_space);
        after_space = space;
    }
    if wide & 2 != 0 {
        return t.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    // A trailing run of whitespace left one space.
    w -= after_space & usize::from(w > 0);
    out.truncate(w);
    // Only ASCII whitespace was taken out or put in: the bytes are still
    // UTF-8.
    String::from_utf8(out).unwrap_or_else(|_| t.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// One entry of the table of contents.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct TocEntry {
    /// Heading level (2 or 3).
    pub level: u8,
    /// Heading id (anchor).
    pub id: String,
    /// Heading text.
    pub title: String,
    /// Nested entries (level 3 under level 2).
    pub children: Vec<TocEntry>,
}

/// What [`State::link_href`] decided for a destination.
enum Href {
    /// Written as it is (escaped).
    Written(String),
    /// Resolved later: a slot in the HTML.
    Slot,
    /// Left out (a script URL).
    Dropped,
}

/// What raw HTML becomes when `markdown.raw_html` is `false` (Goldmark's words).
const RAW_OMITTED: &str = "<!-- raw HTML omitted -->";
const RAW_OMITTED_BLOCK: &str = "<!-- raw HTML omitted -->\n";

fn slot() -> Event<'static> {
    Event::InlineHtml(CowStr::Borrowed(SLOT))
}

fn is_slot(e: &Event<'_>) -> bool {
    matches!(e, Event::InlineHtml(CowStr::Borrowed(s)) if std::ptr::eq(s.as_ptr(), SLOT.as_ptr()))
}

/// Writes `events` as HTML and returns it with the byte offset of every
/// slot, in order. The writer pulls one event at a time and writes it before
/// pulling the next, so when a slot is pulled the output length is where the
/// slot stands.
fn write_html(events: Vec<Event<'_>>, capacity: usize) -> (String, Vec<usize>) {
    struct Counting<'o> {
        out: &'o mut String,
        len: &'o Cell<usize>,
    }
    impl std::fmt::Write for Counting<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.out.push_str(s);
            self.len.set(self.out.len());
            Ok(())
        }
    }
    // Every body is kept until its pages are written: it is written into a
    // scratch buffer reused by the thread, then copied into a string of its
    // exact length. Growing each body's own string by doubling left up to
    // half of it unused, and the freed smaller buffers in between
    // fragmented the heap (a third more resident memory on a site of
    // 67,000 pages).
    thread_local! {
        static SCRATCH: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        let html = &mut *scratch;
        html.clear();
        html.reserve(capacity);
        let len = Cell::new(0);
        let mut offsets = Vec::new();
        let events = events.into_iter().filter(|e| {
            if is_slot(e) {
                offsets.push(len.get());
                return false;
            }
            true
        });
        // Writing into a String cannot fail.
        let _ = pulldown_cmark::html::write_html_fmt(Counting { out: html, len: &len }, events);
        let out = html.as_str().to_owned();
        // A rare huge body does not keep its buffer for the rest of the build.
        if html.capacity() > SCRATCH_KEEP {
            *html = String::new();
        }
        (out, offsets)
    })
}

/// Above this many bytes of documents' sources, the markdown stage packs
/// every body it renders ([`Rendered::pack`]); at or below, it holds them
/// as they are. Bodies are 1.5 to 2.5 times their sources: a site of
/// 10,000 pages in three languages (172 MiB of sources, 390 MiB of bodies)
/// and a nine-language command reference (104 MiB, 180 MiB) hold them, and
/// save the 5–7 % of CPU time packing cost, for a peak that stays the
/// search stage's or under a quarter of Hugo's; 100,000 pages in English
/// (662 MiB of sources) pack them, or its peak would pass 4 GiB.
pub const UNPACKED_SOURCES: usize = 256 << 20;

/// Bodies shorter than this are not packed ([`Rendered::pack`]): too small to gain.
const PACK_MIN_BYTES: usize = 256;

/// The largest scratch buffer a thread keeps between bodies (see [`write_html`]).
const SCRATCH_KEEP: usize = 1 << 20;

/// The marker of a callout on a blockquote's first line.
struct CalloutMarker {
    kind: BlockQuoteKind,
    /// `None`: always shown; `Some(open)`: collapsible (`-` closed, `+` open).
    fold: Option<bool>,
    /// Offset in the body just after the marker.
    end: usize,
}

/// A callout marker that pulldown-cmark leaves as text: `[!KIND]` (one of
/// GitHub's five, in any case) followed by `-` or `+` (collapsible, closed
/// or open, as in Obsidian and MkDocs Material) and/or a title, at the start
/// of the blockquote that starts at `start` in `body`. Anything else (an
/// unknown kind, text right after the `]`) leaves the blockquote as it is.
fn callout_marker(body: &str, start: usize) -> Option<CalloutMarker> {
    let line = &body[start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let rest = line.trim_start_matches([' ', '\t']).strip_prefix('>')?;
    let rest = rest.strip_prefix([' ', '\t']).unwrap_or(rest).strip_prefix("[!")?;
    let (name, after) = rest.split_once(']')?;
    let kind = match name.to_ascii_lowercase().as_str() {
        "note" => BlockQuoteKind::Note,
        "tip" => BlockQuoteKind::Tip,
        "important" => BlockQuoteKind::Important,
        "warning" => BlockQuoteKind::Warning,
        "caution" => BlockQuoteKind::Caution,
        _ => return None,
    };
    let (fold, after) = match after.as_bytes().first() {
        Some(b'-') => (Some(false), &after[1..]),
        Some(b'+') => (Some(true), &after[1..]),
        _ => (None, after),
    };
    if !(after.is_empty() || after.starts_with([' ', '\t', '\r'])) {
        return None;
    }
    Some(CalloutMarker { kind, fold, end: start + line.len() - after.len() })
}

/// Reads the events of a callout marker's line, after the paragraph's
/// start, into `title`: the events of the text after the marker (which
/// ends at `marker_end` in `body`), without links, images and footnote
/// references (the title is not a place to click, and a summary must not
/// hold links). Returns whether the paragraph goes on after the line (its
/// text is the callout's first paragraph). A title goes on to the next line
/// only where an inline element (`*a\nb*`) spans the line break.
fn callout_title<'e>(
    parser: &mut impl Iterator<Item = (Event<'e>, std::ops::Range<usize>)>,
    body: &str,
    marker_end: usize,
    title: &mut Vec<(Event<'e>, std::ops::Range<usize>)>,
) -> bool {
    let mut depth = 0usize;
    for (e, r) in parser {
        match e {
            Event::End(TagEnd::Paragraph) => return false,
            Event::SoftBreak | Event::HardBreak if depth == 0 => return true,
            _ if r.end <= marker_end => {}
            Event::Text(t) if r.start < marker_end => {
                // Text that holds the end of the marker: keep what follows it.
                let marker_part = &body[r.start..marker_end];
                if let Some(rest) = t.strip_prefix(marker_part) {
                    let rest = rest.trim_start();
                    if !rest.is_empty() {
                        title.push((Event::Text(rest.to_string().into()), marker_end..r.end));
                    }
                }
            }
            Event::Start(Tag::Link { .. } | Tag::Image { .. }) | Event::End(TagEnd::Link | TagEnd::Image) => {}
            Event::FootnoteReference(_) => {}
            Event::Start(_) => {
                depth += 1;
                title.push((e, r));
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                title.push((e, r));
            }
            Event::Text(t) if title.is_empty() => {
                let t = t.trim_start();
                if !t.is_empty() {
                    title.push((Event::Text(t.to_string().into()), r));
                }
            }
            _ => title.push((e, r)),
        }
    }
    false
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

/// True when `html` holds nothing but comments and white space.
pub(crate) fn only_comments(html: &str) -> bool {
    let mut rest = html.trim_start();
    while let Some(after) = rest.strip_prefix("<!--") {
        match after.find("-->") {
            Some(end) => rest = after[end + 3..].trim_start(),
            None => return false,
        }
    }
    rest.is_empty()
}

/// Plain text of inline events.
/// Inline events with their ranges in the body.
type Raw<'e> = Vec<(Event<'e>, std::ops::Range<usize>)>;

/// Splits the inline events of a title line into its text and its badges:
/// images, and links whose content is only images (`[![CI](…)](…)`), with
/// a space between two badges.
fn split_badges(raw: Raw<'_>) -> (Raw<'_>, Raw<'_>) {
    let (mut title, mut badges) = (Vec::new(), Vec::new());
    let mut raw = raw.into_iter().peekable();
    while let Some((e, r)) = raw.next() {
        let is_image = matches!(e, Event::Start(Tag::Image { .. }));
        let is_link = matches!(e, Event::Start(Tag::Link { .. }));
        if !is_image && !is_link {
            title.push((e, r));
            continue;
        }
        // The whole element, to its matching end.
        let mut group = vec![(e, r)];
        let mut depth = 1;
        for (e, r) in raw.by_ref() {
            match e {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                _ => {}
            }
            group.push((e, r));
            if depth == 0 {
                break;
            }
        }
        let badge = is_image || only_images(&group[1..group.len().saturating_sub(1)]);
        if !badge {
            title.extend(group);
            continue;
        }
        if !badges.is_empty() {
            badges.push((Event::Text(" ".into()), group[0].1.clone()));
        }
        badges.extend(group);
    }
    (title, badges)
}

/// True when `events` (a link's content) are images and spaces, at least one image.
fn only_images(events: &[(Event<'_>, std::ops::Range<usize>)]) -> bool {
    let mut depth = 0;
    let mut images = 0;
    for (e, _) in events {
        match e {
            Event::Start(Tag::Image { .. }) => {
                depth += 1;
                images += 1;
            }
            Event::End(TagEnd::Image) => depth -= 1,
            _ if depth > 0 => {}
            Event::Text(t) if t.trim().is_empty() => {}
            Event::SoftBreak => {}
            _ => return false,
        }
    }
    images > 0
}

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
        let name = collapse_whitespace(&text);
        let checked = if checked { "checked=\"\" " } else { "" };
        let label = if name.is_empty() { String::new() } else { format!(" aria-label=\"{}\"", escape(&name)) };
        events[i] = Event::InlineHtml(format!("<input {checked}disabled=\"\" type=\"checkbox\"{label}>\n").into());
    }
}

#[cfg(test)]
mod tests;

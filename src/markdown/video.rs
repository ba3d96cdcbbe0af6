//! Video embeds. Two ways to write one:
//!
//! - a link alone in a paragraph: a YouTube, Vimeo or PeerTube link (a bare
//!   URL, `<URL>`, `[Title](URL)`), or a link to an `.mp4`/`.webm` file of
//!   the site, optionally as a linked poster image (`[![Title](poster.svg)](URL)`,
//!   which GitHub shows as the poster linking to the video) and with the
//!   link's title as its length (`[Title](URL "12:34")`; a title that is no
//!   length is left out), optionally followed on the next line by a link
//!   to its transcript. Any other link stays a link.
//! - a ```` ```video ```` block of `key: value` lines (`url`, `title`,
//!   `poster`, `duration`, `transcript`; `schema::videos::VideoBlockFm`),
//!   where the author clearly asks for an embed: a URL onramp cannot embed
//!   is an error naming what it can, and so is a missing poster.
//!
//! A poster is a file of the site; whether it exists is asked of the files
//! discovery found ([`SiteFiles`]), never of the file system. A self-hosted
//! file becomes a `<video controls preload="none">` (nothing is fetched
//! before the reader presses play) with a link to the file.
//!
//! Nothing is loaded from the video's site before the reader asks for it:
//! the placeholder is a link to the video styled as a player (no thumbnail
//! from the provider), and the theme's script (`onramp.js`) puts the
//! provider's player in its place only when it is clicked (YouTube through
//! `youtube-nocookie.com`, Vimeo with `dnt=1`). Without the script the
//! link opens the video on its site. The caption links the video and the
//! transcript (the author's link, as written); the other texts are the
//! theme's Fluent strings (`video-*`) in the content's language.
//!
//! The links are recognised by their shape only (`https://` scheme, a known
//! host or a PeerTube path, an id of the provider's alphabet), with a few
//! string operations: a general URL parser (the `url` crate) would bring
//! the ICU crates into the build for three patterns.

use crate::diagnostics::Diagnostic;
use crate::escape::escape;
use crate::schema::videos::{Duration, VideoBlockFm, parse_duration};
use crate::yaml::{self, Spans, YamlSource};
use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use std::collections::HashSet;

/// Localized texts of the embed, in the content's language.
#[derive(Debug, Clone, Default)]
pub struct VideoLabels {
    /// Text of the play control (`Play video`).
    pub play: String,
    /// Caption link to the video's own page, per provider
    /// (`Watch on YouTube`, `… Vimeo`, `… PeerTube`).
    pub watch: [String; 3],
    /// Why a click loads a third-party player.
    pub privacy: String,
    /// Link to a self-hosted video file (`Download the video`).
    pub file: String,
    /// Link to the transcript of a ```` ```video ```` block (`Transcript`).
    pub transcript: String,
}

/// Fluent ids of [`VideoLabels`]; `video-watch` takes `$site`.
pub const LABEL_IDS: [&str; 5] = ["video-play", "video-watch", "video-privacy", "video-file", "video-transcript"];

/// A recognised video link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Video {
    /// Which provider.
    pub provider: Provider,
    /// The link as written (where the video's page is).
    pub url: String,
    /// The player's URL, loaded on click.
    pub embed: String,
}

/// The video sites onramp embeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// youtube.com, youtu.be.
    YouTube,
    /// vimeo.com.
    Vimeo,
    /// Any PeerTube instance (`/w/ID`, `/videos/watch/ID`).
    PeerTube,
}

impl Provider {
    /// Index in [`VideoLabels::watch`], and the site's name.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The provider's name, as written in the `video-watch` string.
    pub fn name(self) -> &'static str {
        ["YouTube", "Vimeo", "PeerTube"][self.index()]
    }
}

fn id_chars(s: &str, extra: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || extra.contains(c))
}

/// The query parameter `name` of `query` (without `?`).
fn param<'q>(query: &'q str, name: &str) -> Option<&'q str> {
    query.split('&').find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
}

/// Recognises a video link.
pub fn recognise(url: &str) -> Option<Video> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let (rest, _fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let (host_path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (host, path) = host_path.split_once('/').unwrap_or((host_path, ""));
    let host = host.to_ascii_lowercase();
    if !id_chars(&host, ".-") || !host.contains('.') {
        return None;
    }
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let found = |provider, embed: String| Some(Video { provider, url: url.to_string(), embed });
    let youtube = |id: &str| {
        (id.len() == 11 && id_chars(id, "-_"))
            .then(|| format!("https://www.youtube-nocookie.com/embed/{id}?autoplay=1"))
    };
    match host.trim_start_matches("www.").trim_start_matches("m.") {
        "youtube.com" | "youtube-nocookie.com" => {
            let id = match segs.as_slice() {
                ["watch"] => param(query, "v")?,
                ["embed" | "shorts" | "live" | "v", id] => id,
                _ => return None,
            };
            found(Provider::YouTube, youtube(id)?)
        }
        "youtu.be" => match segs.as_slice() {
            [id] => found(Provider::YouTube, youtube(id)?),
            _ => None,
        },
        "vimeo.com" | "player.vimeo.com" => {
            let (id, hash) = match segs.as_slice() {
                [id] | ["video", id] => (*id, param(query, "h")),
                [id, hash] if id.bytes().all(|b| b.is_ascii_digit()) => (*id, Some(*hash)),
                _ => return None,
            };
            if !id.bytes().all(|b| b.is_ascii_digit()) || hash.is_some_and(|h| !id_chars(h, "")) {
                return None;
            }
            let h = hash.map(|h| format!("h={h}&")).unwrap_or_default();
            found(Provider::Vimeo, format!("https://player.vimeo.com/video/{id}?{h}dnt=1&autoplay=1"))
        }
        _ => {
            let id = match segs.as_slice() {
                ["w", id] | ["videos", "watch", id] => *id,
                _ => return None,
            };
            // Short ids are 22 characters, full ones 36 (a UUID).
            if !(22..=36).contains(&id.len()) || !id_chars(id, "-") {
                return None;
            }
            found(Provider::PeerTube, format!("https://{host}/videos/embed/{id}?autoplay=1"))
        }
    }
}

/// Where an embed's video is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A video site's player, loaded on click.
    Player(Video),
    /// A file of the site, as written (`/videos/demo.webm`, `demo.mp4`),
    /// with its MIME type.
    File(String, &'static str),
}

/// The MIME type of a link to a video file of the site: a path (no scheme,
/// no `//`) ending in `.mp4` or `.webm`.
pub fn site_file_type(url: &str) -> Option<&'static str> {
    if url.starts_with("//") || url.split(['/', '?', '#']).next().is_some_and(|s| s.contains(':')) {
        return None;
    }
    let path = url.split(['?', '#']).next().unwrap_or(url).to_ascii_lowercase();
    if path.ends_with(".mp4") {
        Some("video/mp4")
    } else if path.ends_with(".webm") {
        Some("video/webm")
    } else {
        None
    }
}

/// What onramp embeds, for the error of an unsupported video.
pub const SUPPORTED: &str = "onramp embeds YouTube (youtube.com, youtu.be), Vimeo (vimeo.com) and PeerTube (`https://<instance>/w/<id>`) videos, and `.mp4` or `.webm` files of the site";

/// What `url` is as a video, or the message and help line of why onramp
/// cannot embed it.
pub fn source(url: &str) -> Result<Source, (String, String)> {
    let url = url.trim();
    if let Some(video) = recognise(url) {
        return Ok(Source::Player(video));
    }
    if let Some(mime) = site_file_type(url) {
        return Ok(Source::File(url.to_string(), mime));
    }
    let shown = crate::schema::values::shorten(url);
    let web = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let Some(rest) = web else {
        return Err((
            format!("`{shown}` is not a video onramp can embed"),
            format!("{SUPPORTED}; link anything else as an ordinary link"),
        ));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("").to_ascii_lowercase();
    let site = match host.trim_start_matches("www.").trim_start_matches("m.") {
        "youtube.com" | "youtu.be" | "youtube-nocookie.com" => Some("YouTube"),
        "vimeo.com" | "player.vimeo.com" => Some("Vimeo"),
        _ => None,
    };
    Err(match site {
        Some(site) => (
            format!("`{shown}` is not the address of one {site} video"),
            "use the video's own page: `https://www.youtube.com/watch?v=<id>`, `https://youtu.be/<id>` or `https://vimeo.com/<id>`".into(),
        ),
        None => (
            format!("unsupported video host `{}`", crate::schema::values::shorten(&host)),
            format!("{SUPPORTED}; link other videos as ordinary links"),
        ),
    })
}

/// The files of the site known from discovery, by output path: content
/// assets by key (`talks/intro.png`) and `static/` files by their path
/// under it (`images/talk.svg`). Posters are looked up here.
#[derive(Debug, Clone, Default)]
pub struct SiteFiles(HashSet<String>);

impl SiteFiles {
    /// The set of output paths.
    pub fn new(paths: impl IntoIterator<Item = String>) -> SiteFiles {
        SiteFiles(paths.into_iter().collect())
    }

    /// True when the site publishes a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        self.0.contains(path)
    }
}

/// Why the poster written `poster` on page `page_key` is not a file of the
/// site (`files`): the message and help line; `None` when it is one.
/// `remote` is true for a web address (an image of another site, which
/// would load before the reader clicks).
pub fn poster_problem(poster: &str, page_key: &str, files: &SiteFiles) -> Option<(String, String, bool)> {
    let shown = crate::schema::values::shorten(poster);
    if poster.starts_with("//") || poster.split(['/', '?', '#']).next().is_some_and(|s| s.contains(':')) {
        return Some((
            format!("poster `{shown}` is not a file of the site"),
            "an image from another site would load before the reader clicks: put it under `static/` and write its path (`/images/talk.svg`)".into(),
            true,
        ));
    }
    let path = poster.split(['?', '#']).next().unwrap_or(poster);
    let decoded = super::percent_decode(path);
    let (key, help) = match decoded.strip_prefix('/') {
        Some(rest) => {
            let key = crate::discover::normalize(rest);
            let help = format!("`{shown}` is read from `static/{key}` or `content/{key}`; neither exists");
            (key, help)
        }
        None => {
            let key = super::join_key(page_key, &decoded);
            let help = format!(
                "it points to `content/{key}`, which does not exist; a path starting with `/` is read from `static/`"
            );
            (key, help)
        }
    };
    if !key.starts_with("..") && files.contains(&key) {
        return None;
    }
    Some((format!("poster image `{shown}` not found"), help, false))
}

/// A video embed as written, before its links are resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    /// The video.
    pub source: Source,
    /// Title (the link text, or `title:`).
    pub title: Option<String>,
    /// Poster image as written, and its byte offset in the paragraph
    /// (link form only).
    pub poster: Option<(String, usize)>,
    /// Length.
    pub duration: Option<Duration>,
    /// A second line follows: the transcript link.
    pub transcript: bool,
}

/// Reads a paragraph's source: a video link alone on its first line (see
/// the module's documentation) and, optionally, one markdown link alone on
/// the second.
pub fn paragraph(source: &str) -> Option<Embed> {
    let lead = source.len() - source.trim_start().len();
    let mut lines = source.trim().lines().map(str::trim);
    let first = lines.next()?;
    let second = lines.next();
    if lines.next().is_some() || !(first.starts_with(['[', '<']) || first.starts_with("http")) {
        return None;
    }
    if let Some(s) = second {
        let link = s.starts_with('[') && s.ends_with(')') && s.contains("](");
        if !link {
            return None;
        }
    }
    let transcript = second.is_some();
    if first.starts_with("http") {
        if first.contains(char::is_whitespace) {
            return None;
        }
        let video = recognise(first)?;
        return Some(Embed { source: Source::Player(video), title: None, poster: None, duration: None, transcript });
    }
    let events: Vec<(Event<'_>, std::ops::Range<usize>)> = Parser::new(first).into_offset_iter().collect();
    let inner = match events.as_slice() {
        [(Event::Start(Tag::Paragraph), _), inner @ .., (Event::End(TagEnd::Paragraph), _)] => inner,
        _ => return None,
    };
    let (dest, link_title, autolink, inner) = match inner {
        [
            (Event::Start(Tag::Link { dest_url, title, link_type, .. }), _),
            inner @ ..,
            (Event::End(TagEnd::Link), _),
        ] => (dest_url, title, matches!(link_type, LinkType::Autolink), inner),
        _ => return None,
    };
    // The link is the whole line: no second link inside it.
    if inner.iter().any(|(e, _)| matches!(e, Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link))) {
        return None;
    }
    let source = match recognise(dest) {
        Some(video) => Source::Player(video),
        None => Source::File(dest.to_string(), site_file_type(dest)?),
    };
    let mut poster = None;
    let text_events = match inner {
        [(Event::Start(Tag::Image { dest_url, .. }), r), alt @ .., (Event::End(TagEnd::Image), _)] => {
            poster = (!dest_url.is_empty()).then(|| (dest_url.to_string(), lead + r.start));
            alt
        }
        _ if inner.iter().any(|(e, _)| matches!(e, Event::Start(Tag::Image { .. }))) => return None,
        _ => inner,
    };
    let mut title = String::new();
    for (e, _) in text_events {
        match e {
            Event::Text(t) | Event::Code(t) => title.push_str(t),
            Event::SoftBreak | Event::HardBreak => title.push(' '),
            _ => {}
        }
    }
    let title = super::collapse_whitespace(&title);
    let title = (!autolink && !title.is_empty()).then_some(title);
    let duration = parse_duration(link_title).ok();
    Some(Embed { source, title, poster, duration, transcript })
}

/// True for the info string of a ```` ```video ```` block.
pub fn is_block(info: &str) -> bool {
    info.split_whitespace().next() == Some("video")
}

/// Reads a ```` ```video ```` block's text, whose first line is line
/// `first_line` of `path`: its fields and where each is written.
pub fn block(code: &str, path: &std::path::Path, first_line: usize) -> Result<(VideoBlockFm, Spans), Diagnostic> {
    if code.trim().is_empty() {
        return Err(Diagnostic::error(path, first_line.saturating_sub(1), 1, "empty `video` block")
            .with_help("write the video's address in it: `url: https://www.youtube.com/watch?v=…`"));
    }
    let src = YamlSource { path, first_line, key_noun: "field" };
    yaml::parse_spanned::<VideoBlockFm>(code, src).map_err(crate::schema::values::value_error)
}

/// A piece of an embed's markup: HTML, or the place of a URL the markdown
/// stage writes (a link slot, or the URL as written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Markup, escaped already.
    Html(String),
    /// The poster's URL.
    Poster,
    /// The video file's URL.
    File,
    /// The transcript's URL (a ```` ```video ```` block's).
    Transcript,
}

/// The duration on a placeholder or in a caption.
fn duration_html(d: Option<Duration>) -> String {
    d.map(|d| format!("<span class=\"video-duration\"><time datetime=\"{}\">{}</time></span>", d.iso(), d.display()))
        .unwrap_or_default()
}

/// The markup of an embed up to its transcript (the second line's link,
/// which the markdown stage writes as any link, or `Part::Transcript` when
/// `transcript_url` is set), then [`close_html`] ends it. `has_poster`:
/// the poster exists and is written at `Part::Poster`.
pub fn open_parts(e: &Embed, labels: &VideoLabels, has_poster: bool, transcript_url: bool) -> Vec<Part> {
    let title = e.title.as_deref().map(escape).unwrap_or_default();
    let caption_title =
        if title.is_empty() { String::new() } else { format!("<span class=\"video-title\">{title}</span> ") };
    let duration = duration_html(e.duration);
    let mut parts = Vec::new();
    match &e.source {
        Source::Player(video) => {
            let url = escape(&video.url);
            let watch = escape(&labels.watch[video.provider.index()]);
            let play = escape(&labels.play);
            let name = if title.is_empty() {
                String::new()
            } else {
                format!("<span class=\"visually-hidden\">: {title}</span>")
            };
            let class = if has_poster { "video-placeholder video-has-poster" } else { "video-placeholder" };
            parts.push(Part::Html(format!(
                "<figure class=\"video-embed\" data-video-embed data-embed-src=\"{embed}\" data-video-title=\"{title}\">\
                 <a class=\"{class}\" href=\"{url}\" data-video-play>",
                embed = escape(&video.embed),
            )));
            if has_poster {
                parts.push(Part::Html("<img class=\"video-poster\" src=\"".into()));
                parts.push(Part::Poster);
                parts.push(Part::Html("\" alt=\"\" loading=\"lazy\">".into()));
            } else if !title.is_empty() {
                parts.push(Part::Html(format!(
                    "<span class=\"video-placeholder-title\" aria-hidden=\"true\">{title}</span>"
                )));
            }
            parts.push(Part::Html(format!(
                "<span class=\"video-play-icon\" aria-hidden=\"true\"></span>\
                 <span class=\"video-play-label\">{play}{name}</span>{duration}</a>\
                 <figcaption>{caption_title}<a class=\"video-link\" href=\"{url}\">{watch}</a>"
            )));
        }
        Source::File(_, mime) => {
            let space = if duration.is_empty() { "" } else { " " };
            let label = if title.is_empty() { String::new() } else { format!(" aria-label=\"{title}\"") };
            parts.push(Part::Html(format!(
                "<figure class=\"video-embed video-file\"><video controls preload=\"none\"{label}"
            )));
            if has_poster {
                parts.push(Part::Html(" poster=\"".into()));
                parts.push(Part::Poster);
                parts.push(Part::Html("\"".into()));
            }
            parts.push(Part::Html("><source src=\"".into()));
            parts.push(Part::File);
            parts.push(Part::Html(format!(
                "\" type=\"{mime}\"></video><figcaption>{caption_title}{duration}{space}<a class=\"video-link\" href=\""
            )));
            parts.push(Part::File);
            parts.push(Part::Html(format!("\">{}</a>", escape(&labels.file))));
        }
    }
    if transcript_url {
        parts.push(Part::Html(" · <a class=\"video-transcript\" href=\"".into()));
        parts.push(Part::Transcript);
        parts.push(Part::Html(format!("\">{}</a>", escape(&labels.transcript))));
    } else if e.transcript {
        parts.push(Part::Html(" · ".into()));
    }
    parts
}

/// The markup after the transcript link: the privacy note of a third-party
/// player, and the end.
pub fn close_html(e: &Embed, labels: &VideoLabels) -> String {
    match e.source {
        Source::Player(_) => {
            format!("<small class=\"video-privacy\">{}</small></figcaption></figure>\n", escape(&labels.privacy))
        }
        Source::File(..) => "</figcaption></figure>\n".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_the_three_providers() {
        let yt = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1";
        assert_eq!(recognise("https://www.youtube.com/watch?v=dQw4w9WgXcQ").unwrap().embed, yt);
        assert_eq!(recognise("https://youtu.be/dQw4w9WgXcQ").unwrap().embed, yt);
        assert_eq!(recognise("https://m.youtube.com/watch?feature=x&v=dQw4w9WgXcQ").unwrap().embed, yt);
        assert_eq!(
            recognise("https://vimeo.com/76979871").unwrap().embed,
            "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"
        );
        assert_eq!(
            recognise("https://framatube.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d").unwrap().embed,
            "https://framatube.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d?autoplay=1"
        );
        assert_eq!(recognise("https://www.youtube.com/watch?v=short"), None);
        assert_eq!(recognise("https://example.org/w/page"), None);
        assert_eq!(recognise("https://vimeo.com/about"), None);
        assert_eq!(recognise("javascript:alert(1)//youtu.be/dQw4w9WgXcQ"), None);
        assert_eq!(recognise("https://youtu.be/dQw4w9WgX\"Q"), None);
    }

    #[test]
    fn a_paragraph_is_an_embed_only_when_the_link_is_alone() {
        let e = paragraph("[Intro](https://youtu.be/dQw4w9WgXcQ)\n[Transcript](intro.md)\n").unwrap();
        assert_eq!(e.title.as_deref(), Some("Intro"));
        assert!(e.transcript);
        let e = paragraph("[![The *intro*](/img/intro.svg)](https://youtu.be/dQw4w9WgXcQ \"1:02:03\")").unwrap();
        assert_eq!(e.title.as_deref(), Some("The intro"));
        assert_eq!(e.poster, Some(("/img/intro.svg".to_string(), 1)));
        assert_eq!(e.duration.map(|d| d.seconds), Some(3723));
        let e = paragraph("[Demo](media/demo.WEBM \"a tooltip\")").unwrap();
        assert_eq!((e.source, e.duration), (Source::File("media/demo.WEBM".into(), "video/webm"), None));
        // Links to anything else stay links, a linked logo included.
        assert!(paragraph("[![Logo](logo.svg)](https://example.org/)").is_none());
        assert!(paragraph("[Demo](https://example.org/demo.mp4)").is_none());
        assert!(paragraph("[a](https://youtu.be/dQw4w9WgXcQ) [b](https://youtu.be/dQw4w9WgXcQ)").is_none());
        assert!(paragraph("<https://youtu.be/dQw4w9WgXcQ>").is_some());
        assert!(paragraph("Watch https://youtu.be/dQw4w9WgXcQ").is_none());
        assert!(paragraph("https://youtu.be/dQw4w9WgXcQ\nmore text").is_none());
    }

    #[test]
    fn an_unsupported_video_names_what_onramp_embeds() {
        let (message, help) = source("https://videos.example.org/talk/12").unwrap_err();
        assert_eq!(message, "unsupported video host `videos.example.org`");
        assert_eq!(help, format!("{SUPPORTED}; link other videos as ordinary links"));
        assert_eq!(
            source("https://www.youtube.com/@onramp").unwrap_err().0,
            "`https://www.youtube.com/@onramp` is not the address of one YouTube video"
        );
        assert_eq!(source("/videos/demo.mov").unwrap_err().0, "`/videos/demo.mov` is not a video onramp can embed");
        assert_eq!(source("/videos/demo.mp4"), Ok(Source::File("/videos/demo.mp4".into(), "video/mp4")));
    }

    #[test]
    fn posters_are_looked_up_among_the_site_files() {
        let files = SiteFiles::new(["images/talk.svg".to_string(), "talks/intro.png".to_string()]);
        assert_eq!(poster_problem("/images/talk.svg", "talks/a.md", &files), None);
        assert_eq!(poster_problem("intro.png", "talks/a.md", &files), None);
        assert_eq!(poster_problem("../talks/intro.png", "talks/a.md", &files), None);
        let (message, help, remote) = poster_problem("/images/missing.svg", "talks/a.md", &files).unwrap();
        assert_eq!(message, "poster image `/images/missing.svg` not found");
        assert_eq!(
            help,
            "`/images/missing.svg` is read from `static/images/missing.svg` or `content/images/missing.svg`; neither exists"
        );
        assert!(!remote);
        assert!(poster_problem("https://img.youtube.com/vi/x/0.jpg", "a.md", &files).unwrap().2);
        assert!(poster_problem("/../etc/passwd", "a.md", &files).is_some());
    }
}

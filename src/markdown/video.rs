//! Video embeds: a YouTube, Vimeo or PeerTube link alone in a paragraph
//! (a bare URL, `<URL>`, or `[Title](URL)`), optionally followed on the
//! next line by a link to its transcript, becomes a player placeholder.
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

use crate::escape::escape;

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
}

/// Fluent ids of [`VideoLabels`]; `video-watch` takes `$site`.
pub const LABEL_IDS: [&str; 3] = ["video-play", "video-watch", "video-privacy"];

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

/// What a paragraph's source holds when it is a video embed: the video,
/// its title (the link text of `[Title](URL)`) and whether a second line
/// (the transcript link) follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    /// The video.
    pub video: Video,
    /// Link text, when written as a link.
    pub title: Option<String>,
    /// A second line follows: the transcript link.
    pub transcript: bool,
}

/// Reads a paragraph's source: a video link alone on its first line and,
/// optionally, one markdown link alone on the second.
pub fn paragraph(source: &str) -> Option<Embed> {
    let mut lines = source.trim().lines().map(str::trim);
    let first = lines.next()?;
    let second = lines.next();
    if lines.next().is_some() {
        return None;
    }
    if let Some(s) = second {
        let link = s.starts_with('[') && s.ends_with(')') && s.contains("](");
        if !link {
            return None;
        }
    }
    let (url, title) = if let Some(inner) = first.strip_prefix('<').and_then(|f| f.strip_suffix('>')) {
        (inner, None)
    } else if let Some(inner) = first.strip_prefix('[').and_then(|f| f.strip_suffix(')')) {
        let (title, url) = inner.rsplit_once("](")?;
        (url.trim(), Some(title.trim().to_string()))
    } else {
        (first, None)
    };
    if url.contains(char::is_whitespace) {
        return None;
    }
    Some(Embed { video: recognise(url)?, title, transcript: second.is_some() })
}

/// The markup before the transcript link (or the end): the placeholder and
/// the start of the caption.
pub fn open_html(e: &Embed, labels: &VideoLabels) -> String {
    let url = escape(&e.video.url);
    let title = e.title.as_deref().map(escape).unwrap_or_default();
    let watch = escape(&labels.watch[e.video.provider.index()]);
    let play = escape(&labels.play);
    let name =
        if title.is_empty() { String::new() } else { format!("<span class=\"visually-hidden\">: {title}</span>") };
    let caption_title =
        if title.is_empty() { String::new() } else { format!("<span class=\"video-title\">{title}</span> ") };
    format!(
        "<figure class=\"video-embed\" data-video-embed data-embed-src=\"{embed}\" data-video-title=\"{title}\">\
         <a class=\"video-placeholder\" href=\"{url}\" data-video-play>\
         <span class=\"video-play-icon\" aria-hidden=\"true\"></span>\
         <span class=\"video-play-label\">{play}{name}</span></a>\
         <figcaption>{caption_title}<a class=\"video-link\" href=\"{url}\">{watch}</a>",
        embed = escape(&e.video.embed),
    ) + if e.transcript { " · " } else { "" }
}

/// The markup after the transcript link: the privacy note and the end.
pub fn close_html(labels: &VideoLabels) -> String {
    format!("<small class=\"video-privacy\">{}</small></figcaption></figure>\n", escape(&labels.privacy))
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
        assert!(paragraph("<https://youtu.be/dQw4w9WgXcQ>").is_some());
        assert!(paragraph("Watch https://youtu.be/dQw4w9WgXcQ").is_none());
        assert!(paragraph("https://youtu.be/dQw4w9WgXcQ\nmore text").is_none());
    }
}

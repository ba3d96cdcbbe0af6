//! `videos`: a listing of talks, demos and recorded meetings from a data
//! file (`videos: {data: videos}` reads `data/videos.yaml`, the default;
//! `kind: meeting` lists only one kind), newest first, as a grid of cards.
//! Each card holds the same click-to-load embed as a video link in markdown
//! (`markdown/video.rs`): nothing is fetched from the video's site before
//! the reader presses play, and a self-hosted file is a
//! `<video preload="none">`.
//!
//! ```yaml
//! # data/videos.yaml: a list of videos
//! - title: Getting started with onramp   # required
//!   url: https://www.youtube.com/watch?v=dQw4w9WgXcQ   # required: YouTube,
//!                                # Vimeo, PeerTube, or an .mp4/.webm file of the site
//!   date: 2026-03-12             # required: the listing is newest first
//!   speakers: [Ada Lovelace]
//!   duration: "12:34"            # or "1:02:03"
//!   poster: /images/talk.svg     # a file of the site
//!   transcript: /transcripts/intro/   # a site path or a web link
//!   description: A tour of the first hour with onramp.
//!   tags: [onboarding]
//!   kind: talk                   # talk, demo or meeting
//! ```
//!
//! The file is read at load (`layouts::inputs`) entry by entry; what needs
//! the rest of the site (an address onramp cannot embed, a poster or video
//! file the site does not have) is checked here, each at its `line:col`.

use super::common::{asset_url, format_date, key_error, local_url, safe_link};
use super::data_list::Item;
use crate::diagnostics::{Diagnostic, closest};
use crate::markdown::video::{self, Source};
use crate::render::RenderEnv;
pub use crate::schema::videos::{VideoFm, VideoKind, VideosFm};
use crate::yaml_path;
use serde::Serialize;
use std::path::Path;

/// `layout_data.videos`.
#[derive(Debug, Clone, Serialize)]
pub struct VideosCtx {
    /// The videos, newest first.
    pub videos: Vec<VideoCtx>,
    /// The kind the page lists, when it lists one (`talk`, `demo`, `meeting`).
    pub kind: Option<&'static str>,
    /// Some video is played by its site's player (the page says what a click loads).
    pub players: bool,
}

/// One video, ready for the template.
#[derive(Debug, Clone, Serialize)]
pub struct VideoCtx {
    /// Title.
    pub title: String,
    /// `YYYY-MM-DD`, for `<time datetime>`.
    pub date: String,
    /// The day in the page's language.
    pub date_display: String,
    /// Who speaks.
    pub speakers: Vec<String>,
    /// Length as shown (`12:34`).
    pub duration: Option<String>,
    /// Length for `<time datetime>` (`PT12M34S`).
    pub duration_iso: Option<String>,
    /// The video's page on its site, or the file's URL.
    pub url: String,
    /// The player's URL, loaded on click; unset for a file of the site.
    pub embed: Option<String>,
    /// The video site's name (`YouTube`), for the "Watch on …" link.
    pub provider: Option<&'static str>,
    /// MIME type of a file of the site.
    pub file_type: Option<&'static str>,
    /// Poster image URL (a file of the site).
    pub poster: Option<String>,
    /// Transcript URL.
    pub transcript: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// `talk`, `demo` or `meeting`.
    pub kind: Option<&'static str>,
}

/// Checks one entry against the site and makes its card; `None` (with the
/// problems in `diags`) when it cannot be shown.
fn card(
    env: &RenderEnv<'_>,
    lang: usize,
    page_key: &str,
    file: &Path,
    item: &Item<VideoFm>,
    diags: &mut Vec<Diagnostic>,
) -> Option<VideoCtx> {
    let v = &item.value;
    let err = |field: &str, message: String| {
        let (line, col) = item.at(field);
        Diagnostic::error(file, line, col, message)
    };
    let before = diags.len();
    let (url, embed, provider, file_type) = match video::source(&v.url) {
        Ok(Source::Player(p)) => (p.url, Some(p.embed), Some(p.provider.name()), None),
        Ok(Source::File(path, mime)) => match asset_url(env, page_key, &path) {
            Ok(url) => (url, None, None, Some(mime)),
            Err(help) => {
                let shown = crate::schema::values::shorten(&path);
                diags.push(err("url", format!("video file `{shown}` not found")).with_help(help));
                (String::new(), None, None, None)
            }
        },
        Err((message, help)) => {
            diags.push(err("url", message).with_help(help));
            (String::new(), None, None, None)
        }
    };
    let poster = v.poster.as_deref().and_then(|p| {
        let shown = crate::schema::values::shorten(p);
        let remote = p.starts_with("//") || p.split(['/', '?', '#']).next().is_some_and(|s| s.contains(':'));
        let found = if remote {
            Err("an image from another site would load before the reader clicks: put it under `static/` and write its path (`/images/talk.svg`)".to_string())
        } else {
            asset_url(env, page_key, p)
        };
        found
            .map_err(|help| diags.push(err("poster", format!("poster image `{shown}` not found")).with_help(help)))
            .ok()
    });
    let transcript = match v.transcript.as_deref() {
        Some(t) => match safe_link(t) {
            Some(t) => Some(local_url(env, lang, &t)),
            None => {
                let shown = crate::schema::values::shorten(t);
                diags.push(err(
                    "transcript",
                    format!("`transcript` must be a web link or a site path, found `{shown}`"),
                ));
                None
            }
        },
        None => None,
    };
    if diags.len() > before {
        return None;
    }
    Some(VideoCtx {
        title: v.title.clone(),
        date: crate::schema::values::iso_day(v.date.0),
        date_display: format_date(env, lang, v.date.0),
        speakers: v.speakers.clone(),
        duration: v.duration.map(|d| d.display()),
        duration_iso: v.duration.map(|d| d.iso()),
        url,
        embed,
        provider,
        file_type,
        poster,
        transcript,
        description: v.description.clone(),
        tags: v.tags.clone(),
        kind: v.kind.map(VideoKind::name),
    })
}

/// The videos page.
pub fn data(env: &RenderEnv<'_>, node: usize, lang: usize) -> (Option<VideosCtx>, Vec<Diagnostic>) {
    let v = &env.site.nodes[node].variants[lang];
    let fm = v.fm.videos.clone().unwrap_or_default();
    let mut diags = Vec::new();
    let Some(file) = env.inputs.data_file(&fm.data) else {
        if let Some(doc) = env.site.doc(v) {
            let at = if v.fm.videos.is_some() { yaml_path!["videos"] } else { yaml_path!["layout"] };
            let mut d = key_error(doc, &at, format!("no data file `data/{}.yaml` for this videos page", fm.data));
            d = match closest(&fm.data, env.inputs.data_names.iter().map(String::as_str)) {
                Some(c) => d.with_help(format!("did you mean `{c}`?")),
                None => {
                    d.with_help("list the videos in `data/videos.yaml`, or name the file with `videos: {data: NAME}`")
                }
            };
            diags.push(d);
        }
        return (None, diags);
    };
    let (items, load_diags) = env.inputs.videos.get(&file).cloned().unwrap_or_default();
    diags.extend(load_diags.into_iter().map(crate::schema::values::value_error));
    let page_key = env.site.nodes[node].key.as_str();
    // Every entry is checked, also those of the kinds the page leaves out.
    let mut cards: Vec<VideoCtx> = items
        .iter()
        .filter_map(|item| card(env, lang, page_key, &file, item, &mut diags))
        .filter(|c| fm.kind.is_none_or(|k| c.kind == Some(k.name())))
        .collect();
    // Newest first; a day's videos by title.
    cards.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.title.cmp(&b.title)));
    let players = cards.iter().any(|c| c.embed.is_some());
    (Some(VideosCtx { videos: cards, kind: fm.kind.map(VideoKind::name), players }), diags)
}

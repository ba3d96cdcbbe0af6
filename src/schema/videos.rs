//! Raw types of videos as users write them: the ```` ```video ```` block of
//! a markdown page (`markdown/video.rs`), and the `videos` layout's front
//! matter and data file entries (`layouts/videos.rs`). Durations and dates
//! are checked while the YAML parser is on them, so an error points at the
//! value.

use super::values::{invalid_value, parse_day, shorten};
use serde::{Deserialize, Deserializer};

/// `videos:` in a videos page's front matter.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct VideosFm {
    /// Name of the data file, without `data/` and `.yaml`.
    #[serde(default = "default_data")]
    pub data: String,
    /// Only the videos of this kind (`meeting` for a page of recordings).
    #[serde(default)]
    pub kind: Option<VideoKind>,
}

impl Default for VideosFm {
    fn default() -> Self {
        VideosFm { data: default_data(), kind: None }
    }
}

fn default_data() -> String {
    "videos".into()
}

/// What a video is.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VideoKind {
    /// A talk at a conference or meetup.
    Talk,
    /// A demonstration or walkthrough.
    Demo,
    /// The recording of a meeting.
    Meeting,
}

impl VideoKind {
    /// The name as written (`talk`), also the end of its Fluent id (`videos-kind-talk`).
    pub fn name(self) -> &'static str {
        match self {
            VideoKind::Talk => "talk",
            VideoKind::Demo => "demo",
            VideoKind::Meeting => "meeting",
        }
    }
}

/// One video of a `videos` data file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct VideoFm {
    /// Title of the talk or recording.
    pub title: String,
    /// The video: a YouTube, Vimeo or PeerTube link, or an `.mp4`/`.webm`
    /// file of the site.
    pub url: String,
    /// When it was recorded or published (`2026-03-12`): the listing is newest first.
    pub date: Day,
    /// Who speaks.
    #[serde(default)]
    pub speakers: Vec<String>,
    /// Length, `12:34` or `1:02:03`.
    #[serde(default)]
    pub duration: Option<Duration>,
    /// Poster image, a file of the site (`/images/talk.svg`).
    #[serde(default)]
    pub poster: Option<String>,
    /// Where the transcript is: a web link or a site path.
    #[serde(default)]
    pub transcript: Option<String>,
    /// A sentence or two about it.
    #[serde(default)]
    pub description: Option<String>,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// `talk`, `demo` or `meeting`.
    #[serde(default)]
    pub kind: Option<VideoKind>,
}

/// A ```` ```video ```` block in markdown: the same fields as a data file's
/// entry that an embed shows.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct VideoBlockFm {
    /// The video (see [`VideoFm::url`]).
    pub url: String,
    /// Title, shown on the placeholder and in the caption.
    #[serde(default)]
    pub title: Option<String>,
    /// Poster image, a file of the site: a site path or relative to the page.
    #[serde(default)]
    pub poster: Option<String>,
    /// Length, `12:34` or `1:02:03`.
    #[serde(default)]
    pub duration: Option<Duration>,
    /// The transcript: a page (`transcripts/intro.md`), a site path or a web link.
    #[serde(default)]
    pub transcript: Option<String>,
}

/// A video's `date`: a day of the calendar, `YYYY-MM-DD` (`2026-02-30` is
/// an error at the value, with the month's length as help).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Day(pub time::Date);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Day;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a date such as 2026-03-12")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Day, E> {
                parse_day(v).map(Day).map_err(|(m, h)| invalid_value(&m, &h))
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// A video's length, written `M:SS` or `H:MM:SS`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Duration {
    /// Length in seconds.
    pub seconds: u32,
}

impl Duration {
    /// `12:34`, or `1:02:03` from an hour on.
    pub fn display(self) -> String {
        let (h, m, s) = (self.seconds / 3600, self.seconds / 60 % 60, self.seconds % 60);
        if h > 0 { format!("{h}:{m:02}:{s:02}") } else { format!("{m}:{s:02}") }
    }

    /// The ISO 8601 duration of `<time datetime>` (`PT12M34S`).
    pub fn iso(self) -> String {
        let (h, m, s) = (self.seconds / 3600, self.seconds / 60 % 60, self.seconds % 60);
        let mut out = String::from("PT");
        for (n, unit) in [(h, 'H'), (m, 'M'), (s, 'S')] {
            if n > 0 {
                out.push_str(&format!("{n}{unit}"));
            }
        }
        if out.len() == 2 {
            out.push_str("0S");
        }
        out
    }
}

/// Reads `12:34` or `1:02:03`; or the message and help line of why `text` is not a duration.
pub fn parse_duration(text: &str) -> Result<Duration, (String, String)> {
    let problem = || {
        (
            format!("`duration` must be minutes and seconds like `12:34` or `1:02:03`, found `{}`", shorten(text)),
            "write the length as `M:SS` or `H:MM:SS`, in quotes in YAML: `duration: \"12:34\"`".to_string(),
        )
    };
    let parts: Vec<&str> = text.trim().split(':').collect();
    let numbers: Option<Vec<u32>> = parts
        .iter()
        .map(|p| (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok())?)
        .collect();
    let seconds = match numbers.as_deref() {
        Some(&[m, s]) if s < 60 && parts[1].len() == 2 => m * 60 + s,
        Some(&[h, m, s]) if m < 60 && s < 60 && parts[1].len() == 2 && parts[2].len() == 2 => h * 3600 + m * 60 + s,
        _ => return Err(problem()),
    };
    Ok(Duration { seconds })
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Duration;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a duration such as \"12:34\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Duration, E> {
                parse_duration(v).map_err(|(m, h)| invalid_value(&m, &h))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Duration, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Duration, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Duration, E> {
                self.visit_str(&v.to_string())
            }
        }
        d.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_minutes_and_seconds_or_hours_minutes_and_seconds() {
        let d = parse_duration("12:34").unwrap();
        assert_eq!((d.seconds, d.display(), d.iso()), (754, "12:34".to_string(), "PT12M34S".to_string()));
        let d = parse_duration("1:02:03").unwrap();
        assert_eq!((d.display(), d.iso()), ("1:02:03".to_string(), "PT1H2M3S".to_string()));
        assert_eq!(parse_duration("0:00").unwrap().iso(), "PT0S");
        for bad in ["12", "12:60", "1:2", "a:bc", "1:00:60", "", "-1:00", "99999:00"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }
}

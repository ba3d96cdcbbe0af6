//! Raw types of the `meetings` layout: its front matter and the entries of
//! its data file (`data/meetings.yaml`), as written by users. Time zones,
//! days of the month and week numbers are checked while the YAML parser is
//! on them, so an error points at the value.

use super::values::{checked_string, invalid_value};
use serde::{Deserialize, Deserializer};

/// `meetings:` in a meetings page's front matter.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MeetingsFm {
    /// Name of the data file, without `data/` and `.yaml`.
    #[serde(default = "default_data")]
    pub data: String,
    /// How many days ahead the page lists, from the day of the build.
    #[serde(default = "default_days")]
    pub days: u32,
}

impl Default for MeetingsFm {
    fn default() -> Self {
        MeetingsFm { data: default_data(), days: default_days() }
    }
}

fn default_data() -> String {
    "meetings".into()
}

fn default_days() -> u32 {
    42
}

/// One meeting of the data file: a one-off event, or a recurring meeting
/// with `repeat`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MeetingFm {
    /// Name of the meeting.
    pub title: String,
    /// IANA time zone the meeting is held in (`Europe/Paris`).
    #[serde(deserialize_with = "time_zone")]
    pub timezone: String,
    /// Day of the event, or of the first occurrence (`2026-01-08`).
    pub date: jiff::civil::Date,
    /// Start time in `timezone` (`"17:00"`).
    pub time: jiff::civil::Time,
    /// Length in minutes.
    pub duration: u32,
    /// How it repeats; a one-off event without it.
    #[serde(default)]
    pub repeat: Option<RepeatFm>,
    /// Last day it can take place (inclusive).
    #[serde(default)]
    pub until: Option<jiff::civil::Date>,
    /// Where to join (video call, chat room).
    #[serde(default)]
    pub join: Option<String>,
    /// Agenda or notes.
    #[serde(default)]
    pub notes: Option<String>,
    /// Language the meeting is held in (a code such as `en`).
    #[serde(default)]
    pub language: Option<String>,
    /// Occurrences that do not take place, by their date.
    #[serde(default)]
    pub cancelled: Vec<jiff::civil::Date>,
    /// Occurrences held at another time.
    #[serde(default)]
    pub moved: Vec<MovedFm>,
}

/// How a meeting repeats: `weeks: N` (every N weeks), or `monthly:`.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RepeatFm {
    /// Every N weeks, on the weekday of `date`.
    #[serde(default)]
    pub weeks: Option<u32>,
    /// Once a month.
    #[serde(default)]
    pub monthly: Option<MonthlyFm>,
}

/// A monthly meeting: on a day of the month (`day: 15`), or on the nth
/// weekday (`week: 2, weekday: tuesday`; `week: last`).
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MonthlyFm {
    /// Day of the month, 1 to 31 (months without it are skipped).
    #[serde(default, deserialize_with = "month_day")]
    pub day: Option<i8>,
    /// Week of the month: 1 to 5, or `last` (months without a 5th are skipped).
    #[serde(default, deserialize_with = "week_of_month")]
    pub week: Option<i8>,
    /// Day of the week, with `week`.
    #[serde(default)]
    pub weekday: Option<WeekdayFm>,
}

/// A day of the week, in English.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum WeekdayFm {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl WeekdayFm {
    /// The weekday as jiff knows it.
    pub fn to_jiff(self) -> jiff::civil::Weekday {
        use jiff::civil::Weekday as W;
        match self {
            WeekdayFm::Monday => W::Monday,
            WeekdayFm::Tuesday => W::Tuesday,
            WeekdayFm::Wednesday => W::Wednesday,
            WeekdayFm::Thursday => W::Thursday,
            WeekdayFm::Friday => W::Friday,
            WeekdayFm::Saturday => W::Saturday,
            WeekdayFm::Sunday => W::Sunday,
        }
    }
}

/// One occurrence held at another time.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MovedFm {
    /// The date it would have taken place.
    pub from: jiff::civil::Date,
    /// When it takes place instead, in the meeting's time zone (`2027-01-02T17:00`).
    pub to: jiff::civil::DateTime,
}

/// Why `name` is not a time zone of the IANA database, with the closest name.
pub fn time_zone_problem(name: &str) -> Option<(String, String)> {
    if jiff::tz::db().get(name).is_ok() {
        return None;
    }
    let names: Vec<String> = jiff::tz::db().available().map(|n| n.to_string()).collect();
    let help = match crate::diagnostics::closest(name, names.iter().map(String::as_str)) {
        Some(c) => {
            format!("did you mean `{c}`? Time zones are IANA names such as `Europe/Paris` or `America/New_York`")
        }
        None => "use an IANA time zone name such as `Europe/Paris` or `America/New_York`".into(),
    };
    Some((format!("unknown time zone `{}`", name.escape_debug()), help))
}

fn time_zone<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    checked_string(d, time_zone_problem)
}

fn month_day<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i8>, D::Error> {
    let n = i64::deserialize(d)?;
    if (1..=31).contains(&n) {
        Ok(Some(n as i8))
    } else {
        Err(invalid_value(
            &format!("there is no day {n} in a month"),
            "`day` is 1 to 31; months without that day (31, or 29 to 31 in February) are skipped",
        ))
    }
}

const WEEK_HELP: &str =
    "`week: 1` is the first of that weekday in the month, `week: last` the last; months without a 5th are skipped";

fn week_of_month<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i8>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Week {
        N(i64),
        S(String),
    }
    match Week::deserialize(d)? {
        Week::N(n) if (1..=5).contains(&n) => Ok(Some(n as i8)),
        Week::S(s) if s == "last" => Ok(Some(-1)),
        Week::N(n) => Err(invalid_value(&format!("there is no week {n} in a month"), WEEK_HELP)),
        Week::S(s) => {
            Err(invalid_value(&format!("`week` must be 1 to 5 or `last`, found `{}`", s.escape_debug()), WEEK_HELP))
        }
    }
}

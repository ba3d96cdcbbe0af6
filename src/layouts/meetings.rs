//! `meetings`: the upcoming occurrences of a project's meetings, from a data
//! file (`meetings: {data: meetings, days: 42}` reads `data/meetings.yaml`
//! and lists the next 42 days from the day of the build), and an iCalendar
//! feed of them (`meetings.ics` beside the page).
//!
//! ```yaml
//! # data/meetings.yaml: a list of meetings
//! - title: Community call
//!   timezone: Europe/Paris       # IANA name
//!   date: 2026-01-08             # the first one
//!   time: "17:00"                # in `timezone`
//!   duration: 60                 # minutes
//!   repeat: { weeks: 2 }         # or monthly: {day: 15} / {week: last, weekday: thursday}
//!   until: 2027-06-30            # optional
//!   join: https://meet.example/community
//!   notes: https://notes.example/community
//!   language: en
//!   cancelled: [2026-12-24]
//!   moved: [{ from: 2026-12-31, to: 2027-01-02T17:00 }]
//! ```
//!
//! Times and recurrences are computed with `jiff` (the IANA database is
//! bundled, so every machine builds the same page): each occurrence is at
//! its wall-clock time in the meeting's zone, so its UTC time moves with
//! daylight saving. The page writes each start as `<time datetime>` with the
//! zone's offset; `theme/layouts.js` shows it in the reader's own zone. The
//! feed is written here (RFC 5545, [`ics`]).

use super::common::{key_error, safe_link};
use super::data_list;
use crate::diagnostics::{Diagnostic, closest};
use crate::render::RenderEnv;
pub use crate::schema::meetings::{MeetingFm, MeetingsFm};
use crate::yaml_path;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};
use serde::Serialize;

/// The longest interval of `repeat: {weeks: N}`, ten years.
pub const MAX_WEEKS: u32 = 520;
/// The longest window a meetings page lists, ten years.
pub const MAX_DAYS: u32 = 3660;

/// File name of the calendar feed beside the meetings page.
pub const CALENDAR_FILE: &str = "meetings.ics";

/// `layout_data.meetings`.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingsCtx {
    /// Upcoming occurrences, by start time.
    pub occurrences: Vec<OccurrenceCtx>,
    /// URL of the iCalendar feed.
    pub calendar_url: String,
    /// Days listed ahead.
    pub days: u32,
}

/// One occurrence, ready for the template.
#[derive(Debug, Clone, Serialize)]
pub struct OccurrenceCtx {
    /// Meeting title.
    pub title: String,
    /// Start, RFC 3339 with the zone's offset (`2026-03-26T17:00:00+01:00`).
    pub datetime: String,
    /// Start as written in the meeting's zone (`2026-03-26 17:00`).
    pub local: String,
    /// The meeting's IANA zone.
    pub timezone: String,
    /// The zone's abbreviation then (`CET`).
    pub zone_abbreviation: String,
    /// Length in minutes.
    pub duration: u32,
    /// Where to join.
    pub join: Option<String>,
    /// Agenda or notes.
    pub notes: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Held at another time than usual.
    pub moved: bool,
    /// Does not take place.
    pub cancelled: bool,
}

/// An occurrence of a meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Occurrence {
    /// The date the rule gives (what `cancelled` and `moved` name).
    pub original: Date,
    /// When it starts, in the meeting's zone.
    pub start: DateTime,
    /// Moved by `moved`.
    pub moved: bool,
    /// Listed in `cancelled`.
    pub cancelled: bool,
}

/// A checked meeting with its zone.
#[derive(Debug, Clone)]
pub struct Meeting {
    /// As written.
    pub fm: MeetingFm,
    /// Its time zone.
    pub tz: TimeZone,
}

/// The dates the rule of `m` gives, from its `date`, up to `last` (inclusive).
pub fn rule_dates(m: &MeetingFm, last: Date) -> Vec<Date> {
    let last = m.until.map_or(last, |u| u.min(last));
    let mut out = Vec::new();
    let Some(repeat) = &m.repeat else {
        if m.date <= last {
            out.push(m.date);
        }
        return out;
    };
    if let Some(weeks) = repeat.weeks {
        let Ok(step) = jiff::Span::new().try_days(i64::from(weeks.clamp(1, MAX_WEEKS)) * 7) else { return out };
        let mut d = m.date;
        while d <= last {
            out.push(d);
            match d.checked_add(step) {
                Ok(next) => d = next,
                Err(_) => break,
            }
        }
        return out;
    }
    let Some(monthly) = &repeat.monthly else { return out };
    let mut month = m.date.first_of_month();
    while month <= last {
        let day = match (monthly.day, monthly.week, monthly.weekday) {
            (Some(day), _, _) => Date::new(month.year(), month.month(), day).ok(),
            (None, Some(week), Some(wd)) => month.nth_weekday_of_month(week, wd.to_jiff()).ok(),
            _ => None,
        };
        if let Some(d) = day.filter(|d| *d >= m.date && *d <= last) {
            out.push(d);
        }
        match month.checked_add(1.month()) {
            Ok(next) => month = next,
            Err(_) => break,
        }
    }
    out
}

/// Every occurrence of `m` whose original date is up to `last`, with its
/// exceptions applied.
pub fn occurrences(m: &MeetingFm, last: Date) -> Vec<Occurrence> {
    rule_dates(m, last)
        .into_iter()
        .map(|original| {
            let moved = m.moved.iter().find(|mv| mv.from == original);
            Occurrence {
                original,
                start: moved.map_or(original.to_datetime(m.time), |mv| mv.to),
                moved: moved.is_some(),
                cancelled: m.cancelled.contains(&original),
            }
        })
        .collect()
}

/// Checks the meetings of the data file: what serde cannot (an end before
/// the start, a monthly rule without a day, exceptions on no occurrence).
pub fn check(items: Vec<data_list::Item<MeetingFm>>, file: &std::path::Path) -> (Vec<Meeting>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut meetings = Vec::new();
    for item in items {
        let m = &item.value;
        let err = |field: &str, msg: String| {
            let (l, c) = item.at(field);
            Diagnostic::error(file, l, c, msg)
        };
        let mut ok = true;
        if let Some(until) = m.until.filter(|u| *u < m.date) {
            diags.push(
                err(
                    "until",
                    format!("`until` ({until}) is before `date` ({}): the meeting would never take place", m.date),
                )
                .with_help("`until` is the last day the meeting can take place"),
            );
            ok = false;
        }
        if let Some(r) = &m.repeat {
            let problem = match (r.weeks, &r.monthly) {
                (Some(_), Some(_)) => Some("`repeat` has both `weeks` and `monthly`: choose one"),
                (None, None) => Some("`repeat` needs `weeks: N` or `monthly:`"),
                (Some(0), None) => Some("`repeat: {weeks: 0}` never comes back: weeks start at 1"),
                (Some(n), None) if n > MAX_WEEKS => Some("`repeat: {weeks: N}` is at most 520 (ten years)"),
                (None, Some(mo)) => match (mo.day, mo.week, mo.weekday) {
                    (Some(_), None, None) | (None, Some(_), Some(_)) => None,
                    (Some(_), _, _) => Some("`monthly` has both `day` and `week`/`weekday`: choose one"),
                    _ => Some("`monthly` needs `day: 1..31`, or `week: 1..5|last` with `weekday`"),
                },
                _ => None,
            };
            if let Some(p) = problem {
                diags.push(err("repeat", p.to_string()));
                ok = false;
            }
        }
        if m.duration == 0 {
            diags.push(err("duration", "`duration` is in minutes and must be more than 0".into()));
            ok = false;
        }
        for (field, url) in [("join", &m.join), ("notes", &m.notes)] {
            if let Some(u) = url.as_deref().filter(|u| safe_link(u).is_none()) {
                diags.push(err(
                    field,
                    format!("`{field}` must be an http(s) or mailto link, found `{}`", u.escape_debug()),
                ));
                ok = false;
            }
        }
        if ok {
            // Exceptions must name a date the meeting has.
            let last = [m.until, m.cancelled.iter().max().copied(), m.moved.iter().map(|mv| mv.from).max()]
                .into_iter()
                .flatten()
                .max()
                .unwrap_or(m.date);
            let dates = rule_dates(m, last);
            for (field, d) in
                m.cancelled.iter().map(|d| ("cancelled", *d)).chain(m.moved.iter().map(|mv| ("moved", mv.from)))
            {
                if !dates.contains(&d) {
                    diags.push(
                        err(field, format!("`{field}` names {d}, which is not a date of this meeting"))
                            .with_help("name the date the meeting would have taken place"),
                    );
                    ok = false;
                }
            }
        }
        if let (true, Ok(tz)) = (ok, TimeZone::get(&m.timezone)) {
            meetings.push(Meeting { fm: item.value, tz });
        }
    }
    (meetings, diags)
}

/// A file written beside the page: its output path and bytes.
pub type Feed = (String, Vec<u8>);

/// The meetings page, and its calendar feed.
pub fn data(env: &RenderEnv<'_>, node: usize, lang: usize) -> (Option<MeetingsCtx>, Option<Feed>, Vec<Diagnostic>) {
    let v = &env.site.nodes[node].variants[lang];
    let fm = v.fm.meetings.clone().unwrap_or_default();
    let mut diags = Vec::new();
    let names = &env.inputs.data_names;
    let Some(file) = env.inputs.data_file(&fm.data) else {
        if let Some(doc) = env.site.doc(v) {
            let mut d = key_error(
                doc,
                &yaml_path!["meetings"],
                format!("no data file `data/{}.yaml` for this meetings page", fm.data),
            );
            if let Some(c) = closest(&fm.data, names.iter().map(String::as_str)) {
                d = d.with_help(format!("did you mean `{c}`?"));
            }
            diags.push(d);
        }
        return (None, None, diags);
    };
    let (items, load_diags) = env.inputs.meetings.get(&file).cloned().unwrap_or_default();
    diags.extend(load_diags.into_iter().map(crate::schema::values::value_error));
    let (meetings, check_diags) = check(items, &file);
    diags.extend(check_diags);
    if fm.days > MAX_DAYS {
        if let Some(doc) = env.site.doc(v) {
            diags.push(
                key_error(
                    doc,
                    &yaml_path!["meetings", "days"],
                    format!("`days` is {}, more than {MAX_DAYS} (ten years)", fm.days),
                )
                .with_help("the page lists the meetings of the next `days` days; the feed holds them all"),
            );
        }
    }
    let now = Timestamp::now();
    let hours = i64::from(fm.days.min(MAX_DAYS)) * 24;
    let end = now.checked_add(jiff::SignedDuration::from_hours(hours)).unwrap_or(now);
    let mut list: Vec<(Timestamp, OccurrenceCtx)> = Vec::new();
    for m in &meetings {
        let last = m.tz.to_datetime(end).date();
        for o in occurrences(&m.fm, last) {
            let Ok(start) = o.start.to_zoned_datetime(m.tz.clone()) else { continue };
            let length = jiff::SignedDuration::from_mins(i64::from(m.fm.duration));
            let stop = start.timestamp().checked_add(length).unwrap_or(start.timestamp());
            if stop < now || start.timestamp() >= end {
                continue;
            }
            let info = m.tz.to_offset_info(start.timestamp());
            list.push((
                start.timestamp(),
                OccurrenceCtx {
                    title: m.fm.title.clone(),
                    datetime: start.timestamp().display_with_offset(start.offset()).to_string(),
                    local: start.strftime("%Y-%m-%d %H:%M").to_string(),
                    timezone: m.fm.timezone.clone(),
                    zone_abbreviation: info.abbreviation().to_string(),
                    duration: m.fm.duration,
                    join: m.fm.join.clone(),
                    notes: m.fm.notes.clone(),
                    language: m.fm.language.clone(),
                    moved: o.moved,
                    cancelled: o.cancelled,
                },
            ));
        }
    }
    list.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.title.cmp(&b.1.title)));
    let host = env.config.base_url.split("://").nth(1).and_then(|r| r.split('/').next()).filter(|h| !h.is_empty());
    let feed = ics::calendar(&v.title, &meetings, now, host.unwrap_or("onramp.invalid"));
    let ctx = MeetingsCtx {
        occurrences: list.into_iter().map(|(_, o)| o).collect(),
        calendar_url: format!("{}{}{CALENDAR_FILE}", env.config.base_path, v.path),
        days: fm.days,
    };
    (Some(ctx), Some((format!("{}{CALENDAR_FILE}", v.path), feed.into_bytes())), diags)
}

/// The iCalendar (RFC 5545) feed of a meetings page.
///
/// Written here rather than with the `icalendar` crate, which brings
/// `chrono` beside `jiff` and writes no `VTIMEZONE`: the format needs only
/// TEXT escaping, lines folded at 75 octets and CRLF line ends, and the
/// zones' observances come from `jiff`'s copy of the IANA database.
pub mod ics {
    use super::{Meeting, occurrences, rule_dates};
    use jiff::Timestamp;
    use jiff::civil::{Date, DateTime};
    use jiff::tz::TimeZone;
    use std::fmt::Write as _;

    /// `text` as an iCalendar TEXT value (backslash, `;`, `,` and line breaks escaped).
    pub fn text(value: &str) -> String {
        let mut out = String::with_capacity(value.len());
        for c in value.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                ';' => out.push_str("\\;"),
                ',' => out.push_str("\\,"),
                '\n' => out.push_str("\\n"),
                '\r' => {}
                c if c.is_control() => {}
                c => out.push(c),
            }
        }
        out
    }

    /// One content line, folded so that no line is longer than 75 octets
    /// (continuations start with a space), ended with CRLF.
    pub fn fold_into(out: &mut String, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > 75 {
                out.push_str("\r\n ");
                width = 1;
            }
            out.push(c);
            width += c.len_utf8();
        }
        out.push_str("\r\n");
    }

    fn local(dt: DateTime) -> String {
        dt.strftime("%Y%m%dT%H%M%S").to_string()
    }

    fn utc(ts: Timestamp) -> String {
        ts.strftime("%Y%m%dT%H%M%SZ").to_string()
    }

    fn offset(seconds: i32) -> String {
        let sign = if seconds < 0 { '-' } else { '+' };
        let s = seconds.abs();
        if s % 60 == 0 {
            format!("{sign}{:02}{:02}", s / 3600, s / 60 % 60)
        } else {
            format!("{sign}{:02}{:02}{:02}", s / 3600, s / 60 % 60, s % 60)
        }
    }

    /// The `VTIMEZONE` of `tz`: one observance per transition from `from`
    /// to `to`, after the one in force at `from`.
    fn vtimezone(lines: &mut Vec<String>, name: &str, tz: &TimeZone, from: Timestamp, to: Timestamp) {
        lines.push("BEGIN:VTIMEZONE".into());
        lines.push(format!("TZID:{name}"));
        let first = tz.to_offset_info(from);
        let kind = |dst: bool| if dst { "DAYLIGHT" } else { "STANDARD" };
        let mut before = first.offset().seconds();
        lines.push(format!("BEGIN:{}", kind(first.dst().is_dst())));
        lines.push(format!("DTSTART:{}", local(tz.to_datetime(from))));
        lines.push(format!("TZOFFSETFROM:{}", offset(before)));
        lines.push(format!("TZOFFSETTO:{}", offset(before)));
        lines.push(format!("TZNAME:{}", text(first.abbreviation())));
        lines.push(format!("END:{}", kind(first.dst().is_dst())));
        for t in tz.following(from).take_while(|t| t.timestamp() <= to) {
            let after = t.offset().seconds();
            let k = kind(t.dst().is_dst());
            lines.push(format!("BEGIN:{k}"));
            // The local time of the change, on the clock before it.
            let at = jiff::tz::Offset::from_seconds(before).map(|o| o.to_datetime(t.timestamp()));
            lines.push(format!("DTSTART:{}", at.map(local).unwrap_or_default()));
            lines.push(format!("TZOFFSETFROM:{}", offset(before)));
            lines.push(format!("TZOFFSETTO:{}", offset(after)));
            lines.push(format!("TZNAME:{}", text(t.abbreviation())));
            lines.push(format!("END:{k}"));
            before = after;
        }
        lines.push("END:VTIMEZONE".into());
    }

    fn uid(m: &Meeting, host: &str) -> String {
        let slug: String =
            m.fm.title.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
        format!("{}-{}@{host}", slug.trim_matches('-'), m.fm.date)
    }

    /// The whole feed: a `VTIMEZONE` per zone, a `VEVENT` per meeting
    /// (`RRULE` and `EXDATE` for a recurring one) and one per moved
    /// occurrence (`RECURRENCE-ID`).
    pub fn calendar(name: &str, meetings: &[Meeting], now: Timestamp, host: &str) -> String {
        let mut lines: Vec<String> = vec![
            "BEGIN:VCALENDAR".into(),
            "VERSION:2.0".into(),
            "PRODID:-//onramp//meetings//EN".into(),
            "CALSCALE:GREGORIAN".into(),
            format!("X-WR-CALNAME:{}", text(name)),
        ];
        let stamp = utc(now);
        // The zones, from a year before the first meeting to ten years from now.
        let mut zones: Vec<(&str, &TimeZone, Date)> = Vec::new();
        for m in meetings {
            match zones.iter_mut().find(|z| z.0 == m.fm.timezone) {
                Some(z) => z.2 = z.2.min(m.fm.date),
                None => zones.push((&m.fm.timezone, &m.tz, m.fm.date)),
            }
        }
        let horizon = now.checked_add(jiff::SignedDuration::from_hours(24 * 3660)).unwrap_or(now);
        for (name, tz, first) in &zones {
            let from = first
                .checked_sub(jiff::ToSpan::days(366))
                .ok()
                .and_then(|d| d.to_datetime(jiff::civil::Time::midnight()).to_zoned_datetime((*tz).clone()).ok())
                .map_or(now, |z| z.timestamp());
            vtimezone(&mut lines, name, tz, from, horizon);
        }
        for m in meetings {
            let f = &m.fm;
            let tzid = &f.timezone;
            // The first date the rule gives is DTSTART (RFC 5545 counts DTSTART as an occurrence).
            // A monthly rule finds its first date within a year (a 5th weekday or a 31st within months).
            let search_to = f.date.checked_add(jiff::ToSpan::days(400)).unwrap_or(Date::MAX);
            let Some(&first) = rule_dates(f, f.until.map_or(search_to, |u| u.min(search_to))).first() else {
                continue;
            };
            let event = |lines: &mut Vec<String>, start: DateTime, recurrence: Option<Date>| {
                lines.push("BEGIN:VEVENT".into());
                lines.push(format!("UID:{}", uid(m, host)));
                lines.push(format!("DTSTAMP:{stamp}"));
                if let Some(orig) = recurrence {
                    lines.push(format!("RECURRENCE-ID;TZID={tzid}:{}", local(orig.to_datetime(f.time))));
                }
                lines.push(format!("DTSTART;TZID={tzid}:{}", local(start)));
                lines.push(format!("DURATION:PT{}M", f.duration));
                lines.push(format!("SUMMARY:{}", text(&f.title)));
                if let Some(join) = &f.join {
                    lines.push(format!("URL:{}", join));
                    lines.push(format!("LOCATION:{}", text(join)));
                }
                let mut desc = String::new();
                if let Some(join) = &f.join {
                    let _ = writeln!(desc, "Join: {join}");
                }
                if let Some(notes) = &f.notes {
                    let _ = writeln!(desc, "Notes: {notes}");
                }
                if let Some(lang) = &f.language {
                    let _ = writeln!(desc, "Language: {lang}");
                }
                if !desc.is_empty() {
                    lines.push(format!("DESCRIPTION:{}", text(desc.trim_end())));
                }
            };
            event(&mut lines, first.to_datetime(f.time), None);
            if let Some(r) = &f.repeat {
                let mut rule = match (r.weeks, &r.monthly) {
                    (Some(n), _) => format!("FREQ=WEEKLY;INTERVAL={n}"),
                    (None, Some(mo)) => match (mo.day, mo.week, mo.weekday) {
                        (Some(day), _, _) => format!("FREQ=MONTHLY;BYMONTHDAY={day}"),
                        (None, Some(week), Some(wd)) => format!("FREQ=MONTHLY;BYDAY={week}{}", byday(wd.to_jiff())),
                        _ => String::new(),
                    },
                    _ => String::new(),
                };
                if let Some(until) = f.until {
                    // With a TZID start, UNTIL is in UTC: the end of that day in the zone.
                    let end = until
                        .to_datetime(jiff::civil::Time::MAX)
                        .to_zoned_datetime(m.tz.clone())
                        .map(|z| utc(z.timestamp()))
                        .unwrap_or_default();
                    let _ = write!(rule, ";UNTIL={end}");
                }
                lines.push(format!("RRULE:{rule}"));
                for d in &f.cancelled {
                    lines.push(format!("EXDATE;TZID={tzid}:{}", local(d.to_datetime(f.time))));
                }
            }
            lines.push("END:VEVENT".into());
            let last = f.moved.iter().map(|mv| mv.from).max().unwrap_or(first);
            for o in occurrences(f, last).into_iter().filter(|o| o.moved && !o.cancelled) {
                event(&mut lines, o.start, Some(o.original));
                lines.push("END:VEVENT".into());
            }
        }
        lines.push("END:VCALENDAR".into());
        let mut out = String::new();
        for l in &lines {
            fold_into(&mut out, l);
        }
        out
    }

    fn byday(wd: jiff::civil::Weekday) -> &'static str {
        use jiff::civil::Weekday as W;
        match wd {
            W::Monday => "MO",
            W::Tuesday => "TU",
            W::Wednesday => "WE",
            W::Thursday => "TH",
            W::Friday => "FR",
            W::Saturday => "SA",
            W::Sunday => "SU",
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn long_lines_are_folded_at_75_octets_without_splitting_characters() {
            let mut out = String::new();
            let line = format!("SUMMARY:{}", "é".repeat(60));
            fold_into(&mut out, &line);
            for l in out.split("\r\n").filter(|l| !l.is_empty()) {
                assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
            }
            assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
        }

        #[test]
        fn text_values_are_escaped() {
            assert_eq!(text("a;b,c\\d\ne"), "a\\;b\\,c\\\\d\\ne");
        }

        #[test]
        fn offsets_are_written_with_sign_hours_and_minutes() {
            assert_eq!(offset(3600), "+0100");
            assert_eq!(offset(-16200), "-0430");
            assert_eq!(offset(19800), "+0530");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::meetings::{MonthlyFm, RepeatFm, WeekdayFm};
    use jiff::civil::date;

    fn meeting(start: Date, repeat: Option<RepeatFm>) -> MeetingFm {
        MeetingFm {
            title: "M".into(),
            timezone: "Europe/Paris".into(),
            date: start,
            time: jiff::civil::time(17, 0, 0, 0),
            duration: 60,
            repeat,
            until: None,
            join: None,
            notes: None,
            language: None,
            cancelled: Vec::new(),
            moved: Vec::new(),
        }
    }

    fn monthly(day: Option<i8>, week: Option<i8>, weekday: Option<WeekdayFm>) -> Option<RepeatFm> {
        Some(RepeatFm { weeks: None, monthly: Some(MonthlyFm { day, week, weekday }) })
    }

    #[test]
    fn fifth_thursday_skips_months_without_one() {
        let m = meeting(date(2026, 1, 1), monthly(None, Some(5), Some(WeekdayFm::Thursday)));
        assert_eq!(rule_dates(&m, date(2026, 6, 30)), [date(2026, 1, 29), date(2026, 4, 30)]);
    }

    #[test]
    fn last_weekday_and_day_31() {
        let m = meeting(date(2026, 1, 1), monthly(None, Some(-1), Some(WeekdayFm::Friday)));
        assert_eq!(rule_dates(&m, date(2026, 3, 31)), [date(2026, 1, 30), date(2026, 2, 27), date(2026, 3, 27)]);
        let m = meeting(date(2026, 1, 1), monthly(Some(31), None, None));
        assert_eq!(rule_dates(&m, date(2026, 5, 31)), [date(2026, 1, 31), date(2026, 3, 31), date(2026, 5, 31)]);
    }

    #[test]
    fn every_two_weeks_until_and_exceptions() {
        let mut m = meeting(date(2026, 3, 5), Some(RepeatFm { weeks: Some(2), monthly: None }));
        m.until = Some(date(2026, 4, 16));
        m.cancelled = vec![date(2026, 3, 19)];
        m.moved =
            vec![crate::schema::meetings::MovedFm { from: date(2026, 4, 2), to: date(2026, 4, 3).at(9, 0, 0, 0) }];
        let o = occurrences(&m, date(2027, 1, 1));
        let got: Vec<(Date, DateTime, bool, bool)> =
            o.iter().map(|o| (o.original, o.start, o.moved, o.cancelled)).collect();
        assert_eq!(
            got,
            [
                (date(2026, 3, 5), date(2026, 3, 5).at(17, 0, 0, 0), false, false),
                (date(2026, 3, 19), date(2026, 3, 19).at(17, 0, 0, 0), false, true),
                (date(2026, 4, 2), date(2026, 4, 3).at(9, 0, 0, 0), true, false),
                (date(2026, 4, 16), date(2026, 4, 16).at(17, 0, 0, 0), false, false),
            ]
        );
    }

    #[test]
    fn unknown_zone_names_the_closest() {
        let (msg, help) = crate::schema::meetings::time_zone_problem("America/New_Yrok").unwrap();
        assert_eq!(msg, "unknown time zone `America/New_Yrok`");
        assert!(help.starts_with("did you mean `America/New_York`?"), "{help}");
        assert!(crate::schema::meetings::time_zone_problem("Asia/Kolkata").is_none());
    }
}

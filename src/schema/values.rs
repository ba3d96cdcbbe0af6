//! Rules for single values that the schema types check while the YAML
//! parser is on them, so that an error carries the value's own `line:col`
//! (see [`checked_string`]). The stages above reuse the same rules
//! (`content::paths` for output paths, `markdown` for link URLs).

use crate::diagnostics::Diagnostic;

/// Longest file name most file systems accept, in bytes.
pub const MAX_SEGMENT: usize = 255;

/// Why `seg` cannot be one segment of an output path, or `None`.
pub fn segment_problem(seg: &str) -> Option<String> {
    if seg == "." || seg == ".." {
        return Some(format!("`{seg}` is not allowed as a path segment"));
    }
    if let Some(c) = seg.chars().find(|c| c.is_control()) {
        return Some(format!("control character U+{:04X} is not allowed", c as u32));
    }
    if seg.contains('\\') {
        return Some("`\\` is not allowed".into());
    }
    if seg.contains(':') {
        return Some("`:` is not allowed (it is not a file name character on Windows)".into());
    }
    if seg.len() > MAX_SEGMENT {
        return Some(format!("a path segment is {} bytes long, more than {MAX_SEGMENT}", seg.len()));
    }
    None
}

/// The scheme of a URL that runs script or shows a document of its own
/// when followed (`javascript:`, `vbscript:`, `data:` other than
/// `data:image/…`), lower-cased, or `None`. Matched as browsers parse URLs:
/// case-insensitive, after leading spaces and control characters, with tabs
/// and line breaks anywhere removed.
pub fn unsafe_scheme(url: &str) -> Option<&'static str> {
    let mut head = String::with_capacity(16);
    for c in url.trim_start_matches(|c: char| c <= ' ').chars() {
        if matches!(c, '\t' | '\n' | '\r') {
            continue;
        }
        head.push(c.to_ascii_lowercase());
        if head.len() >= 11 || c == ':' {
            break;
        }
    }
    if head.starts_with("javascript:") {
        Some("javascript:")
    } else if head.starts_with("vbscript:") {
        Some("vbscript:")
    } else if head.starts_with("data:") {
        let rest: String = url
            .trim_start_matches(|c: char| c <= ' ')
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .skip(5)
            .take(6)
            .collect();
        (!rest.eq_ignore_ascii_case("image/")).then_some("data:")
    } else {
        None
    }
}

/// Marks a message from onramp's own value checks inside a YAML error, so
/// that [`value_error`] can give it its own words and help line while the
/// position stays the one the YAML parser gives the value.
const VALUE_MARK: char = '\u{1e}';

const HELP_MARK: char = '\u{1f}';

/// A deserialization error for a value that has the right type but is not
/// allowed; the YAML parser places it at the value's `line:col`.
pub(crate) fn invalid_value<E: serde::de::Error>(message: &str, help: &str) -> E {
    E::custom(format!("{VALUE_MARK}{message}{HELP_MARK}{help}"))
}

/// Gives a YAML diagnostic that came from [`invalid_value`] its message and
/// help line; any other diagnostic is returned as it is.
pub(crate) fn value_error(mut d: Diagnostic) -> Diagnostic {
    let Some((_, ours)) = d.message.split_once(VALUE_MARK) else { return d };
    let (message, help) = ours.split_once(HELP_MARK).unwrap_or((ours, ""));
    (d.message, d.help) = (message.to_string(), (!help.is_empty()).then(|| help.to_string()));
    d
}

/// A string checked while the YAML parser is on it, so that an error
/// carries the value's own `line:col`: `check` returns the message and help.
pub(crate) fn checked_string<'de, D: serde::Deserializer<'de>>(
    d: D,
    check: fn(&str) -> Option<(String, String)>,
) -> Result<String, D::Error> {
    struct Visitor(fn(&str) -> Option<(String, String)>);
    impl serde::de::Visitor<'_> for Visitor {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            match (self.0)(v) {
                Some((message, help)) => Err(invalid_value(&message, &help)),
                None => Ok(v.to_string()),
            }
        }
    }
    d.deserialize_str(Visitor(check))
}

/// A value for a message: control characters escaped, at most 60 characters.
pub fn shorten(s: &str) -> String {
    let escaped: String =
        s.chars().map(|c| if c.is_control() { c.escape_unicode().to_string() } else { c.to_string() }).collect();
    if escaped.chars().count() > 60 { format!("{}…", escaped.chars().take(60).collect::<String>()) } else { escaped }
}

/// `[year]-[month]-[day]`, the one way onramp reads and writes a day.
fn day_format() -> &'static [time::format_description::BorrowedFormatItem<'static>] {
    static FORMAT: std::sync::OnceLock<Vec<time::format_description::BorrowedFormatItem<'static>>> =
        std::sync::OnceLock::new();
    FORMAT.get_or_init(|| time::format_description::parse("[year]-[month]-[day]").unwrap_or_default())
}

/// The day of a date written `YYYY-MM-DD`, optionally followed by a time
/// (`T…` or ` …`, kept as written), read by the `time` crate; or the message
/// and help line of why it is not one (`2024-02-31` is not a day).
pub fn parse_day(written: &str) -> Result<time::Date, (String, String)> {
    let shape = || {
        (
            format!("`date` must be a date like 2024-05-31, found `{}`", shorten(written)),
            "write the day as `YYYY-MM-DD`, optionally followed by a time: `2024-05-31T10:00:00Z`".to_string(),
        )
    };
    let head = written.get(..10).ok_or_else(shape)?;
    let digits_at = |i: usize| head.as_bytes()[i].is_ascii_digit();
    let shaped = (0..10).all(|i| if i == 4 || i == 7 { head.as_bytes()[i] == b'-' } else { digits_at(i) });
    if !shaped || !matches!(written.as_bytes().get(10), None | Some(b'T' | b' ')) {
        return Err(shape());
    }
    // The shape is right: what the crate refuses is a month or day out of range.
    match time::Date::parse(head, day_format()) {
        Ok(day) => Ok(day),
        Err(_) => {
            let year: i32 = head[..4].parse().unwrap_or(0);
            let month = head[5..7].parse::<u8>().ok().and_then(|m| time::Month::try_from(m).ok());
            let help = match month {
                Some(m) => format!("{m} {year} has {} days", m.length(year)),
                None => "months go from 01 to 12".to_string(),
            };
            Err((format!("`date` `{}` is not a day of the calendar", shorten(written)), help))
        }
    }
}

/// `YYYY-MM-DD` of a day.
pub fn iso_day(day: time::Date) -> String {
    day.format(day_format()).unwrap_or_default()
}

//! "Last updated" dates from one `git log` pass over the site.
//!
//! When the site lives in a git repository, one `git log` run lists every
//! commit with the files it touched; the first (newest) time a file appears
//! is its last change. Outside a repository, or without git, the map is
//! empty and pages simply show no date.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Last-change times (Unix seconds) by path relative to the site root.
pub fn last_updated(root: &Path) -> HashMap<PathBuf, i64> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["log", "--format=%x00%ct", "--name-only", "--no-renames", "--relative", "--", "."])
        .output();
    match output {
        Ok(o) if o.status.success() => parse_log(&String::from_utf8_lossy(&o.stdout)),
        _ => HashMap::new(),
    }
}

fn parse_log(log: &str) -> HashMap<PathBuf, i64> {
    let mut map = HashMap::new();
    let mut time = 0;
    for line in log.lines() {
        if let Some(t) = line.strip_prefix('\0') {
            time = t.trim().parse().unwrap_or(0);
        } else if !line.is_empty() {
            map.entry(PathBuf::from(line)).or_insert(time);
        }
    }
    map
}

/// `YYYY-MM-DD` of a Unix time (UTC), and its parts.
pub fn civil_date(unix: i64) -> (i64, u32, u32) {
    // Howard Hinnant's days-from-civil inverse.
    let z = unix.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `YYYY-MM-DD` of a civil date.
pub fn iso_date((y, m, d): (i64, u32, u32)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newest_commit_wins() {
        let log = "\u{0}200\n\ncontent/a.md\n\n\u{0}100\n\ncontent/a.md\ncontent/b.md\n";
        let m = parse_log(log);
        assert_eq!(m[Path::new("content/a.md")], 200);
        assert_eq!(m[Path::new("content/b.md")], 100);
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(1_700_000_000), (2023, 11, 14));
        assert_eq!(civil_date(951_782_400), (2000, 2, 29));
    }
}

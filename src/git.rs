//! Every `git` run of onramp: "last updated" dates from one `git log` pass
//! over the site, and commit authors for community pages and release notes
//! ([`History`], read before rendering).
//!
//! When the site lives in a git repository, one `git log` run lists every
//! commit with the files it touched; the first (newest) time a file appears
//! is its last change. Outside a repository, or without git, the map is
//! empty and pages simply show no date.

use std::collections::{BTreeMap, HashMap};
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

/// Commit authors of the repository: (name, email, commits).
pub type Authors = Vec<(String, String, u64)>;

/// Authors of a git range and their commit counts.
pub type RangeAuthors = Vec<(String, usize)>;

/// Everything the site reads from git, read before rendering so that the
/// render stage runs no process: "last updated" dates, and, only when a
/// page asks for them, the repository's commit authors (community pages
/// with `community.git`) and the authors of each release note's range
/// (once per range, however many languages show it).
#[derive(Debug, Default, Clone)]
pub struct History {
    /// Last-change times (Unix seconds) by path relative to the site root.
    pub updated: HashMap<PathBuf, i64>,
    /// Commit authors, when a community page reads them.
    pub authors: Option<Result<Authors, String>>,
    /// Authors per revision range.
    pub ranges: HashMap<String, Result<RangeAuthors, String>>,
}

impl History {
    /// Reads the dates, and what `authors` and `ranges` ask for.
    pub fn read<'r>(root: &Path, authors: bool, ranges: impl IntoIterator<Item = &'r str>) -> History {
        let mut h = History { updated: last_updated(root), ..History::default() };
        h.add(root, authors, ranges);
        h
    }

    /// Reads what is asked and not read yet (a page edited in `onramp serve`
    /// that starts asking for authors or a new range).
    pub fn add<'r>(&mut self, root: &Path, authors: bool, ranges: impl IntoIterator<Item = &'r str>) {
        if authors && self.authors.is_none() {
            self.authors = Some(commit_authors(root));
        }
        for range in ranges {
            if !self.ranges.contains_key(range) {
                self.ranges.insert(range.to_string(), range_authors(root, range));
            }
        }
    }
}

/// Commits per (name, email) from one `git log` over the whole history,
/// with `.mailmap` applied.
pub fn commit_authors(root: &Path) -> Result<Authors, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["log", "--no-merges", "--format=%aN%x00%aE", "HEAD", "--"])
        .output()
        .map_err(|e| format!("git cannot be run ({e})"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(err.lines().next().unwrap_or("git log failed").trim().to_string());
    }
    let mut counts: BTreeMap<(String, String), u64> = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let (name, email) = line.split_once('\0').unwrap_or((line, ""));
        if !name.trim().is_empty() {
            *counts.entry((name.trim().to_string(), email.trim().to_lowercase())).or_default() += 1;
        }
    }
    Ok(counts.into_iter().map(|((n, e), c)| (n, e, c)).collect())
}

/// Commit authors in a git revision range, with their commit counts, in one
/// `git log` (author names through `.mailmap`).
pub fn range_authors(root: &Path, range: &str) -> Result<RangeAuthors, String> {
    if range.starts_with('-') || range.trim().is_empty() {
        return Err("not a revision range".into());
    }
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["log", "--format=%aN", range, "--"])
        .output()
        .map_err(|e| format!("cannot run git ({e})"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(err.lines().next().unwrap_or("git log failed").trim().to_string());
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for name in String::from_utf8_lossy(&out.stdout).lines().map(str::trim).filter(|n| !n.is_empty()) {
        *counts.entry(name.to_string()).or_default() += 1;
    }
    Ok(counts.into_iter().collect())
}

/// Why the files of a git ref cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefProblem {
    /// `git` cannot be run.
    NoGit(String),
    /// The site folder is not inside a git repository.
    NoRepository,
    /// The repository has no such tag, branch or commit: the closest
    /// tag or branch name, when one is close.
    UnknownRef(Option<String>),
    /// The ref has no `content/` folder of the site.
    NoContent,
    /// Any other failure: git's own first line.
    Failed(String),
}

fn git_in(root: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C").arg(root);
    c
}

/// Writes the site's `content/` folder as it is at `git_ref` into `into`,
/// without touching the working tree or the index (`git archive`, unpacked
/// by the `tar` crate, which refuses entries that leave `into`). Returns
/// the folder that holds it (`into/<site path in the repository>/content`).
pub fn read_content_at(root: &Path, git_ref: &str, into: &Path) -> Result<PathBuf, RefProblem> {
    let found = git_in(root).args(["rev-parse", "--show-toplevel", "--show-prefix"]).output();
    let (top, prefix) = match found {
        Err(e) => return Err(RefProblem::NoGit(e.to_string())),
        Ok(o) if !o.status.success() => return Err(RefProblem::NoRepository),
        Ok(o) => {
            let text = String::from_utf8_lossy(&o.stdout).to_string();
            let mut lines = text.lines();
            (PathBuf::from(lines.next().unwrap_or_default()), lines.next().unwrap_or_default().trim().to_string())
        }
    };
    if git_ref.starts_with('-') || git_ref.trim().is_empty() {
        return Err(RefProblem::UnknownRef(None));
    }
    let verify = git_in(root)
        .args(["rev-parse", "--verify", "--quiet", "--end-of-options"])
        .arg(format!("{git_ref}^{{commit}}"))
        .output()
        .map_err(|e| RefProblem::NoGit(e.to_string()))?;
    if !verify.status.success() {
        return Err(RefProblem::UnknownRef(closest_ref(root, git_ref)));
    }
    let commit = String::from_utf8_lossy(&verify.stdout).trim().to_string();
    let content = format!("{prefix}content");
    let listed = git_in(&top)
        .args(["ls-tree", "--name-only", &commit, "--", &content])
        .output()
        .map_err(|e| RefProblem::NoGit(e.to_string()))?;
    if !listed.status.success() || listed.stdout.is_empty() {
        return Err(RefProblem::NoContent);
    }
    let mut child = git_in(&top)
        .args(["archive", "--format=tar", &commit, "--", &content])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| RefProblem::NoGit(e.to_string()))?;
    let unpacked = match child.stdout.take() {
        Some(out) => tar::Archive::new(out).unpack(into).map_err(|e| e.to_string()),
        None => Err("no output".to_string()),
    };
    let done = child.wait_with_output().map_err(|e| RefProblem::Failed(e.to_string()))?;
    if !done.status.success() {
        let err = String::from_utf8_lossy(&done.stderr);
        return Err(RefProblem::Failed(err.lines().next().unwrap_or("git archive failed").trim().to_string()));
    }
    unpacked.map_err(RefProblem::Failed)?;
    Ok(into.join(content))
}

/// The tag or branch name closest to `wanted`, for a "did you mean".
fn closest_ref(root: &Path, wanted: &str) -> Option<String> {
    let out =
        git_in(root).args(["for-each-ref", "--format=%(refname:short)", "refs/tags", "refs/heads"]).output().ok()?;
    let names = String::from_utf8_lossy(&out.stdout).to_string();
    crate::diagnostics::closest(wanted, names.lines()).map(str::to_string)
}

/// The day (UTC) of a Unix time, by the `time` crate; `None` out of its range.
pub fn day_of(unix: i64) -> Option<time::Date> {
    time::OffsetDateTime::from_unix_timestamp(unix).ok().map(|t| t.date())
}

/// `YYYY-MM-DD` of a day.
pub fn iso_date(day: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), u8::from(day.month()), day.day())
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
    fn days_of_unix_times() {
        let iso = |t| day_of(t).map(iso_date);
        assert_eq!(iso(0).as_deref(), Some("1970-01-01"));
        assert_eq!(iso(1_700_000_000).as_deref(), Some("2023-11-14"));
        assert_eq!(iso(951_782_400).as_deref(), Some("2000-02-29"));
        assert_eq!(iso(-86_400).as_deref(), Some("1969-12-31"));
    }
}

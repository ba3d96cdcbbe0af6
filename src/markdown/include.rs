//! A fenced code block that shows a file of the repository, or a part of
//! it: ```` ```rust include="../examples/hello.rs" lines="3-9" ```` or
//! `region="setup"`, the lines between `#region setup` and `#endregion`
//! comments (`// #region setup`, `# region setup`, `<!-- #region setup -->`,
//! as VS Code folds them). The file was read at the loading stage
//! ([`crate::content::includes`]); this only cuts it and tells what is wrong.
//! The block is then shown like any other: `title`, `{2}` and line numbers
//! apply to the included lines, and without a language the file's
//! extension chooses the highlighting.

use super::fence::Fence;
use crate::content::includes::{DocIncludes, Included};

const LINES_HELP: &str = "write `lines=\"3-9\"`, `lines=\"3\"` or `lines=\"3-\"` (to the end); lines count from 1";

/// Replaces `code` with the included text when `fence` has `include`, and
/// adds what is wrong to `fence.problems` (the text stays as written then).
/// True when the text was replaced.
pub(crate) fn apply(fence: &mut Fence, code: &mut String, includes: Option<&DocIncludes>) -> bool {
    let Some(written) = fence.include.clone() else {
        for key in
            [fence.lines.as_ref().map(|_| "lines"), fence.region.as_ref().map(|_| "region")].into_iter().flatten()
        {
            fence.problems.push((
                false,
                format!("the code block attribute `{key}` is ignored without `include`"),
                "`lines` and `region` choose the part of an included file: add `include=\"path\"`".to_string(),
            ));
        }
        return false;
    };
    match cut(fence, &written, includes) {
        Ok((text, path)) => {
            if !code.trim().is_empty() {
                fence.problems.push((
                    false,
                    "the code block's own text is replaced by the included file".to_string(),
                    "leave a block with `include` empty: its closing fence on the next line".to_string(),
                ));
            }
            *code = text;
            if fence.lang.is_empty() {
                let name = path.rsplit('/').next().unwrap_or(&path);
                fence.lang = name.rsplit_once('.').map_or(name, |(_, ext)| ext).to_string();
            }
            true
        }
        Err((message, help)) => {
            fence.problems.push((true, message, help));
            false
        }
    }
}

/// The lines of the included file that the fence asks for, and the file's path.
fn cut(fence: &Fence, written: &str, includes: Option<&DocIncludes>) -> Result<(String, String), (String, String)> {
    let (path, text) = match includes.and_then(|i| i.get(written)) {
        Some(Included::File { path, text }) => (path.clone(), text.clone()),
        Some(Included::Problem(message, help)) => return Err((message.clone(), help.clone())),
        // Not read: the loading stage found no such fence (it reads the same attributes).
        None => {
            return Err((
                format!("included file `{written}` was not read"),
                "write the attribute as `include=\"path\"`".to_string(),
            ));
        }
    };
    let lines: Vec<&str> = text.lines().collect();
    let part: Vec<&str> = match (&fence.lines, &fence.region) {
        (Some(_), Some(_)) => {
            return Err((
                "a code block takes `lines` or `region`, not both".to_string(),
                "choose the part with one of them".to_string(),
            ));
        }
        (Some(range), None) => {
            let (a, b) = line_range(range, lines.len()).map_err(|m| (m, LINES_HELP.to_string()))?;
            if a > lines.len() || b > lines.len() {
                return Err((
                    format!("lines `{range}` are past the end of `{path}`, which has {} lines", lines.len()),
                    format!("choose lines from 1 to {}", lines.len()),
                ));
            }
            lines[a - 1..b].to_vec()
        }
        (None, Some(name)) => dedent(region(&lines, name).map_err(|m| {
            let help = "mark the part in the file with a comment `#region NAME` before it and `#endregion` after it (`// #region setup`, `# region setup`, `<!-- #region setup -->`)";
            (format!("{m} in `{path}`"), help.to_string())
        })?),
        (None, None) => lines,
    };
    let mut out = part.join("\n");
    out.push('\n');
    Ok((out, path))
}

/// `3-9`, `3` or `3-` (to line `len`): first and last line, from 1.
fn line_range(range: &str, len: usize) -> Result<(usize, usize), String> {
    let bad = || format!("`lines` takes a line or a range of lines, not `{range}`");
    let (a, b) = match range.trim().split_once('-') {
        Some((a, "")) => (a.trim().parse::<usize>().map_err(|_| bad())?, len.max(1)),
        Some((a, b)) => (a.trim().parse::<usize>().map_err(|_| bad())?, b.trim().parse::<usize>().map_err(|_| bad())?),
        None => {
            let a = range.trim().parse::<usize>().map_err(|_| bad())?;
            (a, a)
        }
    };
    if a == 0 || b == 0 {
        return Err(format!("line `{range}` does not exist: lines count from 1"));
    }
    if b < a {
        return Err(format!("line range `{range}` ends before it starts"));
    }
    Ok((a, b))
}

/// What a line says about regions: `Some((true, name))` starts one,
/// `Some((false, name))` ends one (the name may be empty).
fn marker(line: &str) -> Option<(bool, &str)> {
    let t = line.trim();
    let t = ["<!--", "/*", "//", "--", "#", ";", "%", "'"]
        .iter()
        .find_map(|open| t.strip_prefix(open))
        .unwrap_or(t)
        .trim_start();
    let t = t.strip_prefix('#').unwrap_or(t);
    let (start, rest) = match t.strip_prefix("endregion") {
        Some(rest) => (false, rest),
        None => (true, t.strip_prefix("region")?),
    };
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let name = rest.split_whitespace().next().unwrap_or("");
    let name = if name.starts_with("*/") || name.starts_with("-->") { "" } else { name };
    Some((start, name))
}

/// The lines of region `name`, without the marker lines of regions inside it.
fn region<'t>(lines: &[&'t str], name: &str) -> Result<Vec<&'t str>, String> {
    let start =
        lines.iter().position(|l| marker(l) == Some((true, name))).ok_or_else(|| format!("no region `{name}`"))?;
    let mut depth = 0usize;
    let mut out = Vec::new();
    for line in &lines[start + 1..] {
        match marker(line) {
            Some((true, _)) => depth += 1,
            Some((false, _)) if depth == 0 => return Ok(out),
            Some((false, _)) => depth -= 1,
            None => out.push(*line),
        }
    }
    Err(format!("region `{name}` is not closed"))
}

/// The lines without the indentation they all share.
fn dedent(lines: Vec<&str>) -> Vec<&str> {
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    lines.into_iter().map(|l| l.get(indent..).unwrap_or("")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_markers_of_each_comment_style() {
        assert_eq!(marker("  // #region setup"), Some((true, "setup")));
        assert_eq!(marker("# region setup"), Some((true, "setup")));
        assert_eq!(marker("#region setup"), Some((true, "setup")));
        assert_eq!(marker("<!-- #region setup -->"), Some((true, "setup")));
        assert_eq!(marker("/* #region setup */"), Some((true, "setup")));
        assert_eq!(marker("-- #endregion"), Some((false, "")));
        assert_eq!(marker("// #endregion setup"), Some((false, "setup")));
        assert_eq!(marker("<!-- #endregion -->"), Some((false, "")));
        assert_eq!(marker("// regional settings"), None);
        assert_eq!(marker("let region = 1;"), None);
    }

    #[test]
    fn nested_regions_are_cut_without_their_markers_and_dedented() {
        let text = "fn main() {\n    // #region outer\n    let a = 1;\n    // #region inner\n    let b = 2;\n    // #endregion\n    // #endregion\n}";
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(dedent(region(&lines, "outer").unwrap()), ["let a = 1;", "let b = 2;"]);
        assert_eq!(region(&lines, "inner").unwrap(), ["    let b = 2;"]);
        assert_eq!(region(&lines, "nope").unwrap_err(), "no region `nope`");
        assert_eq!(region(&lines[..4], "outer").unwrap_err(), "region `outer` is not closed");
    }

    #[test]
    fn line_ranges() {
        assert_eq!(line_range("3-9", 10), Ok((3, 9)));
        assert_eq!(line_range("4", 10), Ok((4, 4)));
        assert_eq!(line_range("4-", 10), Ok((4, 10)));
        assert_eq!(line_range("0-2", 10).unwrap_err(), "line `0-2` does not exist: lines count from 1");
        assert_eq!(line_range("5-2", 10).unwrap_err(), "line range `5-2` ends before it starts");
        assert_eq!(line_range("a-b", 10).unwrap_err(), "`lines` takes a line or a range of lines, not `a-b`");
    }

    #[test]
    fn the_loading_stage_reads_fences_as_this_stage_does() {
        assert_eq!(crate::content::includes::PARSE_OPTIONS, super::super::options());
        for info in [
            "rust include=\"../a b.rs\" lines=\"1-2\"",
            "include='x.py' {2}",
            "rust {1,2} include=x.rs,title=\"t\"",
            "rust title=\"include=no\"",
            "include=a include=b",
        ] {
            assert_eq!(
                crate::content::includes::attribute(info, "include"),
                super::super::fence::parse(info).include.as_deref(),
                "{info}"
            );
        }
    }
}

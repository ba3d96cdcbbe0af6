//! A fenced code block's info string: the language and the attributes
//! writers know from Docusaurus, Starlight and MkDocs Material
//! (```` ```rust title="main.rs" {2,5-7} showLineNumbers ````), read into a
//! [`BlockLayout`] for [`crate::highlight`].

use crate::highlight::BlockLayout;

/// What a fence's info string says.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fence {
    /// The language (`rust` for `diff-rust`).
    pub lang: String,
    /// How the block is shown.
    pub layout: BlockLayout,
    /// Problems: (is an error, message, help).
    pub problems: Vec<(bool, String, String)>,
    /// `include="…"`, `lines="…"`, `region="…"`: the block shows a file
    /// of the repository (`super::include`).
    pub include: Option<String>,
    pub lines: Option<String>,
    pub region: Option<String>,
}

const KNOWN: &str = "known attributes: title=\"…\", {2,5-7}, hl_lines=\"2 5-7\", showLineNumbers, showLineNumbers=5, linenos, linenostart=5, diff, include=\"path\" (with lines=\"3-9\" or region=\"name\")";
const RANGE_HELP: &str =
    "mark lines as `{2}`, `{2,5-7}` or `hl_lines=\"2 5-7\"` (lines count from 1 at the block's first line)";

/// Attributes of other tools (rustdoc, Quarto) that change nothing here.
fn ignored(key: &str) -> bool {
    matches!(key, "ignore" | "no_run" | "should_panic" | "compile_fail" | "test_harness" | "standalone_crate")
        || key.starts_with("edition")
}

/// Reads an info string.
pub(crate) fn parse(info: &str) -> Fence {
    let mut end = info.find([' ', '\t', ',', '{']).unwrap_or(info.len());
    // A block without a language may start with an attribute.
    if info[..end].contains(['=', '"']) {
        end = 0;
    }
    let mut lang = info[..end].trim().to_string();
    let mut fence = Fence {
        lang: String::new(),
        layout: BlockLayout::default(),
        problems: Vec::new(),
        include: None,
        lines: None,
        region: None,
    };
    if let Some(inner) = lang.strip_prefix("diff-").filter(|l| !l.is_empty()) {
        fence.layout.diff = true;
        lang = inner.to_string();
    }
    fence.lang = lang;
    let mut rest = &info[end..];
    loop {
        rest = rest.trim_start_matches([' ', '\t', ',']);
        if rest.is_empty() {
            break;
        }
        if let Some(after) = rest.strip_prefix('{') {
            let Some(close) = after.find('}') else {
                fence.error(format!("unclosed `{{` in the code block's attributes: `{{{after}`"), RANGE_HELP);
                break;
            };
            fence.ranges(&after[..close], ',');
            rest = &after[close + 1..];
            continue;
        }
        let key_end = rest.find([' ', '\t', ',', '{', '=']).unwrap_or(rest.len());
        let key = &rest[..key_end];
        rest = &rest[key_end..];
        let value = match rest.strip_prefix('=') {
            None => None,
            Some(after) => match after.chars().next() {
                Some(q @ ('"' | '\'')) => match after[1..].find(q) {
                    Some(close) => {
                        rest = &after[close + 2..];
                        Some(&after[1..close + 1])
                    }
                    None => {
                        fence.error(
                            format!("unclosed quote in the code block attribute `{key}`"),
                            "close the value with the same quote: `title=\"main.rs\"`",
                        );
                        break;
                    }
                },
                _ => {
                    let end = after.find([' ', '\t', ',']).unwrap_or(after.len());
                    rest = &after[end..];
                    Some(&after[..end])
                }
            },
        };
        fence.attribute(key, value);
    }
    fence
}

impl Fence {
    fn error(&mut self, message: String, help: &str) {
        self.problems.push((true, message, help.to_string()));
    }

    fn attribute(&mut self, key: &str, value: Option<&str>) {
        match (key, value) {
            ("title", Some(v)) => self.layout.title = Some(v.to_string()),
            ("hl_lines" | "highlight" | "mark", Some(v)) => self.ranges(v, ' '),
            ("showLineNumbers", None) | ("linenos", None) => self.layout.line_numbers = true,
            ("linenos", Some(v)) => {
                self.layout.line_numbers = !matches!(v, "false" | "0" | "no");
            }
            ("showLineNumbers" | "linenostart" | "linenums" | "startLineNumber", Some(v)) => match v.parse::<usize>() {
                Ok(n) => {
                    self.layout.line_numbers = true;
                    self.layout.start = n;
                }
                Err(_) => self.error(
                    format!("`{key}` takes the number of the first line, not `{v}`"),
                    &format!("write `{key}=5` to number the lines from 5"),
                ),
            },
            ("diff", None) => self.layout.diff = true,
            ("include", Some(v)) => self.include = Some(v.to_string()),
            ("lines", Some(v)) => self.lines = Some(v.to_string()),
            ("region", Some(v)) => self.region = Some(v.to_string()),
            (k @ ("include" | "lines" | "region"), None) => self.error(
                format!("the code block attribute `{k}` needs a value"),
                "write `include=\"../examples/hello.rs\"`, with `lines=\"3-9\"` or `region=\"setup\"` to show a part",
            ),
            (k, _) if ignored(k) => {}
            (k, None) if matches!(k, "title" | "hl_lines" | "highlight" | "mark") => self.error(
                format!("the code block attribute `{k}` needs a value"),
                if k == "title" { "write `title=\"main.rs\"`" } else { RANGE_HELP },
            ),
            (k, _) => {
                self.problems.push((false, format!("unknown code block attribute `{k}` ignored"), KNOWN.to_string()))
            }
        }
    }

    /// Reads `2,5-7` (or `2 5-7`) into marked lines.
    fn ranges(&mut self, list: &str, sep: char) {
        for item in list.split([sep, ',']).map(str::trim).filter(|s| !s.is_empty()) {
            let (a, b) = item.split_once('-').unwrap_or((item, item));
            match (a.trim().parse::<usize>(), b.trim().parse::<usize>()) {
                (Ok(0), _) | (_, Ok(0)) => {
                    self.error(format!("line `{item}` does not exist: lines count from 1"), RANGE_HELP)
                }
                (Ok(a), Ok(b)) if b < a => self.error(
                    format!("line range `{item}` ends before it starts"),
                    &format!("write the first line first: `{b}-{a}`"),
                ),
                (Ok(a), Ok(b)) => self.layout.highlighted.push((a, b)),
                _ => self.error(format!("`{item}` is not a line number or a range of lines"), RANGE_HELP),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_attributes_of_each_tool() {
        let f = parse("rust title=\"src/main.rs\" {2,5-7} showLineNumbers=5");
        assert_eq!(f.lang, "rust");
        assert_eq!(f.layout.title.as_deref(), Some("src/main.rs"));
        assert_eq!(f.layout.highlighted, vec![(2, 2), (5, 7)]);
        assert!(f.layout.line_numbers);
        assert_eq!(f.layout.start, 5);
        assert!(f.problems.is_empty());
        let f = parse("python hl_lines=\"1 3-4\" linenos linenostart=3");
        assert_eq!(
            (f.lang.as_str(), f.layout.highlighted.clone(), f.layout.start),
            ("python", vec![(1, 1), (3, 4)], 3)
        );
        let f = parse("diff-rust");
        assert_eq!((f.lang.as_str(), f.layout.diff), ("rust", true));
        let f = parse("rust{3}");
        assert_eq!(f.layout.highlighted, vec![(3, 3)]);
        assert_eq!(parse("rust,ignore").layout, BlockLayout::default());
        assert_eq!(parse("diff").layout, BlockLayout::default());
        let f = parse("title=\"notes.txt\" {1}");
        assert_eq!(
            (f.lang.as_str(), f.layout.title.as_deref(), f.layout.highlighted.clone()),
            ("", Some("notes.txt"), vec![(1, 1)])
        );
    }

    #[test]
    fn bad_ranges_and_unknown_attributes_are_reported() {
        assert_eq!(parse("rust {3-1}").problems[0].1, "line range `3-1` ends before it starts");
        assert_eq!(parse("rust {x}").problems[0].1, "`x` is not a line number or a range of lines");
        assert_eq!(parse("rust {1").problems[0].1, "unclosed `{` in the code block's attributes: `{1`");
        let p = &parse("rust colour=red").problems[0];
        assert_eq!((p.0, p.1.as_str()), (false, "unknown code block attribute `colour` ignored"));
        assert!(parse("rust title=\"a b").problems[0].0);
    }
}

//! Tab groups: a container directive that reads as plain lines on a forge.
//!
//! ```markdown
//! :::tabs key=os
//! ::: tab Linux
//! Install with `apt`.
//! ::: tab macOS
//! Install with `brew`.
//! :::
//! ```
//!
//! `:::tabs` opens a group (`key=NAME` syncs it with every group of the same
//! key, on every page, through the theme's script), `::: tab LABEL` starts a
//! tab (and ends the one before), a line of colons alone closes the group.
//! A tab holds any markdown, nested groups included.
//!
//! pulldown-cmark has no containers, so [`prepare`] reads the directive
//! lines before the body is parsed: every directive line outside a code
//! block (found by a first parse) is replaced by an HTML comment, which ends
//! whatever paragraph, list or quote is open the way a container's edge
//! does. The rendering recognises those comments by their offsets (never by
//! their text, which content could write too) and writes the markup decided
//! here, and positions in the changed body are mapped back to the file's
//! through [`Prepared::original`]. A directive this module does not know
//! (`:::note`, say) stays text, with a warning, and its closing line with it.

use super::options;
use crate::escape::escape;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// A body with its directive lines replaced, and what each one writes.
#[derive(Debug)]
pub(crate) struct Prepared {
    /// The body to parse.
    pub body: String,
    /// The replaced lines, by position in `body`.
    pub markers: Vec<Marker>,
    /// Length of the original body.
    pub original_len: usize,
    /// What is wrong with the directive lines.
    pub problems: Vec<Problem>,
}

/// A problem with a directive line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Problem {
    /// Offset of the line in the original body.
    pub at: usize,
    /// An error (else a warning).
    pub error: bool,
    pub message: String,
    pub help: String,
    /// Offset of the group's `:::tabs` line, when the help names it.
    pub group: Option<usize>,
}

fn problem(at: usize, error: bool, message: impl Into<String>, help: impl Into<String>) -> Problem {
    Problem { at, error, message: message.into(), help: help.into(), group: None }
}

/// One replaced directive line.
#[derive(Debug)]
pub(crate) struct Marker {
    /// Where its comment is in [`Prepared::body`].
    pub at: Range<usize>,
    /// The directive line's text in the original body (empty for the
    /// closing of a group left open, added at the end).
    pub original: Range<usize>,
    /// The HTML it writes.
    pub html: String,
}

/// What a directive line says.
#[derive(Debug, Clone, PartialEq)]
enum Directive {
    /// `:::tabs`, with its `key=` if any, or the problem with its attributes.
    Group(Result<Option<String>, (String, String)>),
    /// `::: tab LABEL`.
    Tab(String),
    /// A line of colons alone.
    Close,
    /// Any other `:::name`.
    Other(String),
}

/// Reads a directive line (without its line break).
fn directive(line: &str) -> Option<Directive> {
    let text = line.trim_start_matches([' ', '\t']).trim_end();
    let colons = text.len() - text.trim_start_matches(':').len();
    if colons < 3 {
        return None;
    }
    let rest = text[colons..].trim();
    if rest.is_empty() {
        return Some(Directive::Close);
    }
    let name_end = rest.find(|c: char| c.is_whitespace() || c == '{').unwrap_or(rest.len());
    let (name, args) = (&rest[..name_end], rest[name_end..].trim());
    Some(match name {
        "tabs" => Directive::Group(group_key(args)),
        "tab" => Directive::Tab(args.to_string()),
        _ => Directive::Other(name.to_string()),
    })
}

const GROUP_HELP: &str = "write `:::tabs`, or `:::tabs key=os` to sync every group with the key `os`";

/// The `key=NAME` of a group (also written `{key="NAME"}`).
fn group_key(args: &str) -> Result<Option<String>, (String, String)> {
    let inner = args.strip_prefix('{').and_then(|a| a.strip_suffix('}')).unwrap_or(args).trim();
    if inner.is_empty() {
        return Ok(None);
    }
    let bad = || (format!("unknown tab group attribute `{inner}`"), GROUP_HELP.to_string());
    let Some(value) = inner.strip_prefix("key=").or_else(|| inner.strip_prefix("sync=")) else {
        return Err(bad());
    };
    let value = match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(quoted) => quoted,
        None => value,
    };
    if value.is_empty() || value.contains(|c: char| c.is_whitespace() || c == '"') {
        return Err(bad());
    }
    Ok(Some(value.to_string()))
}

/// An open container while the lines are read.
enum Frame {
    /// A tab group: the index of its opening line in `lines`, and of its tabs' lines.
    Group { line: usize, tabs: Vec<usize> },
    /// A directive onramp does not know: its lines stay text.
    Other,
}

/// A directive line that becomes a marker.
struct Line {
    /// Range of the line's text (without indentation and line break) in the original body.
    text: Range<usize>,
    /// What it does.
    role: Role,
}

/// What a directive line does; `group` and `tabs` are indexes in `lines`.
enum Role {
    /// `:::tabs`: its key, and its tabs' lines.
    Open { key: Option<String>, tabs: Vec<usize> },
    /// `::: tab LABEL`: its label, its group's line, and whether it is the group's first.
    Tab { label: String, group: usize, first: bool },
    /// `:::`, closing the group at `group`.
    Close { group: usize },
}

/// Reads the directive lines of `body`. `None` when it has none, which is
/// almost every page (the check is one scan for `:::`).
pub(crate) fn prepare(body: &str) -> Option<Prepared> {
    if !body.contains(":::") {
        return None;
    }
    let code = code_ranges(body);
    let in_code = |at: usize| code.iter().any(|r| r.contains(&at));
    let mut problems = Vec::new();
    let mut lines: Vec<Line> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut offset = 0;
    for raw in body.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let Some(d) = directive(line) else { continue };
        let text_start = start + (line.len() - line.trim_start_matches([' ', '\t']).len());
        if in_code(text_start) {
            continue;
        }
        let text = text_start..start + line.trim_end().len();
        match d {
            Directive::Group(key) => {
                let key = key.unwrap_or_else(|(message, help)| {
                    problems.push(problem(text_start, true, message, help));
                    None
                });
                stack.push(Frame::Group { line: lines.len(), tabs: Vec::new() });
                lines.push(Line { text, role: Role::Open { key, tabs: Vec::new() } });
            }
            Directive::Tab(label) => match stack.last_mut() {
                Some(Frame::Group { line: group, tabs }) => {
                    if label.is_empty() {
                        problems.push(problem(
                            text_start,
                            true,
                            "a tab needs a label",
                            "write the label after `tab`: `::: tab Linux`"
                        ));
                    }
                    let first = tabs.is_empty();
                    tabs.push(lines.len());
                    lines.push(Line { text, role: Role::Tab { label, group: *group, first } });
                }
                _ => problems.push(problem(
                    text_start,
                    true,
                    "`::: tab` outside a tab group",
                    "open the group with `:::tabs` first; the `:::` line closes the whole group, so a tab after it needs a new `:::tabs`".to_string(),
                )),
            },
            Directive::Close => match stack.pop() {
                Some(Frame::Group { line: group, tabs }) => {
                    if tabs.is_empty() {
                        problems.push(problem(
                            lines[group].text.start,
                            true,
                            "tab group without tabs",
                            "start each tab with a line `::: tab LABEL`"
                        ));
                    }
                    if let Role::Open { tabs: t, .. } = &mut lines[group].role {
                        *t = tabs;
                    }
                    lines.push(Line { text, role: Role::Close { group } });
                }
                // Closes a directive that stays text, or nothing.
                Some(Frame::Other) | None => {}
            },
            Directive::Other(name) => {
                problems.push(problem(
                    text_start,
                    false,
                    format!("unknown container `:::{name}` left as text"),
                    "onramp knows `:::tabs` and `::: tab LABEL`; a callout is written `> [!NOTE]`".to_string(),
                ));
                stack.push(Frame::Other);
            }
        }
    }
    // Groups left open are closed at the end of the body, so nothing is lost.
    let mut unclosed = Vec::new();
    while let Some(frame) = stack.pop() {
        if let Frame::Group { line: group, tabs } = frame {
            problems.push(problem(
                lines[group].text.start,
                true,
                "tab group not closed",
                "end the group with a line `:::` after its last tab",
            ));
            if let Role::Open { tabs: t, .. } = &mut lines[group].role {
                *t = tabs;
            }
            unclosed.push(group);
        }
    }
    if lines.is_empty() {
        return Some(Prepared { body: body.to_string(), markers: Vec::new(), original_len: body.len(), problems });
    }
    Some(build(body, lines, &unclosed, problems))
}

/// Ranges of the code blocks and HTML blocks of `body`, where a `:::` line is text.
fn code_ranges(body: &str) -> Vec<Range<usize>> {
    Parser::new_ext(body, options())
        .into_offset_iter()
        .filter(|(e, _)| matches!(e, Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock)))
        .map(|(_, r)| r)
        .collect()
}

/// The comment that stands for a directive line.
const COMMENT: &str = "<!-- -->";

/// Writes the changed body and each marker's HTML, then checks the markers'
/// nesting in the changed body.
fn build(body: &str, lines: Vec<Line>, unclosed: &[usize], mut problems: Vec<Problem>) -> Prepared {
    // Group numbers on the page, in order of their opening lines.
    let mut numbers = vec![0usize; lines.len()];
    let mut n = 0;
    for (i, l) in lines.iter().enumerate() {
        if matches!(l.role, Role::Open { .. }) {
            n += 1;
            numbers[i] = n;
        }
    }
    let label_of = |i: usize| match &lines[i].role {
        Role::Tab { label, .. } => label.as_str(),
        _ => "",
    };
    let mut out = String::with_capacity(body.len() + lines.len() * COMMENT.len());
    let mut markers = Vec::with_capacity(lines.len() + unclosed.len());
    let mut copied = 0;
    for (i, l) in lines.iter().enumerate() {
        out.push_str(&body[copied..l.text.start]);
        let at = out.len()..out.len() + COMMENT.len();
        out.push_str(COMMENT);
        copied = l.text.end;
        let html = match &l.role {
            Role::Open { key, tabs } => open_html(numbers[i], key.as_deref(), tabs.iter().map(|&t| label_of(t))),
            Role::Tab { label, group, first } => {
                let k = match &lines[*group].role {
                    Role::Open { tabs, .. } => tabs.iter().position(|&t| t == i).unwrap_or(0),
                    _ => 0,
                };
                let close = if *first { "" } else { "</div>\n" };
                let (g, label) = (numbers[*group], escape(label));
                format!(
                    "{close}<div class=\"tab-panel\" id=\"tabpanel.{g}.{k}\" role=\"tabpanel\" aria-labelledby=\"tab.{g}.{k}\" tabindex=\"0\">\n<p class=\"tab-label\">{label}</p>\n"
                )
            }
            Role::Close { group } => close_html(&lines[*group].role),
        };
        markers.push(Marker { at, original: l.text.clone(), html });
    }
    out.push_str(&body[copied..]);
    for &group in unclosed {
        if !out.ends_with('\n') {
            out.push('\n');
        }
        out.push('\n');
        let at = out.len()..out.len() + COMMENT.len();
        out.push_str(COMMENT);
        out.push('\n');
        markers.push(Marker { at, original: body.len()..body.len(), html: close_html(&lines[group].role) });
    }
    problems.extend(check_nesting(&out, &markers, &lines));
    Prepared { body: out, markers, original_len: body.len(), problems }
}

fn open_html<'l>(g: usize, key: Option<&str>, labels: impl Iterator<Item = &'l str>) -> String {
    let key = key.map(|k| format!(" data-tabs-key=\"{}\"", escape(k))).unwrap_or_default();
    let mut html = format!("<div class=\"tabs\"{key}>\n<div class=\"tab-list\" role=\"tablist\" hidden=\"\">\n");
    for (k, label) in labels.enumerate() {
        let (selected, tabindex) = if k == 0 { ("true", "0") } else { ("false", "-1") };
        let label = escape(label);
        html.push_str(&format!(
            "<button type=\"button\" class=\"tab\" role=\"tab\" id=\"tab.{g}.{k}\" aria-controls=\"tabpanel.{g}.{k}\" aria-selected=\"{selected}\" tabindex=\"{tabindex}\" data-tab=\"{label}\">{label}</button>\n"
        ));
    }
    html.push_str("</div>\n");
    html
}

fn close_html(open: &Role) -> String {
    match open {
        Role::Open { tabs, .. } if !tabs.is_empty() => "</div>\n</div>\n".to_string(),
        _ => "</div>\n".to_string(),
    }
}

/// Every line of a group must be at its opening line's depth (not inside a
/// list item or quote that the group is outside of, or the other way
/// round), and a group holds nothing before its first tab.
fn check_nesting(out: &str, markers: &[Marker], lines: &[Line]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut depth = 0usize;
    // Depth of each opening line, by marker index.
    let mut open_depth: Vec<Option<usize>> = vec![None; markers.len()];
    // A group opened, whose first tab has not come yet.
    let mut awaiting: Option<usize> = None;
    let mut next = 0;
    let mut in_marker = false;
    for (e, r) in Parser::new_ext(out, options()).into_offset_iter() {
        if in_marker {
            in_marker = !matches!(e, Event::End(TagEnd::HtmlBlock));
            if !in_marker {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if let Event::Start(Tag::HtmlBlock) = e {
            if let Some(m) =
                (next..markers.len()).find(|&m| markers[m].at.start >= r.start && markers[m].at.start < r.end)
            {
                next = m + 1;
                in_marker = true;
                if let Some(line) = lines.get(m) {
                    let group = match line.role {
                        Role::Open { .. } => m,
                        Role::Tab { group, .. } | Role::Close { group } => group,
                    };
                    match (&line.role, open_depth[group]) {
                        (Role::Open { .. }, _) => {
                            open_depth[m] = Some(depth);
                            awaiting = Some(m);
                        }
                        (_, Some(d)) if d != depth => problems.push(Problem {
                            group: Some(markers[group].original.start),
                            ..problem(
                                markers[m].original.start,
                                true,
                                "this line of a tab group is not nested like its `:::tabs` line",
                                "write every line of a group at the same place: all inside the same list item, or all outside lists and quotes",
                            )
                        }),
                        _ => {}
                    }
                    if matches!(line.role, Role::Tab { .. } | Role::Close { .. }) && awaiting == Some(group) {
                        awaiting = None;
                    }
                }
            }
        } else if let Some(g) = awaiting {
            let blank = matches!(&e, Event::Text(t) | Event::Html(t) if t.trim().is_empty());
            if !blank {
                problems.push(problem(
                    markers[g].original.start,
                    true,
                    "text in a tab group before its first `::: tab`",
                    "start the first tab right after `:::tabs` with a line `::: tab LABEL`",
                ));
                awaiting = None;
            }
        }
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    problems
}

impl Prepared {
    /// The offset in the original body of `at`, an offset in [`Prepared::body`].
    pub(crate) fn original(&self, at: usize) -> usize {
        // The last marker at or before `at`.
        let i = self.markers.partition_point(|m| m.at.start <= at);
        let Some(m) = i.checked_sub(1).map(|i| &self.markers[i]) else { return at };
        if at < m.at.end {
            return m.original.start;
        }
        // Everything after a marker is shifted by the markers before it.
        let shift: isize = self.markers[..i].iter().map(Marker::shift).sum();
        ((at as isize - shift).max(0) as usize).min(self.original_len)
    }

    /// The marker whose comment starts the HTML block at `range`.
    pub(crate) fn marker_at(&self, range: &Range<usize>) -> Option<&Marker> {
        let i = self.markers.partition_point(|m| m.at.start < range.start);
        self.markers.get(i).filter(|m| m.at.start < range.end)
    }
}

impl Marker {
    /// How much longer the changed body is after this marker.
    fn shift(&self) -> isize {
        self.at.len() as isize - self.original.len() as isize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_in_the_changed_body_map_back_to_the_original() {
        let body = ":::tabs\n::: tab A\nA [x](y.md).\n:::\nafter [z](w.md)\n";
        let p = prepare(body).expect("directives");
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.markers.len(), 3);
        for word in ["A [x]", "[x]", "after", "[z]"] {
            let (old, new) = (body.find(word).unwrap(), p.body.find(word).unwrap());
            assert_eq!(p.original(new), old, "{word}");
        }
        // Inside a marker: the start of its line.
        assert_eq!(p.original(p.markers[2].at.start + 3), body.find(":::\nafter").unwrap());
    }

    #[test]
    fn bodies_without_directives_are_left_alone() {
        assert!(prepare("Some text: with colons.\n").is_none());
        let p = prepare("```\n:::tabs\n```\n").expect("scanned");
        assert!(p.markers.is_empty() && p.problems.is_empty());
        assert_eq!(p.body, "```\n:::tabs\n```\n");
    }

    #[test]
    fn hostile_directive_lines_do_not_panic() {
        for body in [
            ":::",
            ":::tabs",
            "::: tab",
            ":::tabs {",
            ":::tabs key=",
            ":::tabs\r\n::: tab é\r\n:::\r\n",
            "> :::tabs\n> ::: tab A\n:::",
            "- :::tabs\n  ::: tab A\n:::\n:::\n",
            ":::tabs\n\0::: tab A\n",
            "::::::::\n:::tabs\n::: tab 😀\n```\n:::\n",
            "    :::tabs\n::: tab A\n",
        ] {
            let _ = prepare(body);
        }
    }
}

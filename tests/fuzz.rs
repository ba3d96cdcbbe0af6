//! Robustness of onramp's input handling: property-based tests that feed
//! hostile-but-plausible sites to the build, `onramp check` and
//! `onramp i18n status`, in-process and (for some cases) through the real
//! binary, and fail on the first panic, hang, malformed diagnostic, write
//! outside the output folder, or failed build that touched the previous
//! output. What is checked is in `tests/common/fuzz_harness.rs`.
//!
//! One test per input kind: front matter, markdown body, `site.yaml`,
//! `data/*.yaml`, Fluent files (`locales/<lang>/*.ftl`). Each case starts
//! from a fixture site and one seed file (every matching file of
//! `tests/fixtures/`, `example-site/` and the default theme), and mutates it:
//! inserted, deleted, duplicated and swapped lines (valid lines of that kind
//! of file and hostile ones: `[x](../../a)`, `[x]: <>`, `slug:`, anchors and
//! aliases, Fluent selectors and cycles), characters replaced by or
//! interleaved with `[ ] { } : - # > ` \ NUL CR TAB`, multi-byte UTF-8, bidi
//! controls, `%` escapes, HTML, `{{ }}` and `{% %}`, very long lines, deep
//! nesting, truncation (unterminated fences and front matter), invalid UTF-8,
//! CRLF or lone CR line ends, a BOM; files get odd names (spaces, `#`, `%`,
//! `..` in the stem, unknown language suffixes) and some inputs are special
//! files (folders named like files, dangling or looping symlinks, FIFOs).
//!
//! Bounds, so CI stays fast and reproducible:
//! - `PROPTEST_CASES` cases per target (default 64);
//! - `ONRAMP_FUZZ_SECS` seconds per target (default 20): after that a target
//!   stops testing new cases (it still shrinks a failure it found);
//! - `ONRAMP_FUZZ_TIMEOUT_SECS` per run of a case (default 10): longer is a
//!   hang, and fails the case;
//! - a fixed seed per target; `ONRAMP_FUZZ_SEED=random` (or a number) draws
//!   other inputs. A failure prints the seed and the shrunk site.
//!
//! Run longer locally, for example:
//!
//! ```text
//! ONRAMP_FUZZ_SEED=random PROPTEST_CASES=5000 ONRAMP_FUZZ_SECS=1800 cargo test --test fuzz -- --nocapture
//! ```
//!
//! The tests at the end reproduce the defects this harness found, one
//! minimal input each, so that they stay fixed.

#[path = "common/fuzz_harness.rs"]
mod harness;

use harness::{Case, Limits, Special};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestError, TestRng, TestRunner};
use std::cell::Cell;
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------
// Dictionaries

/// Tokens inserted into or replacing characters of any kind of file.
const TOKENS: &[&str] = &[
    "[",
    "]",
    "{",
    "}",
    ":",
    "-",
    "#",
    ">",
    "`",
    "\\",
    "\0",
    "\r",
    "\t",
    "\n",
    " ",
    "\"",
    "'",
    "|",
    "*",
    "_",
    "&",
    "!",
    "?",
    "%",
    "$",
    "=",
    ".",
    ",",
    "é",
    "日本語",
    "🦀",
    "\u{200B}",
    "\u{FEFF}",
    "\u{202E}",
    "\u{FFFD}",
    "\u{10FFFF}",
    "e\u{301}",
    "[x](../../a)",
    "[x]: <>",
    "[x]: <>\n",
    "%2e%2e/",
    "%00",
    "%ZZ",
    "%",
    "<script>alert(1)</script>",
    "<div>",
    "</div>",
    "<!--",
    "-->",
    "{{ x }}",
    "{{",
    "}}",
    "{% if x %}",
    "{% endif %}",
    "{% raw %}",
    "{#",
    "#}",
    "```",
    "~~~",
    "---",
    "\n---\n",
    "...",
    "&amp;",
    "&#0;",
    "[^1]",
    "![a](b.png)",
    "[x](#)",
    "[x](/)",
    "[x](<a b>)",
    "<https://x>",
    "*a",
    "&a ",
    "!!binary ",
    "!!str ",
    "? ",
    "\n  ",
    "    ",
    "{ $x }",
    "{ -t }",
    "-x = y",
    "*[other]",
    "\\u0000",
    "\\U0010FFFF",
    "\\x",
    "\\\n",
    "..",
    "/",
    "C:\\",
    "${x}",
];

/// Lines for YAML files (front matter, `site.yaml`, data).
const YAML_LINES: &[&str] = &[
    "title: x",
    "title: ''",
    "title: \"\\0\"",
    "title: |",
    "title: >-",
    "title:",
    "title: [a, b]",
    "title: {a: b}",
    "title: !!binary aGk=",
    "title: *undefined",
    "description: <script>alert(1)</script>",
    "slug: a/b",
    "slug: ''",
    "slug: /",
    "slug: ../x",
    "slug: a/../../x",
    "aliases: [../../a, /b/, '', /]",
    "aliases: [/a/, /a/]",
    "weight: 99999999999999999999",
    "weight: -1",
    "weight: 1.5",
    "weight: .nan",
    "date: 2024-13-45",
    "date: 0000-00-00",
    "date: x",
    "draft: true",
    "draft: yes",
    "layout: ../../x",
    "layout: nosuch",
    "layout: post",
    "layout: news",
    "layout: directory",
    "layout: guide",
    "layout: community",
    "layout: case-study",
    "layout: getting-started",
    "paginate_by: 0",
    "paginate_by: -1",
    "search: 1",
    "extra: {a: [1, {b: c}]}",
    "extra: [1]",
    "tags: [a, a, '', ../x]",
    "tags: x",
    "translation_of: zz",
    "translation_of: ''",
    "a: &a [*a]",
    "a: &a x",
    "b: *a",
    "<<: *a",
    "<<: {title: y}",
    "? complex",
    ": key",
    "? [a]: b",
    "- item",
    "  - nested",
    "    key: value",
    "---",
    "...",
    "%YAML 1.2",
    "%TAG ! tag:x,2000:",
    "! x: y",
    "key: 'unterminated",
    "key: \"unterminated",
    "\tkey: tab",
    "key:value",
    "~: null",
    "null: ~",
    "1: one",
    "true: yes",
    "'': empty",
    "key: 0x1F",
    "key: 1e999",
    "key: -.inf",
    "base_url: ''",
    "base_url: javascript:alert(1)",
    "base_url: https://example.org/a b/",
    "base_url: /relative/",
    "theme: ../../x",
    "theme: nosuch",
    "languages: []",
    "languages:",
    "  - code: ''",
    "  - code: ../x",
    "  - code: en",
    "  - code: zz-ZZZZ-x",
    "    direction: sideways",
    "menu:",
    "  - label: x",
    "    url: javascript:alert(1)",
    "    url: ../../x",
    "  x: y",
    "highlight: {light: nosuch, dark: ''}",
    "search: {enabled: false}",
    "check: {orphans: error, nosuch: warn}",
    "mount:",
    "  ../../../etc/hostname: x.md",
    "  /etc/hostname: y.md",
    "  nosuch.md: ../../z.md",
    "repo: {url: '', branch: ''}",
    "i18n: {status_page: true}",
    "members:",
    "  - name: <b>x</b>",
    "name: ''",
    "url: ../../a",
    "image: ../../a.png",
    "steps:",
    "  - title: x",
    "    page: ../../a.md",
    "directory: {data: nosuch}",
    "directory: {data: ../../x}",
    "guide: {issues: nosuch, contacts: ''}",
    "community: {data: '../x', threshold: -1}",
    "release: {from: '', to: ../x}",
    "case_study: {logo: ../../a.png}",
];

/// Lines for markdown bodies.
const MARKDOWN_LINES: &[&str] = &[
    "# Heading",
    "## Heading {#custom-id}",
    "## Heading {#../../a}",
    "## {#}",
    "#",
    "######## seven",
    "Heading\n===",
    "[x](../../a)",
    "[x](../../a.md)",
    "[x]: <>",
    "[x][y]",
    "[y]: ../../a",
    "[y]: <../../a b.md>",
    "![x](../../etc/passwd)",
    "![](diagram.svg)",
    "![x](nosuch.png \"title\")",
    "[x](a.md#)",
    "[x](#)",
    "[x](#nosuch)",
    "[x](%2e%2e/a.md)",
    "[x](a%20b.md)",
    "[x](a.md#%ZZ)",
    "[x](usage.md#requirements)",
    "[x](/guide/)",
    "[x](/../../a)",
    "[x](//evil.example/)",
    "[x](javascript:alert(1))",
    "[x](mailto:a@b)",
    "[x](./)",
    "[x](..)",
    "[x](.)",
    "[x](?a=b)",
    "[x](index.md)",
    "[x](_index.md)",
    "[x](content/a.md)",
    "<https://example.org/>",
    "<a href=\"../x\">x</a>",
    "<a href=\"#nosuch\" id=dup>x</a>",
    "<img src=x onerror=alert(1)>",
    "<img srcset=\"a.png 1x, ../../b.png 2x\">",
    "<script>alert(1)</script>",
    "<div>",
    "</div>",
    "<details><summary>x",
    "```rust",
    "```",
    "```nosuchlang",
    "~~~ {.class}",
    "    indented code",
    "> [!NOTE]",
    "> [!WARNING]",
    "> [!UNKNOWN]",
    "> [!]",
    "> > > quote",
    "| a | b |",
    "|---|---|",
    "|:-:|",
    "[^1]: x",
    "[^1]",
    "[^]: x",
    "- [ ] x",
    "- [x] y",
    "1. one",
    "99999999999. big",
    "* * *",
    "***",
    "{{ page.title }}",
    "{{ config.nosuch | safe }}",
    "{% include \"x\" %}",
    "{% raw %}",
    "<!-- x",
    "-->",
    "$$ x $$",
    "\\",
    "&nbsp;&#0;&#xFFFFFF;",
    "---",
    "title: not front matter",
];

/// Lines for Fluent files.
const FTL_LINES: &[&str] = &[
    "a = b",
    "-term = x",
    "a = { $x }",
    "a = { -nope }",
    "a = { a }",
    "a = { b }\nb = { a }",
    "a =",
    "= x",
    "a = {",
    "a = }",
    "a.attr = x",
    "    .attr = y",
    "a = x\n    .attr = { a.attr }",
    "a = { NUMBER($x) }",
    "a = { NOSUCH($x) }",
    "a = { $x ->\n    [one] x\n   *[other] y\n}",
    "a = { $x ->\n    [one] x\n}",
    "a = { $x ->\n   *[a] x\n   *[b] y\n}",
    "built-with = { built-with }",
    "built-with = Built with { $nosuch }",
    "built-with = { -brand }",
    "search-placeholder = <script>alert(1)</script>",
    "## group comment",
    "### resource comment",
    "# comment",
    "a = { \"\\u0000\" }",
    "a = { \"\\UFFFFFF\" }",
    "a = { \"\\uD800\" }",
    "a = { \"unterminated }",
    "a = { 1e999 }",
    "a = { -1.5 }",
    "0a = x",
    "a-b_c = x",
    "é = x",
    "a = multi\n  line\n  value",
    "a = { { { x } } }",
    "a = {{ x }}",
    "a = {% x %}",
];

/// Units repeated into very long lines.
const LONG_UNITS: &[&str] = &[
    "a", "a ", "é", "🦀", "[", "]", "{", "`", "*", "_", "\\", "#", "-", "> ", "|", "[x](y) ", "<b>", "&amp;", "\t", "%",
];

/// Nesting styles: (opening, closing) repeated `depth` times.
const NESTS: &[(&str, &str)] = &[
    ("[", "]"),
    ("{a: ", "}"),
    ("- ", ""),
    ("> ", ""),
    ("  - ", ""),
    ("*", "*"),
    ("_", "_"),
    ("[", "](x)"),
    ("<div>", "</div>"),
    ("{ ", " }"),
    ("{{ ", " }}"),
    ("\n  a:", ""),
    ("  ", ""),
];

/// Front matter fences: (opening, closing) around the YAML.
const FENCES: &[(&str, &str)] = &[
    ("---\n", "\n---\n"),
    ("---\n", "\n---\n"),
    ("---\n", "\n---\n"),
    ("---\n", "\n"),
    ("---\n", ""),
    ("---\r\n", "\r\n---\r\n"),
    ("--- \n", "\n---  \n"),
    ("----\n", "\n----\n"),
    ("+++\n", "\n+++\n"),
    ("---\n", "\n...\n"),
    ("\u{FEFF}---\n", "\n---\n"),
    ("\n---\n", "\n---\n"),
    ("---", "---"),
    ("", "\n---\n"),
];

/// File names for new pages (the seed may also replace an existing page).
const PAGE_NAMES: &[&str] = &[
    "content/fuzz.md",
    "content/robots.txt.md",
    "content/a b.md",
    "content/ümlaut.md",
    "content/%2e%2e.md",
    "content/#x.md",
    "content/x?.md",
    "content/.hidden.md",
    "content/_index.md",
    "content/x.fr.md",
    "content/x.zz.md",
    "content/x.MD",
    "content/-.md",
    "content/...md",
    "content/x..md",
    "content/x.md.md",
    "content/a/b/c/d/e.md",
    "content/index.md",
    "content/404.md",
    "content/search.md",
    "content/theme.md",
    "content/theme/_index.md",
    "content/sitemap.xml.md",
    "content/\u{202E}x.md",
    "content/x\\y.md",
    "content/x:y.md",
    "content/ .md",
    "content/guide/_index.fr.md",
    "content/guide/install.md",
    "content/docs/install.md",
    "content/docs/install.fr.md",
    "content/ar/docs/install.md",
];

/// Names for data files (besides the base's own files).
const DATA_NAMES: &[&str] = &[
    "data/fuzz.yaml",
    "data/a b.yaml",
    "data/.yaml",
    "data/x.yml",
    "data/ü.yaml",
    "data/x.y.yaml",
    "data/-.yaml",
    "data/__proto__.yaml",
    "data/x\\y.yaml",
    "data/x:y.yaml",
    "data/sub/x.yaml",
    "data/UPPER.YAML",
];

/// Names for Fluent files (besides the base's own files).
const FTL_NAMES: &[&str] = &[
    "locales/en/fuzz.ftl",
    "locales/en/site.ftl",
    "locales/fr/site.ftl",
    "locales/fr/ui.ftl",
    "locales/zz/x.ftl",
    "locales/en-US/x.ftl",
    "locales/x_y/x.ftl",
    "locales/not a lang/x.ftl",
    "locales/ar/ü.ftl",
    "locales/en/.ftl",
    "locales/en/x.FTL",
    "locales/en/sub/x.ftl",
    "locales/x.ftl",
];

// ---------------------------------------------------------------------------
// Seeds

/// Seed files, read once from the repository.
struct Seeds {
    /// Markdown files: (front matter YAML or None, body).
    md: Vec<(Option<String>, String)>,
    /// `site.yaml` files.
    site: Vec<String>,
    /// YAML data files.
    data: Vec<String>,
    /// Fluent files.
    ftl: Vec<String>,
}

fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut s = Seeds { md: Vec::new(), site: Vec::new(), data: Vec::new(), ftl: Vec::new() };
        let repo = harness::repo();
        let dirs = [repo.join("tests/fixtures"), repo.join("example-site"), repo.join("themes/default/locales")];
        let mut paths: Vec<_> = dirs
            .iter()
            .flat_map(|d| walkdir::WalkDir::new(d).sort_by_file_name())
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|p| !p.components().any(|c| c.as_os_str() == "public"))
            .collect();
        paths.sort();
        for p in paths {
            let Ok(text) = std::fs::read_to_string(&p) else { continue };
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let in_data = p.parent().and_then(Path::file_name).is_some_and(|n| n == "data");
            if name.ends_with(".md") {
                s.md.push(split_front_matter(&text));
            } else if name == "site.yaml" {
                s.site.push(text);
            } else if in_data && (name.ends_with(".yaml") || name.ends_with(".yml")) {
                s.data.push(text);
            } else if name.ends_with(".ftl") {
                s.ftl.push(text);
            }
        }
        assert!(!s.md.is_empty() && !s.site.is_empty() && !s.data.is_empty() && !s.ftl.is_empty());
        // Smallest first: shrinking moves indexes towards 0, so a failure
        // shrinks towards the smallest seed that shows it.
        s.md.sort_by_key(|(fm, body)| fm.as_ref().map_or(0, String::len) + body.len());
        s.site.sort_by_key(String::len);
        s.data.sort_by_key(String::len);
        s.ftl.sort_by_key(String::len);
        s
    })
}

fn split_front_matter(text: &str) -> (Option<String>, String) {
    if let Some(rest) = text.strip_prefix("---\n") {
        if let Some(end) = rest.find("\n---\n") {
            return (Some(rest[..end].to_string()), rest[end + 5..].to_string());
        }
    }
    (None, text.to_string())
}

// ---------------------------------------------------------------------------
// Mutations

/// One change to a file's bytes. Positions are `Index`es, resolved against
/// the text as it is when the mutation applies.
#[derive(Debug, Clone)]
enum Mutation {
    InsertToken(Index, Index),
    ReplaceChar(Index, Index),
    DeleteChars(Index, u8),
    InsertLine(Index, Index),
    DeleteLine(Index),
    DuplicateLine(Index, u8),
    SwapLines(Index, Index),
    LongLine(Index, Index, u32),
    Nest(Index, Index, u16),
    Nul(Index),
    InvalidUtf8(Index, bool),
    Truncate(Index),
}

/// A change to the whole file, after the mutations.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Whole {
    Crlf,
    LoneCr,
    Bom,
    NoFinalNewline,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let i = || any::<Index>();
    prop_oneof![
        4 => (i(), i()).prop_map(|(a, b)| Mutation::InsertToken(a, b)),
        3 => (i(), i()).prop_map(|(a, b)| Mutation::ReplaceChar(a, b)),
        2 => (i(), 1u8..64).prop_map(|(a, n)| Mutation::DeleteChars(a, n)),
        5 => (i(), i()).prop_map(|(a, b)| Mutation::InsertLine(a, b)),
        2 => i().prop_map(Mutation::DeleteLine),
        1 => (i(), 1u8..40).prop_map(|(a, n)| Mutation::DuplicateLine(a, n)),
        1 => (i(), i()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        1 => (i(), i(), 1u32..200_000).prop_map(|(a, b, n)| Mutation::LongLine(a, b, n)),
        1 => (i(), i(), 1u16..3000).prop_map(|(a, b, n)| Mutation::Nest(a, b, n)),
        1 => i().prop_map(Mutation::Nul),
        1 => (i(), any::<bool>()).prop_map(|(a, b)| Mutation::InvalidUtf8(a, b)),
        1 => i().prop_map(Mutation::Truncate),
    ]
}

fn whole() -> impl Strategy<Value = Vec<Whole>> {
    prop::collection::vec(
        prop_oneof![Just(Whole::Crlf), Just(Whole::LoneCr), Just(Whole::Bom), Just(Whole::NoFinalNewline)],
        0..2,
    )
}

/// Moves `at` forward to a UTF-8 character boundary.
fn boundary(bytes: &[u8], mut at: usize) -> usize {
    while at < bytes.len() && (bytes[at] & 0xC0) == 0x80 {
        at += 1;
    }
    at
}

/// Byte ranges of the lines (without their `\n`).
fn line_spans(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            spans.push((start, i));
            start = i + 1;
        }
    }
    spans.push((start, bytes.len()));
    spans
}

/// Applies `muts` and `wholes` to `text`, drawing lines from `lines`.
fn mutate(text: &str, muts: &[Mutation], wholes: &[Whole], lines: &[&str]) -> Vec<u8> {
    let mut b = text.as_bytes().to_vec();
    for m in muts {
        let pos = |b: &[u8], i: &Index| boundary(b, i.index(b.len() + 1));
        match m {
            Mutation::InsertToken(at, t) => {
                let at = pos(&b, at);
                b.splice(at..at, t.get(TOKENS).bytes());
            }
            Mutation::ReplaceChar(at, t) => {
                let at = pos(&b, at);
                let end = boundary(&b, (at + 1).min(b.len()));
                b.splice(at..end, t.get(TOKENS).bytes());
            }
            Mutation::DeleteChars(at, n) => {
                let at = pos(&b, at);
                let end = boundary(&b, (at + *n as usize).min(b.len()));
                b.drain(at..end);
            }
            Mutation::InsertLine(at, l) => {
                let spans = line_spans(&b);
                let start = at.get(&spans).0;
                let mut line = l.get(lines).as_bytes().to_vec();
                line.push(b'\n');
                b.splice(start..start, line);
            }
            Mutation::DeleteLine(at) => {
                let spans = line_spans(&b);
                let (s, e) = *at.get(&spans);
                b.drain(s..(e + 1).min(b.len()));
            }
            Mutation::DuplicateLine(at, n) => {
                let spans = line_spans(&b);
                let (s, e) = *at.get(&spans);
                let mut line = b[s..e].to_vec();
                line.push(b'\n');
                let copies: Vec<u8> = line.repeat(*n as usize);
                b.splice(s..s, copies);
            }
            Mutation::SwapLines(x, y) => {
                let spans = line_spans(&b);
                let (a, c) = (*x.get(&spans), *y.get(&spans));
                let (first, second) = if a.0 <= c.0 { (a, c) } else { (c, a) };
                if first != second {
                    let mut out = b[..first.0].to_vec();
                    out.extend_from_slice(&b[second.0..second.1]);
                    out.extend_from_slice(&b[first.1..second.0]);
                    out.extend_from_slice(&b[first.0..first.1]);
                    out.extend_from_slice(&b[second.1..]);
                    b = out;
                }
            }
            Mutation::LongLine(at, unit, n) => {
                let at = pos(&b, at);
                let unit = unit.get(LONG_UNITS);
                let count = (*n as usize / unit.len()).max(1);
                b.splice(at..at, unit.repeat(count).into_bytes());
            }
            Mutation::Nest(at, style, depth) => {
                let at = pos(&b, at);
                let (open, close) = style.get(NESTS);
                let d = *depth as usize;
                let mut s = open.repeat(d);
                s.push('x');
                s.push_str(&close.repeat(d));
                b.splice(at..at, s.into_bytes());
            }
            Mutation::Nul(at) => {
                let at = pos(&b, at);
                b.insert(at, 0);
            }
            Mutation::InvalidUtf8(at, lone) => {
                let at = pos(&b, at);
                let bad: &[u8] = if *lone { &[0xFF] } else { &[0xE6, 0x97] };
                b.splice(at..at, bad.iter().copied());
            }
            Mutation::Truncate(at) => {
                let at = pos(&b, at);
                b.truncate(at);
            }
        }
    }
    for w in wholes {
        match w {
            Whole::Crlf => b = replace_newlines(&b, b"\r\n"),
            Whole::LoneCr => b = replace_newlines(&b, b"\r"),
            Whole::Bom => b.splice(0..0, "\u{FEFF}".bytes()).for_each(drop),
            Whole::NoFinalNewline => {
                while b.last().is_some_and(|c| *c == b'\n' || *c == b'\r') {
                    b.pop();
                }
            }
        }
    }
    b
}

fn replace_newlines(b: &[u8], with: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len() + b.len() / 16);
    for &c in b {
        if c == b'\n' {
            out.extend_from_slice(with);
        } else {
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Targets

#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    FrontMatter,
    Markdown,
    SiteYaml,
    Data,
    Fluent,
}

/// Fixture sites a target starts from.
fn bases(target: Target) -> &'static [&'static str] {
    match target {
        Target::FrontMatter | Target::Markdown => {
            &["tests/fixtures/basic", "tests/fixtures/i18n", "tests/fixtures/layouts-news"]
        }
        Target::SiteYaml => &["tests/fixtures/basic", "tests/fixtures/i18n", "tests/fixtures/layouts-directory"],
        Target::Data => &["tests/fixtures/basic", "tests/fixtures/layouts-directory", "tests/fixtures/layouts-guide"],
        Target::Fluent => &["tests/fixtures/i18n", "tests/fixtures/basic"],
    }
}

/// Everything a case is generated from.
#[derive(Debug, Clone)]
struct Input {
    base: Index,
    seed: Index,
    name: Index,
    fence: Index,
    mutations: Vec<Mutation>,
    whole: Vec<Whole>,
    special: Option<(u8, Index)>,
    binary: bool,
}

fn input() -> impl Strategy<Value = Input> {
    (
        any::<Index>(),
        any::<Index>(),
        any::<Index>(),
        any::<Index>(),
        prop::collection::vec(mutation(), 0..12),
        whole(),
        prop::option::weighted(0.3, (0u8..6, any::<Index>())),
        prop::bool::weighted(0.15),
    )
        .prop_map(|(base, seed, name, fence, mutations, whole, special, binary)| Input {
            base,
            seed,
            name,
            fence,
            mutations,
            whole,
            special,
            binary,
        })
}

/// Existing files of a base that match `dir` and `ext`, relative to it.
fn base_files(base: &str, dir: &str, ext: &str) -> Vec<String> {
    let root = harness::repo().join(base);
    let mut v: Vec<String> = walkdir::WalkDir::new(root.join(dir))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.path().strip_prefix(&root).ok().map(|p| p.to_string_lossy().replace('\\', "/")))
        .filter(|p| p.ends_with(ext))
        .collect();
    v.sort();
    v
}

/// The site of one generated input.
fn case_of(target: Target, input: &Input) -> Case {
    let s = seeds();
    let base = input.base.get(bases(target)).to_string();
    let (path, bytes) = match target {
        Target::FrontMatter | Target::Markdown => {
            let (fm, body) = input.seed.get(&s.md);
            let fm = fm.clone().unwrap_or_else(|| "title: Fuzz".to_string());
            let mut names: Vec<String> = PAGE_NAMES.iter().map(|n| n.to_string()).collect();
            names.extend(base_files(&base, "content", ".md"));
            let path = input.name.get(&names).clone();
            let bytes = if target == Target::FrontMatter {
                let (open, close) = input.fence.get(FENCES);
                let fm = mutate(&fm, &input.mutations, &input.whole, YAML_LINES);
                [open.as_bytes(), &fm, close.as_bytes(), body.as_bytes()].concat()
            } else {
                let body = mutate(body, &input.mutations, &input.whole, MARKDOWN_LINES);
                [b"---\n", fm.as_bytes(), b"\n---\n", &body].concat()
            };
            (path, bytes)
        }
        Target::SiteYaml => (
            "site.yaml".to_string(),
            mutate(input.seed.get::<String>(&s.site), &input.mutations, &input.whole, YAML_LINES),
        ),
        Target::Data => {
            let mut names: Vec<String> = DATA_NAMES.iter().map(|n| n.to_string()).collect();
            names.extend(base_files(&base, "data", ".yaml"));
            let seeds: Vec<&String> = s.data.iter().chain(&s.site).collect();
            let text = input.seed.get(&seeds);
            (input.name.get(&names).clone(), mutate(text, &input.mutations, &input.whole, YAML_LINES))
        }
        Target::Fluent => {
            let mut names: Vec<String> = FTL_NAMES.iter().map(|n| n.to_string()).collect();
            names.extend(base_files(&base, "locales", ".ftl"));
            let text = input.seed.get(&s.ftl);
            (input.name.get(&names).clone(), mutate(text, &input.mutations, &input.whole, FTL_LINES))
        }
    };
    let dir = match target {
        Target::FrontMatter | Target::Markdown => "content",
        Target::SiteYaml => "content",
        Target::Data => "data",
        Target::Fluent => "locales/en",
    };
    let ext = match target {
        Target::FrontMatter | Target::Markdown | Target::SiteYaml => "md",
        Target::Data => "yaml",
        Target::Fluent => "ftl",
    };
    let specials = input
        .special
        .as_ref()
        .map(|(kind, i)| match kind {
            0 => Special::Fifo(format!("{dir}/fifo.{ext}")),
            1 => Special::Symlink(format!("{dir}/dangling.{ext}"), "nosuch/target".into()),
            2 => Special::Symlink(format!("{dir}/loop"), ".".into()),
            3 => Special::Dir(format!("{dir}/folder.{ext}")),
            4 => Special::Symlink(format!("{dir}/zero.{ext}"), "/dev/zero".into()),
            _ => i.get(&[Special::StaticIsAFile, Special::Symlink("static/up".into(), "../..".into())]).clone(),
        })
        .into_iter()
        .collect();
    Case { base, files: vec![(path, bytes)], specials, binary: input.binary }
}

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// Runs one target within its bounds; panics with the shrunk site on failure.
fn run_target(target: Target) {
    let cases = env_u64("PROPTEST_CASES").unwrap_or(64) as u32;
    let budget = Duration::from_secs(env_u64("ONRAMP_FUZZ_SECS").unwrap_or(20));
    let limits = Limits { timeout: Duration::from_secs(env_u64("ONRAMP_FUZZ_TIMEOUT_SECS").unwrap_or(10)) };
    let seed = match std::env::var("ONRAMP_FUZZ_SEED").as_deref() {
        Ok("random") => {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(1)
        }
        Ok(n) => n.trim().parse().expect("ONRAMP_FUZZ_SEED is `random` or a number"),
        Err(_) => 0x6f6e72616d70 ^ target as u64,
    };
    let mut seed_bytes = [0u8; 32];
    seed_bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 400,
        max_shrink_time: 60_000,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed_bytes));
    let started = Instant::now();
    let failed = Cell::new(false);
    let ran = Cell::new(0u32);
    let result = runner.run(&input(), |input| {
        // Past the budget, new cases pass untested; once a case failed, the
        // shrinking runs to its end.
        if !failed.get() && started.elapsed() > budget {
            return Ok(());
        }
        ran.set(ran.get() + 1);
        let case = case_of(target, &input);
        harness::run_case(&case, limits).map_err(|e| {
            failed.set(true);
            TestCaseError::fail(format!("{e}\n\n{}", case.describe()))
        })
    });
    eprintln!("{target:?}: {} cases in {:.1} s (seed {seed})", ran.get(), started.elapsed().as_secs_f64());
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, input)) => {
            panic!("{target:?} failed (ONRAMP_FUZZ_SEED={seed}):\n{reason}\nminimal input: {input:?}")
        }
        Err(TestError::Abort(reason)) => panic!("{target:?} aborted: {reason}"),
    }
}

#[test]
fn front_matter_never_panics_hangs_or_misreports() {
    run_target(Target::FrontMatter);
}

#[test]
fn markdown_body_never_panics_hangs_or_misreports() {
    run_target(Target::Markdown);
}

#[test]
fn site_yaml_never_panics_hangs_or_misreports() {
    run_target(Target::SiteYaml);
}

#[test]
fn data_files_never_panic_hang_or_misreport() {
    run_target(Target::Data);
}

#[test]
fn fluent_files_never_panic_hang_or_misreport() {
    run_target(Target::Fluent);
}

/// The mutation engine itself: positions stay on character boundaries, so
/// a valid file stays valid UTF-8 unless invalid bytes are inserted.
#[test]
fn mutations_keep_utf8_unless_asked_not_to() {
    let text = "é日本語🦀\nline two\n";
    let mut runner = TestRunner::deterministic();
    let mut index = || any::<Index>().new_tree(&mut runner).expect("index").current();
    for _ in 0..500 {
        let (at, token) = (index(), index());
        for m in [
            Mutation::InsertToken(at, token),
            Mutation::ReplaceChar(at, token),
            Mutation::DeleteChars(at, 3),
            Mutation::Truncate(at),
            Mutation::Nest(at, token, 3),
            Mutation::SwapLines(at, token),
        ] {
            let out = mutate(text, std::slice::from_ref(&m), &[], YAML_LINES);
            let token_nul = matches!(m, Mutation::InsertToken(..) | Mutation::ReplaceChar(..));
            assert!(std::str::from_utf8(&out).is_ok() || token_nul, "{m:?} broke UTF-8: {out:?}");
        }
    }
    let out = mutate(text, &[], &[Whole::Crlf, Whole::Bom], YAML_LINES);
    assert_eq!(out, "\u{FEFF}é日本語🦀\r\nline two\r\n".as_bytes());
}

// ---------------------------------------------------------------------------
// Defects found by the tests above, one minimal input each, fixed.

/// Runs the harness's checks on `base` with `files` written over it, through
/// the binary too.
fn reproduce(base: &str, files: &[(&str, &str)]) {
    let case = Case {
        base: base.to_string(),
        files: files.iter().map(|(p, t)| (p.to_string(), t.as_bytes().to_vec())).collect(),
        specials: Vec::new(),
        binary: true,
    };
    if let Err(e) = harness::run_case(&case, Limits { timeout: Duration::from_secs(10) }) {
        panic!("{e}\n\n{}", case.describe());
    }
}

/// `content/sitemap.xml.md` has the URL `/sitemap.xml/`, whose folder the
/// sitemap cannot then be written over: the error names `sitemap.xml`, an
/// output file, at no position, instead of the page (src/render/extras.rs,
/// `write_extras`: `Diagnostic::error(rel, 0, 0, "cannot write: …")`).
#[test]
fn page_named_sitemap_xml_is_reported_at_the_page() {
    reproduce("tests/fixtures/basic", &[("content/sitemap.xml.md", "---\ntitle: x\n---\nbody\n")]);
}

/// On Unix `\` is an ordinary character of a file name, but diagnostics
/// print every `\` of a path as `/` (src/diagnostics.rs, `impl Display for
/// Diagnostic`), so the printed path names no file: `content/x\y.md` is
/// shown as `content/x/y.md`.
#[test]
fn file_name_with_backslash_is_printed_as_it_is() {
    reproduce("tests/fixtures/basic", &[("content/x\\y.md", "---\ntitle: x\n---\nbody\n")]);
}

/// libyaml puts the end of the input on the line after the last one when
/// the file has no final newline, and onramp reports that line as is
/// (src/yaml.rs, `to_diagnostic`): a two-line data file gets an error on
/// line 3.
#[test]
fn yaml_error_at_the_end_of_a_file_without_final_newline_is_inside_the_file() {
    reproduce("tests/fixtures/basic", &[("data/fuzz.yaml", "a: b\n{{")]);
}

/// libyaml counts a lone CR as a line break, onramp's line index does not;
/// the line of a YAML error in a file with CR line ends is past its end
/// (src/yaml.rs, `to_diagnostic`).
#[test]
fn yaml_error_in_a_file_with_cr_line_ends_is_inside_the_file() {
    reproduce("tests/fixtures/basic", &[("data/fuzz.yaml", "a: b\rc: d\re\r")]);
}

/// pulldown-cmark passes a NUL of a paragraph or code span through to the
/// HTML, where the link stage takes it for the start of a placeholder and
/// slices the next character at byte 1 (src/links.rs, `Resolver::resolve`:
/// `after[1..end]`): one NUL before a non-ASCII character and any link on
/// the page panic the build.
#[test]
fn nul_before_a_non_ascii_character_in_markdown_does_not_panic() {
    reproduce("tests/fixtures/basic", &[("content/x.md", "---\ntitle: x\n---\na\0\u{62f}\n\n[x](#)\n")]);
}

/// `onramp check` quotes the `href` of raw HTML in its message as written,
/// line break included (src/check/site.rs, "link to a missing page or
/// file"), so the diagnostic prints over two lines and the second is
/// neither a diagnostic nor a help line.
#[test]
fn raw_html_link_with_a_line_break_is_reported_on_one_line() {
    reproduce("tests/fixtures/basic", &[("content/x.md", "---\ntitle: x\n---\n<a href=\"/a\nb/\">x</a>\n")]);
}

/// The position of an alias that collides is the line of `aliases:` and
/// the column after `aliases: ` (src/content/tree.rs, `field_position`),
/// which is past the end of the line when the aliases are a block list.
#[test]
fn colliding_alias_in_a_block_list_is_reported_inside_its_line() {
    reproduce("tests/fixtures/basic", &[("content/x.md", "---\ntitle: x\naliases:\n  - /reference/\n---\nbody\n")]);
}

/// fluent-syntax's error kinds quote the characters they expected, line
/// breaks included, and onramp prints them as they are (src/i18n.rs,
/// `parse_resource`: "Fluent syntax error: {kind}"); a selector in a file
/// with CR line ends gets a message over three lines.
#[test]
fn fluent_error_in_a_file_with_cr_line_ends_is_one_line() {
    reproduce("tests/fixtures/i18n", &[("locales/fr/x.ftl", "a = { $x ->\r  *[o] y\r}\r")]);
}

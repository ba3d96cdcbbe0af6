//! YAML parsing with diagnostics that point into the file the YAML came from.
//!
//! Front matter, `site.yaml` and `data/*.yaml` all parse through
//! [`parse`], which turns a `serde_yaml` error into a [`Diagnostic`] at the
//! right `line:col` of the enclosing file (front matter starts a few lines
//! into its markdown file) and rewrites serde's wording into onramp's: an
//! unknown key names the closest known key, a wrong type says what was
//! expected. [`parse_spanned`] also keeps where every key and value was
//! written ([`Spans`], by path), for the checks made after parsing; an
//! unknown key is placed the same way.
//!
//! Two inputs make the YAML parser slow or hungry, and both are refused
//! before it builds anything. Deep nesting (`[[[[…` forty thousand levels
//! down) takes libyaml's scanner tens of seconds: a single pass over the text
//! ([`nesting_limit`]) counts flow brackets outside quoted scalars and
//! comments, and block levels (indentation, `- ` entries), and stops at
//! [`MAX_DEPTH`]. Aliases expand: serde_yaml bounds the number of alias
//! jumps (the classic "billion laughs" fails), but not what each jump copies,
//! so one anchored list of 10,000 items referenced 10,000 times (50 KB) takes
//! gigabytes. When the text has both an anchor and an alias, a counting pass
//! walks the expanded document first and stops at [`MAX_EXPANDED_NODES`].

use crate::diagnostics::{Diagnostic, closest};
use serde::de::DeserializeOwned;
use std::path::Path;

/// Where a YAML text sits inside its file, and what to call its keys.
#[derive(Debug, Clone, Copy)]
pub struct YamlSource<'a> {
    /// File to report errors against.
    pub path: &'a Path,
    /// Line of the file on which the YAML text starts (1-based).
    pub first_line: usize,
    /// Word used in messages for the keys, e.g. "front matter field".
    pub key_noun: &'a str,
}

/// Deepest nesting of lists and mappings onramp parses. Real front matter,
/// configuration and data files use a handful of levels.
pub const MAX_DEPTH: usize = 64;

/// Most values (scalars, lists and mappings, counted after aliases are
/// expanded) in a YAML text that uses aliases.
pub const MAX_EXPANDED_NODES: usize = 1_000_000;

/// Parses `text` into `T`, or returns one diagnostic located in the file.
pub fn parse<T: DeserializeOwned>(text: &str, src: YamlSource<'_>) -> Result<T, Diagnostic> {
    if let Some((line, col)) = nesting_limit(text) {
        return Err(Diagnostic::error(
            src.path,
            line + src.first_line - 1,
            col,
            format!("YAML nested more than {MAX_DEPTH} levels deep"),
        )
        .with_help(format!(
            "onramp reads at most {MAX_DEPTH} levels of lists and mappings inside one another; flatten the structure"
        )));
    }
    if text.contains('&') && text.contains('*') && expands_too_far(text) {
        return Err(alias_diagnostic(text, src));
    }
    serde_yaml::from_str::<T>(text).map_err(|e| {
        // serde_yaml's own bound on alias jumps (nested "billion laughs").
        if e.to_string().starts_with("repetition limit exceeded") {
            alias_diagnostic(text, src)
        } else {
            to_diagnostic(&e, text, src)
        }
    })
}

/// Parses `text` into `T` and keeps where each key and value was written
/// ([`Spans`], in the file's own lines).
pub fn parse_spanned<T: DeserializeOwned>(text: &str, src: YamlSource<'_>) -> Result<(T, Spans), Diagnostic> {
    let value = parse(text, src)?;
    Ok((value, Spans::read(text, src.first_line)))
}

/// One step of a path into a YAML document: a mapping key or a list index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Seg {
    /// A mapping key (a scalar key as written; `?` for a list or mapping used as a key).
    Key(String),
    /// A list index, from 0.
    Index(usize),
}

impl From<&str> for Seg {
    fn from(key: &str) -> Seg {
        Seg::Key(key.to_string())
    }
}

impl From<&String> for Seg {
    fn from(key: &String) -> Seg {
        Seg::Key(key.clone())
    }
}

impl From<usize> for Seg {
    fn from(index: usize) -> Seg {
        Seg::Index(index)
    }
}

/// Builds a [`Seg`] path from keys and indexes: `path!["steps", 2, "link"]`.
#[macro_export]
macro_rules! yaml_path {
    ($($seg:expr),* $(,)?) => { [$($crate::yaml::Seg::from($seg)),*] };
}

/// Where a key and its value start: 1-based line (of the enclosing file) and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    /// The key, for a mapping entry; `None` for a list item.
    key: Option<(usize, usize)>,
    value: (usize, usize),
}

/// Positions of every key and value of a YAML document, keyed by their path
/// (`["community", "git"]`, `["steps", 2, "link"]`), read once by a
/// location-aware event parser (`saphyr-parser`) over the same text the
/// values were deserialized from. Values reached through an alias have no
/// position of their own. An empty `Spans` answers `None` to everything.
#[derive(Debug, Clone, Default)]
pub struct Spans {
    places: std::collections::HashMap<Vec<Seg>, Place>,
}

impl Spans {
    /// Reads the positions in `text`, whose first line is line `first_line`
    /// of its file. A syntax error ends the reading: what came before keeps
    /// its positions.
    pub fn read(text: &str, first_line: usize) -> Spans {
        use saphyr_parser::{Event, Parser};
        enum Frame {
            /// A mapping, with its key waiting for a value.
            Map {
                pending: Option<(Seg, (usize, usize))>,
                pushed: bool,
            },
            Seq {
                next: usize,
                pushed: bool,
            },
        }
        let mut places = std::collections::HashMap::new();
        let mut path: Vec<Seg> = Vec::new();
        let mut stack: Vec<Frame> = Vec::new();
        // Lines as onramp counts them everywhere else (`LineIndex`): `\n`
        // ends a line. YAML also reads a lone `\r` as a line break, which
        // would put a position past the last line of the file.
        let starts: Vec<usize> = std::iter::once(0)
            .chain(text.chars().enumerate().filter(|&(_, c)| c == '\n').map(|(i, _)| i + 1))
            .collect();
        let place = |index: usize| {
            let line = starts.partition_point(|&s| s <= index).max(1);
            (line + first_line - 1, index - starts[line - 1] + 1)
        };
        let mut parser = Parser::new_from_str(text);
        while let Some(Ok((event, span))) = parser.next_event() {
            let at = place(span.start.index());
            let (is_node, opens) = match &event {
                Event::Scalar(..) | Event::Alias(_) => (true, false),
                Event::SequenceStart(..) | Event::MappingStart(..) => (true, true),
                Event::SequenceEnd | Event::MappingEnd => {
                    let pushed = match stack.pop() {
                        Some(Frame::Map { pushed, .. } | Frame::Seq { pushed, .. }) => pushed,
                        None => false,
                    };
                    if pushed {
                        path.pop();
                    }
                    continue;
                }
                Event::DocumentEnd => break,
                _ => (false, false),
            };
            if !is_node {
                continue;
            }
            // Which step of the path this node is, if it is a value.
            let seg = match stack.last_mut() {
                Some(Frame::Map { pending, .. }) => match pending.take() {
                    Some((key, key_at)) => {
                        let mut full = path.clone();
                        full.push(key.clone());
                        places.insert(full, Place { key: Some(key_at), value: at });
                        Some(key)
                    }
                    None => {
                        let key = match &event {
                            Event::Scalar(s, ..) => Seg::Key(s.to_string()),
                            _ => Seg::Key("?".into()),
                        };
                        *pending = Some((key.clone(), at));
                        // A list or mapping used as a key: its insides sit under `?`.
                        opens.then_some(key)
                    }
                },
                Some(Frame::Seq { next, .. }) => {
                    let seg = Seg::Index(*next);
                    *next += 1;
                    let mut full = path.clone();
                    full.push(seg.clone());
                    places.insert(full, Place { key: None, value: at });
                    Some(seg)
                }
                None => None,
            };
            if opens {
                let pushed = seg.is_some();
                if let Some(seg) = seg {
                    path.push(seg);
                }
                stack.push(match event {
                    Event::MappingStart(..) => Frame::Map { pending: None, pushed },
                    _ => Frame::Seq { next: 0, pushed },
                });
            }
        }
        Spans { places }
    }

    /// The keys of the top-level mapping and where each is written, in
    /// the order of the file.
    pub fn top_keys(&self) -> Vec<(String, (usize, usize))> {
        let mut keys: Vec<(String, (usize, usize))> = self
            .places
            .iter()
            .filter_map(|(path, place)| match (path.as_slice(), place.key) {
                ([Seg::Key(k)], Some(at)) => Some((k.clone(), at)),
                _ => None,
            })
            .collect();
        keys.sort_by_key(|(_, at)| *at);
        keys
    }

    /// Where the key at `path` is written (a list item: where the item starts).
    pub fn key(&self, path: &[Seg]) -> Option<(usize, usize)> {
        self.places.get(path).map(|p| p.key.unwrap_or(p.value))
    }

    /// Where the value at `path` starts.
    pub fn value(&self, path: &[Seg]) -> Option<(usize, usize)> {
        self.places.get(path).map(|p| p.value)
    }

    /// The value when it starts on its key's line (`date: 2024-01-01`), else
    /// the key (a list or mapping written below it).
    pub fn value_or_key(&self, path: &[Seg]) -> Option<(usize, usize)> {
        self.places.get(path).map(|p| match p.key {
            Some(k) if k.0 != p.value.0 => k,
            _ => p.value,
        })
    }

    /// True when no position was read.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }
}

/// serde_yaml's path of a value (`steps[2].link`, `[0].name`) as [`Seg`]s.
/// Keys holding `.` or `[` are not told apart: such a path finds nothing.
fn parse_serde_path(path: &str) -> Vec<Seg> {
    let mut segs = Vec::new();
    for part in path.split('.') {
        let (name, mut rest) = part.split_once('[').map_or((part, ""), |(n, r)| (n, r));
        if !name.is_empty() {
            segs.push(Seg::Key(name.to_string()));
        }
        while let Some((index, after)) = rest.split_once(']') {
            if let Ok(i) = index.parse() {
                segs.push(Seg::Index(i));
            }
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    segs
}

fn alias_diagnostic(text: &str, src: YamlSource<'_>) -> Diagnostic {
    let (line, col) = first_alias(text);
    Diagnostic::error(
        src.path,
        line + src.first_line - 1,
        col,
        "YAML aliases expand to too many values",
    )
    .with_help(format!(
        "each `*alias` copies its anchored value, and onramp reads at most {MAX_EXPANDED_NODES} values; reference smaller values or write them out"
    ))
}

/// Where `text` first nests deeper than [`MAX_DEPTH`] (1-based line and
/// column), in one pass. Block levels are indentation columns and `- `
/// entries; flow levels are `[` and `{` outside quoted scalars, comments and
/// block scalars. It may count a level too many (a plain scalar continued on
/// a more indented line), never one too few for a real collection.
pub fn nesting_limit(text: &str) -> Option<(usize, usize)> {
    let mut block: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    let mut quote: Option<u8> = None;
    // Indentation of the line that opened a block scalar (`key: |`).
    let mut block_scalar: Option<usize> = None;
    let mut node_start = true;
    let at = |line: &str, no: usize, i: usize| Some((no + 1, line[..i].chars().count() + 1));
    for (no, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        let blank = line.trim().is_empty();
        if let Some(parent) = block_scalar {
            if blank || indent > parent {
                continue;
            }
            block_scalar = None;
        }
        let mut i = 0;
        if quote.is_none() && flow == 0 {
            let rest = &line[indent..];
            if blank || rest.starts_with('#') {
                continue;
            }
            if indent == 0 && (rest.starts_with("---") || rest.starts_with("...") || rest.starts_with('%')) {
                block.clear();
                continue;
            }
            while block.last().is_some_and(|&c| c > indent) {
                block.pop();
            }
            if block.last() != Some(&indent) {
                block.push(indent);
            }
            i = indent;
            // Compact sequences and explicit keys: every `- ` or `? ` opens a
            // level at the next column.
            while matches!(bytes.get(i), Some(b'-' | b'?')) && matches!(bytes.get(i + 1), None | Some(b' ')) {
                i += 1;
                while bytes.get(i) == Some(&b' ') {
                    i += 1;
                }
                if i < bytes.len() && bytes[i] != b'#' {
                    block.push(i);
                }
                if block.len() > MAX_DEPTH {
                    return at(line, no, i.min(line.len()));
                }
            }
            if block.len() > MAX_DEPTH {
                return at(line, no, indent);
            }
            node_start = true;
        }
        while i < bytes.len() {
            let b = bytes[i];
            if let Some(q) = quote {
                match (q, b) {
                    (b'"', b'\\') => i += 1,
                    (b'"', b'"') => quote = None,
                    (b'\'', b'\'') if bytes.get(i + 1) == Some(&b'\'') => i += 1,
                    (b'\'', b'\'') => quote = None,
                    _ => {}
                }
                i += 1;
                continue;
            }
            let spaced = |j: usize| matches!(bytes.get(j), None | Some(b' ' | b'\t'));
            match b {
                b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t') => break,
                b' ' | b'\t' => {}
                b'"' | b'\'' if node_start => {
                    quote = Some(b);
                    node_start = false;
                }
                b'[' | b'{' if node_start || flow > 0 => {
                    flow += 1;
                    if block.len() + flow > MAX_DEPTH {
                        return at(line, no, i);
                    }
                    node_start = true;
                }
                b']' | b'}' if flow > 0 => {
                    flow -= 1;
                    node_start = false;
                }
                b',' if flow > 0 => node_start = true,
                b':' if spaced(i + 1) || (flow > 0 && matches!(bytes.get(i + 1), Some(b',' | b']' | b'}'))) => {
                    node_start = true
                }
                b'?' | b'-' if node_start && spaced(i + 1) => {}
                b'|' | b'>' if node_start && flow == 0 => {
                    block_scalar = Some(indent);
                    break;
                }
                // An anchor or a tag comes before its node.
                b'&' | b'!' if node_start => {
                    while i + 1 < bytes.len() && !matches!(bytes[i + 1], b' ' | b'\t' | b'[' | b'{' | b',') {
                        i += 1;
                    }
                }
                _ => node_start = false,
            }
            i += 1;
        }
    }
    None
}

/// True when the document, with its aliases expanded, has more than
/// [`MAX_EXPANDED_NODES`] values. A syntax error is left to the real parse.
fn expands_too_far(text: &str) -> bool {
    use serde::de::DeserializeSeed;
    let count = std::cell::Cell::new(0usize);
    let seed = Counter { count: &count };
    let result = seed.deserialize(serde_yaml::Deserializer::from_str(text));
    result.is_err() && count.get() > MAX_EXPANDED_NODES
}

/// Line and column of the first `*alias` in `text`, or 1:1.
fn first_alias(text: &str) -> (usize, usize) {
    text.lines()
        .enumerate()
        .find_map(|(i, l)| {
            let b = l.as_bytes();
            (0..b.len())
                .find(|&j| b[j] == b'*' && (j == 0 || matches!(b[j - 1], b' ' | b'[' | b'{' | b',')))
                .map(|j| (i + 1, l[..j].chars().count() + 1))
        })
        .unwrap_or((1, 1))
}

/// Visits a YAML document without keeping it, counting its values.
#[derive(Clone, Copy)]
struct Counter<'a> {
    count: &'a std::cell::Cell<usize>,
}

impl Counter<'_> {
    fn add<E: serde::de::Error>(self) -> Result<(), E> {
        self.count.set(self.count.get() + 1);
        if self.count.get() > MAX_EXPANDED_NODES { Err(E::custom("too many values")) } else { Ok(()) }
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Counter<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Counter<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<(), E> {
        self.add()
    }
    fn visit_i64<E: serde::de::Error>(self, _: i64) -> Result<(), E> {
        self.add()
    }
    fn visit_u64<E: serde::de::Error>(self, _: u64) -> Result<(), E> {
        self.add()
    }
    fn visit_i128<E: serde::de::Error>(self, _: i128) -> Result<(), E> {
        self.add()
    }
    fn visit_u128<E: serde::de::Error>(self, _: u128) -> Result<(), E> {
        self.add()
    }
    fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<(), E> {
        self.add()
    }
    fn visit_str<E: serde::de::Error>(self, _: &str) -> Result<(), E> {
        self.add()
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<(), E> {
        self.add()
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<(), E> {
        self.add()
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_newtype_struct<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.add()?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.add()?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    fn visit_enum<A: serde::de::EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        use serde::de::VariantAccess;
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

fn to_diagnostic(err: &serde_yaml::Error, text: &str, src: YamlSource<'_>) -> Diagnostic {
    let full = err.to_string();
    let raw = full.split(" at line ").next().unwrap_or(&full).trim().to_string();
    let (mut line, mut col) = err.location().map_or((1, 1), |l| (l.line(), l.column()));
    let (key_path, msg) = split_key_path(&raw);
    let (message, help, key) = reword(key_path, msg, src.key_noun);
    if let Some(key) = &key {
        // serde points at the mapping, not the key: look the key up.
        let mut path = key_path.map(parse_serde_path).unwrap_or_default();
        path.push(Seg::Key(key.clone()));
        if let Some(at) = Spans::read(text, 1).key(&path) {
            (line, col) = at;
        }
    }
    // libyaml puts the end of the input on the line after the last one when
    // the text has no final line break, and counts a lone CR as a line break
    // where onramp's line index does not: keep the position inside the text.
    let last = text.split('\n').count().max(1);
    if line > last {
        line = last;
        col = text.rsplit('\n').next().map_or(0, |l| l.trim_end_matches('\r').chars().count()) + 1;
    }
    let d = Diagnostic::error(src.path, line + src.first_line - 1, col, message);
    let help = help.or_else(|| context_help(&full, src.first_line));
    match help {
        Some(h) => d.with_help(h),
        None => d,
    }
}

/// libyaml adds where the construct it was reading began (", while scanning a
/// quoted scalar at line 2 column 8"): turn that into a help line, remapped.
fn context_help(full: &str, first_line: usize) -> Option<String> {
    let (_, ctx) = full.split_once(", while ")?;
    let (what, pos) = ctx.split_once(" at line ")?;
    let (line, col) = pos.split_once(" column ")?;
    let line: usize = line.trim().parse().ok()?;
    let col: usize = col.trim().parse().ok()?;
    Some(format!("while {what} that starts at line {}, column {col}", line + first_line - 1))
}

/// serde_yaml prefixes messages with the path of the key (`repo.branch: …`).
fn split_key_path(raw: &str) -> (Option<&str>, &str) {
    match raw.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && !path.is_empty() && !raw.starts_with("unknown field") => {
            (Some(path), rest)
        }
        _ => (None, raw),
    }
}

fn backticked(s: &str) -> Vec<&str> {
    s.split('`').skip(1).step_by(2).collect()
}

pub(crate) fn reword(key_path: Option<&str>, msg: &str, noun: &str) -> (String, Option<String>, Option<String>) {
    let prefix = key_path.map(|p| format!("{p}.")).unwrap_or_default();
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let names = backticked(rest);
        let unknown = names.first().copied().unwrap_or("?");
        let known = names.iter().skip(1).copied();
        let help = match closest(unknown, known) {
            Some(c) => format!("did you mean `{prefix}{c}`?"),
            None => format!(
                "known keys are {}",
                names.iter().skip(1).map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
            ),
        };
        return (format!("unknown {noun} `{prefix}{unknown}`"), Some(help), Some(unknown.to_string()));
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "another type"));
        let expected = friendly_type(expected);
        let key = key_path.unwrap_or("value");
        return (format!("`{key}` must be {expected}, found {found}"), None, None);
    }
    if let Some(rest) = msg.strip_prefix("missing field ") {
        let name = backticked(rest).first().copied().unwrap_or("?").to_string();
        return (format!("missing {noun} `{prefix}{name}`"), Some(format!("add `{name}: …`")), None);
    }
    let text = match key_path {
        Some(p) => format!("invalid YAML at `{p}`: {msg}"),
        None => format!("invalid YAML: {msg}"),
    };
    (text, None, None)
}

fn friendly_type(expected: &str) -> String {
    match expected {
        "i64" | "i32" | "u32" | "u64" | "usize" | "isize" | "u16" | "i16" => "an integer".into(),
        "f64" | "f32" => "a number".into(),
        "a boolean" | "bool" => "`true` or `false`".into(),
        "a string" => "a string".into(),
        "a sequence" => "a list".into(),
        "a map" => "a mapping".into(),
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Fm {
        title: String,
        weight: Option<i64>,
    }

    fn src() -> YamlSource<'static> {
        YamlSource { path: Path::new("a.md"), first_line: 2, key_noun: "front matter field" }
    }

    #[test]
    fn unknown_key_suggests_closest_at_its_position() {
        let e = parse::<Fm>("title: x\ntitel: y\n", src()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "a.md:3:1: error: unknown front matter field `titel`\n  = help: did you mean `title`?"
        );
    }

    #[test]
    fn wrong_type_says_what_was_expected() {
        let e = parse::<Fm>("title: x\nweight: ten\n", src()).unwrap_err();
        assert_eq!(e.to_string(), "a.md:3:9: error: `weight` must be an integer, found string \"ten\"");
    }

    #[test]
    fn nesting_counts_flow_and_block_levels() {
        let flow = format!("title: x\nextra: {{x: {}1{}}}\n", "[".repeat(100), "]".repeat(100));
        // `extra` is one block level, `{` one flow level: the 63rd `[` (column 74) is the 65th level.
        assert_eq!(nesting_limit(&flow), Some((2, 74)));
        let ok = format!("a: {}1{}\n", "[".repeat(63), "]".repeat(63));
        assert_eq!(nesting_limit(&ok), None);
        let block: String = (0..70).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect();
        assert_eq!(nesting_limit(&block), Some((65, 129)));
        let dashes = format!("{}x\n", "- ".repeat(70));
        assert_eq!(nesting_limit(&dashes), Some((1, 129)));
        let keys = format!("{}x\n", "- ? ".repeat(35));
        assert_eq!(nesting_limit(&keys), Some((1, 129)));
    }

    #[test]
    fn nesting_ignores_quotes_comments_and_block_scalars() {
        let brackets = "[".repeat(200);
        let text = format!(
            "a: \"{brackets}\\\" {brackets}\"\nb: '{brackets}'' {brackets}'\nc: x # {brackets}\nd: |\n  {brackets}\n    - {brackets}\ne: it's {brackets}\nf: [it's, '{brackets}']\n# {brackets}\n"
        );
        assert_eq!(nesting_limit(&text), None, "{text}");
    }

    #[test]
    fn deep_yaml_is_refused_before_parsing() {
        let text = format!("title: x\nextra: {{x: {}{}}}\n", "[".repeat(40_000), "]".repeat(40_000));
        let started = std::time::Instant::now();
        let e = parse::<serde_json::Value>(&text, src()).unwrap_err();
        assert!(started.elapsed().as_secs() < 2);
        assert_eq!(
            e.to_string(),
            "a.md:3:74: error: YAML nested more than 64 levels deep\n  = help: onramp reads at most 64 levels of lists and mappings inside one another; flatten the structure"
        );
    }

    #[test]
    fn alias_expansion_is_bounded() {
        let items = vec!["1"; 2_000].join(",");
        let refs = vec!["*a"; 1_000].join(",");
        let text = format!("a: &a [{items}]\nb: [{refs}]\n");
        let e = parse::<serde_json::Value>(&text, src()).unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert_eq!(e.col, 5, "{e}");
        assert_eq!(e.message, "YAML aliases expand to too many values");
        // A few aliases are fine.
        let v: serde_json::Value = parse("a: &a [1, 2]\nb: [*a, *a]\n", src()).unwrap();
        assert_eq!(v["b"][1][1], 2);
        // The classic nested "billion laughs" trips serde_yaml's own limit on alias jumps.
        let mut laughs = vec!["l0: &l0 lol".to_string()];
        laughs.extend((1..10).map(|i| format!("l{i}: &l{i} [{}]", vec![format!("*l{}", i - 1); 9].join(","))));
        let e = parse::<serde_json::Value>(&laughs.join("\n"), src()).unwrap_err();
        assert_eq!((e.line, e.col), (3, 10), "{e}");
        assert_eq!(e.message, "YAML aliases expand to too many values");
    }

    #[test]
    fn syntax_error_is_remapped() {
        let e = parse::<Fm>("title: x\nweight: \"1\n", src()).unwrap_err();
        assert!(e.line >= 2, "{e}");
        assert!(e.message.starts_with("invalid YAML"), "{e}");
    }

    #[test]
    fn spans_find_each_key_and_value_by_path() {
        let text = "title: \"logo: here\"\nsteps:\n  - link: /a/\n  - {link: /a/, x: 1}\n  - link: /a/\nmount:\n  ../A.md: docs/a.md\n";
        let s = Spans::read(text, 2);
        assert_eq!(s.key(&crate::yaml_path!["title"]), Some((2, 1)));
        assert_eq!(s.value(&crate::yaml_path!["title"]), Some((2, 8)));
        assert_eq!(s.key(&crate::yaml_path!["steps", 2, "link"]), Some((6, 5)));
        assert_eq!(s.value(&crate::yaml_path!["steps", 1, "link"]), Some((5, 12)));
        assert_eq!(s.key(&crate::yaml_path!["steps", 1]), Some((5, 5)));
        assert_eq!(s.value_or_key(&crate::yaml_path!["steps"]), Some((3, 1)));
        assert_eq!(s.key(&crate::yaml_path!["mount", "../A.md"]), Some((8, 3)));
        assert_eq!(s.key(&crate::yaml_path!["nope"]), None);
        assert_eq!(parse_serde_path("steps[2].link"), crate::yaml_path!["steps", 2, "link"].to_vec());
    }

    #[test]
    fn unknown_key_in_a_list_item_is_found_in_that_item() {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Step {
            link: String,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Steps {
            steps: Vec<Step>,
        }
        let e = parse::<Steps>("steps:\n  - link: a\n    lnk: b\n  - link: a\n    lnk: b\n", src()).unwrap_err();
        assert_eq!((e.line, e.col), (4, 5), "{e}");
    }
}

//! The floor of a build: pulldown-cmark and syntect alone over a folder of
//! markdown, on all cores, with nothing else a site generator does (no site
//! model, no links, no templates, no search, no output files).
//!
//! Usage: `cargo run --release --example floor -- DIR [--dedup] [--runs N] [--json]`
//!
//! Every `*.md` file under DIR is read, its YAML front matter skipped, its
//! body parsed with the options onramp's markdown stage uses, and every
//! fenced code block highlighted as onramp does it: two-face's syntax set
//! (syntect's defaults plus the extended set), class-based HTML with `hl-`
//! classes, the same language aliases. The HTML is rendered into a String
//! and dropped. `--dedup` highlights identical blocks (same language and
//! text) once, through a shared cache, as onramp's `Highlighter` does:
//! translations repeat their source's code blocks.
//!
//! Prints the wall time of the whole pass (files read, parsed, highlighted,
//! rendered; the syntax set loaded before it) and files per second; with
//! `--runs N` the median of N passes in one process.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The options of `src/markdown/mod.rs`.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

type Cache = Mutex<HashMap<(u64, usize), Arc<str>>>;

/// The language lookup of `src/highlight.rs`.
fn find<'s>(syntaxes: &'s SyntaxSet, lang: &str) -> Option<&'s SyntaxReference> {
    let lang = lang.trim().to_ascii_lowercase();
    let lang = match lang.as_str() {
        "" | "text" | "plain" | "plaintext" | "txt" => return None,
        "shell" | "console" | "shell-session" | "zsh" => "bash",
        "jinja" | "jinja2" | "tera" => "html",
        "yml" => "yaml",
        other => other,
    };
    syntaxes.find_syntax_by_token(lang)
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn classed(syntaxes: &SyntaxSet, syntax: &SyntaxReference, code: &str) -> String {
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        if generator.parse_html_for_line_which_includes_newline(line).is_err() {
            return escape(code);
        }
    }
    generator.finalize()
}

fn highlight(syntaxes: &SyntaxSet, cache: Option<&Cache>, code: &str, lang: &str) -> String {
    let body = match find(syntaxes, lang) {
        None => escape(code),
        Some(syntax) => match cache {
            None => classed(syntaxes, syntax, code),
            Some(cache) => {
                let mut hasher = std::hash::DefaultHasher::new();
                (&syntax.name, code).hash(&mut hasher);
                let key = (hasher.finish(), code.len());
                if let Some(hit) = cache.lock().unwrap().get(&key).cloned() {
                    hit.to_string()
                } else {
                    let body = classed(syntaxes, syntax, code);
                    cache.lock().unwrap().insert(key, Arc::from(body.as_str()));
                    body
                }
            }
        },
    };
    let lang = escape(lang);
    format!("<pre class=\"code\" data-lang=\"{lang}\"><code class=\"language-{lang}\">{body}</code></pre>\n")
}

/// The body after a `---` YAML front matter block, if any.
fn body(text: &str) -> &str {
    if let Some(rest) = text.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---\n")
    {
        return &rest[end + 5..];
    }
    text
}

/// One file: read, parse, highlight, render; returns the HTML length.
fn render(path: &PathBuf, syntaxes: &SyntaxSet, cache: Option<&Cache>) -> usize {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let md = body(&text);
    let mut events = Vec::with_capacity(256);
    let mut parser = Parser::new_ext(md, options());
    while let Some(ev) = parser.next() {
        match ev {
            Event::Start(Tag::CodeBlock(kind)) => {
                let mut code = String::new();
                for e in parser.by_ref() {
                    match e {
                        Event::Text(t) => code.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info.split([' ', ',', '{']).next().unwrap_or("").trim(),
                    CodeBlockKind::Indented => "",
                };
                events.push(Event::Html(highlight(syntaxes, cache, &code, lang).into()));
            }
            other => events.push(other),
        }
    }
    let mut html = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html.len()
}

fn main() {
    let mut dir = None;
    let (mut dedup, mut json, mut runs) = (false, false, 1usize);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dedup" => dedup = true,
            "--json" => json = true,
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).expect("--runs N"),
            "-h" | "--help" => {
                println!("usage: floor DIR [--dedup] [--runs N] [--json]");
                return;
            }
            other if dir.is_none() && !other.starts_with('-') => dir = Some(PathBuf::from(other)),
            other => panic!("unexpected argument {other}"),
        }
    }
    let dir = dir.expect("usage: floor DIR [--dedup] [--runs N] [--json]");
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let t = Instant::now();
    let syntaxes = two_face::syntax::extra_newlines();
    let load = t.elapsed().as_secs_f64();
    let mut times = Vec::with_capacity(runs);
    let mut bytes = 0;
    for _ in 0..runs {
        let cache: Option<Cache> = dedup.then(|| Mutex::new(HashMap::new()));
        let t = Instant::now();
        bytes = files.par_iter().map(|f| render(f, &syntaxes, cache.as_ref())).sum::<usize>();
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let wall = times[times.len() / 2];
    let threads = rayon::current_num_threads();
    if json {
        println!(
            "{{\"files\": {}, \"threads\": {threads}, \"dedup\": {dedup}, \"syntax_load_s\": {load:.4}, \"wall_s\": {wall:.4}, \"files_per_s\": {:.1}, \"html_bytes\": {bytes}}}",
            files.len(),
            files.len() as f64 / wall
        );
    } else {
        println!(
            "{} files, {threads} threads{}: {wall:.3} s (median of {runs}), {:.0} files/s; syntax set loaded in {load:.3} s; {bytes} bytes of HTML",
            files.len(),
            if dedup { ", identical blocks highlighted once" } else { "" },
            files.len() as f64 / wall
        );
    }
}

//! Syntax highlighting: the only module that uses syntect.
//!
//! The syntax set (syntect's defaults plus two-face's extended set: TypeScript,
//! TOML, Dockerfile…) loads once into a [`Highlighter`] that every render
//! thread shares by reference. An unknown language renders as plain, escaped
//! code.
//!
//! Code becomes flat spans with short classes resolved from the site's two
//! themes ([`CodeStyle`]): `l3 d5` reads "the light theme's third colour, the
//! dark theme's fifth"; `lb`/`li`/`lu` (and `db`/`di`/`du`) add bold, italic
//! and underline, `lg2`/`dg2` a background. The style of each token is the
//! theme's own resolution of its scope stack (syntect's, as in Sublime Text),
//! and adjacent tokens with the same look share one span. Scope-per-class
//! HTML (`<span class="hl-entity hl-name hl-tag hl-yaml">`, nested once per
//! scope) was five times larger: two thirds of a typical page, copied through
//! every stage after markdown and written to disk. [`CodeStyle::css`] writes
//! the matching stylesheet, light by default and dark under
//! `prefers-color-scheme: dark` or `data-theme="dark"`.

use crate::escape::{escape, escape_into};
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;
use std::fmt::Write as _;
use std::hash::{Hash, Hasher};
use std::rc::Rc;
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use syntect::highlighting::{Color, FontStyle, Highlighter as ThemeResolver, Style, Theme};
use syntect::parsing::{ParseState, Scope, ScopeStack, ScopeStackOp, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;
use two_face::theme::EmbeddedLazyThemeSet;

/// Light and dark themes when a site names none.
pub use crate::schema::site::DEFAULT_HIGHLIGHT_THEMES as DEFAULT_THEMES;

/// Shared highlighting state: the syntax set, the site's themes, and the
/// blocks already highlighted. Translations repeat their source's code
/// blocks, and a dev server highlights the same blocks on every save: each
/// is parsed once.
pub struct Highlighter {
    syntaxes: &'static SyntaxSet,
    style: RwLock<Arc<CodeStyle>>,
    /// Highlighted body by (syntax name, code), through a 64-bit hash of both
    /// with the code's length.
    cache: Mutex<HashMap<(u64, usize), Arc<str>>>,
    /// Syntaxes by fence language as written (`Bash`, `yml`): syntect
    /// finds a token by comparing it with every syntax's name and
    /// extensions, a few microseconds a block.
    syntax_of: RwLock<HashMap<String, Option<&'static SyntaxReference>>>,
    /// Keep the caches across builds (the dev server), instead of dropping
    /// them after each build's markdown stage ([`Highlighter::end_of_build`]).
    keep: bool,
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

impl Highlighter {
    /// A highlighter with the default themes. The syntax set is loaded
    /// once per process (tens of milliseconds, and most of what a small
    /// build costs in a debug build) and shared: it never changes.
    pub fn new() -> Self {
        static SYNTAXES: OnceLock<SyntaxSet> = OnceLock::new();
        let style = CodeStyle::new(DEFAULT_THEMES.0, DEFAULT_THEMES.1).expect("the default themes exist");
        Highlighter {
            syntaxes: SYNTAXES.get_or_init(two_face::syntax::extra_newlines),
            style: RwLock::new(Arc::new(style)),
            cache: Mutex::new(HashMap::default()),
            syntax_of: RwLock::new(HashMap::default()),
            keep: false,
        }
    }

    /// A highlighter that remembers blocks from one build to the next, for
    /// a process that rebuilds the same site again and again.
    pub fn persistent() -> Self {
        Highlighter { keep: true, ..Self::new() }
    }

    /// Highlights with the `light` and `dark` themes from now on, and
    /// returns their stylesheet; `Err` names the first unknown theme.
    /// Highlighted blocks are forgotten when the themes change.
    pub fn use_themes(&self, light: &str, dark: &str) -> Result<String, String> {
        let current = self.style();
        if current.names == (light.to_string(), dark.to_string()) {
            return Ok(current.css());
        }
        let style = Arc::new(CodeStyle::new(light, dark)?);
        let css = style.css();
        if let Ok(mut s) = self.style.write() {
            *s = style;
        }
        if let Ok(mut c) = self.cache.lock() {
            c.clear();
        }
        Ok(css)
    }

    fn style(&self) -> Arc<CodeStyle> {
        match self.style.read() {
            Ok(s) => s.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Called once a build has highlighted everything: frees the cache
    /// unless the highlighter is [`persistent`](Highlighter::persistent).
    pub fn end_of_build(&self) {
        if !self.keep {
            if let Ok(mut c) = self.cache.lock() {
                *c = HashMap::default();
            }
            rayon::broadcast(|_| LineMemo::clear());
            LineMemo::clear();
        }
    }

    fn find(&self, lang: &str) -> Option<&'static SyntaxReference> {
        if let Some(&hit) = self.syntax_of.read().ok().as_ref().and_then(|m| m.get(lang)) {
            return hit;
        }
        let found = self.lookup(lang);
        if let Ok(mut m) = self.syntax_of.write() {
            m.insert(lang.to_string(), found);
        }
        found
    }

    fn lookup(&self, lang: &str) -> Option<&'static SyntaxReference> {
        let lang = lang.trim().to_ascii_lowercase();
        let lang = match lang.as_str() {
            "" | "text" | "plain" | "plaintext" | "txt" => return None,
            "shell" | "console" | "shell-session" | "zsh" => "bash",
            "jinja" | "jinja2" | "tera" => "html",
            "yml" => "yaml",
            other => other,
        };
        self.syntaxes.find_syntax_by_token(lang)
    }

    /// Highlights `code` written in `lang` into a `<pre>` block.
    pub fn highlight(&self, code: &str, lang: &str) -> String {
        let lang_attr = escape(lang);
        let body = match self.find(lang) {
            Some(syntax) => self.cached(code, syntax),
            None => escape(code),
        };
        if lang.is_empty() {
            format!("<pre class=\"code\"><code>{body}</code></pre>\n")
        } else {
            format!(
                "<pre class=\"code\" data-lang=\"{lang_attr}\"><code class=\"language-{lang_attr}\">{body}</code></pre>\n"
            )
        }
    }

    /// Highlights a block shown with a `layout` (a title, marked lines,
    /// line numbers, diff lines). Without any, the output is
    /// [`Highlighter::highlight`]'s, byte for byte.
    ///
    /// Each line becomes one element (`span.line`, `mark.line` when marked,
    /// `ins.line`/`del.line` for a diff's added and removed lines) holding
    /// its newline, so the text of the `<code>` is still the code. Line
    /// numbers and diff signs are `aria-hidden` spans (`.ln`, `.dm`) that
    /// the copy button leaves out.
    pub fn highlight_block(&self, code: &str, lang: &str, layout: &BlockLayout) -> String {
        if *layout == BlockLayout::default() {
            return self.highlight(code, lang);
        }
        let (code, signs) = if layout.diff { split_diff(code) } else { (code.to_string(), Vec::new()) };
        let body = match self.find(lang) {
            Some(syntax) => self.cached(&code, syntax),
            None => escape(&code),
        };
        let mut html = String::with_capacity(body.len() * 2);
        if let Some(title) = &layout.title {
            let _ = write!(
                html,
                "<figure class=\"code-figure\"><figcaption class=\"code-title\">{}</figcaption>",
                escape(title)
            );
        }
        let mut classes = String::from("code");
        if layout.line_numbers {
            classes.push_str(" numbered");
        }
        if layout.diff {
            classes.push_str(" diff");
        }
        if lang.is_empty() {
            let _ = write!(html, "<pre class=\"{classes}\"><code>");
        } else {
            let l = escape(lang);
            let _ = write!(html, "<pre class=\"{classes}\" data-lang=\"{l}\"><code class=\"language-{l}\">");
        }
        if layout.line_numbers || layout.diff || !layout.highlighted.is_empty() {
            let width = (layout.start + code.lines().count()).saturating_sub(1).max(1).to_string().len();
            for (i, line) in split_lines(&body).into_iter().enumerate() {
                let n = i + 1;
                let marked = layout.highlighted.iter().any(|(a, b)| (*a..=*b).contains(&n));
                let sign = signs.get(i).copied().unwrap_or(' ');
                let (tag, class) = match sign {
                    '+' => ("ins", " add"),
                    '-' => ("del", " del"),
                    _ if marked => ("mark", ""),
                    _ => ("span", ""),
                };
                let hl = if marked { " hl" } else { "" };
                let _ = write!(html, "<{tag} class=\"line{class}{hl}\">");
                if layout.line_numbers {
                    let _ = write!(html, "<span class=\"ln\" aria-hidden=\"true\">{:>width$}</span>", layout.start + i);
                }
                if layout.diff {
                    let _ = write!(html, "<span class=\"dm\" aria-hidden=\"true\">{sign}</span>");
                }
                html.push_str(&line);
                let _ = write!(html, "</{tag}>");
            }
        } else {
            html.push_str(&body);
        }
        html.push_str("</code></pre>");
        if layout.title.is_some() {
            html.push_str("</figure>");
        }
        html.push('\n');
        html
    }

    fn cached(&self, code: &str, syntax: &SyntaxReference) -> String {
        let mut hasher = std::hash::DefaultHasher::new();
        (&syntax.name, code).hash(&mut hasher);
        let key = (hasher.finish(), code.len());
        if let Some(hit) = self.cache.lock().ok().and_then(|c| c.get(&key).cloned()) {
            return hit.to_string();
        }
        let body = self.style().spans(code, syntax, self.syntaxes).unwrap_or_else(|| escape(code));
        if let Ok(mut c) = self.cache.lock() {
            c.insert(key, Arc::from(body.as_str()));
        }
        body
    }

    /// Names of the available highlighting themes.
    pub fn theme_names() -> Vec<&'static str> {
        EmbeddedLazyThemeSet::theme_names().iter().map(|n| n.as_name()).collect()
    }
}

/// A light and a dark theme, and what their styles are called in HTML.
pub struct CodeStyle {
    names: (String, String),
    light: Scheme,
    dark: Scheme,
    /// Classes by scope stack (`None`: plain text in both themes).
    classes: RwLock<HashMap<Vec<Scope>, Option<Class>>>,
}

/// One theme: its colours numbered in the order the theme lists them, so a
/// class name depends on the theme alone, never on the content or on which
/// thread saw a style first.
struct Scheme {
    theme: Theme,
    /// `l` or `d`.
    prefix: char,
    colors: Vec<Color>,
    backgrounds: Vec<Color>,
}

impl Scheme {
    fn new(theme: &Theme, prefix: char) -> Scheme {
        let mut colors = Vec::new();
        let mut backgrounds = Vec::new();
        for item in &theme.scopes {
            if let Some(c) = item.style.foreground.filter(|c| Some(*c) != theme.settings.foreground)
                && !colors.contains(&c)
            {
                colors.push(c);
            }
            if let Some(c) = item.style.background.filter(|c| Some(*c) != theme.settings.background)
                && !backgrounds.contains(&c)
            {
                backgrounds.push(c);
            }
        }
        Scheme { theme: theme.clone(), prefix, colors, backgrounds }
    }

    /// Appends this theme's classes for `style` to `out`; false when the
    /// style is the theme's plain text.
    fn classes(&self, style: Style, out: &mut String) -> bool {
        let p = self.prefix;
        let color = self.colors.iter().position(|c| *c == style.foreground).map_or(0, |i| i + 1);
        let background = self.backgrounds.iter().position(|c| *c == style.background).map(|i| i + 1);
        let _ = write!(out, " {p}{color}");
        for (flag, letter) in [(FontStyle::BOLD, 'b'), (FontStyle::ITALIC, 'i'), (FontStyle::UNDERLINE, 'u')] {
            if style.font_style.contains(flag) {
                let _ = write!(out, " {p}{letter}");
            }
        }
        if let Some(b) = background {
            let _ = write!(out, " {p}g{b}");
        }
        color != 0 || background.is_some() || !style.font_style.is_empty()
    }

    /// Rules for this theme's classes under `scope` (a selector prefix).
    fn rules(&self, scope: &str, out: &mut String) {
        let _ = writeln!(out, "{scope}.code .{}0 {{ color: inherit; }}", self.prefix);
        for (i, c) in self.colors.iter().enumerate() {
            let _ = writeln!(out, "{scope}.code .{}{} {{ color: {}; }}", self.prefix, i + 1, css_color(*c));
        }
        for (i, c) in self.backgrounds.iter().enumerate() {
            let _ = writeln!(out, "{scope}.code .{}g{} {{ background-color: {}; }}", self.prefix, i + 1, css_color(*c));
        }
        let p = self.prefix;
        let _ = writeln!(out, "{scope}.code .{p}b {{ font-weight: bold; }}");
        let _ = writeln!(out, "{scope}.code .{p}i {{ font-style: italic; }}");
        let _ = writeln!(out, "{scope}.code .{p}u {{ text-decoration: underline; }}");
    }
}

fn css_color(c: Color) -> String {
    if c.a == 0xff {
        format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
    } else {
        format!("#{:02x}{:02x}{:02x}{:02x}", c.r, c.g, c.b, c.a)
    }
}

impl CodeStyle {
    /// The styles of two themes by name; `Err` names the first unknown one.
    pub fn new(light: &str, dark: &str) -> Result<CodeStyle, String> {
        let themes = two_face::theme::extra();
        let light_theme = find_theme(&themes, light).ok_or_else(|| light.to_string())?;
        let dark_theme = find_theme(&themes, dark).ok_or_else(|| dark.to_string())?;
        Ok(CodeStyle {
            names: (light.to_string(), dark.to_string()),
            light: Scheme::new(light_theme, 'l'),
            dark: Scheme::new(dark_theme, 'd'),
            classes: RwLock::new(HashMap::default()),
        })
    }

    /// The stylesheet: light classes apply by default; under the dark
    /// scheme the light ones are undone and the dark ones apply.
    pub fn css(&self) -> String {
        let (light, dark) = &self.names;
        let mut out = format!("/* Generated by onramp from the `{light}` and `{dark}` themes. */\n");
        self.light.rules("", &mut out);
        self.dark_rules(":root[data-theme=\"dark\"] ", &mut out);
        out.push_str("@media (prefers-color-scheme: dark) {\n");
        self.dark_rules(":root:not([data-theme=\"light\"]) ", &mut out);
        out.push_str("}\n");
        out
    }

    /// The dark scheme under `scope`: undo what the light classes set, then
    /// apply the dark ones (same specificity, so the later rule wins on a
    /// span that has both).
    fn dark_rules(&self, scope: &str, out: &mut String) {
        let _ = writeln!(out, "{scope}.code .lb {{ font-weight: inherit; }}");
        let _ = writeln!(out, "{scope}.code .li {{ font-style: inherit; }}");
        let _ = writeln!(out, "{scope}.code .lu {{ text-decoration: inherit; }}");
        for i in 0..self.light.backgrounds.len() {
            let _ = writeln!(out, "{scope}.code .lg{} {{ background-color: transparent; }}", i + 1);
        }
        self.dark.rules(scope, out);
    }

    /// The classes for a scope stack, resolved by both themes once per
    /// stack.
    fn class_for(&self, stack: &[Scope]) -> Option<Class> {
        if let Some(hit) = self.classes.read().ok().and_then(|c| c.get(stack).cloned()) {
            return hit;
        }
        let (light, dark) = (
            ThemeResolver::new(&self.light.theme).style_for_stack(stack),
            ThemeResolver::new(&self.dark.theme).style_for_stack(stack),
        );
        let mut attr = String::new();
        let styled = self.light.classes(light, &mut attr) | self.dark.classes(dark, &mut attr);
        let marks_blanks = |s: Style, scheme: &Scheme| {
            s.font_style.contains(FontStyle::UNDERLINE) || scheme.backgrounds.contains(&s.background)
        };
        let value = styled.then(|| Class {
            attr: Arc::from(attr.trim_start()),
            marks_blanks: marks_blanks(light, &self.light) || marks_blanks(dark, &self.dark),
        });
        if let Ok(mut c) = self.classes.write() {
            c.insert(stack.to_vec(), value.clone());
        }
        value
    }

    /// `code` as escaped text in flat spans; `None` if syntect fails.
    fn spans(&self, code: &str, syntax: &SyntaxReference, syntaxes: &SyntaxSet) -> Option<String> {
        let mut out = Spans { html: String::with_capacity(code.len() * 3), open: None };
        let mut parser = ParseState::new(syntax);
        let mut stack = ScopeStack::new();
        let mut seen: HashMap<Vec<Scope>, Option<Class>> = HashMap::default();
        let mut class_of = |stack: &ScopeStack| match seen.get(stack.as_slice()) {
            Some(c) => c.clone(),
            None => {
                let c = self.class_for(stack.as_slice());
                seen.insert(stack.as_slice().to_vec(), c.clone());
                c
            }
        };
        for line in LinesWithEndings::from(code) {
            let ops = LineMemo::parse(&mut parser, line, syntaxes)?;
            let mut last = 0;
            for (pos, op) in ops.iter() {
                let pos = (*pos).min(line.len());
                if pos > last {
                    out.push(&line[last..pos], class_of(&stack));
                    last = pos;
                }
                stack.apply(op).ok()?;
            }
            if last < line.len() {
                out.push(&line[last..], class_of(&stack));
            }
        }
        Some(out.finish())
    }
}

/// Parsed lines by text and parser state. Code repeats lines from block to
/// block (`}`, imports, a command with other arguments), and syntect's
/// parsing is a pure function of the state before a line and the line:
/// a line seen again in the same state takes the recorded operations and
/// the state after them instead of being parsed again. A line is recorded
/// only from its second sighting, so lines that never repeat cost a hash.
///
/// One memo per thread: a parser state holds oniguruma regions, which may
/// not cross threads. Every syntax set onramp loads is the same, so a state
/// means the same to every [`Highlighter`].
struct LineMemo;

thread_local! {
    static LINES: RefCell<HashMap<u64, Sighting>> = const { RefCell::new(HashMap::with_hasher(rustc_hash::FxBuildHasher)) };
}

enum Sighting {
    Once,
    Parsed(Vec<Rc<ParsedLine>>),
}

struct ParsedLine {
    line: Box<str>,
    before: ParseState,
    ops: Vec<(usize, ScopeStackOp)>,
    after: ParseState,
}

/// A line's operations: parsed now, or recorded earlier.
enum LineOps {
    Fresh(Vec<(usize, ScopeStackOp)>),
    Recorded(Rc<ParsedLine>),
}

impl LineOps {
    fn iter(&self) -> std::slice::Iter<'_, (usize, ScopeStackOp)> {
        match self {
            LineOps::Fresh(ops) => ops.iter(),
            LineOps::Recorded(p) => p.ops.iter(),
        }
    }
}

impl LineMemo {
    /// States recorded per line text (a line inside a string and outside it).
    const STATES_PER_LINE: usize = 4;
    /// Lines a thread remembers at most (a dev server's highlighter keeps
    /// them from build to build).
    const LIMIT: usize = 1 << 20;

    fn parse(parser: &mut ParseState, line: &str, syntaxes: &SyntaxSet) -> Option<LineOps> {
        // A fast hash: a collision costs one comparison of the line.
        let mut hasher = rustc_hash::FxHasher::default();
        line.hash(&mut hasher);
        let key = hasher.finish();
        LINES.with(|lines| {
            let mut lines = lines.borrow_mut();
            if lines.len() >= Self::LIMIT {
                *lines = HashMap::default();
            }
            let record = match lines.get(&key) {
                None => {
                    lines.insert(key, Sighting::Once);
                    false
                }
                Some(Sighting::Once) => true,
                Some(Sighting::Parsed(seen)) => {
                    if let Some(p) = seen.iter().find(|p| p.before == *parser && &*p.line == line) {
                        *parser = p.after.clone();
                        return Some(LineOps::Recorded(p.clone()));
                    }
                    seen.len() < Self::STATES_PER_LINE
                }
            };
            let before = record.then(|| parser.clone());
            let ops = parser.parse_line(line, syntaxes).ok()?;
            let Some(before) = before else { return Some(LineOps::Fresh(ops)) };
            let parsed = Rc::new(ParsedLine { line: line.into(), before, ops, after: parser.clone() });
            match lines.entry(key).or_insert(Sighting::Once) {
                Sighting::Parsed(seen) => seen.push(parsed.clone()),
                once => *once = Sighting::Parsed(vec![parsed.clone()]),
            }
            Some(LineOps::Recorded(parsed))
        })
    }

    /// Forgets this thread's lines.
    fn clear() {
        LINES.with(|l| *l.borrow_mut() = HashMap::default());
    }
}

/// The class attribute of a token's span.
#[derive(Clone, PartialEq)]
struct Class {
    attr: Arc<str>,
    /// Whether whitespace shows the style (a background or an underline).
    marks_blanks: bool,
}

/// Highlighted HTML being written: adjacent tokens with the same classes
/// share one span.
struct Spans {
    html: String,
    open: Option<Class>,
}

impl Spans {
    fn push(&mut self, text: &str, class: Option<Class>) {
        // Whitespace takes no colour: it joins whatever span is open.
        let blank = text.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
        let joins = blank
            && self.open.as_ref().is_none_or(|o| !o.marks_blanks)
            && class.as_ref().is_none_or(|c| !c.marks_blanks);
        if class != self.open && !joins {
            if self.open.is_some() {
                self.html.push_str("</span>");
            }
            if let Some(c) = &class {
                self.html.push_str("<span class=\"");
                self.html.push_str(&c.attr);
                self.html.push_str("\">");
            }
            self.open = class;
        }
        escape_into(&mut self.html, text);
    }

    fn finish(mut self) -> String {
        if self.open.is_some() {
            self.html.push_str("</span>");
        }
        self.html
    }
}

/// How a code block is shown besides its highlighting (what its fence's
/// attributes ask for). The default shows the code as it is.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockLayout {
    /// A file name shown above the block.
    pub title: Option<String>,
    /// Marked lines: inclusive ranges, counted from 1 at the block's first line.
    pub highlighted: Vec<(usize, usize)>,
    /// Whether lines are numbered.
    pub line_numbers: bool,
    /// The number of the first line.
    pub start: usize,
    /// Lines starting with `+`/`-` are added/removed lines.
    pub diff: bool,
}

impl Default for BlockLayout {
    fn default() -> Self {
        BlockLayout { title: None, highlighted: Vec::new(), line_numbers: false, start: 1, diff: false }
    }
}

/// Takes the leading `+`/`-` off each line of a diff and returns the code
/// with the sign of each line (`' '` for a context line). Context lines
/// lose one leading space when all of them have one (a unified diff).
fn split_diff(code: &str) -> (String, Vec<char>) {
    let context_indented =
        code.lines().filter(|l| !l.is_empty() && !l.starts_with(['+', '-'])).all(|l| l.starts_with(' '));
    let mut out = String::with_capacity(code.len());
    let mut signs = Vec::new();
    for line in LinesWithEndings::from(code) {
        match line.chars().next() {
            Some(c @ ('+' | '-')) => {
                signs.push(c);
                out.push_str(&line[1..]);
            }
            Some(' ') if context_indented => {
                signs.push(' ');
                out.push_str(&line[1..]);
            }
            _ => {
                signs.push(' ');
                out.push_str(line);
            }
        }
    }
    (out, signs)
}

/// Splits highlighted HTML (flat spans, see [`Spans`]) into lines, each
/// with its newline and its own complete spans: a span open at a line's
/// end is closed there and opened again on the next line.
fn split_lines(body: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut open: Option<&str> = None;
    let mut rest = body;
    while !rest.is_empty() {
        let (piece, next) = match rest.find('\n') {
            Some(i) => (&rest[..=i], &rest[i + 1..]),
            None => (rest, ""),
        };
        rest = next;
        // A span that ended with the last line's newline: closed already.
        let piece = match piece.strip_prefix("</span>") {
            Some(p) if open.is_some() => {
                open = None;
                p
            }
            _ => piece,
        };
        let mut line = String::with_capacity(piece.len() + 32);
        if let Some(tag) = open {
            line.push_str(tag);
        }
        // Where the tags in this piece leave the open span.
        let mut scan = piece;
        let mut has_text = false;
        while !scan.is_empty() {
            if let Some(r) = scan.strip_prefix("</span>") {
                open = None;
                scan = r;
            } else if scan.starts_with("<span") {
                let end = scan.find('>').map_or(scan.len(), |e| e + 1);
                open = Some(&scan[..end]);
                scan = &scan[end..];
            } else {
                has_text = true;
                let end = scan.find('<').unwrap_or(scan.len());
                scan = &scan[end..];
            }
        }
        if !has_text {
            continue;
        }
        match piece.strip_suffix('\n') {
            Some(text) => {
                line.push_str(text);
                if open.is_some() {
                    line.push_str("</span>");
                }
                line.push('\n');
            }
            None => {
                line.push_str(piece);
                if open.is_some() && !piece.ends_with("</span>") {
                    line.push_str("</span>");
                }
            }
        }
        lines.push(line);
    }
    lines
}

fn normalize(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

fn find_theme<'a>(themes: &'a EmbeddedLazyThemeSet, name: &str) -> Option<&'a Theme> {
    let wanted = normalize(name);
    EmbeddedLazyThemeSet::theme_names().iter().find(|n| normalize(n.as_name()) == wanted).map(|n| themes.get(*n))
}

/// An unknown theme in site.yaml's `highlight:`, at its value.
pub fn unknown_highlight_theme(config: &crate::config::SiteConfig, name: &str) -> crate::diagnostics::Diagnostic {
    let key = if config.highlight.light == name { "light" } else { "dark" };
    let (line, col) = config.spans.value(&crate::yaml_path!["highlight", key]).unwrap_or((0, 0));
    crate::diagnostics::Diagnostic::error("site.yaml", line, col, format!("unknown highlighting theme `{name}`"))
        .with_help(format!("available themes: {}", Highlighter::theme_names().join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    use syntect::html::highlighted_html_for_string;

    /// The look of every character of highlighted HTML: (char, colour,
    /// bold, italic, underline), colour `None` for the theme's plain text.
    type Look = (char, Option<String>, bool, bool, bool);
    /// A span's look: (colour, bold, italic, underline).
    type SpanLook = (Option<String>, bool, bool, bool);

    /// Unescapes the text of `html` and gives each character the look its
    /// innermost span has. `look` maps a span's opening tag to a look.
    fn looks(html: &str, look: &dyn Fn(&str) -> SpanLook) -> Vec<Look> {
        let mut out = Vec::new();
        let mut stack = vec![(None, false, false, false)];
        let mut rest = html;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix("</span>") {
                stack.pop();
                rest = r;
            } else if rest.starts_with("<span") {
                let end = rest.find('>').unwrap();
                stack.push(look(&rest[..end]));
                rest = &rest[end + 1..];
            } else if rest.starts_with('<') {
                rest = &rest[rest.find('>').unwrap() + 1..];
            } else {
                let (c, len) = [("&amp;", '&'), ("&lt;", '<'), ("&gt;", '>'), ("&quot;", '"'), ("&#39;", '\'')]
                    .iter()
                    .find(|(e, _)| rest.starts_with(e))
                    .map(|(e, c)| (*c, e.len()))
                    .unwrap_or_else(|| {
                        let c = rest.chars().next().unwrap();
                        (c, c.len_utf8())
                    });
                let (color, b, i, u) = stack.last().unwrap().clone();
                out.push((c, color, b, i, u));
                rest = &rest[len..];
            }
        }
        out
    }

    /// What a class attribute means in one scheme, read from the stylesheet
    /// the way a browser would for that scheme.
    fn class_look(style: &CodeStyle, dark: bool, tag: &str) -> SpanLook {
        let attr = tag.split("class=\"").nth(1).unwrap().trim_end_matches('"');
        let scheme = if dark { &style.dark } else { &style.light };
        let p = scheme.prefix;
        let mut look = (None, false, false, false);
        for class in attr.split(' ') {
            let Some(rest) = class.strip_prefix(p) else { continue };
            match rest {
                "b" => look.1 = true,
                "i" => look.2 = true,
                "u" => look.3 = true,
                n if n.starts_with('g') => {}
                n => look.0 = n.parse::<usize>().unwrap().checked_sub(1).map(|i| css_color(scheme.colors[i])),
            }
        }
        look
    }

    /// What an inline style from syntect's own HTML means.
    fn inline_look(theme: &Theme, tag: &str) -> SpanLook {
        let style = tag.split("style=\"").nth(1).unwrap_or("");
        let color = style.split(';').find_map(|d| d.trim().strip_prefix("color:")).map(|c| c[..7].to_string());
        let plain = theme.settings.foreground.map(|c| css_color(Color { a: 0xff, ..c }));
        (
            color.filter(|c| Some(c) != plain.as_ref()),
            tag.contains("bold"),
            tag.contains("italic"),
            tag.contains("underline"),
        )
    }

    const SAMPLES: &[(&str, &str)] = &[
        (
            "rust",
            "/// Docs.\n#[derive(Debug)]\npub fn main() -> Result<(), Box<dyn Error>> {\n    let s = \"a <b> & 'c'\\n\";\n    println!(\"{s} {}\", 1 + 2.5);\n    Ok(())\n}\n",
        ),
        ("yaml", "# comment\nsite:\n  title: \"Hello\"\n  list:\n    - one\n    - 2\n  on: true\n"),
        ("html", "<!doctype html>\n<a href=\"/x?a=1&amp;b\" class='c'>link</a>\n<script>let x = 1;</script>\n"),
        ("python", "@decorator\ndef f(x: int) -> str:\n    \"\"\"Doc.\"\"\"\n    return f'{x!r}'  # note\n"),
        ("bash", "#!/bin/sh\nset -eu\nfor f in *.md; do echo \"$f\" | wc -l; done > out.txt\n"),
        ("diff", "--- a\n+++ b\n@@ -1 +1 @@\n-old\n+new\n"),
    ];

    /// Every character has the colour and font style that syntect's own
    /// inline-style HTML gives it, in the light and in the dark theme.
    #[test]
    fn every_character_looks_as_the_theme_says() {
        let ss = two_face::syntax::extra_newlines();
        let themes = two_face::theme::extra();
        for (light, dark) in
            [DEFAULT_THEMES, ("InspiredGitHub", "OneHalfDark"), ("Solarized (light)", "Monokai Extended")]
        {
            let h = Highlighter::new();
            h.use_themes(light, dark).unwrap();
            let style = h.style();
            for (lang, code) in SAMPLES {
                let syntax = ss.find_syntax_by_token(lang).unwrap();
                let ours = h.highlight(code, lang);
                let body = &ours[ours.find("<code").unwrap()..];
                for (dark_scheme, name) in [(false, light), (true, dark)] {
                    let theme = find_theme(&themes, name).unwrap();
                    let reference = highlighted_html_for_string(code, &ss, syntax, theme).unwrap();
                    let want = looks(&reference, &|t| inline_look(theme, t));
                    let got = looks(body, &|t| class_look(&style, dark_scheme, t));
                    let want: Vec<Look> = want.into_iter().filter(|l| !l.0.is_whitespace()).collect();
                    let got: Vec<Look> = got.into_iter().filter(|l| !l.0.is_whitespace()).collect();
                    assert_eq!(got, want, "{lang} in {name}:\n{ours}");
                }
            }
        }
    }

    #[test]
    fn spans_are_flat_and_merged() {
        let h = Highlighter::new();
        let html = h.highlight("let a = 1;\nlet b = 2;   // two\n    let c = \"x\";\n", "rust");
        let body =
            &html[html.find("<code").unwrap() + "<code class=\"language-rust\">".len()..html.find("</code>").unwrap()];
        // (class or "" for text outside spans, text)
        let mut runs: Vec<(&str, &str)> = Vec::new();
        let mut rest = body;
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix("<span class=\"") {
                let class = &r[..r.find('"').unwrap()];
                let text = &r[class.len() + 2..r.find("</span>").unwrap()];
                assert!(!text.contains('<'), "no span inside a span: {html}");
                runs.push((class, text));
                rest = &r[class.len() + 2 + text.len() + "</span>".len()..];
            } else {
                let end = rest.find('<').unwrap_or(rest.len());
                runs.push(("", &rest[..end]));
                rest = &rest[end..];
            }
        }
        assert!(runs.iter().filter(|r| !r.0.is_empty()).count() >= 4, "keywords, numbers, strings, comments: {html}");
        for w in runs.windows(2) {
            assert!(w[0].0.is_empty() || w[0].0 != w[1].0, "one look, one span: {html}");
        }
        for w in runs.windows(3) {
            let blank_between = w[1].0.is_empty() && w[1].1.trim().is_empty();
            assert!(!(blank_between && !w[0].0.is_empty() && w[0].0 == w[2].0), "whitespace joins the span: {html}");
        }
    }

    #[test]
    fn repeated_lines_highlight_as_if_parsed_afresh() {
        // The same lines as code, in a block comment and in a raw string.
        let blocks = [
            "fn a() {\n    let x = 1;\n}\n",
            "/*\nfn a() {\n    let x = 1;\n}\n*/\n",
            "let s = r#\"\nfn a() {\n    let x = 1;\n}\n\"#;\n",
            "// b\nfn a() {\n    let x = 1;\n}\n",
        ];
        let fresh: Vec<String> = blocks
            .iter()
            .map(|b| {
                LineMemo::clear();
                Highlighter::new().highlight(b, "rust")
            })
            .collect();
        LineMemo::clear();
        for _ in 0..3 {
            // A new highlighter each round, so blocks are not taken from
            // its block cache: only this thread's line memo carries over.
            let h = Highlighter::new();
            for (block, want) in blocks.iter().zip(&fresh) {
                assert_eq!(&h.highlight(block, "rust"), want);
            }
        }
        let states = LINES.with(|l| {
            l.borrow()
                .values()
                .find_map(|s| match s {
                    Sighting::Parsed(seen) if &*seen[0].line == "    let x = 1;\n" => Some(seen.len()),
                    _ => None,
                })
                .unwrap_or_default()
        });
        assert!(states >= 2, "the line was recorded in more than one state");
    }

    #[test]
    fn classes_depend_on_the_themes_only() {
        let (a, b) = ("fn f() {}\n", "x: [1, \"s\"]\n");
        let one = Highlighter::new();
        let first = (one.highlight(a, "rust"), one.highlight(b, "yaml"));
        let other = Highlighter::new();
        let second_b = other.highlight(b, "yaml");
        let second_a = other.highlight(a, "rust");
        assert_eq!(first, (second_a, second_b), "the order blocks are seen in changes nothing");
    }

    #[test]
    fn changing_themes_forgets_blocks_and_rejects_unknown_names() {
        let h = Highlighter::persistent();
        let code = "fn main() { let x = 1; }\n";
        let before = h.highlight(code, "rust");
        let css = h.use_themes("InspiredGitHub", "OneHalfDark").unwrap();
        assert!(css.contains("InspiredGitHub"));
        assert!(h.cache.lock().unwrap().is_empty());
        assert_ne!(h.highlight(code, "rust"), before);
        assert_eq!(h.use_themes("nope", "OneHalfDark"), Err("nope".to_string()));
        assert_eq!(h.use_themes("InspiredGitHub", "nope"), Err("nope".to_string()));
        assert!(h.use_themes("solarized dark", "github").is_ok(), "names match loosely");
    }

    #[test]
    fn cached_blocks_match_fresh_ones_per_syntax() {
        let code = "let x = \"a\"; // not: python\n";
        let fresh = Highlighter::new();
        let (rust, python) = (fresh.highlight(code, "rust"), fresh.highlight(code, "python"));
        assert_ne!(rust, python, "the syntax is part of the key");
        let h = Highlighter::persistent();
        for _ in 0..2 {
            assert_eq!(h.highlight(code, "rust"), rust);
            assert_eq!(h.highlight(code, "python"), python);
        }
        assert_eq!(h.cache.lock().unwrap().len(), 2);
        h.end_of_build();
        assert_eq!(h.cache.lock().unwrap().len(), 2, "a persistent highlighter keeps its cache");
        fresh.end_of_build();
        assert!(fresh.cache.lock().unwrap().is_empty());
    }

    #[test]
    fn unknown_language_is_plain_and_escaped() {
        let h = Highlighter::new();
        let html = h.highlight("<b>x</b>\n", "nosuchlang");
        assert_eq!(
            html,
            "<pre class=\"code\" data-lang=\"nosuchlang\"><code class=\"language-nosuchlang\">&lt;b&gt;x&lt;/b&gt;\n</code></pre>\n"
        );
    }

    #[test]
    fn css_has_a_rule_for_every_class_in_both_schemes() {
        let style = CodeStyle::new("InspiredGitHub", "OneHalfDark").unwrap();
        let css = style.css();
        assert!(css.starts_with("/* Generated by onramp from the `InspiredGitHub` and `OneHalfDark` themes. */"));
        for (i, c) in style.light.colors.iter().enumerate() {
            assert!(css.contains(&format!("\n.code .l{} {{ color: {}; }}", i + 1, css_color(*c))), "{css}");
        }
        for scope in [":root[data-theme=\"dark\"] ", ":root:not([data-theme=\"light\"]) "] {
            for (i, c) in style.dark.colors.iter().enumerate() {
                assert!(css.contains(&format!("\n{scope}.code .d{} {{ color: {}; }}", i + 1, css_color(*c))), "{css}");
            }
            assert!(css.contains(&format!("\n{scope}.code .lb {{ font-weight: inherit; }}")), "{css}");
            assert!(css.contains(&format!("\n{scope}.code .db {{ font-weight: bold; }}")), "{css}");
        }
        let media = css.find("@media (prefers-color-scheme: dark) {").unwrap();
        assert!(css[media..].contains(":root:not([data-theme=\"light\"]) .code .d0"));
        assert!(!css[..media].contains(":root:not"));
    }
}

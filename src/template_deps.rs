//! What each template reaches, read from the template sources the theme
//! stage already holds: the templates it extends, includes or imports, the
//! files defining the components it calls, the `data.NAME` keys it reads,
//! and whether it asks for UI strings in an explicit language (`t(…,
//! lang=…)`). The dev server uses it to re-render only the pages a
//! template, data or `.ftl` save can change ([`TemplateDeps::reach`]).
//!
//! Tera 2 keeps a template's parents and includes to itself, so the tags
//! are read here by a small lexer over `{% … %}` and `{{ … }}` that follows
//! Tera's own token rules (strings in `'`, `"` or `` ` ``, a tag ends at the
//! first `%}` outside a string, `{# … #}` comments and `{% raw %}` blocks
//! skipped). The map is never too small: a target that is not a string
//! literal makes the template depend on every template, and `data` used in
//! any way other than `data.NAME` or `data["NAME"]` (`data[x]`, `data`
//! passed whole, `__tera_context`) on every data file. It may be too large
//! (a variable that shadows `data`, a `<` compared with a variable named
//! like a component): that only re-renders more.
//!
//! Entry points: [`scan`], [`TemplateDeps::new`], [`TemplateDeps::reach`].

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

/// The data files a template reads, by key of `data` (a file's stem).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataUse {
    /// These keys only (none: the template does not read `data`).
    Keys(BTreeSet<String>),
    /// Any key: `data` is used whole or with a key computed at render time.
    All,
}

impl Default for DataUse {
    fn default() -> Self {
        DataUse::Keys(BTreeSet::new())
    }
}

impl DataUse {
    fn add(&mut self, key: &str) {
        if let DataUse::Keys(keys) = self {
            keys.insert(key.to_string());
        }
    }

    fn merge(&mut self, other: &DataUse) {
        match other {
            DataUse::All => *self = DataUse::All,
            DataUse::Keys(keys) => {
                for k in keys {
                    self.add(k);
                }
            }
        }
    }

    /// True when a change to the data files `changed` (keys) can change
    /// what a template using this reads.
    pub fn touches(&self, changed: &BTreeSet<String>) -> bool {
        match self {
            DataUse::All => !changed.is_empty(),
            DataUse::Keys(keys) => keys.iter().any(|k| changed.contains(k)),
        }
    }
}

/// What one template's own text names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// Templates named by `extends`, `include` and `import`.
    pub refs: BTreeSet<String>,
    /// Names after a `<` that may be component calls (`<card … />`); only
    /// those some template defines are calls (Tera refuses a template
    /// set that calls an unknown component).
    pub calls: BTreeSet<String>,
    /// Components this template defines.
    pub defines: BTreeSet<String>,
    /// A tag names its template otherwise than by a string literal, or the
    /// text could not be read to its end: depends on every template.
    pub dynamic: bool,
    /// The keys of `data` it reads.
    pub data: DataUse,
    /// It calls `t()` with a `lang=` argument (or spreads its arguments),
    /// or binds the variable `lang` that `t()` reads otherwise (`lang=` as
    /// any argument, `{% set lang … %}`, `{% for lang in … %}`, a component
    /// parameter): it may read the UI strings of any language.
    pub any_language: bool,
    /// It reads the variable `nav` (the sidebar's entries), or the whole
    /// context.
    pub reads_nav: bool,
}

/// What a set of templates reaches, through every template they name and
/// every component they call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    /// The templates reached, the roots included; `None`: every template.
    pub templates: Option<BTreeSet<String>>,
    /// The keys of `data` they read.
    pub data: DataUse,
    /// They may read the UI strings of any language.
    pub any_language: bool,
}

impl Reach {
    /// True when a change to the templates named `changed` (added, removed
    /// or edited) can change what these templates render.
    pub fn touches_templates(&self, changed: &BTreeSet<String>) -> bool {
        match &self.templates {
            None => !changed.is_empty(),
            Some(t) => t.iter().any(|n| changed.contains(n)),
        }
    }
}

/// The templates of a Tera instance, with what each names.
#[derive(Debug, Clone, Default)]
pub struct TemplateDeps {
    /// Name → source text, to compare with another load.
    sources: BTreeMap<String, String>,
    facts: BTreeMap<String, Facts>,
    /// Component name → the templates defining it.
    definers: BTreeMap<String, BTreeSet<String>>,
}

impl TemplateDeps {
    /// Reads every template: `(name, source)` as registered in Tera.
    pub fn new<'a>(sources: impl IntoIterator<Item = (&'a str, &'a str)>) -> TemplateDeps {
        let mut deps = TemplateDeps::default();
        for (name, text) in sources {
            let facts = scan(text);
            for c in &facts.defines {
                deps.definers.entry(c.clone()).or_default().insert(name.to_string());
            }
            deps.facts.insert(name.to_string(), facts);
            deps.sources.insert(name.to_string(), text.to_string());
        }
        deps
    }

    /// True when a template of this name is registered.
    pub fn contains(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// What `roots` reach. A name that is no template is kept in the set
    /// (so that adding it counts as a change to it).
    pub fn reach(&self, roots: &[&str]) -> Reach {
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut todo: Vec<String> = roots.iter().map(|r| r.to_string()).collect();
        let mut reach = Reach { templates: None, data: DataUse::default(), any_language: false };
        let mut every_template = false;
        while let Some(name) = todo.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            let Some(facts) = self.facts.get(&name) else { continue };
            every_template |= facts.dynamic;
            reach.data.merge(&facts.data);
            reach.any_language |= facts.any_language;
            todo.extend(facts.refs.iter().cloned());
            for call in &facts.calls {
                todo.extend(self.definers.get(call).into_iter().flatten().cloned());
            }
        }
        if every_template {
            // Every template may be reached: what all of them read.
            for facts in self.facts.values() {
                reach.data.merge(&facts.data);
                reach.any_language |= facts.any_language;
            }
        } else {
            reach.templates = Some(seen);
        }
        reach
    }

    /// True when no template but one of `partials` reads `nav`, none but
    /// one of `includers` names a partial, and every template names its
    /// templates literally: then a page whose partial is rendered apart (the
    /// shared sidebar) needs no `nav` of its own. (A theme's templates are
    /// registered twice, as `NAME` and `theme/NAME`: both are listed.)
    pub fn nav_only_in(&self, partials: &[&str], includers: &[&str]) -> bool {
        self.facts.iter().all(|(name, f)| {
            !f.dynamic
                && (partials.contains(&name.as_str()) || !f.reads_nav)
                && (includers.contains(&name.as_str()) || !partials.iter().any(|p| f.refs.contains(*p)))
        })
    }

    /// The templates added, removed or edited between `old` and `self`.
    pub fn changed_since(&self, old: &TemplateDeps) -> BTreeSet<String> {
        let names = self.sources.keys().chain(old.sources.keys());
        names.filter(|n| self.sources.get(*n) != old.sources.get(*n)).cloned().collect()
    }
}

/// A token inside `{{ … }}` or `{% … %}`.
#[derive(Debug, Clone, PartialEq)]
enum Tok<'a> {
    Ident(&'a str),
    /// A string literal, unescaped; `None` when its escapes are not Tera's.
    Str(Option<Cow<'a, str>>),
    Num,
    /// An operator or punctuation (`.`, `==`, `<`, `?.`, `...`).
    Op(&'a str),
}

/// What a template's text names (see [`Facts`]).
pub fn scan(text: &str) -> Facts {
    let mut facts = Facts::default();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(at) = find_start(bytes, i) {
        let kind = bytes[at + 1];
        i = at + 2;
        if bytes.get(i) == Some(&b'-') {
            i += 1;
        }
        match kind {
            b'#' => match find(bytes, i, b"#}") {
                Some(end) => i = end + 2,
                None => {
                    facts.dynamic = true;
                    return facts;
                }
            },
            b'%' if raw_tag(bytes, i, "raw").is_some() => {
                let after = raw_tag(bytes, i, "raw").unwrap_or(i);
                match find_endraw(bytes, after) {
                    Some(end) => i = end,
                    None => {
                        facts.dynamic = true;
                        return facts;
                    }
                }
            }
            _ => {
                let end = if kind == b'%' { b"%}" } else { b"}}" };
                let Some((toks, next)) = lex(text, i, end) else {
                    facts.dynamic = true;
                    return facts;
                };
                i = next;
                analyse(&toks, kind == b'%', &mut facts);
            }
        }
    }
    facts
}

/// The next `{{`, `{%` or `{#` at or after `from`.
fn find_start(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    rest.windows(2).position(|w| w[0] == b'{' && matches!(w[1], b'{' | b'%' | b'#')).map(|p| from + p)
}

fn find(bytes: &[u8], from: usize, what: &[u8]) -> Option<usize> {
    let rest = bytes.get(from..)?;
    rest.windows(what.len()).position(|w| w == what).map(|p| from + p)
}

/// Tera's test for a tag made of one word (`raw`, `endraw`) from `from`,
/// just after `{%` and its `-`: spaces, the word, spaces, `-`, `%}`.
/// Returns where the tag ends.
fn raw_tag(bytes: &[u8], from: usize, word: &str) -> Option<usize> {
    let mut i = from;
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    if !bytes.get(i..)?.starts_with(word.as_bytes()) {
        return None;
    }
    i += word.len();
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    bytes.get(i..)?.starts_with(b"%}").then_some(i + 2)
}

/// The end of the first `{% endraw %}` at or after `from`.
fn find_endraw(bytes: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(at) = find(bytes, i, b"{%") {
        let mut j = at + 2;
        if bytes.get(j) == Some(&b'-') {
            j += 1;
        }
        if let Some(end) = raw_tag(bytes, j, "endraw") {
            return Some(end);
        }
        i = at + 2;
    }
    None
}

/// The tokens of a tag or expression from `from` up to its end marker
/// (`%}` or `}}`, with an optional `-` before it), as Tera reads them: the
/// marker ends it wherever a token could start. Returns the tokens and
/// where the text goes on; `None` when there is no end.
fn lex<'a>(text: &'a str, from: usize, end: &[u8; 2]) -> Option<(Vec<Tok<'a>>, usize)> {
    let bytes = text.as_bytes();
    let mut toks = Vec::new();
    let mut i = from;
    loop {
        while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        let rest = bytes.get(i..)?;
        if rest.is_empty() {
            return None;
        }
        if rest.starts_with(end) {
            return Some((toks, i + 2));
        }
        if rest[0] == b'-' && rest[1..].starts_with(end) {
            return Some((toks, i + 3));
        }
        let c = rest[0];
        if let Some(op) = [&b"..."[..], b"//", b"**", b"==", b"!=", b">=", b"<=", b"</", b"?.", b"?["]
            .iter()
            .find(|op| rest.starts_with(op))
        {
            toks.push(Tok::Op(&text[i..i + op.len()]));
            i += op.len();
        } else if matches!(c, b'\'' | b'"' | b'`') {
            let (tok, next) = string(text, i)?;
            toks.push(tok);
            i = next;
        } else if c.is_ascii_digit() {
            while bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'.' || *b == b'_') {
                i += 1;
            }
            toks.push(Tok::Num);
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_') {
                i += 1;
            }
            toks.push(Tok::Ident(&text[start..i]));
        } else if c.is_ascii() {
            toks.push(Tok::Op(&text[i..i + 1]));
            i += 1;
        } else {
            // Not Tera syntax; the template loaded, so this is not reached.
            return None;
        }
    }
}

/// A string literal at `at` (its opening quote), unescaped as Tera does.
fn string(text: &str, at: usize) -> Option<(Tok<'_>, usize)> {
    let bytes = text.as_bytes();
    let quote = bytes[at];
    let mut i = at + 1;
    let mut escapes = false;
    loop {
        match bytes.get(i)? {
            b'\\' => {
                escapes = true;
                i += 2;
            }
            b if *b == quote => break,
            _ => i += 1,
        }
    }
    let inner = text.get(at + 1..i)?;
    let value = if escapes { unescape(inner).map(Cow::Owned) } else { Some(Cow::Borrowed(inner)) };
    Some((Tok::Str(value), i + 1))
}

fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        out.push(match chars.next()? {
            c @ ('"' | '\'' | '/' | '\\') => c,
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            _ => return None,
        });
    }
    Some(out)
}

/// Reads the tokens of one tag (`tag`) or `{{ … }}` into `facts`.
fn analyse(toks: &[Tok<'_>], tag: bool, facts: &mut Facts) {
    let mut from = 0;
    if tag {
        match toks.first() {
            Some(Tok::Ident("extends" | "include" | "import")) => {
                match toks.get(1) {
                    Some(Tok::Str(Some(name))) => {
                        facts.refs.insert(name.to_string());
                    }
                    _ => facts.dynamic = true,
                }
                from = 2;
            }
            Some(Tok::Ident("component")) => {
                let (name, next) = dotted(toks, 1);
                if let Some(name) = name {
                    facts.defines.insert(name);
                }
                from = next;
            }
            // A name, not a variable.
            Some(Tok::Ident("block" | "endblock" | "endcomponent")) => from = 2,
            _ => {}
        }
    }
    // `t()` without `lang=` reads the variable `lang`: what binds it (a
    // `set`, a component parameter, a loop variable, an argument) may make it
    // another language than the page's.
    let binds = tag
        && match toks.first() {
            Some(Tok::Ident("set" | "set_global")) => toks.get(1) == Some(&Tok::Ident("lang")),
            Some(Tok::Ident("component")) => toks.iter().skip(from).any(|t| *t == Tok::Ident("lang")),
            _ => false,
        };
    facts.any_language |= binds;
    let toks = toks.get(from..).unwrap_or_default();
    for (i, tok) in toks.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| &toks[p]);
        let attribute = matches!(prev, Some(Tok::Op("." | "?.")));
        match tok {
            Tok::Ident("data") if !attribute && toks.get(i + 1) != Some(&Tok::Op("=")) => {
                match (toks.get(i + 1), toks.get(i + 2), toks.get(i + 3)) {
                    (Some(Tok::Op("." | "?.")), Some(Tok::Ident(key)), _) => facts.data.add(key),
                    (Some(Tok::Op("[" | "?[")), Some(Tok::Str(Some(key))), Some(Tok::Op("]"))) => facts.data.add(key),
                    _ => facts.data = DataUse::All,
                }
            }
            Tok::Ident("__tera_context") => {
                facts.data = DataUse::All;
                facts.reads_nav = true;
            }
            Tok::Ident("nav") if !attribute => facts.reads_nav = true,
            Tok::Ident("lang") if !attribute && toks.get(i + 1) == Some(&Tok::Op("=")) => {
                facts.any_language = true;
            }
            // A loop's variables, in a tag or a list comprehension.
            Tok::Ident("for") => {
                let vars = toks[i + 1..]
                    .iter()
                    .take_while(|t| matches!(t, Tok::Ident(v) if *v != "in") || **t == Tok::Op(","));
                facts.any_language |= vars.into_iter().any(|t| *t == Tok::Ident("lang"));
            }
            Tok::Ident("t") if !attribute && toks.get(i + 1) == Some(&Tok::Op("(")) => {
                facts.any_language |= t_names_language(&toks[i + 1..]);
            }
            Tok::Op("<") => {
                if let (Some(name), _) = dotted(toks, i + 1) {
                    facts.calls.insert(name);
                }
            }
            _ => {}
        }
    }
}

/// A dotted name (`card`, `ui.button`) starting at `toks[at]`, and the
/// index after it.
fn dotted(toks: &[Tok<'_>], at: usize) -> (Option<String>, usize) {
    let Some(Tok::Ident(first)) = toks.get(at) else { return (None, at) };
    let mut name = first.to_string();
    let mut i = at + 1;
    while let (Some(Tok::Op(".")), Some(Tok::Ident(part))) = (toks.get(i), toks.get(i + 1)) {
        name.push('.');
        name.push_str(part);
        i += 2;
    }
    (Some(name), i)
}

/// Whether the call whose `(` starts `toks` passes `lang=` (or spreads
/// arguments, which may hold it). An unclosed call counts as one that does.
fn t_names_language(toks: &[Tok<'_>]) -> bool {
    let mut depth = 0usize;
    for (i, tok) in toks.iter().enumerate() {
        match tok {
            Tok::Op("(" | "[" | "?[" | "{") => depth += 1,
            Tok::Op(")" | "]" | "}") => {
                depth -= 1;
                if depth == 0 {
                    return false;
                }
            }
            Tok::Op("...") if depth == 1 => return true,
            Tok::Ident("lang") if depth == 1 && toks.get(i + 1) == Some(&Tok::Op("=")) => return true,
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    fn keys(items: &[&str]) -> DataUse {
        DataUse::Keys(set(items))
    }

    #[test]
    fn extends_include_and_import_name_their_templates() {
        let f = scan(
            "{% extends \"base.html\" %}{% block content %}{%- include 'partials/a.html' -%}\
             {% import `macros.html` as m %}{% endblock content %}",
        );
        assert_eq!(f.refs, set(&["base.html", "partials/a.html", "macros.html"]));
        assert!(!f.dynamic);
        assert_eq!(f.data, keys(&[]));
        assert!(!f.any_language);
    }

    #[test]
    fn a_target_that_is_not_a_string_literal_depends_on_everything() {
        assert!(scan("{% include name %}").dynamic);
        assert!(scan("{% extends parent ~ \".html\" %}").dynamic);
        assert!(scan("{% include %}").dynamic);
        assert!(scan("{% import \"a\\q.html\" as m %}").dynamic, "an escape Tera does not know");
        // Escapes Tera knows are read.
        assert_eq!(scan(r#"{% include "a\"b.html" %}"#).refs, set(&["a\"b.html"]));
    }

    #[test]
    fn component_definitions_and_calls() {
        let f = scan(
            "{% component card(title, url) %}{{ <icon name=\"arrow\" /> }}{% endcomponent card %}\
             {% component ui.button(label) %}<b>{{ label }}</b>{% endcomponent ui.button %}",
        );
        assert_eq!(f.defines, set(&["card", "ui.button"]));
        assert_eq!(f.calls, set(&["icon"]));
        let f = scan(
            "{% <card title=\"x\" url={page.url}> %}body{% </card> %}{{ <ui.button label=\"b\" /> }}\
             {% set x = <icon name={n} /> %}",
        );
        assert_eq!(f.calls, set(&["card", "ui.button", "icon"]));
        assert!(f.refs.is_empty());
    }

    #[test]
    fn comments_and_raw_blocks_are_skipped() {
        let f = scan(
            "{# {% include \"commented.html\" %} {{ data.secret }} #}\
             {%- raw -%}{% include \"raw.html\" %}{{ data[x] }}{% endraw %}\
             {% raw %}{%- endraw -%}\
             {% include \"real.html\" %}",
        );
        assert_eq!(f.refs, set(&["real.html"]));
        assert_eq!(f.data, keys(&[]));
        assert!(!f.dynamic);
        // `{% rawish %}` is not a raw block.
        assert_eq!(scan("{% set rawish = 1 %}{% include \"x.html\" %}").refs, set(&["x.html"]));
    }

    #[test]
    fn strings_in_tags_may_hold_markers() {
        let f = scan("{{ \"}} {% include 'no.html' %}\" }}{% set s = '%}' %}{% include \"yes.html\" -%}");
        assert_eq!(f.refs, set(&["yes.html"]));
        // A `}}` inside component braces ends the expression, as in Tera.
        let f = scan("{{ <card title={x}}}{% include \"after.html\" %}");
        assert_eq!(f.refs, set(&["after.html"]));
    }

    #[test]
    fn data_keys_and_dynamic_data() {
        assert_eq!(scan("{% for m in data.team.members %}{{ m }}{% endfor %}").data, keys(&["team"]));
        assert_eq!(
            scan("{{ data['clients'] }}{{ data?.news }}{{ data?[\"x\"] }}").data,
            keys(&["clients", "news", "x"])
        );
        assert_eq!(scan("{{ data[name] }}").data, DataUse::All);
        assert_eq!(scan("{{ <list items={data} /> }}").data, DataUse::All);
        assert_eq!(scan("{% set d = data %}").data, DataUse::All);
        assert_eq!(scan("{{ data | length }}").data, DataUse::All);
        assert_eq!(scan("{{ __tera_context }}").data, DataUse::All);
        assert_eq!(scan("{% component c(x, @data) %}{% endcomponent c %}").data, DataUse::All);
        // Not the global `data`: attributes, argument names, HTML attributes.
        let f = scan("<div data-x=\"{{ page.data.x }}\">{{ layout_data.team }}{{ f(data=1) }}{% set data = 2 %}</div>");
        assert_eq!(f.data, keys(&[]));
    }

    #[test]
    fn strings_in_an_explicit_language() {
        assert!(!scan("{{ t(id=\"a\") }}{{ t(id=\"b\", count=n) }}{% if lang == 'fr' %}{% endif %}").any_language);
        assert!(scan("{{ t(id=\"a\", lang=\"fr\") }}").any_language);
        assert!(scan("{{ t(id=f(x=1), lang=l) }}").any_language);
        assert!(scan("{{ t(...args) }}").any_language);
        assert!(!scan("{{ page.lang }}{% for l in site.languages %}{{ l.lang }}{% endfor %}").any_language);
        // Read, not bound.
        assert!(
            !scan("{% set name = [l.name for l in site.languages if l.code == lang] | first or lang %}").any_language
        );
        assert!(
            !scan("{% if lang == \"fr\" %}{% endif %}{% component c(x) %}{{ x }}{% endcomponent c %}").any_language
        );
        // `lang` bound otherwise: `t()` reads it.
        assert!(scan("{% for lang in site.languages %}{{ t(id=\"a\") }}{% endfor %}").any_language);
        assert!(scan("{% for code, lang in langs %}{% endfor %}").any_language);
        assert!(scan("{{ [t(id=\"a\") for lang in langs] }}").any_language);
        assert!(scan("{% set lang = \"fr\" %}").any_language);
        assert!(scan("{% set_global lang %}fr{% endset_global %}").any_language);
        assert!(scan("{% component label(lang) %}{{ t(id=\"a\") }}{% endcomponent label %}").any_language);
        assert!(scan("{{ <label lang=\"fr\" /> }}").any_language);
        assert!(scan("{{ t(id=g(lang=1)) }}").any_language, "any argument named `lang` counts");
    }

    #[test]
    fn nav_read_by_the_sidebar_partial_alone() {
        assert!(scan("{% for item in nav %}{{ item.title }}{% endfor %}").reads_nav);
        assert!(scan("{% if nav %}x{% endif %}").reads_nav);
        assert!(scan("{{ __tera_context }}").reads_nav);
        assert!(
            !scan("{{ page.nav }}{{ t(id=\"path-nav\") }}<nav class=\"nav\">{% block nav %}{% endblock nav %}</nav>")
                .reads_nav
        );
        let sidebar = "{% for item in nav %}{{ item.url }}{% endfor %}";
        let frame = "{% if sidebar_html %}{{ sidebar_html | safe }}{% else %}{% include \"partials/sidebar.html\" %}{% endif %}";
        let ok = |deps: &TemplateDeps| deps.nav_only_in(&["partials/sidebar.html"], &["base.html"]);
        assert!(ok(&TemplateDeps::new([
            ("base.html", frame),
            ("partials/sidebar.html", sidebar),
            ("docs.html", "{% extends \"base.html\" %}")
        ])));
        // Another template reads `nav`, or renders the partial itself, or
        // names a template by a value.
        for other in [
            "{% extends \"base.html\" %}{{ nav | length }}",
            "{% extends \"base.html\" %}{% block sidebar %}{% include \"partials/sidebar.html\" %}{% endblock sidebar %}",
            "{% include layout %}",
        ] {
            let deps =
                TemplateDeps::new([("base.html", frame), ("partials/sidebar.html", sidebar), ("docs.html", other)]);
            assert!(!ok(&deps), "{other}");
        }
    }

    #[test]
    fn unfinished_text_depends_on_everything() {
        assert!(scan("{{ a ").dynamic);
        assert!(scan("{# a").dynamic);
        assert!(scan("{% raw %} a").dynamic);
        assert!(scan("{{ \"a }}").dynamic);
        assert!(scan("{{ é }}").dynamic);
        assert!(!scan("a { b } {x} é").dynamic);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, ..Default::default() })]
        /// Any text, template or not, is read without a panic.
        #[test]
        fn any_text_is_read_without_panic(text in r#"[{}%#"'`\\a-z0-9 <>=.,\[\]()?@é-]{0,80}|[^\x00]{0,40}"#) {
            let _ = scan(&text);
        }
    }

    #[test]
    fn reach_follows_templates_and_components() {
        let deps = TemplateDeps::new([
            ("docs.html", "{% extends \"theme/docs.html\" %}{% block c %}{% include \"p/a.html\" %}{% endblock c %}"),
            ("theme/docs.html", "{% extends \"base.html\" %}{{ <card /> }}"),
            ("base.html", "{{ t(id=\"x\") }}{% include \"p/header.html\" %}"),
            ("p/a.html", "{{ data.team }}"),
            ("p/header.html", "{{ data.menu }}"),
            ("p/b.html", "{{ data.clients }}"),
            (
                "components.html",
                "{% component card() %}{{ <icon /> }}{% endcomponent card %}{% component icon() %}{% endcomponent icon %}",
            ),
            ("other.html", "{% extends \"base.html\" %}{% include \"p/b.html\" %}{{ a < icon }}"),
            ("lang.html", "{{ t(id=\"x\", lang=\"de\") }}"),
            ("dyn.html", "{% include \"lang.html\" %}{% include x %}"),
        ]);
        let r = deps.reach(&["docs.html"]);
        assert_eq!(
            r.templates,
            Some(set(&["docs.html", "theme/docs.html", "base.html", "p/a.html", "p/header.html", "components.html"]))
        );
        assert_eq!(r.data, keys(&["team", "menu"]));
        assert!(!r.any_language);
        assert!(r.touches_templates(&set(&["p/header.html"])));
        assert!(!r.touches_templates(&set(&["p/b.html"])));
        assert!(r.data.touches(&set(&["team"])));
        assert!(!r.data.touches(&set(&["clients"])));
        // A `<` before a component's name counts as a call: more, never less.
        let r = deps.reach(&["other.html"]);
        assert_eq!(
            r.templates,
            Some(set(&["other.html", "base.html", "p/header.html", "p/b.html", "components.html"]))
        );
        assert!(deps.reach(&["lang.html"]).any_language);
        // A name that is no template is still in the set: adding it is a change.
        assert_eq!(deps.reach(&["missing.html"]).templates, Some(set(&["missing.html"])));
        let r = deps.reach(&["dyn.html"]);
        assert_eq!(r.templates, None, "every template");
        assert_eq!(r.data, keys(&["team", "menu", "clients"]), "what every template reads");
        assert!(r.any_language);
        assert!(r.touches_templates(&set(&["anything.html"])));
        assert!(!r.touches_templates(&set(&[])));
    }

    #[test]
    fn changed_templates_are_added_removed_or_edited() {
        let old = TemplateDeps::new([("a", "1"), ("b", "2"), ("c", "3")]);
        let new = TemplateDeps::new([("a", "1"), ("b", "two"), ("d", "4")]);
        assert_eq!(new.changed_since(&old), set(&["b", "c", "d"]));
        assert!(new.changed_since(&new).is_empty());
    }
}

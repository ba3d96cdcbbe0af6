//! UI strings: the only module that uses Fluent.
//!
//! Messages come from the theme's `locales/<lang>/*.ftl`, overridden and
//! extended by the site's `locales/<lang>/*.ftl`. A lookup walks the
//! language's fallback chain (`fr-CA` → `fr` → the default language); a
//! language without locale files of its own first tries the closest ones
//! of the same script, as `fluent-langneg` negotiates them (`zh` → `zh-CN`). A
//! message missing in the default language is an error (raised through the
//! template that asked for it); missing in another language, a warning, once
//! per message, and the fallback's text. Entry points: [`Locales::load`],
//! [`Locales::t`], [`Locales::register`] (the Tera function `t`).

use crate::diagnostics::{Diagnostic, Diagnostics, LineIndex};
use crate::theme::Theme;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};

type Bundle = FluentBundle<Arc<FluentResource>>;

/// Fluent bundles for every language that has locale files.
pub struct Locales {
    bundles: HashMap<String, Bundle>,
    /// Message ids defined per language (theme and site files together).
    ids: HashMap<String, BTreeSet<String>>,
    default: String,
    /// The file that defines each (language, message id).
    origins: HashMap<(String, String), PathBuf>,
    /// (language, message id) looked up but missing in that language.
    missing: Mutex<BTreeSet<(String, String)>>,
    /// (language, message id) → the first error formatting it (an unknown
    /// variable, say): the text is still shown, with the variable's name.
    broken: Mutex<BTreeMap<(String, String), String>>,
    /// Language → message id (with its numeric arguments) → text: every
    /// page asks for the same few dozen labels and counts. Messages with a
    /// string argument (a date, a name) are formatted each time.
    plain: RwLock<rustc_hash::FxHashMap<String, rustc_hash::FxHashMap<String, String>>>,
    /// Language → its fallback chain ([`Locales::chain`]), found once:
    /// negotiating it expands likely subtags, and messages with a string
    /// argument look it up on every page.
    chains: RwLock<rustc_hash::FxHashMap<String, Vec<String>>>,
    /// Language → its `.ftl` files (path, text, from the site), as read:
    /// what a reload compares ([`Locales::changed_since`]).
    sources: BTreeMap<String, Vec<(PathBuf, String, bool)>>,
}

/// An argument value for a message.
#[derive(Debug, Clone)]
pub enum Arg {
    /// A string.
    Str(String),
    /// A number (plural selection works on these).
    Num(f64),
}

impl Locales {
    /// Loads theme and site locale files. Syntax errors are reported at
    /// file:line:col and the file's other messages still load.
    pub fn load(theme: &Theme, root: &Path, default: &str) -> (Locales, Diagnostics) {
        let mut diags = Diagnostics::new();
        let mut files: BTreeMap<String, Vec<(PathBuf, String, bool)>> = BTreeMap::new();
        for (rel, f) in theme.files_under("locales/") {
            if let (Some((lang, _)), Ok(text)) = (rel.split_once('/'), std::str::from_utf8(&f.bytes)) {
                if rel.ends_with(".ftl") {
                    files.entry(lang.to_string()).or_default().push((f.display.clone(), text.to_string(), false));
                }
            }
        }
        for (lang, path, text) in site_locale_files(root, &mut diags) {
            files.entry(lang).or_default().push((path, text, true));
        }
        let mut bundles = HashMap::new();
        let mut ids: HashMap<String, BTreeSet<String>> = HashMap::new();
        let mut origins = HashMap::new();
        let all_sources = files.clone();
        for (lang, sources) in files {
            let Ok(id) = lang.parse::<unic_langid::LanguageIdentifier>() else {
                let d = Diagnostic::error(
                    PathBuf::from("locales").join(&lang),
                    0,
                    0,
                    format!("`{lang}` is not a valid language code"),
                );
                diags.push(d);
                continue;
            };
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            bundle.set_use_isolating(false);
            for (path, text, overriding) in sources {
                let res = parse_resource(&path, text, &mut diags);
                for id in message_ids(&res) {
                    if overriding || !origins.contains_key(&(lang.clone(), id.clone())) {
                        origins.insert((lang.clone(), id.clone()), path.clone());
                    }
                    ids.entry(lang.clone()).or_default().insert(id);
                }
                if overriding {
                    bundle.add_resource_overriding(res);
                } else {
                    let _ = bundle.add_resource(res);
                }
            }
            bundles.insert(lang, bundle);
        }
        let locales = Locales {
            bundles,
            ids,
            origins,
            default: default.to_string(),
            missing: Mutex::new(BTreeSet::new()),
            broken: Mutex::new(BTreeMap::new()),
            plain: RwLock::default(),
            chains: RwLock::default(),
            sources: all_sources,
        };
        (locales, diags)
    }

    /// The fallback chain of `lang`: itself, its parents, the languages
    /// with locale files that are close to it, the default language.
    pub fn chain(&self, lang: &str) -> Vec<String> {
        if let Some(chain) = self.chains.read().ok().and_then(|c| c.get(lang).cloned()) {
            return chain;
        }
        let chain = self.find_chain(lang);
        if let Ok(mut c) = self.chains.write() {
            c.insert(lang.to_string(), chain.clone());
        }
        chain
    }

    fn find_chain(&self, lang: &str) -> Vec<String> {
        let mut chain = Vec::new();
        let mut code = lang.to_string();
        loop {
            chain.push(code.clone());
            match code.rsplit_once('-') {
                Some((parent, _)) => code = parent.to_string(),
                None => break,
            }
        }
        for close in self.close_languages(lang) {
            if !chain.contains(&close) {
                chain.push(close);
            }
        }
        if !chain.contains(&self.default) {
            chain.push(self.default.clone());
        }
        chain
    }

    /// The languages with locale files that `lang` can read, best first, as
    /// `fluent-langneg` filters them with CLDR's likely subtags: `zh` and
    /// `zh-Hans` read `zh-CN`, `pt` and `pt-PT` read `pt-BR`. A language
    /// written in another script is left out (`zh-TW`, Traditional
    /// Chinese, does not read `zh-CN`, Simplified).
    fn close_languages(&self, lang: &str) -> Vec<String> {
        use fluent_langneg::{NegotiationStrategy, negotiate_languages};
        use unic_langid::LanguageIdentifier;
        let Ok(requested) = lang.parse::<LanguageIdentifier>() else { return Vec::new() };
        let mut codes: Vec<&String> = self.bundles.keys().collect();
        codes.sort();
        let available: Vec<LanguageIdentifier> = codes.iter().filter_map(|c| c.parse().ok()).collect();
        let script = |id: &LanguageIdentifier| {
            let mut id = id.clone();
            id.maximize();
            id.script
        };
        let wanted = script(&requested);
        negotiate_languages(&[&requested], &available, None, NegotiationStrategy::Filtering)
            .into_iter()
            .filter(|found| script(found) == wanted)
            .map(ToString::to_string)
            .collect()
    }

    /// The languages (locale folders, `fr`, `pt-BR`) whose `.ftl` files
    /// were added, removed or edited between `old` and `self`.
    pub fn changed_since(&self, old: &Locales) -> BTreeSet<String> {
        let langs = self.sources.keys().chain(old.sources.keys());
        langs.filter(|l| self.sources.get(*l) != old.sources.get(*l)).cloned().collect()
    }

    /// True when a lookup in `lang` may give another text in `self` than in
    /// `old`, the languages of `changed` having changed: its fallback chain
    /// is another, or holds one of them.
    pub fn reads_changed(&self, old: &Locales, lang: &str, changed: &BTreeSet<String>) -> bool {
        let chain = self.chain(lang);
        chain != old.chain(lang) || chain.iter().any(|c| changed.contains(c))
    }

    /// Formats message `id` in `lang`. `Err` when even the default language lacks it.
    pub fn t(&self, lang: &str, id: &str, args: &[(&str, Arg)]) -> Result<String, String> {
        let mut key = std::borrow::Cow::Borrowed(id);
        for (name, value) in args {
            let Arg::Num(n) = value else { return self.format(lang, id, args) };
            key.to_mut().push_str(&format!("\u{1f}{name}={n}"));
        }
        if let Some(text) = self.plain.read().ok().and_then(|m| m.get(lang).and_then(|l| l.get(&*key)).cloned()) {
            return Ok(text);
        }
        let text = self.format(lang, id, args)?;
        if let Ok(mut m) = self.plain.write() {
            m.entry(lang.to_string()).or_default().insert(key.into_owned(), text.clone());
        }
        Ok(text)
    }

    fn format(&self, lang: &str, id: &str, args: &[(&str, Arg)]) -> Result<String, String> {
        let fargs = (!args.is_empty()).then(|| {
            let mut a = FluentArgs::new();
            for (k, v) in args {
                match v {
                    Arg::Str(s) => a.set(*k, FluentValue::from(s.clone())),
                    Arg::Num(n) => a.set(*k, FluentValue::from(*n)),
                }
            }
            a
        });
        for (i, code) in self.chain(lang).iter().enumerate() {
            let Some(bundle) = self.bundles.get(code) else { continue };
            let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else { continue };
            // A regional variant using its parent language (fr-CA → fr) is
            // expected; falling back to another language is worth a warning.
            if i > 0 && primary(code) != primary(lang) {
                self.note_missing(lang, id);
            }
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, fargs.as_ref(), &mut errors);
            if let Some(e) = errors.first()
                && let Ok(mut broken) = self.broken.lock()
            {
                broken.entry((code.clone(), id.to_string())).or_insert_with(|| e.to_string());
            }
            return Ok(text.into_owned());
        }
        Err(format!("UI message `{id}` is not defined in the default language `{}`", self.default))
    }

    /// Message ids defined per language, without fallback.
    pub fn ids(&self) -> &HashMap<String, BTreeSet<String>> {
        &self.ids
    }

    /// The message ids each of `langs` reads in its own language: its own
    /// and those of the languages of its chain with the same primary
    /// language (`fr` for `fr-CA`, `zh-CN` for `zh`), the ones a lookup
    /// uses without a warning. What the translation status counts.
    pub fn ids_read_by<'l>(&self, langs: impl IntoIterator<Item = &'l str>) -> HashMap<String, BTreeSet<String>> {
        langs
            .into_iter()
            .map(|lang| {
                let ids = self
                    .chain(lang)
                    .iter()
                    .filter(|code| primary(code) == primary(lang))
                    .filter_map(|code| self.ids.get(code))
                    .flatten()
                    .cloned()
                    .collect();
                (lang.to_string(), ids)
            })
            .collect()
    }

    /// Like [`Locales::t`] without arguments, falling back to the id itself.
    pub fn text(&self, lang: &str, id: &str) -> String {
        self.t(lang, id, &[]).unwrap_or_else(|_| id.to_string())
    }

    fn note_missing(&self, lang: &str, id: &str) {
        if let Ok(mut m) = self.missing.lock() {
            m.insert((lang.to_string(), id.to_string()));
        }
    }

    /// Warnings for messages that fell back to another language, and for
    /// messages that could not be formatted as written.
    pub fn missing_warnings(&self) -> Vec<Diagnostic> {
        let missing = self.missing.lock().map(|m| m.clone()).unwrap_or_default();
        let broken = self.broken.lock().map(|m| m.clone()).unwrap_or_default();
        let missing = missing.into_iter().map(|(lang, id)| {
            // The translation belongs in a file named like the one that defines the original.
            let file = self
                .origins
                .get(&(self.default.clone(), id.clone()))
                .and_then(|p| p.file_name())
                .map_or_else(|| "ui.ftl".to_string(), |f| f.to_string_lossy().into_owned());
            Diagnostic::warning(
                PathBuf::from("locales").join(&lang),
                0,
                0,
                format!("UI message `{id}` is not translated into `{lang}`; using the fallback"),
            )
            .with_help(format!("add `{id} = …` to `locales/{lang}/{file}`"))
        });
        let broken = broken.into_iter().map(|((lang, id), error)| {
            let path = self.origins.get(&(lang.clone(), id.clone())).cloned();
            Diagnostic::warning(
                path.unwrap_or_else(|| PathBuf::from("locales").join(&lang)),
                0,
                0,
                format!("UI message `{id}` in `{lang}` cannot be formatted: {error}"),
            )
            .with_help("compare its variables (`{ $name }`) with the message in the default language")
        });
        missing.chain(broken).collect()
    }

    /// Registers the Tera function `t(id=…, …args)`; the language is the
    /// template context's `lang`, or a `lang=` argument (components do not
    /// see the page's variables).
    pub fn register(self: &Arc<Self>, tera: &mut tera::Tera) {
        let locales = Arc::clone(self);
        tera.register_function("t", move |kwargs: tera::Kwargs, state: &tera::State| -> tera::TeraResult<String> {
            let id = kwargs.must_get::<&str>("id")?;
            // Components do not see the page's variables: they pass `lang=` explicitly.
            let page_lang;
            let lang = match kwargs.get::<&str>("lang")? {
                Some(l) => l,
                None => {
                    page_lang = state.get::<tera::Value>("lang")?;
                    page_lang.as_ref().and_then(tera::Value::as_str).ok_or_else(|| {
                        tera::Error::message(format!(
                            "t(id=\"{id}\") has no language: inside a component, pass `lang=lang`"
                        ))
                    })?
                }
            };
            let mut args: Vec<(&str, Arg)> = Vec::new();
            for (k, v) in kwargs.iter() {
                let Some(k) = k.as_str() else { continue };
                if k == "id" || k == "lang" {
                    continue;
                }
                let arg = match v.as_number() {
                    Some(n) => Arg::Num(n.as_float()),
                    None => Arg::Str(v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())),
                };
                args.push((k, arg));
            }
            locales.t(lang, id, &args).map_err(tera::Error::message)
        });
    }
}

fn message_ids(res: &FluentResource) -> impl Iterator<Item = String> + '_ {
    res.entries().filter_map(|e| match e {
        fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
        _ => None,
    })
}

fn primary(code: &str) -> &str {
    code.split('-').next().unwrap_or(code)
}

fn site_locale_files(root: &Path, diags: &mut Diagnostics) -> Vec<(String, PathBuf, String)> {
    let dir = root.join("locales");
    let mut out = Vec::new();
    let Ok(langs) = std::fs::read_dir(&dir) else { return out };
    let mut langs: Vec<_> = langs.filter_map(Result::ok).filter(|e| e.path().is_dir()).collect();
    langs.sort_by_key(|e| e.file_name());
    for lang in langs {
        let code = lang.file_name().to_string_lossy().into_owned();
        let mut ftls: Vec<_> = std::fs::read_dir(lang.path()).into_iter().flatten().filter_map(Result::ok).collect();
        ftls.sort_by_key(|e| e.file_name());
        for f in ftls.into_iter().filter(|f| f.path().extension().is_some_and(|e| e == "ftl")) {
            let display = PathBuf::from("locales").join(&code).join(f.file_name());
            match crate::source_file::read_text(&f.path(), &display, crate::source_file::Place::Site(root)) {
                Ok(text) => out.push((code.clone(), display, text)),
                Err(d) => diags.push(d),
            }
        }
    }
    out
}

/// Deepest nesting of placeables (`{ … }`) a `.ftl` file may have.
const MAX_PLACEABLE_DEPTH: usize = 32;

/// The byte offset of the `{` that nests placeables past
/// [`MAX_PLACEABLE_DEPTH`], if any: one pass that skips comment lines and
/// the string literals inside placeables (`{ "{" }` is a literal brace).
fn too_deep(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut line_start = true;
    let mut comment = false;
    for (i, b) in text.bytes().enumerate() {
        if line_start {
            comment = depth == 0 && b == b'#';
        }
        line_start = b == b'\n';
        if comment {
            continue;
        }
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' | b'\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'{' => {
                depth += 1;
                if depth > MAX_PLACEABLE_DEPTH {
                    return Some(i);
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            b'"' if depth > 0 => in_string = true,
            _ => {}
        }
    }
    None
}

/// Parses one `.ftl` file: syntax errors and duplicate ids become
/// diagnostics; the valid messages are kept.
fn parse_resource(path: &Path, text: String, diags: &mut Diagnostics) -> Arc<FluentResource> {
    let index = LineIndex::new(&text);
    if let Some(at) = too_deep(&text) {
        // fluent-syntax parses (and fluent-bundle formats) placeables
        // recursively: thousands of nested `{` overflow the stack.
        let (line, col) = index.line_col(&text, at);
        diags.push(
            Diagnostic::error(
                path,
                line,
                col,
                format!("placeables nested more than {MAX_PLACEABLE_DEPTH} deep; the file is not read"),
            )
            .with_help("a message needs a few levels of `{ … }` at most; check for unclosed braces"),
        );
        return Arc::new(FluentResource::try_new(String::new()).unwrap_or_else(|(r, _)| r));
    }
    let res = match FluentResource::try_new(text.clone()) {
        Ok(r) => r,
        Err((r, errors)) => {
            for e in errors {
                // Point at the start of the broken entry when known: that is
                // where the writer has to look, not where the parser gave up.
                let at = e.slice.as_ref().map_or(e.pos.start, |s| s.start);
                let (line, col) = index.line_col(&text, at);
                diags.push(
                    Diagnostic::error(
                        path,
                        line,
                        col,
                        format!("Fluent syntax error: {}", crate::diagnostics::one_line(&e.kind.to_string())),
                    )
                    .with_help("see https://projectfluent.org/fluent/guide/ for the syntax"),
                );
            }
            r
        }
    };
    let mut seen = HashMap::new();
    for entry in res.entries() {
        if let fluent_syntax::ast::Entry::Message(m) = entry {
            let id = m.id.name;
            let offset = id.as_ptr() as usize - res.source().as_ptr() as usize;
            let (line, col) = index.line_col(&text, offset);
            if let Some(first) = seen.insert(id.to_string(), line) {
                diags.push(
                    Diagnostic::error(
                        path,
                        line,
                        col,
                        format!("message `{id}` is defined twice (first on line {first})"),
                    )
                    .with_help("remove or rename one of the two; the first definition is used"),
                );
            }
        }
    }
    Arc::new(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The site's `locales/` in a temporary folder, over the default theme's.
    fn load_site(files: &[(&str, &str)]) -> Locales {
        let root = tempfile::tempdir().unwrap();
        for (rel, text) in files {
            let path = root.path().join("locales").join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let theme = crate::theme::Theme::load(root.path(), "default").unwrap();
        Locales::load(&theme, root.path(), "en").0
    }

    #[test]
    fn a_reload_tells_which_languages_read_changed_strings() {
        let old = load_site(&[("en/site.ftl", "a = A\n"), ("fr/site.ftl", "a = Fr\n"), ("de/site.ftl", "a = De\n")]);
        let new = load_site(&[("en/site.ftl", "a = A\n"), ("fr/site.ftl", "a = Fr2\n"), ("de/site.ftl", "a = De\n")]);
        let changed = new.changed_since(&old);
        assert_eq!(changed.iter().collect::<Vec<_>>(), ["fr"]);
        assert!(new.reads_changed(&old, "fr", &changed));
        assert!(new.reads_changed(&old, "fr-CA", &changed), "fr-CA falls back to fr");
        assert!(!new.reads_changed(&old, "de", &changed));
        assert!(!new.reads_changed(&old, "en", &changed));
        // The default language is every chain's last.
        let en = load_site(&[("en/site.ftl", "a = A2\n"), ("fr/site.ftl", "a = Fr\n"), ("de/site.ftl", "a = De\n")]);
        let changed = en.changed_since(&old);
        assert!(en.reads_changed(&old, "de", &changed));
        // A new locale folder changes the chain of the languages that read it.
        let pt = load_site(&[("en/site.ftl", "a = A\n"), ("pt-BR/site.ftl", "a = Pt\n")]);
        let before = load_site(&[("en/site.ftl", "a = A\n")]);
        let changed = pt.changed_since(&before);
        assert!(pt.reads_changed(&before, "pt", &changed), "pt reads pt-BR now");
        assert!(!pt.reads_changed(&before, "en", &changed));
        assert!(pt.changed_since(&pt).is_empty());
    }

    fn locales(files: &[(&str, &str)]) -> (Locales, Diagnostics) {
        let mut diags = Diagnostics::new();
        let mut bundles = HashMap::new();
        let mut origins = HashMap::new();
        for (lang, text) in files {
            let path = PathBuf::from(format!("locales/{lang}/ui.ftl"));
            let res = parse_resource(&path, text.to_string(), &mut diags);
            for id in message_ids(&res) {
                origins.insert((lang.to_string(), id), path.clone());
            }
            let mut b = FluentBundle::new_concurrent(vec![lang.parse().unwrap()]);
            b.set_use_isolating(false);
            let _ = b.add_resource(res);
            bundles.insert(lang.to_string(), b);
        }
        let l = Locales {
            bundles,
            ids: HashMap::new(),
            origins,
            default: "en".into(),
            missing: Mutex::new(BTreeSet::new()),
            broken: Mutex::new(BTreeMap::new()),
            plain: RwLock::default(),
            chains: RwLock::default(),
            sources: BTreeMap::new(),
        };
        (l, diags)
    }

    #[test]
    fn unknown_variables_are_warnings_at_the_translation() {
        let (l, d) = locales(&[("en", "hello = Hello { $name }\n"), ("fr", "hello = Bonjour { $nom }\n")]);
        assert!(d.is_empty());
        assert_eq!(l.t("fr", "hello", &[("name", Arg::Str("Ada".into()))]).unwrap(), "Bonjour {$nom}");
        assert_eq!(l.t("en", "hello", &[("name", Arg::Str("Ada".into()))]).unwrap(), "Hello Ada");
        let w: Vec<String> = l.missing_warnings().iter().map(ToString::to_string).collect();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(
            w[0].starts_with("locales/fr/ui.ftl: warning: UI message `hello` in `fr` cannot be formatted: "),
            "{w:?}"
        );
        assert!(w[0].contains("nom"), "{w:?}");
    }

    #[test]
    fn chain_walks_parents_then_default() {
        let (l, _) = locales(&[]);
        assert_eq!(l.chain("fr-CA"), ["fr-CA", "fr", "en"]);
        assert_eq!(l.chain("en"), ["en"]);
        assert_eq!(l.chain("en-GB"), ["en-GB", "en"]);
    }

    #[test]
    fn chain_takes_close_languages_of_the_same_script() {
        let (l, _) = locales(&[("en", "a = A\n"), ("zh-CN", "a = 甲\n"), ("pt-BR", "a = Á\n")]);
        assert_eq!(l.chain("zh"), ["zh", "zh-CN", "en"]);
        assert_eq!(l.chain("zh-Hans"), ["zh-Hans", "zh", "zh-CN", "en"]);
        assert_eq!(l.chain("zh-TW"), ["zh-TW", "zh", "en"]);
        assert_eq!(l.chain("zh-Hant-TW"), ["zh-Hant-TW", "zh-Hant", "zh", "en"]);
        assert_eq!(l.chain("pt"), ["pt", "pt-BR", "en"]);
        assert_eq!(l.chain("pt-PT"), ["pt-PT", "pt", "pt-BR", "en"]);
        assert_eq!(l.t("zh", "a", &[]).unwrap(), "甲");
        assert!(l.missing_warnings().is_empty());
    }

    #[test]
    fn deeply_nested_placeables_are_refused_before_parsing() {
        let deep = format!("ok = fine\nbad = {}x{}\n", "{ ".repeat(3000), " }".repeat(3000));
        let (_, d) = locales(&[("en", &deep)]);
        let d: Vec<String> = d.iter().map(ToString::to_string).collect();
        assert_eq!(
            d[0],
            "locales/en/ui.ftl:2:71: error: placeables nested more than 32 deep; the file is not read\n  = help: a message needs a few levels of `{ … }` at most; check for unclosed braces"
        );
        // Literal braces in strings and comments do not count.
        let fine =
            format!("# {}\nbrace = {{ \"{}\" }}\nnested = {{ {{ {{ x }} }} }}\n", "{".repeat(100), "{".repeat(100));
        assert_eq!(too_deep(&fine), None);
    }

    #[test]
    fn plurals_and_fallback() {
        let src = "results = { $count ->\n    [one] one result\n   *[other] { $count } results\n}\n";
        let (l, d) = locales(&[("en", src), ("fr", "hello = Bonjour\n")]);
        assert!(d.is_empty());
        assert_eq!(l.t("en", "results", &[("count", Arg::Num(1.0))]).unwrap(), "one result");
        assert_eq!(l.t("en", "results", &[("count", Arg::Num(3.0))]).unwrap(), "3 results");
        assert_eq!(l.t("fr-CA", "hello", &[]).unwrap(), "Bonjour");
        assert_eq!(l.t("fr", "results", &[("count", Arg::Num(2.0))]).unwrap(), "2 results");
        // fr-CA → fr is expected; fr → en is not.
        let w: Vec<String> = l.missing_warnings().iter().map(|d| d.message.clone()).collect();
        assert_eq!(w, ["UI message `results` is not translated into `fr`; using the fallback"]);
        assert!(l.t("fr", "nope", &[]).is_err());
    }

    #[test]
    fn syntax_errors_keep_other_messages() {
        let (l, d) = locales(&[("en", "a = A\nb oops\nc = C\n")]);
        let d: Vec<String> = d.sorted().iter().map(ToString::to_string).collect();
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].starts_with("locales/en/ui.ftl:2:1: error: Fluent syntax error"), "{d:?}");
        assert_eq!(l.t("en", "a", &[]).unwrap(), "A");
        assert_eq!(l.t("en", "c", &[]).unwrap(), "C");
    }

    #[test]
    fn duplicate_ids_are_errors() {
        let (_, d) = locales(&[("en", "a = A\nb = B\na = again\n")]);
        let d: Vec<String> = d.sorted().iter().map(ToString::to_string).collect();
        assert_eq!(
            d,
            [
                "locales/en/ui.ftl:3:1: error: message `a` is defined twice (first on line 1)\n  = help: remove or rename one of the two; the first definition is used"
            ]
        );
    }
}

//! Finds the theme and loads its templates into Tera, with the site's
//! overrides.
//!
//! The default theme (`themes/default` in the repository) is embedded in the
//! binary, so a site builds offline from any folder. A site may name another
//! theme folder under `themes/`. Every theme template is registered twice: as
//! `docs.html` (which a file of the same name in the site's `templates/`
//! replaces) and as `theme/docs.html`, so that an override can
//! `{% extends "theme/docs.html" %}` and change one block. Files that define
//! components are the exception: Tera 2 components are global, so such a file
//! is registered under its name only.
//!
//! Entry points: [`Theme::load`], [`Theme::tera`].

use crate::diagnostics::{Diagnostic, Diagnostics};
use include_dir::{Dir, include_dir};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Name under which templates of the theme stay reachable when overridden.
pub const THEME_PREFIX: &str = "theme/";

/// One file of the theme or of the site's overrides.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    /// Path inside its folder, `/`-separated (`templates/docs.html`).
    pub rel: String,
    /// Path to show in messages.
    pub display: PathBuf,
    /// Contents.
    pub bytes: Cow<'static, [u8]>,
}

/// The theme's files: templates, static assets and locales.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Theme name.
    pub name: String,
    files: Vec<ThemeFile>,
    site_templates: Vec<ThemeFile>,
    /// True for the default theme built into onramp (not a theme folder).
    embedded: bool,
    /// Files of a theme folder or `templates/` that could not be read,
    /// reported by [`Theme::tera`].
    read_errors: Vec<Diagnostic>,
}

/// Where a template came from, to name it in errors.
#[derive(Debug, Clone, Default)]
pub struct TemplateOrigins {
    by_name: BTreeMap<String, PathBuf>,
    /// Names whose template is the one built into onramp (the embedded
    /// default theme, not overridden by the site).
    builtin: std::collections::BTreeSet<String>,
    /// What each template reaches (templates, components, data keys, UI
    /// string languages), read from the sources registered.
    pub deps: crate::template_deps::TemplateDeps,
}

impl TemplateOrigins {
    /// True when `name` is the built-in default theme's own template.
    pub fn is_builtin(&self, name: &str) -> bool {
        self.builtin.contains(name)
    }

    /// The file a template name was loaded from.
    pub fn path_of(&self, name: &str) -> PathBuf {
        self.by_name.get(name).cloned().unwrap_or_else(|| PathBuf::from(name))
    }
}

impl Theme {
    /// Loads theme `name` (embedded `default`, or `root/themes/<name>`) and
    /// the site's `templates/` overrides.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostics> {
        let dir = root.join("themes").join(name);
        let mut read_errors = Vec::new();
        let embedded = !dir.is_dir() && name == "default";
        let files = if dir.is_dir() {
            read_dir_files(root, &dir, &PathBuf::from("themes").join(name), &mut read_errors)
        } else if name == "default" {
            let mut out = Vec::new();
            embedded_files(&DEFAULT_THEME, &mut out);
            out
        } else {
            let d = Diagnostic::error("site.yaml", 0, 0, format!("theme `{name}` not found"))
                .with_help(format!("use `theme: default` or create `themes/{name}/`"));
            return Err(Diagnostics::from_iter([d]));
        };
        let site_templates = read_dir_files(root, &root.join("templates"), Path::new("templates"), &mut read_errors);
        Ok(Theme { name: name.to_string(), files, site_templates, embedded, read_errors })
    }

    /// Files of the theme under `prefix` (`static/`, `locales/`), with the prefix removed.
    pub fn files_under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a ThemeFile)> + 'a {
        self.files.iter().filter_map(move |f| f.rel.strip_prefix(prefix).map(|r| (r, f)))
    }

    /// Builds the Tera instance: theme templates under their name and
    /// `theme/<name>`, site templates over them. Syntax errors of every
    /// template are reported, not just the first.
    /// `setup` registers functions and filters; it runs before templates are
    /// added, since Tera checks calls when it loads templates.
    pub fn tera(&self, setup: &dyn Fn(&mut tera::Tera)) -> Result<(tera::Tera, TemplateOrigins), Diagnostics> {
        let mut origins = TemplateOrigins::default();
        let mut sources: Vec<(String, String)> = Vec::new();
        let mut diags = Diagnostics::new();
        diags.extend(self.read_errors.iter().cloned());
        let theme_templates = self.files_under("templates/").map(|(r, f)| (r.to_string(), f));
        let site_templates = self.site_templates.iter().map(|f| (f.rel.clone(), f));
        for (name, f, is_theme) in
            theme_templates.map(|(n, f)| (n, f, true)).chain(site_templates.map(|(n, f)| (n, f, false)))
        {
            let Ok(text) = std::str::from_utf8(&f.bytes) else {
                diags.push(Diagnostic::error(&f.display, 0, 0, "template is not valid UTF-8"));
                continue;
            };
            if !name.ends_with(".html") && !name.ends_with(".xml") && !name.ends_with(".txt") {
                continue;
            }
            let mut scratch = tera::Tera::new();
            setup(&mut scratch);
            if let Err(e) = scratch.add_raw_template(&name, text) {
                if let Some(d) = syntax_diagnostic(&e, &f.display) {
                    diags.push(d);
                    continue;
                }
            }
            // Components are global in Tera 2: a file defining them is registered once.
            if is_theme && !text.contains("{% component ") {
                sources.push((format!("{THEME_PREFIX}{name}"), text.to_string()));
                origins.by_name.insert(format!("{THEME_PREFIX}{name}"), f.display.clone());
            }
            origins.by_name.insert(name.clone(), f.display.clone());
            if is_theme && self.embedded {
                origins.builtin.insert(name.clone());
            } else {
                origins.builtin.remove(&name);
            }
            sources.retain(|(n, _)| n != &name);
            sources.push((name, text.to_string()));
        }
        if diags.has_errors() {
            return Err(diags);
        }
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        tera.set_escape_fn(escape_for_templates);
        setup(&mut tera);
        if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str()))) {
            // Checks across templates (unknown includes, functions, filters)
            // come as text reports, one per problem: report each.
            let reports = match e.kind() {
                tera::ErrorKind::Msg(text) => text_reports(text),
                _ => Vec::new(),
            };
            if reports.is_empty() {
                return Err(Diagnostics::from_iter([template_error(&e, &origins, None)]));
            }
            return Err(reports.into_iter().map(|r| r.diagnostic(&origins)).collect());
        }
        origins.deps = crate::template_deps::TemplateDeps::new(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())));
        Ok((tera, origins))
    }
}

fn embedded_files(dir: &'static Dir<'static>, out: &mut Vec<ThemeFile>) {
    for f in dir.files() {
        let rel = f.path().to_string_lossy().replace('\\', "/");
        out.push(ThemeFile {
            display: PathBuf::from("themes/default").join(&rel),
            rel,
            bytes: Cow::Borrowed(f.contents()),
        });
    }
    for d in dir.dirs() {
        embedded_files(d, out);
    }
}

/// Reads the files of a theme folder or of `templates/` through
/// [`source_file`](crate::source_file): templates and locales are text
/// sources (size limit), static files only have to be regular files inside
/// the site.
fn read_dir_files(root: &Path, dir: &Path, display_base: &Path, errors: &mut Vec<Diagnostic>) -> Vec<ThemeFile> {
    use crate::source_file::{self, Place};
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) if e.file_type().is_dir() => continue,
            Ok(e) => e,
            Err(e) => {
                let p = e.path().map(|p| crate::source_file::display_path(root, p)).unwrap_or(display_base.into());
                errors.push(Diagnostic::error(p, 0, 0, format!("cannot read: {e}")));
                continue;
            }
        };
        let Ok(rel) = entry.path().strip_prefix(dir) else { continue };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let display = display_base.join(&rel);
        if entry.file_type().is_symlink() && entry.path().is_dir() {
            continue;
        }
        let place = Place::Site(root);
        let bytes = if rel.starts_with("static/") {
            source_file::check(entry.path(), &display, place).and_then(|c| {
                std::fs::read(&c.real).map_err(|e| Diagnostic::error(&display, 0, 0, format!("cannot read: {e}")))
            })
        } else {
            source_file::read_bytes(entry.path(), &display, place)
        };
        match bytes {
            Ok(bytes) => out.push(ThemeFile { display, rel, bytes: Cow::Owned(bytes) }),
            Err(d) => errors.push(d),
        }
    }
    out
}

fn report_of(e: &tera::Error) -> Option<&tera::ReportError> {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => Some(r),
        _ => None,
    }
}

fn syntax_diagnostic(e: &tera::Error, display: &Path) -> Option<Diagnostic> {
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) => Some(
            Diagnostic::error(
                display,
                r.span().start_line,
                r.span().start_col + 1,
                format!("template syntax error: {}", r.message()),
            )
            .with_help("see the Tera 2 template syntax; the theme's own templates are examples"),
        ),
        _ => None,
    }
}

/// Turns a Tera error into a diagnostic naming the template file and line,
/// and the page being rendered (`page`, a path for the help line).
pub fn template_error(e: &tera::Error, origins: &TemplateOrigins, page: Option<&Path>) -> Diagnostic {
    let while_rendering = page.map(|p| format!("while rendering {}", p.display()));
    let d = match (report_of(e), e.kind()) {
        (Some(r), _) => {
            let path = origins.path_of(r.filename());
            Diagnostic::error(
                path,
                r.span().start_line,
                r.span().start_col + 1,
                format!("template error: {}", r.message()),
            )
        }
        (None, tera::ErrorKind::TemplateNotFound(name)) => {
            Diagnostic::error(origins.path_of(name), 0, 0, format!("template `{name}` not found"))
        }
        (None, tera::ErrorKind::MissingParent { current, parent }) => Diagnostic::error(
            origins.path_of(current),
            0,
            0,
            format!("template `{current}` extends `{parent}`, which does not exist"),
        )
        .with_help("to extend the theme's version of a template, write `{% extends \"theme/NAME.html\" %}`"),
        (None, tera::ErrorKind::Msg(text)) => match text_reports(text).into_iter().next() {
            Some(r) => r.diagnostic(origins),
            None => Diagnostic::error("templates", 0, 0, format!("template error: {}", strip_error(text))),
        },
        (None, tera::ErrorKind::CircularExtend { tpl, inheritance_chain }) => Diagnostic::error(
            origins.path_of(tpl),
            0,
            0,
            format!("template `{tpl}` extends itself: {}", inheritance_chain.join(" → ")),
        ),
        (None, tera::ErrorKind::CircularInclude { tpl, include_chain }) => Diagnostic::error(
            origins.path_of(tpl),
            0,
            0,
            format!("template `{tpl}` includes itself: {}", include_chain.join(" → ")),
        ),
        (None, kind) => {
            Diagnostic::error("templates", 0, 0, format!("template error: {}", strip_error(&kind.to_string())))
        }
    };
    let mut msg_source = std::error::Error::source(e);
    let mut causes = Vec::new();
    while let Some(s) = msg_source {
        causes.push(s.to_string());
        msg_source = s.source();
    }
    let d = if causes.is_empty() {
        d
    } else {
        Diagnostic { message: format!("{}: {}", d.message, causes.join(": ")), ..d }
    };
    match (while_rendering, &d.help) {
        (Some(w), None) => d.with_help(w),
        _ => d,
    }
}

fn strip_error(text: &str) -> &str {
    text.strip_prefix("error: ").unwrap_or(text)
}

/// One problem of a Tera error given as text (`error: MESSAGE` then
/// ` --> TEMPLATE:LINE:COL` and the source excerpt).
#[derive(Debug, PartialEq)]
struct TextReport {
    message: String,
    template: String,
    line: usize,
    col: usize,
}

impl TextReport {
    fn diagnostic(&self, origins: &TemplateOrigins) -> Diagnostic {
        Diagnostic::error(
            origins.path_of(&self.template),
            self.line,
            self.col,
            format!("template error: {}", self.message),
        )
    }
}

/// The reports in a Tera error message; empty when it has none.
fn text_reports(text: &str) -> Vec<TextReport> {
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(l) = lines.next() {
        let Some(message) = l.strip_prefix("error: ") else { continue };
        let Some(loc) = lines.peek().and_then(|n| n.trim_start().strip_prefix("--> ")) else { continue };
        let mut parts = loc.rsplitn(3, ':');
        let (Some(col), Some(line), Some(template)) = (parts.next(), parts.next(), parts.next()) else { continue };
        let (Ok(line), Ok(col)) = (line.parse(), col.parse()) else { continue };
        out.push(TextReport { message: message.to_string(), template: template.to_string(), line, col });
    }
    out
}

/// Autoescaping: the same five characters as onramp's own HTML, so a value
/// is safe in text and in attributes quoted either way (Tera's fast escaper
/// leaves `'` alone).
fn escape_for_templates(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut result = Ok(());
    crate::escape::escape_pieces(input, |piece| {
        if result.is_ok() {
            result = out.write_all(piece.as_bytes());
        }
    });
    result
}

#[cfg(test)]
mod tests {
    /// The default theme's layouts reach their own templates only, read no
    /// data file and ask for UI strings in the page's language: a save of
    /// one layout's template, a data file or one language's `.ftl` leaves
    /// the pages of the other layouts and languages alone.
    #[test]
    fn the_default_theme_layouts_reach_their_own_templates() {
        let root = tempfile::tempdir().unwrap();
        let theme = super::Theme::load(root.path(), "default").unwrap();
        let (locales, _) = crate::i18n::Locales::load(&theme, root.path(), "en");
        let locales = std::sync::Arc::new(locales);
        let (_, origins) = theme.tera(&|tera| locales.register(tera)).unwrap();
        let deps = &origins.deps;
        let docs = deps.reach(&["docs.html", "partials/sidebar.html"]);
        let templates = docs.templates.expect("a known set of templates");
        for t in ["docs.html", "base.html", "components.html", "partials/page-header.html", "partials/breadcrumbs.html"]
        {
            assert!(templates.contains(t), "docs.html reaches {t}: {templates:?}");
        }
        for t in ["case-study.html", "news.html", "atom.xml", "guide.html", "404.html"] {
            assert!(!templates.contains(t), "docs.html does not reach {t}");
        }
        assert_eq!(docs.data, crate::template_deps::DataUse::default());
        assert!(!docs.any_language);
        for layout in ["home", "section", "news", "post", "case-studies", "case-study", "guide", "directory", "videos"]
        {
            let reach = deps.reach(&[&format!("{layout}.html")]);
            assert!(reach.templates.is_some(), "{layout} reaches a known set of templates");
            assert_eq!(reach.data, crate::template_deps::DataUse::default(), "{layout} reads no data key");
            assert!(!reach.any_language, "{layout} asks for strings in the page's language");
        }
        // Only the sidebar partial reads `nav`, and only the frame includes
        // it: pages with the shared sidebar need no `nav` of their own.
        assert!(
            deps.nav_only_in(
                &["partials/sidebar.html", "theme/partials/sidebar.html"],
                &["base.html", "theme/base.html"]
            )
        );
    }

    #[test]
    fn templates_escape_quotes_of_both_kinds() {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html"]);
        tera.set_escape_fn(super::escape_for_templates);
        tera.add_raw_template("t.html", "<a title='{{ x }}' href=\"{{ x }}\">{{ x }}</a>").unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("x", "a' onclick=\"b\" <c> & d");
        let html = tera.render("t.html", &ctx).unwrap();
        let escaped = "a&#39; onclick=&quot;b&quot; &lt;c&gt; &amp; d";
        assert_eq!(html, format!("<a title='{escaped}' href=\"{escaped}\">{escaped}</a>"));
    }
}

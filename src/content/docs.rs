//! Reading source documents and rendering their markdown.

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::discover::{FileKind, SourceFile};
use crate::frontmatter::{self, FrontMatter};
use crate::highlight::Highlighter;
use crate::markdown::{self, AlertLabels, RenderInput, Rendered};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;

/// One markdown file, read and split, with its front matter parsed.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Path relative to the site root, for messages and edit links.
    pub display: PathBuf,
    /// Language-neutral key (`docs/a.md`).
    pub key: String,
    /// Language of the file.
    pub lang: String,
    /// Page or section index.
    pub kind: FileKind,
    /// Front matter as written in the file.
    pub fm: FrontMatter,
    /// Where each front matter key and value is written, in the file's lines.
    pub spans: crate::yaml::Spans,
    /// Whole file text.
    pub text: String,
    /// Byte offset of the body in `text`.
    pub body_offset: usize,
    /// Rendered markdown (filled by [`render_docs`], which returns new docs).
    pub rendered: Rendered,
    /// Set for a file mounted from outside `content/`: its links are resolved from its real place.
    pub mount: Option<std::sync::Arc<crate::discover::Mounted>>,
    /// Warnings found while loading (script URLs of a home page's links),
    /// handed to the build's diagnostics by [`load_docs`].
    pub warnings: Vec<Diagnostic>,
}

impl Doc {
    /// The markdown body.
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }

    /// Short hash of the whole file, front matter included (a changed
    /// title, description or `extra` text needs translating as much as a
    /// changed paragraph): what a translation records in `translation_of`.
    pub fn source_hash(&self) -> String {
        use sha2::{Digest, Sha256};
        let text = self.text.replace("\r\n", "\n");
        let digest = Sha256::digest(text.trim().as_bytes());
        digest.iter().take(6).map(|b| format!("{b:02x}")).collect()
    }

    /// True when front matter says `draft: true`.
    pub fn is_draft(&self) -> bool {
        self.fm.draft == Some(true)
    }
}

/// Options of the loading stage.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions<'a> {
    /// Keep drafts.
    pub drafts: bool,
    /// The default language: its drafts hide their translations too.
    pub default_lang: &'a str,
}

/// Reads every markdown file in parallel. Files that fail (not UTF-8,
/// broken front matter…) are reported and left out.
pub fn load_docs(files: &[SourceFile], opts: LoadOptions<'_>) -> (Vec<Doc>, Diagnostics) {
    let results: Vec<Result<Doc, Diagnostic>> =
        files.par_iter().filter(|f| f.kind != FileKind::Asset).map(load_doc).collect();
    let mut diags = Diagnostics::new();
    let mut docs = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(mut d) => {
                diags.extend(std::mem::take(&mut d.warnings));
                docs.push(d)
            }
            Err(e) => diags.push(e),
        }
    }
    // A draft source takes its translations with it.
    if !opts.drafts {
        let draft_sources: std::collections::HashSet<String> =
            docs.iter().filter(|d| d.is_draft() && d.lang == opts.default_lang).map(|d| d.key.clone()).collect();
        docs.retain(|d| !d.is_draft() && !draft_sources.contains(&d.key));
    }
    (docs, diags)
}

/// Reads one markdown file.
pub fn load_doc(f: &SourceFile) -> Result<Doc, Diagnostic> {
    let text = crate::source_file::read_text(&f.abs, &f.display, f.place())?;
    if text.trim().is_empty() {
        return Err(Diagnostic::error(&f.display, 1, 1, "file is empty")
            .with_help("add front matter with a title (`---`, `title: …`, `---`) and some text, or delete the file"));
    }
    let split = frontmatter::split(&text, &f.display)?;
    let (mut fm, spans) = frontmatter::parse(&split, &f.display)?;
    let warnings = if frontmatter::is_home(&fm, &f.key) {
        frontmatter::check_home(&split, &f.display, &spans, &mut fm)?
    } else {
        Vec::new()
    };
    let body_offset = split.body_offset;
    Ok(Doc {
        display: f.display.clone(),
        key: f.key.clone(),
        lang: f.lang.clone(),
        kind: f.kind,
        fm,
        spans,
        text,
        body_offset,
        rendered: Rendered::default(),
        mount: f.mount.clone(),
        warnings,
    })
}

/// Renders every document's markdown in parallel: default-language documents
/// first, then translations, which take their source's heading ids by
/// position. Warns when a translation's headings differ from its source's.
pub fn render_docs(
    docs: Vec<Doc>,
    default_lang: &str,
    alerts: &HashMap<String, AlertLabels>,
    highlighter: &Highlighter,
    raw_html: bool,
) -> (Vec<Doc>, Diagnostics) {
    let fallback_labels = alerts.get(default_lang).cloned().unwrap_or(AlertLabels { titles: Default::default() });
    let render_one = |d: Doc, ids: Option<&[String]>| -> (Doc, Vec<Diagnostic>) {
        let labels = alerts.get(&d.lang).unwrap_or(&fallback_labels);
        render_doc(d, ids, labels, highlighter, raw_html)
    };
    let (sources, translations): (Vec<Doc>, Vec<Doc>) = docs.into_iter().partition(|d| d.lang == default_lang);
    let mut diags = Diagnostics::new();
    let sources: Vec<Doc> = collect(sources.into_par_iter().map(|d| render_one(d, None)).collect(), &mut diags);
    let by_key: HashMap<&str, &Doc> = sources.iter().map(|d| (d.key.as_str(), d)).collect();
    let translated: Vec<(Doc, Vec<Diagnostic>)> = translations
        .into_par_iter()
        .map(|d| {
            let src = by_key.get(d.key.as_str()).copied();
            let (doc, mut ds) = render_one(d, src.map(|s| s.rendered.heading_ids.as_slice()));
            ds.extend(src.and_then(|s| heading_structure_warning(&doc, s)));
            (doc, ds)
        })
        .collect();
    let mut all = sources;
    all.extend(collect(translated, &mut diags));
    (all, diags)
}

/// Renders one document's markdown; a translation passes its source's heading ids.
pub fn render_doc(
    mut d: Doc,
    ids: Option<&[String]>,
    labels: &AlertLabels,
    highlighter: &Highlighter,
    raw_html: bool,
) -> (Doc, Vec<Diagnostic>) {
    let input = RenderInput {
        file_text: &d.text,
        body_offset: d.body_offset,
        path: &d.display,
        key: &d.key,
        heading_ids: ids,
        alerts: labels,
        highlighter,
        raw_html,
    };
    let (mut rendered, mut diags) = markdown::render(d.body(), &input);
    if let Some(m) = &d.mount {
        diags.extend(markdown::mounted::retarget_links(m, &mut rendered.links, &d.display));
    }
    d.rendered = rendered;
    (d, diags)
}

/// A warning when a translation's headings differ from its source's.
pub fn heading_structure_warning(translation: &Doc, source: &Doc) -> Option<Diagnostic> {
    (source.rendered.heading_levels != translation.rendered.heading_levels).then(|| {
        Diagnostic::warning(
            &translation.display,
            1,
            1,
            format!("headings differ from the source page `{}`", source.display.display()),
        )
        .with_help(
            "keep the same headings, in the same order and levels, so that links to anchors work in every language",
        )
    })
}

fn collect(results: Vec<(Doc, Vec<Diagnostic>)>, diags: &mut Diagnostics) -> Vec<Doc> {
    results
        .into_iter()
        .map(|(d, ds)| {
            diags.extend(ds);
            d
        })
        .collect()
}

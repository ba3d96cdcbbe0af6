//! The markdown stage over the site's documents: every document's body
//! rendered in parallel, default-language documents first, then
//! translations, which take their source's heading ids by position. The
//! result is one [`Rendered`] per document, in the documents' order (the
//! site model keeps the documents; the stages after it read both).

use super::{AlertLabels, LinkTarget, RenderInput, Rendered};
use crate::content::Doc;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::highlight::Highlighter;
use rayon::prelude::*;
use std::collections::HashMap;

/// How the stage renders: the site's options, shared by every document.
pub struct MarkdownOptions<'a> {
    /// The default language (its documents are the sources).
    pub default_lang: &'a str,
    /// Callout titles per language.
    pub alerts: &'a HashMap<String, AlertLabels>,
    /// The syntax highlighter.
    pub highlighter: &'a Highlighter,
    /// `markdown.raw_html` in site.yaml.
    pub raw_html: bool,
    /// The site's files, from discovery (video posters are looked up there).
    pub site_files: &'a super::video::SiteFiles,
    /// The files documents include, read at the loading stage.
    pub includes: &'a crate::content::Includes,
    /// The site's versions: a versioned document's links are written for
    /// its own version's keys.
    pub versions: &'a crate::schema::versions::Versions,
}

impl MarkdownOptions<'_> {
    fn labels(&self, lang: &str) -> &AlertLabels {
        static NONE: std::sync::OnceLock<AlertLabels> = std::sync::OnceLock::new();
        self.alerts.get(lang).or_else(|| self.alerts.get(self.default_lang)).unwrap_or_else(|| {
            NONE.get_or_init(|| AlertLabels { titles: Default::default(), video: Default::default() })
        })
    }
}

/// Renders every document; `rendered[i]` is `docs[i]`'s. Warns when a
/// translation's headings differ from its source's. Unless `keep_bodies`,
/// each document's body is dropped from its text once rendered (the text
/// keeps its front matter): a build that keeps no state for the dev server
/// or `onramp check` never reads a body again, and dropping them as they are
/// rendered keeps every source text and every rendered page from being held
/// at once.
pub fn render_docs(docs: &mut [Doc], opts: &MarkdownOptions<'_>, keep_bodies: bool) -> (Vec<Rendered>, Diagnostics) {
    let is_source = |d: &Doc| d.lang == opts.default_lang;
    // Sources whose version a translation records (`translation_of`): their
    // hash is kept when their body is dropped.
    let stamped: std::collections::HashSet<String> =
        docs.iter().filter(|d| !is_source(d) && d.fm.translation_of.is_some()).map(|d| d.key.clone()).collect();
    let done = |d: &mut Doc| {
        if !keep_bodies {
            let keep_hash = is_source(d) && stamped.contains(&d.key);
            d.drop_body(keep_hash);
        }
    };
    let pack = packs_bodies(docs);
    let sources: Vec<(usize, Rendered, Vec<Diagnostic>)> = docs
        .par_iter_mut()
        .enumerate()
        .filter(|(_, d)| is_source(d))
        .map(|(i, d)| {
            let (mut r, diags) = render_doc(d, None, opts);
            if pack {
                r.pack();
            }
            done(d);
            (i, r, diags)
        })
        .collect();
    // A translation's source: its index in `sources` and its path (for the warning).
    let by_key: HashMap<String, (usize, std::path::PathBuf)> =
        sources.iter().enumerate().map(|(j, (i, ..))| (docs[*i].key.clone(), (j, docs[*i].display.clone()))).collect();
    let translations: Vec<(usize, Rendered, Vec<Diagnostic>)> = docs
        .par_iter_mut()
        .enumerate()
        .filter(|(_, d)| !is_source(d))
        .map(|(i, d)| {
            let src = by_key.get(d.key.as_str()).map(|(j, display)| (display, &sources[*j].1));
            let (mut r, mut diags) = render_doc(d, src.map(|(_, r)| r.heading_ids.as_slice()), opts);
            diags.extend(src.and_then(|(s, sr)| heading_structure_warning(d, &r, s, sr)));
            if pack {
                r.pack();
            }
            done(d);
            (i, r, diags)
        })
        .collect();
    let mut diags = Diagnostics::new();
    let mut rendered: Vec<Option<Rendered>> = (0..docs.len()).map(|_| None).collect();
    for (i, r, ds) in sources.into_iter().chain(translations) {
        diags.extend(ds);
        rendered[i] = Some(r);
    }
    (rendered.into_iter().map(Option::unwrap_or_default).collect(), diags)
}

/// Whether the stage packs the bodies it renders: when the documents'
/// sources pass [`super::UNPACKED_SOURCES`] (see there).
pub fn packs_bodies(docs: &[Doc]) -> bool {
    docs.iter().map(|d| d.text.len()).sum::<usize>() > super::UNPACKED_SOURCES
}

/// Renders one document's markdown; a translation passes its source's heading ids.
pub fn render_doc(d: &Doc, ids: Option<&[String]>, opts: &MarkdownOptions<'_>) -> (Rendered, Vec<Diagnostic>) {
    // A page of an older version links as written in that version: from
    // its own key (`docs/a.md`), then into the same version.
    let version = opts.versions.version_of_key(&d.key).filter(|_| d.mount.is_none());
    let input = RenderInput {
        file_text: &d.text,
        body_offset: d.body_offset,
        path: &d.display,
        key: version.as_ref().map_or(&d.key, |(_, own)| own),
        heading_ids: ids,
        alerts: opts.labels(&d.lang),
        highlighter: opts.highlighter,
        raw_html: opts.raw_html,
        site_files: opts.site_files,
        includes: opts.includes.of(&d.display),
    };
    let (mut rendered, mut diags) = super::render(d.body(), &input);
    if let Some((v, _)) = version {
        for link in &mut rendered.links {
            if let LinkTarget::Page { key, .. } | LinkTarget::Asset(key) = &mut link.target {
                *key = opts.versions.key_in(key, v);
            }
        }
    }
    if let Some(m) = &d.mount {
        diags.extend(super::mounted::retarget_links(m, &mut rendered.links, &d.display));
    }
    (rendered, diags)
}

/// A warning when a translation's headings differ from its source's.
pub fn heading_structure_warning(
    translation: &Doc,
    rendered: &Rendered,
    source: &std::path::Path,
    source_rendered: &Rendered,
) -> Option<Diagnostic> {
    (source_rendered.heading_levels != rendered.heading_levels).then(|| {
        Diagnostic::warning(
            &translation.display,
            1,
            1,
            format!("headings differ from the source page `{}`", source.display()),
        )
        .with_help(
            "keep the same headings, in the same order and levels, so that links to anchors work in every language",
        )
    })
}

/// Alert titles (`> [!NOTE]`…) in every language, from the UI strings.
pub fn alert_labels(
    config: &crate::config::SiteConfig,
    locales: &crate::i18n::Locales,
) -> HashMap<String, AlertLabels> {
    let ids = ["alert-note", "alert-tip", "alert-important", "alert-warning", "alert-caution"];
    config
        .languages
        .iter()
        .map(|l| {
            let [play, watch, privacy, file, transcript] = super::video::LABEL_IDS;
            let site = |name: &str| {
                let args = [("site", crate::i18n::Arg::Str(name.to_string()))];
                locales.t(&l.code, watch, &args).unwrap_or_else(|_| name.to_string())
            };
            let video = super::video::VideoLabels {
                play: locales.text(&l.code, play),
                watch: ["YouTube", "Vimeo", "PeerTube"].map(site),
                privacy: locales.text(&l.code, privacy),
                file: locales.text(&l.code, file),
                transcript: locales.text(&l.code, transcript),
            };
            (l.code.clone(), AlertLabels { titles: ids.map(|id| locales.text(&l.code, id)), video })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::translation::{Freshness, freshness};

    fn doc(lang: &str, front: &str, body: &str) -> Doc {
        Doc {
            display: format!("content/{lang}/a.md").into(),
            key: "a.md".into(),
            lang: lang.into(),
            kind: crate::discover::FileKind::Page,
            fm: Default::default(),
            spans: Default::default(),
            text: format!("{front}{body}"),
            body_offset: front.len(),
            mount: None,
            warnings: Vec::new(),
            hash: None,
        }
    }

    fn site() -> Vec<Doc> {
        let source = doc("en", "---\ntitle: A\n---\n", "Some *text*.\n\n## Part\n\nMore.\n");
        let mut translation = doc("fr", "---\ntitle: A\n---\n", "Du *texte*.\n\n## Partie\n\nPlus.\n");
        translation.fm.translation_of = Some(source.source_hash());
        vec![source, translation]
    }

    fn render(docs: &mut [Doc], keep_bodies: bool) -> Vec<Rendered> {
        let (alerts, highlighter) = (HashMap::new(), Highlighter::new());
        let files = crate::markdown::video::SiteFiles::default();
        let includes = crate::content::Includes::default();
        let opts = MarkdownOptions {
            default_lang: "en",
            alerts: &alerts,
            highlighter: &highlighter,
            raw_html: false,
            site_files: &files,
            includes: &includes,
            versions: &Default::default(),
        };
        render_docs(docs, &opts, keep_bodies).0
    }

    #[test]
    fn dropped_bodies_keep_the_front_matter_and_the_hash_a_translation_records() {
        let (mut kept, mut dropped) = (site(), site());
        let (with_bodies, without) = (render(&mut kept, true), render(&mut dropped, false));
        assert_eq!(kept[0].text, site()[0].text, "a build that keeps its state keeps the bodies");
        assert_eq!(dropped.iter().map(|d| d.text.as_str()).collect::<Vec<_>>(), ["---\ntitle: A\n---\n"; 2]);
        assert_eq!(dropped[0].source_hash(), kept[0].source_hash());
        assert_eq!(freshness(&dropped[1], &dropped[0]), Freshness::Current);
        let html = |r: &[Rendered]| r.iter().map(|r| r.html().into_owned()).collect::<Vec<_>>();
        assert_eq!(html(&without), html(&with_bodies));
        assert_eq!(without[1].heading_ids, ["part"], "the translation takes its source's ids");
    }
}

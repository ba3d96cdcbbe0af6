//! The search stage over the site: every page's text by heading, in every
//! language, turned into each language's index and written into the sink.

use crate::config::SiteConfig;
use crate::content::{self, Site};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use crate::sink::Sink;
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;

/// Builds and writes the search index of every language; returns the
/// manifest URL of each. Two languages at a time, each index built on all
/// cores, its files written and dropped before the next: an index build
/// has sequential steps (numbering the words, sorting the vocabulary,
/// packing files) that leave a core idle, and the second language fills
/// it (10k pages × 3 languages: the stage took 3.1–3.5 s instead of
/// 3.8–4.5 s, for 50–130 MB more peak memory). All
/// languages at once held every language's token lists, and raised a
/// 10k-page build's peak memory by a sixth.
pub fn build_search(
    config: &SiteConfig,
    site: &Site,
    rendered: &[Rendered],
    sink: &dyn Sink,
    diags: &mut Diagnostics,
) -> HashMap<String, String> {
    let mut manifests = HashMap::new();
    if !config.search.enabled {
        return manifests;
    }
    let one = |li: usize| -> (String, Vec<Diagnostic>) {
        let lang = &config.languages[li];
        let records = search_records(config, site, rendered, li, None);
        let mut out = super::build_index(&lang.code, &records, &config.base_path, &lang.prefix);
        drop(records);
        let mut diags = write_search(&out, sink);
        let manifest_url = std::mem::take(&mut out.manifest_url);
        drop(out);
        // Each older or unreleased version has an index of its own: its
        // pages and the unversioned ones, so its readers find its pages.
        for (v, version) in config.versions.list.iter().enumerate().filter(|(v, _)| *v != config.versions.latest) {
            let records = search_records(config, site, rendered, li, Some(v));
            let mut version_out = super::build_index(&lang.code, &records, &config.base_path, &lang.prefix);
            drop(records);
            into_version_folder(&mut version_out, &lang.prefix, &version.segment);
            diags.extend(write_search(&version_out, sink));
        }
        (manifest_url, diags)
    };
    let languages: Vec<usize> = (0..config.languages.len()).collect();
    for pair in languages.chunks(2) {
        let done: Vec<(String, Vec<Diagnostic>)> = pair.par_iter().map(|&li| one(li)).collect();
        for (&li, (url, d)) in pair.iter().zip(done) {
            diags.extend(d);
            manifests.insert(config.languages[li].code.clone(), url);
        }
    }
    manifests
}

/// Moves the files of an index built for a language's `search/` folder
/// into the version's folder under it (`search/1.x/`).
pub fn into_version_folder(out: &mut super::SearchOutput, prefix: &str, segment: &str) {
    let root = format!("{prefix}search/");
    for (path, _) in &mut out.files {
        if let Some(rest) = path.strip_prefix(&root) {
            *path = format!("{root}{segment}/{rest}");
        }
    }
}

/// The manifest URL of each language's index (none when search is off):
/// known before the index is built, so pages can be rendered first.
pub fn manifest_urls(config: &SiteConfig) -> HashMap<String, String> {
    if !config.search.enabled {
        return HashMap::new();
    }
    config.languages.iter().map(|l| (l.code.clone(), super::manifest_url(&config.base_path, &l.prefix))).collect()
}

pub fn write_search(search: &super::SearchOutput, sink: &dyn Sink) -> Vec<Diagnostic> {
    search
        .files
        .par_iter()
        .filter_map(|(rel, b)| sink.write(rel, b).err().map(|e| (rel, e)))
        .map(|(rel, e)| Diagnostic::error(rel.clone(), 0, 0, format!("cannot write the search index: {e}")))
        .collect()
}

/// The search records of one language: every page's text by heading,
/// fallback copies included; pages with `search: false` and excluded
/// top-level sections left out. A page without text still gets one record,
/// so its title can be found. With versions, `lane` is the version other
/// than the latest whose index this is (its pages and the unversioned
/// ones), or `None` for the latest version's (the site's own index).
pub fn search_records<'s>(
    config: &SiteConfig,
    site: &'s Site,
    rendered: &'s [Rendered],
    li: usize,
    lane: Option<usize>,
) -> Vec<super::SearchRecord<'s>> {
    let mut out = Vec::new();
    for &n in &site.order {
        if site.nodes[n].version.is_some() && site.lane(config, n) != lane {
            continue;
        }
        let v = &site.nodes[n].variants[li];
        let Some(doc) = v.doc.map(|d| &rendered[d]) else { continue };
        let top = top_level(site, n);
        let top_key = top.map(|t| site.nodes[t].key.trim_end_matches("/_index.md"));
        if v.fm.search == Some(false) || top_key.is_some_and(|k| config.search.exclude.iter().any(|e| e == k)) {
            continue;
        }
        let section = top.map_or("", |t| site.nodes[t].variants[li].title.as_str());
        let url = crate::content::paths::url(&config.base_path, &v.path);
        let record = |id: &'s str, heading: &'s str, text: &'s str| super::SearchRecord {
            url: Cow::Owned(url.clone()),
            anchor: Cow::Borrowed(id),
            title: Cow::Borrowed(&v.title),
            heading: Cow::Borrowed(heading),
            text: Cow::Borrowed(text),
            section: Cow::Borrowed(section),
        };
        if doc.sections.is_empty() {
            out.push(record("", "", ""));
        }
        out.extend(doc.sections.iter().map(|s| record(&s.id, &s.heading, &s.text)));
    }
    out
}

/// The top-level section a node belongs to (`None` for the home page and
/// pages directly under it).
fn top_level(site: &Site, mut n: usize) -> Option<usize> {
    loop {
        match site.nodes[n].parent {
            None => return None,
            Some(0) => return (site.nodes[n].kind == content::NodeKind::Section).then_some(n),
            Some(p) => n = p,
        }
    }
}

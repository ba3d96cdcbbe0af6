//! `directory`: a conformance or solutions directory. Entries come from a
//! data file (`directory: {data: solutions}` reads `data/solutions.yaml`),
//! grouped by category, and can be filtered and sorted in the browser
//! (theme/layouts.js; without JavaScript every entry is shown).
//!
//! ```yaml
//! # data/solutions.yaml: a list of entries
//! - name: Widget Server          # required
//!   category: Servers            # required
//!   vendor: Acme
//!   version: "2.1"               # the version certified
//!   url: https://acme.example/widget
//!   logo: /img/acme.svg          # under static/
//!   description: A server for widgets.
//! ```
//!
//! The file is checked against these fields entry by entry, so one build
//! reports every wrong field, type or missing value, at its `line:col`.

use super::common::{asset_url, key_error, safe_link, site_url};
use crate::diagnostics::{Diagnostic, closest};
use crate::render::RenderEnv;
pub use crate::schema::directory::{DirectoryFm, EntryFm};
use crate::yaml_path;
use serde::Serialize;
use std::path::Path;

/// `layout_data.directory`.
#[derive(Debug, Clone, Serialize)]
pub struct DirectoryCtx {
    /// Entries by category, categories sorted by name.
    pub groups: Vec<DirectoryGroup>,
    /// Every category, sorted.
    pub categories: Vec<String>,
    /// Number of entries.
    pub total: usize,
}

/// The entries of one category.
#[derive(Debug, Clone, Serialize)]
pub struct DirectoryGroup {
    /// Category name.
    pub category: String,
    /// Entries, sorted by name.
    pub entries: Vec<DirectoryEntry>,
}

/// One entry, ready for the template.
#[derive(Debug, Clone, Serialize)]
pub struct DirectoryEntry {
    /// Name.
    pub name: String,
    /// Vendor.
    pub vendor: String,
    /// Version certified.
    pub version: String,
    /// Web site (safe links only).
    pub url: Option<String>,
    /// Logo URL.
    pub logo: Option<String>,
    /// Description.
    pub description: String,
    /// Name, vendor and description, lowercased, for the text filter.
    pub search: String,
}

/// The directory page.
pub fn data(env: &RenderEnv<'_>, node: usize, lang: usize) -> (Option<DirectoryCtx>, Vec<Diagnostic>) {
    let v = &env.site.nodes[node].variants[lang];
    let doc = env.site.doc(v);
    let mut diags = Vec::new();
    let Some(fm) = &v.fm.directory else {
        if let Some(doc) = doc {
            diags.push(
                key_error(
                    doc,
                    &yaml_path!["layout"],
                    "a directory needs `directory: {data: NAME}` in its front matter",
                )
                .with_help("NAME is a file `data/NAME.yaml` listing the entries"),
            );
        }
        return (None, diags);
    };
    let name = fm.data.trim().trim_end_matches(".yaml").trim_end_matches(".yml");
    let Some(file) = env.inputs.data_file(name) else {
        if let Some(doc) = doc {
            let mut d = key_error(doc, &yaml_path!["directory", "data"], format!("no data file `data/{name}.yaml`"));
            d = match closest(name, env.inputs.data_names.iter().map(String::as_str)) {
                Some(c) => d.with_help(format!("did you mean `{c}`?")),
                None => d.with_help(
                    "create it with a list of entries (name, category, vendor, version, url, logo, description)",
                ),
            };
            diags.push(d);
        }
        return (None, diags);
    };
    let (entries, data_diags) = load_entries(env, &file);
    diags.extend(data_diags);
    let mut categories: Vec<String> = entries.iter().map(|e| e.0.clone()).collect();
    categories.sort_by_key(|c| (c.to_lowercase(), c.clone()));
    categories.dedup();
    let groups = categories
        .iter()
        .map(|c| {
            let mut entries: Vec<DirectoryEntry> = entries.iter().filter(|e| &e.0 == c).map(|e| e.1.clone()).collect();
            entries.sort_by_key(|e| (e.name.to_lowercase(), e.name.clone()));
            DirectoryGroup { category: c.clone(), entries }
        })
        .collect();
    let ctx = DirectoryCtx { groups, total: entries.len(), categories };
    (Some(ctx), diags)
}

/// Reads and checks a directory data file: (category, entry) for every valid
/// entry, and a diagnostic for every problem.
fn load_entries(env: &RenderEnv<'_>, file: &Path) -> (Vec<(String, DirectoryEntry)>, Vec<Diagnostic>) {
    let Some((items, diags)) = env.inputs.directory.get(file) else { return (Vec::new(), Vec::new()) };
    let mut diags = diags.clone();
    let mut out = Vec::new();
    for item in items {
        let entry = &item.value;
        for (field, value) in [("name", &entry.name), ("category", &entry.category)] {
            if value.trim().is_empty() {
                let (l, c) = item.at(field);
                diags.push(Diagnostic::error(file, l, c, format!("`{field}` must not be empty")));
            }
        }
        let url = entry.url.as_deref().and_then(|u| {
            let safe = safe_link(u);
            if safe.is_none() {
                let (l, c) = item.at("url");
                diags.push(
                    Diagnostic::error(file, l, c, format!("unsafe link `{u}`"))
                        .with_help("use a web link (`https://…`) or a site path"),
                );
            }
            safe.map(|s| site_url(env, &s))
        });
        let logo = entry.logo.as_deref().and_then(|l| match asset_url(env, "", l) {
            Ok(u) => Some(u),
            Err(help) => {
                let (ln, c) = item.at("logo");
                diags.push(Diagnostic::error(file, ln, c, format!("logo `{l}` not found")).with_help(help));
                None
            }
        });
        let vendor = entry.vendor.clone().unwrap_or_default();
        let description = entry.description.clone().unwrap_or_default();
        let search = format!("{} {} {} {}", entry.name, vendor, description, entry.category).to_lowercase();
        out.push((
            entry.category.trim().to_string(),
            DirectoryEntry {
                name: entry.name.trim().to_string(),
                vendor,
                version: entry.version.clone().unwrap_or_default(),
                url,
                logo,
                description,
                search,
            },
        ));
    }
    (out, diags)
}

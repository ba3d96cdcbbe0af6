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

use super::{LayoutCtx, asset_url, doc_error, safe_link};
use crate::diagnostics::{Diagnostic, closest};
use crate::render::RenderEnv;
use crate::yaml::{self, YamlSource};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// `directory:` in front matter.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DirectoryFm {
    /// Name of the data file, without `data/` and `.yaml`.
    pub data: String,
}

/// One entry of the data file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EntryFm {
    /// Product or solution name.
    pub name: String,
    /// Category it is grouped under.
    pub category: String,
    /// Who makes it.
    pub vendor: Option<String>,
    /// Version certified (a string: quote numbers such as `"2.1"`).
    pub version: Option<String>,
    /// Web site.
    pub url: Option<String>,
    /// Logo: a site path under `static/`.
    pub logo: Option<String>,
    /// One or two sentences.
    pub description: Option<String>,
}

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
pub fn build(env: &RenderEnv<'_>, node: usize, lang: usize) -> (LayoutCtx, Vec<Diagnostic>) {
    let v = &env.site.nodes[node].variants[lang];
    let doc = env.site.doc(v);
    let mut diags = Vec::new();
    let Some(fm) = &v.fm.directory else {
        if let Some(doc) = doc {
            diags.push(
                doc_error(doc, "layout:", "a directory needs `directory: {data: NAME}` in its front matter")
                    .with_help("NAME is a file `data/NAME.yaml` listing the entries"),
            );
        }
        return (LayoutCtx::default(), diags);
    };
    let name = fm.data.trim().trim_end_matches(".yaml").trim_end_matches(".yml");
    let file = ["yaml", "yml"]
        .iter()
        .map(|ext| PathBuf::from("data").join(format!("{name}.{ext}")))
        .find(|p| env.config.root.join(p).is_file());
    let safe_name = !name.is_empty() && !name.contains(['/', '\\']) && name != "..";
    let (Some(file), true) = (file, safe_name) else {
        if let Some(doc) = doc {
            let mut d = doc_error(doc, "data:", format!("no data file `data/{name}.yaml`"));
            let known = data_names(&env.config.root);
            d = match closest(name, known.iter().map(String::as_str)) {
                Some(c) => d.with_help(format!("did you mean `{c}`?")),
                None => d.with_help(
                    "create it with a list of entries (name, category, vendor, version, url, logo, description)",
                ),
            };
            diags.push(d);
        }
        return (LayoutCtx::default(), diags);
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
    (LayoutCtx { directory: Some(ctx), ..LayoutCtx::default() }, diags)
}

fn data_names(root: &Path) -> Vec<String> {
    std::fs::read_dir(root.join("data"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            let p = e.path();
            p.extension()
                .is_some_and(|x| x == "yaml" || x == "yml")
                .then(|| p.file_stem()?.to_str().map(str::to_string))?
        })
        .collect()
}

/// Reads and checks a directory data file: (category, entry) for every valid
/// entry, and a diagnostic for every problem.
fn load_entries(env: &RenderEnv<'_>, file: &Path) -> (Vec<(String, DirectoryEntry)>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let text = match std::fs::read_to_string(env.config.root.join(file)) {
        Ok(t) => t,
        Err(e) => return (Vec::new(), vec![Diagnostic::error(file, 0, 0, format!("cannot read data file: {e}"))]),
    };
    let src = YamlSource { path: file, first_line: 1, key_noun: "field" };
    let all: serde_json::Value = match yaml::parse(&text, src) {
        Ok(v) => v,
        Err(d) => return (Vec::new(), vec![d]),
    };
    let Some(list) = all.as_array() else {
        let d = Diagnostic::error(file, 1, 1, "a directory data file must be a list of entries")
            .with_help("start each entry with `- name: …` at the beginning of a line");
        return (Vec::new(), vec![d]);
    };
    // Each entry is checked on its own, so that every problem is reported.
    let items = split_items(&text);
    let parsed: Vec<(usize, Result<EntryFm, Diagnostic>)> = if items.len() == list.len() {
        items
            .iter()
            .map(|(line, item)| (*line, yaml::parse::<EntryFm>(item, YamlSource { first_line: *line, ..src })))
            .collect()
    } else {
        match yaml::parse::<Vec<EntryFm>>(&text, src) {
            Ok(all) => all.into_iter().map(|e| (0, Ok(e))).collect(),
            Err(d) => return (Vec::new(), vec![d]),
        }
    };
    let mut out = Vec::new();
    for (i, (line, entry)) in parsed.into_iter().enumerate() {
        let entry = match entry {
            Ok(e) => e,
            Err(d) => {
                diags.push(d);
                continue;
            }
        };
        let item_text = items.get(i).map_or("", |(_, t)| t.as_str());
        let at = |field: &str| -> (usize, usize) {
            let prefix = format!("{field}:");
            item_text
                .lines()
                .enumerate()
                .find_map(|(k, l)| {
                    let t = l.trim_start();
                    t.starts_with(&prefix).then(|| (line + k, l.len() - t.len() + 1))
                })
                .unwrap_or((line, 1))
        };
        for (field, value) in [("name", &entry.name), ("category", &entry.category)] {
            if value.trim().is_empty() {
                let (l, c) = at(field);
                diags.push(Diagnostic::error(file, l, c, format!("`{field}` must not be empty")));
            }
        }
        let url = entry.url.as_deref().and_then(|u| {
            let safe = safe_link(u);
            if safe.is_none() {
                let (l, c) = at("url");
                diags.push(
                    Diagnostic::error(file, l, c, format!("unsafe link `{u}`"))
                        .with_help("use a web link (`https://…`) or a site path"),
                );
            }
            safe.map(|s| super::site_url(env, &s))
        });
        let logo = entry.logo.as_deref().and_then(|l| match asset_url(env, "", l) {
            Ok(u) => Some(u),
            Err(looked_for) => {
                let (ln, c) = at("logo");
                diags.push(
                    Diagnostic::error(file, ln, c, format!("logo `{l}` not found"))
                        .with_help(format!("put the file at `{looked_for}`, or fix the path")),
                );
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

/// The top-level items of a YAML block list, each with the line it starts
/// on, rewritten so that it parses alone with unchanged columns: the item's
/// `- ` becomes two spaces (an indented mapping).
fn split_items(text: &str) -> Vec<(usize, String)> {
    let mut items: Vec<(usize, String)> = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if let Some(rest) = line.strip_prefix("- ").or_else(|| (line.trim_end() == "-").then_some("\n")) {
            items.push((i + 1, format!("  {rest}")));
        } else if let Some(last) = items.last_mut() {
            // Lines that belong to the item (indented, blank or comments).
            let top_level = !line.starts_with([' ', '\t', '#', '\n', '\r']) && !line.trim().is_empty();
            if top_level {
                break;
            }
            last.1.push_str(line);
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_keep_their_lines_and_columns() {
        let text = "# partners\n- name: A\n  category: X\n\n- name: B\n  category: Y\n";
        let items = split_items(text);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0], (2, "  name: A\n  category: X\n\n".to_string()));
        assert_eq!(items[1].0, 5);
        let e: EntryFm = serde_yaml::from_str(&items[1].1).unwrap();
        assert_eq!((e.name.as_str(), e.category.as_str()), ("B", "Y"));
    }
}

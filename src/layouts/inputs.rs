//! What the layouts read besides the site model, read and checked once in
//! the load stage ([`load`]), so that rendering reads no file: the entries
//! of every data file a page names (parsed into the layout's own types, with
//! the diagnostics of each entry), the names of the data files, and the site
//! files (`static/`, `content/`) a logo may point to.
//!
//! The diagnostics of a data file stay with its entries: the page that
//! shows them reports them, as before (once per page in its own language).

use super::data_list::{self, Item};
use crate::config::SiteConfig;
use crate::content::Site;
use crate::data::Data;
use crate::diagnostics::Diagnostic;
use crate::discover::SourceFile;
use crate::schema::community::ContributorFm;
use crate::schema::directory::EntryFm;
use crate::schema::guide::{ContactFm, IssueFm};
use crate::schema::meetings::MeetingFm;
use crate::schema::videos::VideoFm;
use crate::yaml::{self, Spans, YamlSource};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// Entries of a list-shaped data file, and the problems of the others.
pub type Entries<T> = (Vec<Item<T>>, Vec<Diagnostic>);

/// site.yaml's `community.domains` file, and its domain → organization map or its problem.
pub type Domains = (PathBuf, Result<BTreeMap<String, String>, Diagnostic>);

/// The layouts' inputs, read before rendering.
#[derive(Debug, Default)]
pub struct LayoutInputs {
    /// Stems of the data files (`partners` for `data/partners.yaml`).
    pub data_names: Vec<String>,
    /// Paths of the data files (`data/partners.yaml`).
    data_paths: HashSet<PathBuf>,
    /// Files under `static/`, by output path (`img/logo.svg`).
    static_files: HashSet<String>,
    /// Files under `content/`, by path inside it (`case-studies/acme.png`).
    content_files: HashSet<String>,
    /// `directory` data files.
    pub directory: HashMap<PathBuf, Entries<EntryFm>>,
    /// `guide.issues` data files.
    pub issues: HashMap<PathBuf, Entries<IssueFm>>,
    /// `guide.contact` data files, with their positions.
    pub contacts: HashMap<PathBuf, Result<(ContactFm, Spans), Diagnostic>>,
    /// `community.data` data files.
    pub contributors: HashMap<PathBuf, Entries<ContributorFm>>,
    /// `meetings` data files.
    pub meetings: HashMap<PathBuf, Entries<MeetingFm>>,
    /// `videos` data files.
    pub videos: HashMap<PathBuf, Entries<VideoFm>>,
    /// `community.domains` of site.yaml: the file and its map, or its problem.
    pub domains: Option<Domains>,
}

impl LayoutInputs {
    /// `data/<name>.yaml` (or `.yml`) when `name` is a plain file name and the
    /// file exists.
    pub fn data_file(&self, name: &str) -> Option<PathBuf> {
        let name = name.trim().trim_end_matches(".yaml").trim_end_matches(".yml");
        let safe = !name.is_empty() && !name.contains(['/', '\\']) && name != "..";
        ["yaml", "yml"]
            .iter()
            .map(|ext| PathBuf::from("data").join(format!("{name}.{ext}")))
            .find(|p| safe && self.data_paths.contains(p))
    }

    /// True when `static/<rel>` is a file of the site.
    pub fn is_static_file(&self, rel: &str) -> bool {
        self.static_files.contains(rel)
    }

    /// True when `content/<key>` is a file of the site.
    pub fn is_content_file(&self, key: &str) -> bool {
        self.content_files.contains(key)
    }
}

/// Reads the data files the pages of `site` and `config` name, from what
/// `crate::data` read, into the layouts' types. `files` are the content
/// files discovery found, `static_files` the output paths of `static/`.
pub fn load(
    config: &SiteConfig,
    site: &Site,
    data: &Data,
    files: &[SourceFile],
    static_files: impl IntoIterator<Item = String>,
) -> LayoutInputs {
    let content_dir = Path::new(crate::discover::CONTENT_DIR);
    let mut inputs = LayoutInputs {
        data_names: data.names(),
        data_paths: data.files.iter().map(|f| f.path.clone()).collect(),
        static_files: static_files.into_iter().collect(),
        content_files: files
            .iter()
            .filter_map(|f| f.display.strip_prefix(content_dir).ok())
            .filter_map(|p| p.to_str().map(|s| s.replace('\\', "/")))
            .collect(),
        ..LayoutInputs::default()
    };
    let text_of = |path: &Path| data.files.iter().find(|f| f.path == path).map(|f| f.text.clone());
    for v in site.nodes.iter().flat_map(|n| n.variants.iter()) {
        if let Some(path) = v.fm.directory.as_ref().and_then(|d| inputs.data_file(&d.data)) {
            let entries = || list(&path, text_of(&path), "a directory data file", "name");
            inputs.directory.entry(path.clone()).or_insert_with(entries);
        }
        if let Some(guide) = &v.fm.guide {
            if let Some(path) = guide.issues.as_deref().and_then(|n| inputs.data_file(n)) {
                let entries = || list(&path, text_of(&path), "a good first issues file", "title");
                inputs.issues.entry(path.clone()).or_insert_with(entries);
            }
            if let Some(path) = guide.contact.as_deref().and_then(|n| inputs.data_file(n)) {
                let parsed = || match text_of(&path).unwrap_or_else(|| Err("not found".into())) {
                    Err(e) => Err(Diagnostic::error(&path, 0, 0, format!("cannot read data file: {e}"))),
                    Ok(text) => {
                        let src = YamlSource { path: &path, first_line: 1, key_noun: "field" };
                        yaml::parse_spanned::<ContactFm>(&text, src)
                    }
                };
                inputs.contacts.entry(path.clone()).or_insert_with(parsed);
            }
        }
        if let Some(path) = v.fm.meetings.as_ref().and_then(|m| inputs.data_file(&m.data)) {
            let entries = || list(&path, text_of(&path), "a meetings data file", "title");
            inputs.meetings.entry(path.clone()).or_insert_with(entries);
        }
        if v.fm.layout.as_deref() == Some("videos") {
            let name = v.fm.videos.as_ref().map_or("videos", |f| f.data.as_str());
            if let Some(path) = inputs.data_file(name) {
                let entries = || list(&path, text_of(&path), "a videos data file", "title");
                inputs.videos.entry(path.clone()).or_insert_with(entries);
            }
        }
        if let Some(path) = v.fm.community.as_ref().and_then(|c| c.data.as_deref()).and_then(|n| inputs.data_file(n)) {
            let entries = || list(&path, text_of(&path), "a contributors file", "name");
            inputs.contributors.entry(path.clone()).or_insert_with(entries);
        }
    }
    if let Some(path) = config.community.domains.as_deref().and_then(|n| inputs.data_file(n)) {
        let src = YamlSource { path: &path, first_line: 1, key_noun: "domain" };
        let text = text_of(&path).and_then(Result::ok).unwrap_or_default();
        let map = yaml::parse::<BTreeMap<String, String>>(&text, src);
        inputs.domains = Some((path, map));
    }
    inputs
}

fn list<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: Option<Result<String, String>>,
    what: &str,
    first_field: &str,
) -> Entries<T> {
    match text.unwrap_or_else(|| Err("not found".into())) {
        Ok(text) => data_list::parse(path, &text, what, first_field),
        Err(e) => (Vec::new(), vec![Diagnostic::error(path, 0, 0, format!("cannot read data file: {e}"))]),
    }
}

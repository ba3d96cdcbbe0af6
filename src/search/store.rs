//! The document store (what a result shows: URL, title, heading, text) and
//! the manifest, both JSON.

use super::format::{File, HEAD_POSTINGS, HEAD_TITLES, hash5, hex};
use super::pages::Pages;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Passages of a page in its group file; later passages go to overflow
/// files of this many passages.
pub const DOC_CHUNK: usize = 16;
/// Pages per group file.
pub const DOC_GROUP: usize = 2;
/// Group files per folder (many files in one folder write slowly).
pub const DOC_FOLDER: usize = 100;
/// Version of the manifest.
pub const MANIFEST_VERSION: u32 = 1;

/// A page's passages `chunk * DOC_CHUNK ..` in the document store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocChunk {
    /// Page URL.
    pub url: String,
    /// Page title.
    pub title: String,
    /// Passages: `[anchor, heading, text]`.
    pub passages: Vec<(String, String, String)>,
}

/// The manifest: what a query loads first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Format version.
    pub version: u32,
    /// Language code.
    pub lang: String,
    /// Snowball algorithm used at index time, if any (informative).
    pub stemmer: Option<String>,
    /// Number of pages.
    pub pages: usize,
    /// Number of passages.
    pub passages: usize,
    /// Top-level sections: label and first page number, in page order.
    pub sections: Vec<(String, usize)>,
    /// Vocabulary shards: first key and path.
    pub vocab: Vec<(String, String)>,
    /// Folder of the document store, relative to the manifest.
    pub docs: String,
    /// Passages of a page in its group file, and per overflow file.
    pub chunk: usize,
    /// Pages per group file.
    pub group: usize,
    /// Group files per folder.
    pub folder: usize,
    /// Head sizes: postings, titles.
    pub head: (usize, usize),
}

/// Path, inside the store's folder, of the group file holding a page's first
/// [`DOC_CHUNK`] passages (a JSON array of [`DocChunk`], one per page).
pub fn group_path(page: usize) -> String {
    let group = page / DOC_GROUP;
    format!("{}/{}.json", group / DOC_FOLDER, group % DOC_FOLDER)
}

/// Path, inside the store's folder, of a page's passages `chunk * DOC_CHUNK ..`
/// for `chunk >= 1` (a [`DocChunk`]).
pub fn overflow_path(page: usize, chunk: usize) -> String {
    format!("x/{page}-{chunk}.json")
}

/// Writes the document store; returns its folder (named by a hash of all of
/// its files, so that any change gives new URLs) and its files.
pub fn documents(pages: &Pages<'_>) -> (String, Vec<File>) {
    let chunk = |i: usize, c: usize| {
        let p = &pages.pages[i];
        let end = p.passages.len().min((c + 1) * DOC_CHUNK);
        DocChunk {
            url: p.url.to_string(),
            title: p.title.to_string(),
            passages: p.passages[c * DOC_CHUNK..end]
                .iter()
                .map(|x| (x.anchor.to_string(), x.heading.to_string(), x.text.to_string()))
                .collect(),
        }
    };
    let file = |path: String, bytes: Vec<u8>| {
        let hash = hash5(&bytes);
        ((path, bytes), hash)
    };
    let groups = (0..pages.pages.len().div_ceil(DOC_GROUP)).into_par_iter().map(|g| {
        let first = g * DOC_GROUP;
        let members: Vec<DocChunk> = (first..pages.pages.len().min(first + DOC_GROUP)).map(|i| chunk(i, 0)).collect();
        file(group_path(first), serde_json::to_vec(&members).unwrap_or_default())
    });
    let overflow = (0..pages.pages.len()).into_par_iter().flat_map_iter(|i| {
        (1..pages.pages[i].passages.len().div_ceil(DOC_CHUNK))
            .map(move |c| file(overflow_path(i, c), serde_json::to_vec(&chunk(i, c)).unwrap_or_default()))
    });
    let files: Vec<(File, [u8; 5])> = groups.chain(overflow).collect();
    let mut all = Vec::with_capacity(files.len() * 5);
    for (_, hash) in &files {
        all.extend_from_slice(hash);
    }
    let folder = format!("d/{}/", hex(&hash5(&all)));
    let files = files.into_iter().map(|((p, b), _)| (format!("{folder}{p}"), b)).collect();
    (folder, files)
}

impl Manifest {
    /// The manifest of an index.
    pub fn new(
        lang: &str,
        stemmer: Option<&str>,
        pages: &Pages<'_>,
        vocab: Vec<(String, String)>,
        docs: String,
    ) -> Manifest {
        Manifest {
            version: MANIFEST_VERSION,
            lang: lang.to_string(),
            stemmer: stemmer.map(str::to_string),
            pages: pages.pages.len(),
            passages: pages.pages.iter().map(|p| p.passages.len()).sum(),
            sections: pages.sections.clone(),
            vocab,
            docs,
            chunk: DOC_CHUNK,
            group: DOC_GROUP,
            folder: DOC_FOLDER,
            head: (HEAD_POSTINGS, HEAD_TITLES),
        }
    }
}

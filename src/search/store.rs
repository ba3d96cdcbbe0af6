//! The document store (what a result shows: URL, title, heading, text) and
//! the manifest, both JSON; the store's files are compressed (zlib, which
//! browsers inflate natively with `DecompressionStream("deflate")`).

use super::format::{File, HEAD_POSTINGS, HEAD_TITLES, hash5, hex};
use super::pages::Pages;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Passages of a page in its group file; later passages go to overflow
/// files of this many passages.
pub const DOC_CHUNK: usize = 16;
/// Pages per group file. Files cost more to write than bytes do, and a
/// shown result costs its whole group file: 4 pages compress to about as
/// many bytes as 2 pages took uncompressed.
pub const DOC_GROUP: usize = 4;
/// Group files per folder (many files in one folder write slowly).
pub const DOC_FOLDER: usize = 100;
/// Version of the manifest.
pub const MANIFEST_VERSION: u32 = 2;
/// zlib level of the store's files: the fastest level of zlib-rs that still
/// finds most of the redundancy (level 1 writes a third more bytes).
pub const DOC_LEVEL: u32 = 2;

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

/// A [`DocChunk`] borrowing its strings, for writing (same JSON).
#[derive(Serialize)]
struct ChunkRef<'a> {
    url: &'a str,
    title: &'a str,
    passages: Vec<(&'a str, &'a str, &'a str)>,
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
/// [`DOC_CHUNK`] passages (a JSON array of [`DocChunk`], one per page, compressed).
pub fn group_path(page: usize) -> String {
    let group = page / DOC_GROUP;
    format!("{}/{}.bin", group / DOC_FOLDER, group % DOC_FOLDER)
}

/// Path, inside the store's folder, of a page's passages `chunk * DOC_CHUNK ..`
/// for `chunk >= 1` (a [`DocChunk`], compressed).
pub fn overflow_path(page: usize, chunk: usize) -> String {
    format!("x/{page}-{chunk}.bin")
}

/// A store file's bytes: `value` as JSON, zlib-compressed.
pub fn pack(value: &impl Serialize) -> Vec<u8> {
    use std::io::Write;
    let json = serde_json::to_vec(value).unwrap_or_default();
    let mut z =
        flate2::write::ZlibEncoder::new(Vec::with_capacity(json.len() / 2), flate2::Compression::new(DOC_LEVEL));
    // Writing into a Vec cannot fail.
    let _ = z.write_all(&json);
    z.finish().unwrap_or_default()
}

/// The JSON of a store file (the inverse of [`pack`]). A file already
/// inflated (by a server that sent it with `Content-Encoding`) passes as is.
pub fn unpack(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    if bytes.first().is_some_and(|b| *b == b'[' || *b == b'{') {
        return Ok(bytes.to_vec());
    }
    let mut out = Vec::with_capacity(bytes.len() * 3);
    flate2::read::ZlibDecoder::new(bytes).read_to_end(&mut out)?;
    Ok(out)
}

/// Writes the document store; returns its folder (named by a hash of all of
/// its files, so that any change gives new URLs) and its files.
pub fn documents(pages: &Pages<'_>) -> (String, Vec<File>) {
    let chunk = |i: usize, c: usize| {
        let p = &pages.pages[i];
        let end = p.passages.len().min((c + 1) * DOC_CHUNK);
        ChunkRef {
            url: p.url,
            title: p.title,
            passages: p.passages[c * DOC_CHUNK..end].iter().map(|x| (x.anchor, x.heading, x.text)).collect(),
        }
    };
    let file = |path: String, bytes: Vec<u8>| {
        let hash = hash5(&bytes);
        ((path, bytes), hash)
    };
    let groups = (0..pages.pages.len().div_ceil(DOC_GROUP)).into_par_iter().map(|g| {
        let first = g * DOC_GROUP;
        let members: Vec<ChunkRef<'_>> =
            (first..pages.pages.len().min(first + DOC_GROUP)).map(|i| chunk(i, 0)).collect();
        file(group_path(first), pack(&members))
    });
    let overflow = (0..pages.pages.len()).into_par_iter().flat_map_iter(|i| {
        (1..pages.pages[i].passages.len().div_ceil(DOC_CHUNK))
            .map(move |c| file(overflow_path(i, c), pack(&chunk(i, c))))
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

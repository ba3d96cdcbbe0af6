//! The document store (what a result shows: URL, title, heading, text) and
//! the manifest, both JSON; the store's files are compressed (zlib, which
//! browsers inflate natively with `DecompressionStream("deflate")`).

use super::format::{File, HEAD_POSTINGS, HEAD_TITLES, Loc, Packer, put_varint};
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
/// Version of the manifest.
pub const MANIFEST_VERSION: u32 = 3;
/// libdeflate level of the store's files. Level 1 compresses the store
/// as well as zlib's level 2 did (41.5 % of the JSON against 41.8 %) in
/// two thirds of its time; zlib's own level 1 writes a third more bytes
/// (ARCHITECTURE.md, Decisions: the search index).
pub const DOC_LEVEL: i32 = 1;

/// A page's passages `chunk * DOC_CHUNK ..` in the document store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocChunk {
    /// Page URL.
    pub url: String,
    /// Page title.
    pub title: String,
    /// Passages: `[anchor, heading, text]`.
    pub passages: Vec<(String, String, String)>,
    /// In a group's chunk of a long page: where its later chunks are
    /// (`[pack, offset, length]` in the store's packs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub more: Vec<(u32, u64, u64)>,
}

/// A [`DocChunk`] borrowing its strings, for writing (same JSON).
#[derive(Serialize)]
struct ChunkRef<'a> {
    url: &'a str,
    title: &'a str,
    passages: Vec<(&'a str, &'a str, &'a str)>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    more: Vec<(u32, u64, u64)>,
}

/// Where the document store's group blobs are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocIndex {
    /// Pack files, relative to the manifest.
    pub packs: Vec<String>,
    /// Runs of consecutive groups: `[pack, first group, offset of that group]`;
    /// each group of a run follows the one before it in the same pack.
    pub runs: Vec<(u32, usize, u64)>,
    /// The byte length of every group blob, as varints, in base64.
    pub sizes: String,
}

impl DocIndex {
    /// Location of group `g`'s blob.
    pub fn group(&self, g: usize) -> Option<Loc> {
        let sizes = varints(&base64_decode(&self.sizes)?)?;
        let run = self.runs.iter().rev().find(|r| r.1 <= g)?;
        let len = *sizes.get(g)?;
        let offset = run.2 + sizes.get(run.1..g)?.iter().sum::<u64>();
        Some(Loc { pack: run.0, offset, len })
    }
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
    /// Postings packs, relative to the manifest: a vocabulary entry's
    /// location names one by its number in this list.
    pub postings: Vec<String>,
    /// The document store.
    pub docs: DocIndex,
    /// Passages of a page in its group blob, and per later chunk.
    pub chunk: usize,
    /// Pages per group blob.
    pub group: usize,
    /// Head sizes: postings, titles.
    pub head: (usize, usize),
}

thread_local! {
    /// One compressor per thread: libdeflate allocates its tables once.
    static ZLIB: std::cell::RefCell<Option<libdeflater::Compressor>> = const { std::cell::RefCell::new(None) };
}

/// A store file's bytes: `value` as JSON, zlib-compressed.
pub fn pack(value: &impl Serialize) -> Vec<u8> {
    let json = serde_json::to_vec(value).unwrap_or_default();
    ZLIB.with(|z| {
        let mut z = z.borrow_mut();
        let z = z.get_or_insert_with(|| {
            libdeflater::Compressor::new(libdeflater::CompressionLvl::new(DOC_LEVEL).unwrap_or_default())
        });
        let mut out = vec![0; z.zlib_compress_bound(json.len())];
        match z.zlib_compress(&json, &mut out) {
            Ok(n) => {
                out.truncate(n);
                out
            }
            // The bound is libdeflate's own and always enough; should it
            // not be, the reader takes uncompressed JSON as well (see `unpack`).
            Err(_) => json,
        }
    })
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

/// Writes the document store into packs under `d/`: a page's later chunks
/// first (a long page's group entry lists where they are), then the group
/// blobs in page order.
pub fn documents(pages: &Pages<'_>) -> (DocIndex, Vec<File>) {
    let chunk = |i: usize, c: usize, more: Vec<(u32, u64, u64)>| {
        let p = &pages.pages[i];
        let end = p.passages.len().min((c + 1) * DOC_CHUNK);
        ChunkRef {
            url: p.url,
            title: p.title,
            passages: p.passages[c * DOC_CHUNK..end].iter().map(|x| (x.anchor, x.heading, x.text)).collect(),
            more,
        }
    };
    let n = pages.pages.len();
    let later: Vec<(usize, Vec<u8>)> = (0..n)
        .into_par_iter()
        .flat_map_iter(|i| (1..pages.pages[i].passages.len().div_ceil(DOC_CHUNK)).map(move |c| (i, c)))
        .map(|(i, c)| (i, pack(&chunk(i, c, Vec::new()))))
        .collect();
    let mut packer = Packer::new("d/");
    let mut more: Vec<Vec<(u32, u64, u64)>> = vec![Vec::new(); n];
    for (i, bytes) in &later {
        let loc = packer.add(bytes);
        more[*i].push((loc.pack, loc.offset, loc.len));
    }
    drop(later);
    let groups: Vec<Vec<u8>> = (0..n.div_ceil(DOC_GROUP))
        .into_par_iter()
        .map(|g| {
            let members: Vec<ChunkRef<'_>> =
                (g * DOC_GROUP..n.min(g * DOC_GROUP + DOC_GROUP)).map(|i| chunk(i, 0, more[i].clone())).collect();
            pack(&members)
        })
        .collect();
    let mut index = DocIndex::default();
    let mut sizes = Vec::with_capacity(groups.len() * 2);
    for (g, bytes) in groups.iter().enumerate() {
        let loc = packer.add(bytes);
        if index.runs.last().is_none_or(|r| r.0 != loc.pack) {
            index.runs.push((loc.pack, g, loc.offset));
        }
        put_varint(&mut sizes, loc.len);
    }
    index.sizes = base64_encode(&sizes);
    let files = packer.finish();
    index.packs = files.iter().map(|(p, _)| p.clone()).collect();
    (index, files)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding (what the browser's `atob` reads).
pub fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let v =
            (u32::from(c[0]) << 16) | (u32::from(*c.get(1).unwrap_or(&0)) << 8) | u32::from(*c.get(2).unwrap_or(&0));
        for k in 0..4 {
            if k <= c.len() {
                out.push(B64[(v >> (18 - 6 * k)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The inverse of [`base64_encode`]; `None` on a character outside the alphabet.
pub fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0);
    for b in s.bytes().filter(|&b| b != b'=') {
        acc = (acc << 6) | B64.iter().position(|&x| x == b)? as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

/// Reads a sequence of varints.
fn varints(bytes: &[u8]) -> Option<Vec<u64>> {
    let mut r = super::format::Reader::new(bytes);
    let mut out = Vec::new();
    while !r.done() {
        out.push(r.varint().ok()?);
    }
    Some(out)
}

impl Manifest {
    /// The manifest of an index.
    pub fn new(
        lang: &str,
        stemmer: Option<&str>,
        pages: &Pages<'_>,
        vocab: Vec<(String, String)>,
        postings: Vec<String>,
        docs: DocIndex,
    ) -> Manifest {
        Manifest {
            version: MANIFEST_VERSION,
            lang: lang.to_string(),
            stemmer: stemmer.map(str::to_string),
            pages: pages.pages.len(),
            passages: pages.pages.iter().map(|p| p.passages.len()).sum(),
            sections: pages.sections.clone(),
            vocab,
            postings,
            docs,
            chunk: DOC_CHUNK,
            group: DOC_GROUP,
            head: (HEAD_POSTINGS, HEAD_TITLES),
        }
    }
}

//! Reads a written index back into memory: the inverse of [`super::build_index`],
//! for tests and benchmarks (the browser has its own reader in search.js).

use super::format::{BlockRef, FormatError, Loc, decode_block, decode_vocab};
use super::index::{Posting, TitlePosting, utf16_cmp};
use super::store::{DOC_CHUNK, DOC_GROUP, DocChunk, MANIFEST_VERSION, Manifest, unpack};
use super::tokenize;
use std::collections::BTreeMap;

/// A stem's postings, head and tail merged, sorted by (page, passage).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StemPostings {
    /// Title postings.
    pub titles: Vec<TitlePosting>,
    /// Passage postings.
    pub postings: Vec<Posting>,
    /// Sizes of the tail (titles, postings), zero when the head is complete.
    pub tail: (u64, u64),
}

/// A whole index, read back.
#[derive(Debug, Clone)]
pub struct ReadIndex {
    /// The manifest.
    pub manifest: Manifest,
    /// Folded key → (frequency, stem key).
    pub vocab: BTreeMap<String, (u32, String)>,
    /// Stem key → postings.
    pub stems: BTreeMap<String, StemPostings>,
    /// Per page: its store files in order.
    pub docs: Vec<Vec<DocChunk>>,
}

fn err(e: impl std::fmt::Display) -> FormatError {
    FormatError(e.to_string())
}

/// Reads the index whose manifest is `manifest` (a path relative to the
/// index folder); `load` returns a file's bytes by path relative to that folder.
pub fn read_index(manifest: &str, load: &dyn Fn(&str) -> Option<Vec<u8>>) -> Result<ReadIndex, FormatError> {
    let get = |p: &str| load(p).ok_or_else(|| FormatError(format!("missing file `{p}`")));
    let manifest: Manifest = serde_json::from_slice(&get(manifest)?).map_err(err)?;
    if manifest.version != MANIFEST_VERSION {
        return Err(FormatError(format!("unknown manifest version {}", manifest.version)));
    }
    let mut vocab = BTreeMap::new();
    let mut stems: BTreeMap<String, StemPostings> = BTreeMap::new();
    let mut last: Option<String> = None;
    for (i, (first, path)) in manifest.vocab.iter().enumerate() {
        let entries = decode_vocab(&get(path)?)?;
        for e in entries {
            let in_order = last.as_deref().is_none_or(|l| utf16_cmp(l, &e.key).is_lt());
            let in_shard = i == 0 || utf16_cmp(first, &e.key).is_le();
            if !in_order || !in_shard {
                return Err(FormatError(format!("key `{}` out of order in `{path}`", e.key)));
            }
            last = Some(e.key.clone());
            if !stems.contains_key(&e.stem) {
                stems.insert(e.stem.clone(), read_stem(&e.block, &|l| slice(&manifest.postings, l, &get))?);
            }
            vocab.insert(e.key, (e.freq, e.stem));
        }
    }
    let docs = read_docs(&manifest, &get)?;
    Ok(ReadIndex { manifest, vocab, stems, docs })
}

/// The bytes at `loc` in one of `packs`: what a `Range` request gets.
fn slice(
    packs: &[String],
    loc: Loc,
    get: &dyn Fn(&str) -> Result<Vec<u8>, FormatError>,
) -> Result<Vec<u8>, FormatError> {
    let path = packs.get(loc.pack as usize).ok_or_else(|| FormatError(format!("no pack {}", loc.pack)))?;
    let bytes = get(path)?;
    let start = usize::try_from(loc.offset).map_err(err)?;
    let end = start.checked_add(usize::try_from(loc.len).map_err(err)?);
    end.and_then(|end| bytes.get(start..end))
        .map(<[u8]>::to_vec)
        .ok_or_else(|| FormatError(format!("{loc:?} is past the end of `{path}`")))
}

fn read_stem(block: &BlockRef, get: &dyn Fn(Loc) -> Result<Vec<u8>, FormatError>) -> Result<StemPostings, FormatError> {
    let bytes = match block {
        BlockRef::Inline(b) => b.clone(),
        BlockRef::Packed(l) => get(*l)?,
    };
    let head = decode_block(&bytes, true)?;
    let mut out = StemPostings { titles: head.titles, postings: head.postings, tail: (0, 0) };
    if let Some((t, p, l)) = head.tail {
        let tail = decode_block(&get(l)?, false)?;
        if tail.titles.len() as u64 != t || tail.postings.len() as u64 != p {
            return Err(FormatError("tail sizes differ from the head's".into()));
        }
        out.titles.extend(tail.titles);
        out.postings.extend(tail.postings);
        out.titles.sort();
        out.postings.sort();
        out.tail = (t, p);
    }
    Ok(out)
}

fn read_docs(
    m: &Manifest,
    get: &dyn Fn(&str) -> Result<Vec<u8>, FormatError>,
) -> Result<Vec<Vec<DocChunk>>, FormatError> {
    if (m.chunk, m.group) != (DOC_CHUNK, DOC_GROUP) {
        return Err(FormatError("unknown document store layout".into()));
    }
    let blob = |loc: Loc| -> Result<Vec<u8>, FormatError> { unpack(&slice(&m.docs.packs, loc, get)?).map_err(err) };
    let mut docs = Vec::with_capacity(m.pages);
    for page in 0..m.pages {
        let g = page / DOC_GROUP;
        let loc = m.docs.group(g).ok_or_else(|| FormatError(format!("no location for group {g}")))?;
        let group: Vec<DocChunk> = serde_json::from_slice(&blob(loc)?).map_err(err)?;
        let first =
            group.into_iter().nth(page % DOC_GROUP).ok_or_else(|| FormatError(format!("page {page} missing")))?;
        let mut chunks = Vec::with_capacity(1 + first.more.len());
        for &(pack, offset, len) in &first.more {
            chunks.push(serde_json::from_slice(&blob(Loc { pack, offset, len })?).map_err(err)?);
        }
        chunks.insert(0, first);
        docs.push(chunks);
    }
    Ok(docs)
}

impl ReadIndex {
    /// The stem postings a query word leads to (exact vocabulary match only).
    pub fn lookup(&self, word: &str) -> Option<&StemPostings> {
        let token = tokenize::tokenize(word).into_iter().next()?;
        let (_, stem) = self.vocab.get(token.key.as_ref())?;
        self.stems.get(stem)
    }

    /// Pages of a query, best first: pages matching more words first, then by
    /// the summed squares of title and best-passage impacts (exact matches
    /// only: the browser adds prefixes and typos).
    pub fn search(&self, query: &str) -> Vec<u32> {
        let mut score: BTreeMap<u32, (usize, u64, BTreeMap<u32, u64>)> = BTreeMap::new();
        let mut words: Vec<String> = tokenize::tokenize(query).into_iter().map(|t| t.key.into_owned()).collect();
        words.dedup();
        for w in &words {
            let Some(p) = self.vocab.get(w).and_then(|(_, s)| self.stems.get(s)) else { continue };
            let mut seen = std::collections::BTreeSet::new();
            for t in &p.titles {
                let e = score.entry(t.page).or_default();
                e.1 += u64::from(t.impact).pow(2);
                seen.insert(t.page);
            }
            for x in &p.postings {
                *score.entry(x.page).or_default().2.entry(x.sec).or_default() += u64::from(x.impact).pow(2);
                seen.insert(x.page);
            }
            for page in seen {
                score.entry(page).or_default().0 += 1;
            }
        }
        let mut ranked: Vec<(u32, usize, u64)> =
            score.into_iter().map(|(p, (n, t, secs))| (p, n, t + secs.values().max().copied().unwrap_or(0))).collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
        ranked.into_iter().map(|r| r.0).collect()
    }

    /// Passage `sec` of page `page`: (anchor, heading, text).
    pub fn passage(&self, page: u32, sec: u32) -> Option<&(String, String, String)> {
        self.docs.get(page as usize)?.iter().flat_map(|c| &c.passages).nth(sec as usize)
    }

    /// The URL of a page number.
    pub fn url(&self, page: u32) -> Option<&str> {
        self.docs.get(page as usize).and_then(|c| c.first()).map(|c| c.url.as_str())
    }
}

/// Test helper: a loader over the files of a [`super::SearchOutput`], with
/// paths relative to the manifest's folder.
pub fn memory_loader(files: &[(String, Vec<u8>)], root: &str) -> impl Fn(&str) -> Option<Vec<u8>> + use<> {
    let map: BTreeMap<String, Vec<u8>> =
        files.iter().filter_map(|(p, b)| p.strip_prefix(root).map(|r| (r.to_string(), b.clone()))).collect();
    move |p: &str| map.get(p).cloned()
}

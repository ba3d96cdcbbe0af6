//! The binary files of the index, written and read back (the reader is used
//! by tests and benchmarks; search.js has its own).
//!
//! Integers are LEB128 varints ([`put_varint`]); strings are UTF-8. A
//! *location* ([`Loc`]) is three varints: a pack's number in the manifest's
//! list, a byte offset in it and a length.
//!
//! **Vocabulary shard** (`v/<hash>.bin`): a version byte (2), a varint entry
//! count, then per entry, in UTF-16 order of keys:
//! - the key, front-coded: varint bytes shared with the previous key, varint
//!   length of the rest, the rest;
//! - varint `freq` (passages and titles that hold the key);
//! - the stem, coded against the key: varint bytes shared, varint length of
//!   the rest, the rest;
//! - the stem's postings: `0`, varint length, a *postings block* inline (for
//!   small ones), or `1` and the location of the block in a postings pack.
//!
//! **Postings block**: varint title count, then per title (page delta from
//! the previous title, impact byte); varint posting count, then per posting
//! (page delta, varint passage, impact byte); then varint title count and
//! varint posting count of the *tail*, and when either is non-zero, the
//! location of the tail. Page deltas restart at 0 in each list; both lists
//! are sorted by (page, passage).
//!
//! The head of a stem holds its [`HEAD_POSTINGS`] highest-impact postings and
//! [`HEAD_TITLES`] highest-impact titles; the rest, if any, is the *tail*,
//! a blob holding the two lists alone (title count, titles, posting count,
//! postings), loaded only when the head gives too few results.
//!
//! **Packs** (`p/<hash>.bin`, `d/<hash>.bin`): blobs one after the other,
//! nothing else; what is where is in the locations that point into them.

use super::index::{Model, Posting, StemEntry, TitlePosting};
use sha2::{Digest, Sha256};

/// Postings kept in a stem's head.
pub const HEAD_POSTINGS: usize = 1000;
/// Titles kept in a stem's head.
pub const HEAD_TITLES: usize = 200;
/// Postings blocks up to this size are stored inside the vocabulary entry.
pub const INLINE_MAX: usize = 48;
/// A vocabulary shard is cut once it reaches this size.
pub const VOCAB_SHARD_BYTES: usize = 8 * 1024;
/// Version byte of vocabulary shards.
pub const VERSION: u8 = 2;
/// A pack file is closed once it reaches this size.
pub const PACK_BYTES: usize = 1 << 20;

/// A file of the index: path relative to the manifest, and bytes.
pub type File = (String, Vec<u8>);

/// Appends `v` as a LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The first 5 bytes of the SHA-256 of `bytes`.
pub fn hash5(bytes: &[u8]) -> [u8; 5] {
    let d = Sha256::digest(bytes);
    [d[0], d[1], d[2], d[3], d[4]]
}

/// Lowercase hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where a blob is: a pack of the manifest's list, a byte offset in it and
/// a length. The browser fetches it with a `Range` request.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Loc {
    /// Index in the manifest's list of packs.
    pub pack: u32,
    /// Byte offset in the pack.
    pub offset: u64,
    /// Length in bytes.
    pub len: u64,
}

/// Appends a [`Loc`] as three varints.
pub fn put_loc(out: &mut Vec<u8>, loc: Loc) {
    put_varint(out, u64::from(loc.pack));
    put_varint(out, loc.offset);
    put_varint(out, loc.len);
}

/// Gathers blobs into pack files of about [`PACK_BYTES`]: one file per
/// megabyte instead of one per blob, since creating a file costs a build
/// far more than writing its bytes, and a static host answers a `Range`
/// request for part of a file as readily as a request for a whole one.
#[derive(Debug)]
pub struct Packer {
    folder: &'static str,
    packs: Vec<Vec<u8>>,
}

impl Packer {
    /// A packer whose files go to `folder` (`"p/"`, `"d/"`).
    pub fn new(folder: &'static str) -> Packer {
        Packer { folder, packs: Vec::new() }
    }

    /// Appends a blob; returns where it is.
    pub fn add(&mut self, blob: &[u8]) -> Loc {
        if self.packs.last().is_none_or(|p| p.len() >= PACK_BYTES) {
            self.packs.push(Vec::with_capacity(PACK_BYTES + PACK_BYTES / 4));
        }
        let pack = self.packs.len() - 1;
        let bytes = &mut self.packs[pack];
        let loc = Loc { pack: pack as u32, offset: bytes.len() as u64, len: blob.len() as u64 };
        bytes.extend_from_slice(blob);
        loc
    }

    /// The packs as files named by their content (`p/<hash>.bin`), in
    /// order: a [`Loc`]'s `pack` indexes this list.
    pub fn finish(self) -> Vec<File> {
        let folder = self.folder;
        self.packs.into_iter().map(|b| (format!("{folder}{}.bin", hex(&hash5(&b))), b)).collect()
    }
}

fn put_str_against(out: &mut Vec<u8>, s: &str, prev: &[u8]) {
    let shared = s.bytes().zip(prev).take_while(|(a, b)| a == *b).count();
    put_varint(out, shared as u64);
    put_varint(out, (s.len() - shared) as u64);
    out.extend_from_slice(&s.as_bytes()[shared..]);
}

fn put_titles(out: &mut Vec<u8>, titles: &[TitlePosting]) {
    put_varint(out, titles.len() as u64);
    let mut prev = 0;
    for t in titles {
        put_varint(out, u64::from(t.page - prev));
        out.push(t.impact);
        prev = t.page;
    }
}

fn put_postings(out: &mut Vec<u8>, postings: &[Posting]) {
    put_varint(out, postings.len() as u64);
    let mut prev = 0;
    for p in postings {
        put_varint(out, u64::from(p.page - prev));
        put_varint(out, u64::from(p.sec));
        out.push(p.impact);
        prev = p.page;
    }
}

/// Splits a list sorted by (page, passage) into its `n` highest-impact items
/// (ties: the first ones) and the rest, both still in (page, passage) order.
/// Linear: impacts are bytes, so a histogram gives the threshold.
fn head_tail<T: Copy>(items: &[T], n: usize, impact: impl Fn(&T) -> u8) -> (Vec<T>, Vec<T>) {
    if items.len() <= n {
        return (items.to_vec(), Vec::new());
    }
    let mut hist = [0usize; 256];
    for x in items {
        hist[impact(x) as usize] += 1;
    }
    let mut above = 0;
    let mut threshold = 0;
    for t in (0..256).rev() {
        if above + hist[t] >= n {
            threshold = t;
            break;
        }
        above += hist[t];
    }
    let mut ties = n - above;
    let (mut head, mut tail) = (Vec::with_capacity(n), Vec::with_capacity(items.len() - n));
    for &x in items {
        let v = impact(&x) as usize;
        if v > threshold || (v == threshold && ties > 0) {
            if v == threshold {
                ties -= 1;
            }
            head.push(x);
        } else {
            tail.push(x);
        }
    }
    (head, tail)
}

/// A stem's postings block without the tail's location, and its tail.
struct Encoded {
    head: Vec<u8>,
    tail: Option<Vec<u8>>,
}

/// Encodes a stem's postings: the head block up to the tail's sizes, and
/// the tail, if any.
fn encode_stem(stem: &StemEntry) -> Encoded {
    let (titles, title_tail) = head_tail(&stem.titles, HEAD_TITLES, |t| t.impact);
    let (posts, post_tail) = head_tail(&stem.postings, HEAD_POSTINGS, |p| p.impact);
    let mut head = Vec::new();
    put_titles(&mut head, &titles);
    put_postings(&mut head, &posts);
    put_varint(&mut head, title_tail.len() as u64);
    put_varint(&mut head, post_tail.len() as u64);
    let tail = (!title_tail.is_empty() || !post_tail.is_empty()).then(|| {
        let mut tail = Vec::new();
        put_titles(&mut tail, &title_tail);
        put_postings(&mut tail, &post_tail);
        tail
    });
    Encoded { head, tail }
}

/// Encodes the vocabulary into shards; returns the shards' first keys with
/// their files, and pushes the shards and the postings packs to `files`.
/// Postings blocks of up to [`INLINE_MAX`] bytes stay in the vocabulary
/// entry; the others, and all tails, go to packs under `p/`, whose list is
/// returned second.
pub fn encode_vocab(model: &Model, files: &mut Vec<File>) -> (Vec<(String, String)>, Vec<String>) {
    use rayon::prelude::*;
    let encoded: Vec<Encoded> = model.stems.par_iter().map(encode_stem).collect();
    // Tails first, so that a head can carry its tail's location; both in
    // stem order, so that a pack holds neighbouring stems.
    let mut packer = Packer::new("p/");
    let tails: Vec<Option<Loc>> = encoded.iter().map(|e| e.tail.as_ref().map(|t| packer.add(t))).collect();
    let mut refs: Vec<Vec<u8>> = Vec::with_capacity(encoded.len());
    let mut block = Vec::new();
    for (e, tail) in encoded.iter().zip(tails) {
        block.clear();
        block.extend_from_slice(&e.head);
        if let Some(loc) = tail {
            put_loc(&mut block, loc);
        }
        let mut r = Vec::with_capacity(8);
        if block.len() <= INLINE_MAX {
            r.push(0);
            put_varint(&mut r, block.len() as u64);
            r.extend_from_slice(&block);
        } else {
            r.push(1);
            put_loc(&mut r, packer.add(&block));
        }
        refs.push(r);
    }
    let packs = packer.finish();
    let pack_names: Vec<String> = packs.iter().map(|(p, _)| p.clone()).collect();
    files.extend(packs);
    let mut shards = Vec::new();
    let mut body = Vec::new();
    let mut count = 0;
    let mut first = String::new();
    let mut prev: &[u8] = &[];
    for e in &model.vocab {
        if count == 0 {
            first = if shards.is_empty() { String::new() } else { e.key.clone() };
        }
        put_str_against(&mut body, &e.key, prev);
        put_varint(&mut body, u64::from(e.freq));
        put_str_against(&mut body, &model.stems[e.stem as usize].key, e.key.as_bytes());
        body.extend_from_slice(&refs[e.stem as usize]);
        prev = e.key.as_bytes();
        count += 1;
        if body.len() >= VOCAB_SHARD_BYTES {
            shards.push(finish_shard(&mut body, &mut count, &mut prev, &first, files));
        }
    }
    if count > 0 || shards.is_empty() {
        shards.push(finish_shard(&mut body, &mut count, &mut prev, &first, files));
    }
    (shards, pack_names)
}

fn finish_shard(
    body: &mut Vec<u8>,
    count: &mut u64,
    prev: &mut &[u8],
    first: &str,
    files: &mut Vec<File>,
) -> (String, String) {
    let mut bytes = vec![VERSION];
    put_varint(&mut bytes, *count);
    bytes.append(body);
    let path = format!("v/{}.bin", hex(&hash5(&bytes)));
    files.push((path.clone(), bytes));
    *count = 0;
    *prev = &[];
    (first.to_string(), path)
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError(pub String);

/// A cursor over a file's bytes.
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    /// Starts at the beginning of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }

    /// True when everything was read.
    pub fn done(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    /// Reads one byte.
    pub fn byte(&mut self) -> Result<u8, FormatError> {
        let b = *self.bytes.get(self.pos).ok_or_else(|| FormatError(format!("unexpected end at byte {}", self.pos)))?;
        self.pos += 1;
        Ok(b)
    }

    /// Reads a varint.
    pub fn varint(&mut self) -> Result<u64, FormatError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(FormatError("varint too long".into()))
    }

    /// Reads `n` bytes.
    pub fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| FormatError("length past the end".into()))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn string_against(&mut self, prev: &[u8]) -> Result<Vec<u8>, FormatError> {
        let shared = self.varint()? as usize;
        let len = self.varint()? as usize;
        let mut s = prev
            .get(..shared)
            .ok_or_else(|| FormatError("shared prefix longer than the previous key".into()))?
            .to_vec();
        s.extend_from_slice(self.take(len)?);
        Ok(s)
    }

    /// Reads a [`Loc`].
    pub fn loc(&mut self) -> Result<Loc, FormatError> {
        let pack = u32::try_from(self.varint()?).map_err(|_| FormatError("pack number too large".into()))?;
        Ok(Loc { pack, offset: self.varint()?, len: self.varint()? })
    }
}

/// Where a stem's postings block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockRef {
    /// In the vocabulary entry.
    Inline(Vec<u8>),
    /// In a postings pack.
    Packed(Loc),
}

/// A decoded vocabulary entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VocabRecord {
    /// Folded key.
    pub key: String,
    /// Frequency.
    pub freq: u32,
    /// Stem key.
    pub stem: String,
    /// The stem's postings block.
    pub block: BlockRef,
}

fn utf8(bytes: Vec<u8>) -> Result<String, FormatError> {
    String::from_utf8(bytes).map_err(|_| FormatError("key is not UTF-8".into()))
}

/// Reads a vocabulary shard.
pub fn decode_vocab(bytes: &[u8]) -> Result<Vec<VocabRecord>, FormatError> {
    let mut r = Reader::new(bytes);
    if r.byte()? != VERSION {
        return Err(FormatError("unknown vocabulary version".into()));
    }
    let n = r.varint()?;
    let mut out = Vec::new();
    let mut prev: Vec<u8> = Vec::new();
    for _ in 0..n {
        let key = r.string_against(&prev)?;
        let freq = u32::try_from(r.varint()?).map_err(|_| FormatError("freq too large".into()))?;
        let stem = r.string_against(&key)?;
        let block = match r.byte()? {
            0 => {
                let len = r.varint()? as usize;
                BlockRef::Inline(r.take(len)?.to_vec())
            }
            1 => BlockRef::Packed(r.loc()?),
            t => return Err(FormatError(format!("unknown block tag {t}"))),
        };
        prev = key.clone();
        out.push(VocabRecord { key: utf8(key)?, freq, stem: utf8(stem)?, block });
    }
    if !r.done() {
        return Err(FormatError("trailing bytes".into()));
    }
    Ok(out)
}

/// A decoded postings block or tail file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Block {
    /// Title postings.
    pub titles: Vec<TitlePosting>,
    /// Passage postings.
    pub postings: Vec<Posting>,
    /// Tail sizes (titles, postings) and location, for a head block.
    pub tail: Option<(u64, u64, Loc)>,
}

fn read_lists(r: &mut Reader<'_>) -> Result<(Vec<TitlePosting>, Vec<Posting>), FormatError> {
    let page = |acc: &mut u32, d: u64| -> Result<u32, FormatError> {
        *acc = u32::try_from(u64::from(*acc) + d).map_err(|_| FormatError("page number too large".into()))?;
        Ok(*acc)
    };
    let mut titles = Vec::new();
    let mut acc = 0;
    for _ in 0..r.varint()? {
        let p = page(&mut acc, r.varint()?)?;
        titles.push(TitlePosting { page: p, impact: r.byte()? });
    }
    let mut postings = Vec::new();
    acc = 0;
    for _ in 0..r.varint()? {
        let p = page(&mut acc, r.varint()?)?;
        let sec = u32::try_from(r.varint()?).map_err(|_| FormatError("passage number too large".into()))?;
        postings.push(Posting { page: p, sec, impact: r.byte()? });
    }
    Ok((titles, postings))
}

/// Reads a head block (`tail` info included) or a tail file (`head = false`).
pub fn decode_block(bytes: &[u8], head: bool) -> Result<Block, FormatError> {
    let mut r = Reader::new(bytes);
    let (titles, postings) = read_lists(&mut r)?;
    let mut tail = None;
    if head {
        let (t, p) = (r.varint()?, r.varint()?);
        if t > 0 || p > 0 {
            tail = Some((t, p, r.loc()?));
        }
    }
    if !r.done() {
        return Err(FormatError("trailing bytes".into()));
    }
    Ok(Block { titles, postings, tail })
}

//! The binary files of the index, written and read back (the reader is used
//! by tests and benchmarks; search.js has its own).
//!
//! Integers are LEB128 varints ([`put_varint`]); strings are UTF-8.
//!
//! **Vocabulary shard** (`v/<hash>.bin`): a version byte (1), a varint entry
//! count, then per entry, in UTF-16 order of keys:
//! - the key, front-coded: varint bytes shared with the previous key, varint
//!   length of the rest, the rest;
//! - varint `freq` (passages and titles that hold the key);
//! - the stem, coded against the key: varint bytes shared, varint length of
//!   the rest, the rest;
//! - the stem's postings: `0`, varint length, a *postings block* inline (for
//!   small ones), or `1` and the 5-byte hash of a postings file `p/<hex>.bin`.
//!
//! **Postings block**: varint title count, then per title (page delta from
//! the previous title, impact byte); varint posting count, then per posting
//! (page delta, varint passage, impact byte); then varint title count and
//! varint posting count of the *tail*, and when either is non-zero, the
//! 5-byte hash of the tail file `p/<hex>.bin`. Page deltas restart at 0 in
//! each list; both lists are sorted by (page, passage).
//!
//! The head of a stem holds its [`HEAD_POSTINGS`] highest-impact postings and
//! [`HEAD_TITLES`] highest-impact titles; the rest, if any, is the *tail*,
//! a file holding the two lists alone (title count, titles, posting count,
//! postings), loaded only when the head gives too few results.

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
pub const VERSION: u8 = 1;

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

/// Path of a postings file by hash: `p/<10 hex digits>.bin`. One folder:
/// a folder costs as much to create as a file, and a few thousand names in
/// one folder are no burden to file systems or servers.
pub fn postings_path(hash: &[u8; 5]) -> String {
    format!("p/{}.bin", hex(hash))
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

/// Encodes a stem's postings block; the tail file, if any, is pushed to `files`.
pub fn encode_stem(stem: &StemEntry, files: &mut Vec<File>) -> Vec<u8> {
    let (titles, title_tail) = head_tail(&stem.titles, HEAD_TITLES, |t| t.impact);
    let (posts, post_tail) = head_tail(&stem.postings, HEAD_POSTINGS, |p| p.impact);
    let mut out = Vec::new();
    put_titles(&mut out, &titles);
    put_postings(&mut out, &posts);
    put_varint(&mut out, title_tail.len() as u64);
    put_varint(&mut out, post_tail.len() as u64);
    if !title_tail.is_empty() || !post_tail.is_empty() {
        let mut tail = Vec::new();
        put_titles(&mut tail, &title_tail);
        put_postings(&mut tail, &post_tail);
        let h = hash5(&tail);
        out.extend_from_slice(&h);
        files.push((postings_path(&h), tail));
    }
    out
}

/// Encodes the vocabulary into shards; returns the shards' first keys with
/// their files, and pushes postings files to `files`.
pub fn encode_vocab(model: &Model, files: &mut Vec<File>) -> Vec<(String, String)> {
    use rayon::prelude::*;
    let encoded: Vec<(Vec<u8>, Vec<File>)> = model
        .stems
        .par_iter()
        .map(|s| {
            let mut own = Vec::new();
            let block = encode_stem(s, &mut own);
            let mut r = Vec::new();
            if block.len() <= INLINE_MAX {
                r.push(0);
                put_varint(&mut r, block.len() as u64);
                r.extend_from_slice(&block);
            } else {
                let h = hash5(&block);
                r.push(1);
                r.extend_from_slice(&h);
                own.push((postings_path(&h), block));
            }
            (r, own)
        })
        .collect();
    let mut refs: Vec<Vec<u8>> = Vec::with_capacity(encoded.len());
    for (r, own) in encoded {
        refs.push(r);
        files.extend(own);
    }
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
    shards
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

    fn hash(&mut self) -> Result<[u8; 5], FormatError> {
        let mut h = [0; 5];
        h.copy_from_slice(self.take(5)?);
        Ok(h)
    }
}

/// Where a stem's postings block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockRef {
    /// In the vocabulary entry.
    Inline(Vec<u8>),
    /// In `p/<hex>.bin`.
    File([u8; 5]),
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
            1 => BlockRef::File(r.hash()?),
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
    /// Tail sizes (titles, postings) and file, for a head block.
    pub tail: Option<(u64, u64, [u8; 5])>,
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
            tail = Some((t, p, r.hash()?));
        }
    }
    if !r.done() {
        return Err(FormatError("trailing bytes".into()));
    }
    Ok(Block { titles, postings, tail })
}

//! Pages → the logical index: the vocabulary (folded key → stem), and for
//! every stem its postings with quantized BM25 impacts.
//!
//! The work is done per page in parallel (tokenizing), then once per
//! distinct word (folding, stemming), then per stem in parallel (impacts).

use super::pages::Pages;
use super::tokenize::{self, Stemmer, TokenKind, fold};
use rayon::prelude::*;
use std::borrow::Cow;
use std::collections::HashMap;

/// BM25 term-frequency saturation.
pub const K1: f32 = 1.2;
/// BM25 length normalization.
pub const B: f32 = 0.75;
/// Weight of a match in a section heading, in units of the term's idf.
pub const HEADING_WEIGHT: f32 = 1.5;
/// Weight of a match in a page title, in units of the term's BM25 score.
pub const TITLE_WEIGHT: f32 = 3.0;

/// One posting: a passage of a page and the term's quantized impact there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Posting {
    /// Page number.
    pub page: u32,
    /// Passage number within the page.
    pub sec: u32,
    /// Quantized impact, 1..=255 (the score is proportional to its square).
    pub impact: u8,
}

/// A page whose title holds a stem, with the quantized title impact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TitlePosting {
    /// Page number.
    pub page: u32,
    /// Quantized impact, 1..=255.
    pub impact: u8,
}

/// A stem and everything that holds it, sorted by (page, passage).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StemEntry {
    /// The folded stem.
    pub key: String,
    /// Pages whose title holds the stem.
    pub titles: Vec<TitlePosting>,
    /// Passages that hold the stem in their text or heading.
    pub postings: Vec<Posting>,
}

/// A folded key seen in the text, and the stem it is searched under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VocabEntry {
    /// Folded key.
    pub key: String,
    /// Passages (and titles) holding the key: ranks completions and typo candidates.
    pub freq: u32,
    /// Index into [`Model::stems`].
    pub stem: u32,
}

/// The logical index of one language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Model {
    /// Keys, sorted in UTF-16 order (JavaScript's string order).
    pub vocab: Vec<VocabEntry>,
    /// Stems, by id.
    pub stems: Vec<StemEntry>,
}

/// A term of a passage: local id, count in the text, whether it is in the heading.
type TermCount = (u32, u32, bool);

/// Distinct terms of one page, with their counts per passage.
struct PageTerms<'a> {
    /// Distinct lowercased terms of the page and their kinds.
    terms: Vec<(Cow<'a, str>, TokenKind)>,
    /// Local term ids of the title.
    title: Vec<u32>,
    /// Number of tokens in the title.
    title_len: u32,
    /// Per passage: token count, then (local id, text tf, in heading).
    passages: Vec<(u32, Vec<TermCount>)>,
}

/// Builds the model of `pages`.
pub fn build(pages: &Pages<'_>, stemmer: Option<&Stemmer>) -> Model {
    let page_terms: Vec<PageTerms<'_>> = pages.pages.par_iter().map(|p| page_terms(p.title, &p.passages)).collect();
    let (words, local_to_global) = intern(&page_terms);
    let (vocab, word_stem, stem_keys) = vocabulary(&words, stemmer);
    let raw = gather(&page_terms, &local_to_global, &word_stem, stem_keys.len());
    let stems = impacts(raw, stem_keys, &page_terms);
    Model { vocab, stems }
}

/// FxHash: a fast hasher for the build's own strings and ids.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

impl Fx {
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map with [`Fx`].
pub type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

fn page_terms<'a>(page_title: &'a str, passages: &[super::pages::Passage<'a>]) -> PageTerms<'a> {
    let mut ids: FxMap<Cow<'a, str>, (u32, TokenKind)> = FxMap::default();
    ids.reserve(512);
    let mut id_of = |lower: Cow<'a, str>, kind: TokenKind| -> u32 {
        let next = ids.len() as u32;
        ids.entry(lower).or_insert((next, kind)).0
    };
    let mut title = Vec::new();
    let mut title_len = 0;
    tokenize::tokens(page_title, |t| {
        title_len += 1;
        title.push(id_of(t.lower, t.kind));
    });
    title.sort_unstable();
    title.dedup();
    let mut out = Vec::with_capacity(passages.len());
    // Counts by local id, and the ids touched by the current passage.
    let mut counts: Vec<(u32, bool)> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    for p in passages {
        let mut len = 0;
        let mut count = |id: u32, heading: bool| {
            let i = id as usize;
            if i >= counts.len() {
                counts.resize(i + 1, (0, false));
            }
            if counts[i] == (0, false) {
                touched.push(id);
            }
            if heading {
                counts[i].1 = true;
            } else {
                counts[i].0 += 1;
                len += 1;
            }
        };
        tokenize::tokens(p.heading, |t| count(id_of(t.lower, t.kind), true));
        tokenize::tokens(p.text, |t| count(id_of(t.lower, t.kind), false));
        touched.sort_unstable();
        let list = touched.iter().map(|&id| (id, counts[id as usize].0, counts[id as usize].1)).collect();
        for &id in &touched {
            counts[id as usize] = (0, false);
        }
        touched.clear();
        out.push((len, list));
    }
    let mut terms: Vec<(Cow<'a, str>, TokenKind)> = vec![(Cow::Borrowed(""), TokenKind::Word); ids.len()];
    for (lower, (id, kind)) in ids {
        terms[id as usize] = (lower, kind);
    }
    PageTerms { terms, title, title_len, passages: out }
}

/// A distinct lowercased word of the whole language.
#[derive(Clone, Copy)]
struct Word<'p> {
    lower: &'p str,
    kind: TokenKind,
    /// Passages and titles holding it.
    freq: u32,
}

/// Gives every distinct word a global id; returns the words and, per page,
/// the global id of each local id. Each thread interns a run of pages, then
/// the runs' vocabularies are merged (a lookup per distinct word of a run).
fn intern<'p>(pages: &'p [PageTerms<'_>]) -> (Vec<Word<'p>>, Vec<Vec<u32>>) {
    let run = pages.len().div_ceil(rayon::current_num_threads().max(1)).max(1);
    let runs: Vec<(Vec<Word<'p>>, Vec<Vec<u32>>)> = pages.par_chunks(run).map(intern_run).collect();
    let mut ids: FxMap<&'p str, u32> = FxMap::default();
    let mut words: Vec<Word<'p>> = Vec::new();
    let mut maps = Vec::with_capacity(pages.len());
    for (run_words, mut run_maps) in runs {
        let remap: Vec<u32> = run_words
            .iter()
            .map(|w| {
                let id = *ids.entry(w.lower).or_insert_with(|| {
                    words.push(Word { freq: 0, ..*w });
                    words.len() as u32 - 1
                });
                words[id as usize].freq += w.freq;
                id
            })
            .collect();
        run_maps.par_iter_mut().for_each(|m| m.iter_mut().for_each(|id| *id = remap[*id as usize]));
        maps.extend(run_maps);
    }
    (words, maps)
}

/// [`intern`] for one run of pages.
fn intern_run<'p>(pages: &'p [PageTerms<'_>]) -> (Vec<Word<'p>>, Vec<Vec<u32>>) {
    let mut ids: FxMap<&'p str, u32> = FxMap::default();
    let mut words: Vec<Word<'p>> = Vec::new();
    let mut maps = Vec::with_capacity(pages.len());
    for p in pages {
        let mut local = Vec::with_capacity(p.terms.len());
        for (lower, kind) in &p.terms {
            let id = *ids.entry(lower.as_ref()).or_insert_with(|| {
                words.push(Word { lower: lower.as_ref(), kind: *kind, freq: 0 });
                words.len() as u32 - 1
            });
            local.push(id);
        }
        for &l in &p.title {
            words[local[l as usize] as usize].freq += 1;
        }
        for (_, list) in &p.passages {
            for &(l, _, _) in list {
                words[local[l as usize] as usize].freq += 1;
            }
        }
        maps.push(local);
    }
    (words, maps)
}

/// Folds and stems every word; returns the vocabulary sorted in UTF-16
/// order, the stem id of every word, and the stem keys by id.
///
/// Words that fold to the same key (`élève`, `eleve`) all take the stem of
/// the most frequent of them, so that a key leads to one stem.
fn vocabulary(words: &[Word<'_>], stemmer: Option<&Stemmer>) -> (Vec<VocabEntry>, Vec<u32>, Vec<String>) {
    let folded: Vec<(String, String)> = words
        .par_iter()
        .map(|w| {
            let key = fold(w.lower).into_owned();
            let stem = tokenize::stem_key(stemmer, w.lower, &key, w.kind);
            (key, stem)
        })
        .collect();
    let mut by_key: FxMap<&str, Vec<usize>> = FxMap::default();
    for (i, (key, _)) in folded.iter().enumerate() {
        by_key.entry(key.as_str()).or_default().push(i);
    }
    let mut keys: Vec<(&str, Vec<usize>)> = by_key.into_iter().collect();
    keys.sort_unstable_by(|a, b| utf16_cmp(a.0, b.0));
    let mut stem_ids: FxMap<&str, u32> = FxMap::default();
    let mut stem_keys: Vec<String> = Vec::new();
    let mut word_stem = vec![0u32; words.len()];
    let mut vocab = Vec::with_capacity(keys.len());
    for (key, members) in keys {
        let best = members
            .iter()
            .copied()
            .max_by(|&a, &b| words[a].freq.cmp(&words[b].freq).then(folded[b].1.cmp(&folded[a].1)));
        let stem = best.map_or(key, |b| folded[b].1.as_str());
        let sid = *stem_ids.entry(stem).or_insert_with(|| {
            stem_keys.push(stem.to_string());
            stem_keys.len() as u32 - 1
        });
        let freq = members.iter().map(|&m| words[m].freq).sum();
        for m in members {
            word_stem[m] = sid;
        }
        vocab.push(VocabEntry { key: key.to_string(), freq, stem: sid });
    }
    (vocab, word_stem, stem_keys)
}

/// Compares strings the way JavaScript does (by UTF-16 code units).
pub fn utf16_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a.cmp(b);
    }
    a.encode_utf16().cmp(b.encode_utf16())
}

/// A posting before scoring.
#[derive(Debug, Clone, Copy, Default)]
struct RawPosting {
    page: u32,
    sec: u32,
    tf: u32,
    heading: bool,
}

/// Postings and title pages of every stem, each in one array: stem `s` has
/// `postings[offsets[s]..offsets[s + 1]]` (page order), and likewise titles.
struct Raw {
    postings: Vec<RawPosting>,
    offsets: Vec<usize>,
    titles: Vec<u32>,
    title_offsets: Vec<usize>,
}

impl Raw {
    fn stem(&self, s: usize) -> (&[RawPosting], &[u32]) {
        (
            &self.postings[self.offsets[s]..self.offsets[s + 1]],
            &self.titles[self.title_offsets[s]..self.title_offsets[s + 1]],
        )
    }
}

/// Per page: (stem, passage, tf, in heading) with one entry per stem and
/// passage, and the stems of the title.
type PagePostings = (Vec<(u32, u32, u32, bool)>, Vec<u32>);

fn gather(pages: &[PageTerms<'_>], local_to_global: &[Vec<u32>], word_stem: &[u32], n_stems: usize) -> Raw {
    let per_page: Vec<PagePostings> = pages
        .par_iter()
        .zip(local_to_global.par_iter())
        .map(|(p, map)| {
            let sid = |l: u32| word_stem[map[l as usize] as usize];
            let mut out = Vec::new();
            for (si, (_, list)) in p.passages.iter().enumerate() {
                let mut merged: Vec<(u32, u32, bool)> = list.iter().map(|&(l, tf, h)| (sid(l), tf, h)).collect();
                merged.sort_unstable_by_key(|m| m.0);
                merged.dedup_by(|b, a| {
                    let same = a.0 == b.0;
                    if same {
                        a.1 += b.1;
                        a.2 |= b.2;
                    }
                    same
                });
                out.extend(merged.into_iter().map(|(s, tf, h)| (s, si as u32, tf, h)));
            }
            let mut titles: Vec<u32> = p.title.iter().map(|&l| sid(l)).collect();
            titles.sort_unstable();
            titles.dedup();
            (out, titles)
        })
        .collect();
    let posts = || {
        per_page.iter().enumerate().flat_map(|(pi, (list, _))| {
            list.iter().map(move |&(s, sec, tf, heading)| (s, RawPosting { page: pi as u32, sec, tf, heading }))
        })
    };
    let (offsets, postings) = scatter(n_stems, posts);
    let titles = || per_page.iter().enumerate().flat_map(|(pi, (_, t))| t.iter().map(move |&s| (s, pi as u32)));
    let (title_offsets, titles) = scatter(n_stems, titles);
    Raw { postings, offsets, titles, title_offsets }
}

/// Counting sort of `(key, item)` by key into one array and key offsets.
fn scatter<T: Copy + Default, I: Iterator<Item = (u32, T)>>(n: usize, items: impl Fn() -> I) -> (Vec<usize>, Vec<T>) {
    let mut offsets = vec![0usize; n + 1];
    for (k, _) in items() {
        offsets[k as usize + 1] += 1;
    }
    for i in 0..n {
        offsets[i + 1] += offsets[i];
    }
    let mut next = offsets.clone();
    let mut out = vec![T::default(); offsets[n]];
    for (k, item) in items() {
        out[next[k as usize]] = item;
        next[k as usize] += 1;
    }
    (offsets, out)
}

/// BM25 inverse document frequency.
fn idf(n: f32, df: f32) -> f32 {
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// BM25 term-frequency part.
fn tf_part(tf: f32, len: f32, avg: f32) -> f32 {
    if tf <= 0.0 {
        return 0.0;
    }
    tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / avg.max(1.0)))
}

/// Scores every posting, then quantizes all scores on one scale.
fn impacts(raw: Raw, stem_keys: Vec<String>, pages: &[PageTerms<'_>]) -> Vec<StemEntry> {
    let lens: Vec<Vec<u32>> = pages.iter().map(|p| p.passages.iter().map(|(l, _)| *l).collect()).collect();
    let n: f32 = lens.iter().map(Vec::len).sum::<usize>().max(1) as f32;
    let avg = lens.iter().flatten().map(|&l| l as f32).sum::<f32>() / n;
    let avg_title = pages.iter().map(|p| p.title_len as f32).sum::<f32>() / (pages.len().max(1) as f32);
    let text = |w: f32, p: &RawPosting| {
        let h = if p.heading { w * HEADING_WEIGHT } else { 0.0 };
        w * tf_part(p.tf as f32, lens[p.page as usize][p.sec as usize] as f32, avg) + h
    };
    let title = |w: f32, p: u32| w * TITLE_WEIGHT * tf_part(1.0, pages[p as usize].title_len as f32, avg_title);
    let max = (0..stem_keys.len())
        .into_par_iter()
        .map(|s| {
            let (posts, titles) = raw.stem(s);
            let w = idf(n, posts.len() as f32);
            let t = posts.iter().map(|p| text(w, p)).fold(0.0f32, f32::max);
            titles.iter().map(|&p| title(w, p)).fold(t, f32::max)
        })
        .reduce(|| 0.0, f32::max);
    stem_keys
        .into_par_iter()
        .enumerate()
        .map(|(s, key)| {
            let (posts, titles) = raw.stem(s);
            let w = idf(n, posts.len() as f32);
            StemEntry {
                key,
                titles: titles
                    .iter()
                    .map(|&page| TitlePosting { page, impact: quantize(title(w, page), max) })
                    .collect(),
                postings: posts
                    .iter()
                    .map(|p| Posting { page: p.page, sec: p.sec, impact: quantize(text(w, p), max) })
                    .collect(),
            }
        })
        .collect()
}

/// Maps a score to 1..=255 on a square-root scale (finer for small scores);
/// the browser adds up `impact²`.
pub fn quantize(x: f32, max: f32) -> u8 {
    if max <= 0.0 || x <= 0.0 {
        return 1;
    }
    ((x / max).sqrt() * 255.0).round().clamp(1.0, 255.0) as u8
}

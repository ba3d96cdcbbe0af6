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

/// Distinct terms of one page, with their counts per passage.
struct PageTerms<'a> {
    /// Distinct lowercased terms of the page and their kinds.
    terms: Vec<(Cow<'a, str>, TokenKind)>,
    /// Local term ids of the title.
    title: Vec<u32>,
    /// Number of tokens in the title.
    title_len: u32,
    /// Per passage: token count, then (local id, text tf, in heading).
    passages: Vec<(u32, Vec<(u32, u32, bool)>)>,
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

fn page_terms<'a>(title: &'a str, passages: &[super::pages::Passage<'a>]) -> PageTerms<'a> {
    let mut ids: HashMap<Cow<'a, str>, u32> = HashMap::new();
    let mut terms: Vec<(Cow<'a, str>, TokenKind)> = Vec::new();
    let mut id_of = |lower: Cow<'a, str>, kind: TokenKind| -> u32 {
        if let Some(&i) = ids.get(&lower) {
            return i;
        }
        let i = terms.len() as u32;
        terms.push((lower.clone(), kind));
        ids.insert(lower, i);
        i
    };
    let mut title = Vec::new();
    let mut title_len = 0;
    tokenize::tokens(title, |t| {
        title_len += 1;
        title.push(id_of(t.lower, t.kind));
    });
    title.sort_unstable();
    title.dedup();
    let mut out = Vec::with_capacity(passages.len());
    let mut counts: HashMap<u32, (u32, bool)> = HashMap::new();
    for p in passages {
        counts.clear();
        tokenize::tokens(p.heading, |t| counts.entry(id_of(t.lower, t.kind)).or_default().1 = true);
        let mut len = 0;
        tokenize::tokens(p.text, |t| {
            len += 1;
            counts.entry(id_of(t.lower, t.kind)).or_default().0 += 1;
        });
        let mut list: Vec<(u32, u32, bool)> = counts.iter().map(|(&id, &(tf, h))| (id, tf, h)).collect();
        list.sort_unstable();
        out.push((len, list));
    }
    PageTerms { terms, title, title_len, passages: out }
}

/// A distinct lowercased word of the whole language.
struct Word<'p> {
    lower: &'p str,
    kind: TokenKind,
    /// Passages and titles holding it.
    freq: u32,
}

/// Gives every distinct word a global id; returns the words and, per page,
/// the global id of each local id.
fn intern<'p>(pages: &'p [PageTerms<'_>]) -> (Vec<Word<'p>>, Vec<Vec<u32>>) {
    let mut ids: HashMap<&'p str, u32> = HashMap::new();
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
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (key, _)) in folded.iter().enumerate() {
        by_key.entry(key.as_str()).or_default().push(i);
    }
    let mut keys: Vec<(&str, Vec<usize>)> = by_key.into_iter().collect();
    keys.sort_by(|a, b| utf16_cmp(a.0, b.0));
    let mut stem_ids: HashMap<&str, u32> = HashMap::new();
    let mut stem_keys: Vec<String> = Vec::new();
    let mut word_stem = vec![0u32; words.len()];
    let mut vocab = Vec::with_capacity(keys.len());
    for (key, members) in keys {
        let best = members.iter().copied().max_by(|&a, &b| words[a].freq.cmp(&words[b].freq).then(folded[b].1.cmp(&folded[a].1)));
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

/// Raw postings per stem: (page, passage, tf, in heading), and title pages.
struct Raw {
    postings: Vec<Vec<(u32, u32, u32, bool)>>,
    titles: Vec<Vec<u32>>,
}

fn gather(pages: &[PageTerms<'_>], local_to_global: &[Vec<u32>], word_stem: &[u32], n_stems: usize) -> Raw {
    let per_page: Vec<(Vec<(u32, u32, u32, u32, bool)>, Vec<u32>)> = pages
        .par_iter()
        .zip(local_to_global.par_iter())
        .enumerate()
        .map(|(pi, (p, map))| {
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
                out.extend(merged.into_iter().map(|(s, tf, h)| (s, pi as u32, si as u32, tf, h)));
            }
            let mut titles: Vec<u32> = p.title.iter().map(|&l| sid(l)).collect();
            titles.sort_unstable();
            titles.dedup();
            (out, titles)
        })
        .collect();
    let mut raw = Raw { postings: vec![Vec::new(); n_stems], titles: vec![Vec::new(); n_stems] };
    for (pi, (list, titles)) in per_page.into_iter().enumerate() {
        for (s, page, sec, tf, h) in list {
            raw.postings[s as usize].push((page, sec, tf, h));
        }
        for s in titles {
            raw.titles[s as usize].push(pi as u32);
        }
    }
    raw
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
    let scored: Vec<(Vec<f32>, Vec<f32>)> = raw
        .postings
        .par_iter()
        .zip(raw.titles.par_iter())
        .map(|(posts, titles)| {
            let w = idf(n, posts.len() as f32);
            let text = posts
                .iter()
                .map(|&(p, s, tf, h)| w * tf_part(tf as f32, lens[p as usize][s as usize] as f32, avg) + if h { w * HEADING_WEIGHT } else { 0.0 })
                .collect();
            let title = titles.iter().map(|&p| w * TITLE_WEIGHT * tf_part(1.0, pages[p as usize].title_len as f32, avg_title)).collect();
            (text, title)
        })
        .collect();
    let max = scored.iter().flat_map(|(a, b)| a.iter().chain(b)).fold(0.0f32, |m, &x| m.max(x));
    let q = |x: f32| quantize(x, max);
    raw.postings
        .into_par_iter()
        .zip(raw.titles.into_par_iter())
        .zip(scored.into_par_iter())
        .zip(stem_keys.into_par_iter())
        .map(|(((posts, titles), (ts, tt)), key)| StemEntry {
            key,
            titles: titles.iter().zip(&tt).map(|(&page, &x)| TitlePosting { page, impact: q(x) }).collect(),
            postings: posts.iter().zip(&ts).map(|(&(page, sec, _, _), &x)| Posting { page, sec, impact: q(x) }).collect(),
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

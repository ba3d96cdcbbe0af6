//! Pages → the logical index: the vocabulary (folded key → stem), and for
//! every stem its postings with quantized BM25 impacts.
//!
//! The work is done per run of pages in parallel (tokenizing, each run
//! numbering its own words), then once per distinct word (folding,
//! stemming), then per page and per stem in parallel (postings, impacts).

use super::pages::Pages;
use super::tokenize::{self, Stemmer, TokenKind, fold};
use rayon::prelude::*;
use rustc_hash::FxHashMap as FxMap;
use std::borrow::Cow;

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

/// A term of a passage: word id, count in the text, whether it is in the heading.
type TermCount = (u32, u32, bool);

/// The terms of one page, by word id (the ids of its run, until [`build`]
/// rewrites them with those of [`intern`]).
struct PageTerms {
    /// Word ids of the title, sorted, distinct.
    title: Vec<u32>,
    /// Number of tokens in the title.
    title_len: u32,
    /// Per passage: token count, then (word id, text tf, in heading), by id.
    passages: Vec<(u32, Vec<TermCount>)>,
}

/// Builds the model of `pages`.
///
/// Each step drops what the next ones do not read: the run words once the
/// vocabulary is made, the word lists of the passages once they are merged
/// into stems (only their lengths stay, for BM25), and those merged lists
/// once the postings are sorted by stem. At most two arrays of one entry
/// per (passage, term) are alive at a time, where there were four: at
/// 100,000 pages those arrays are the peak of the build.
pub fn build_model(pages: &Pages<'_>, stemmer: Option<&Stemmer>) -> Model {
    let (run_words, mut run_pages): (Vec<Vec<RunWord<'_>>>, Vec<Vec<PageTerms>>) =
        tokenize_runs(pages).into_iter().map(|r| (r.words, r.pages)).unzip();
    let (vocab, word_stem, stem_keys) = {
        let (words, remaps) = intern(&run_words);
        run_pages.par_iter_mut().zip(remaps.par_iter()).for_each(|(pages, remap)| {
            for p in pages {
                p.title.iter_mut().for_each(|id| *id = remap[*id as usize]);
                for (_, list) in &mut p.passages {
                    list.iter_mut().for_each(|t| t.0 = remap[t.0 as usize]);
                }
            }
        });
        vocabulary(&words, stemmer)
    };
    drop(run_words);
    let page_terms: Vec<PageTerms> = run_pages.into_iter().flatten().collect();
    let lengths = Lengths::of(&page_terms);
    let per_page = merge_stems(page_terms, &word_stem, stem_keys.len());
    let raw = gather(per_page, stem_keys.len());
    let stems = impacts(raw, stem_keys, &lengths);
    Model { vocab, stems }
}

/// The token counts BM25 normalizes by: of each passage, and of each title.
struct Lengths {
    passages: Vec<Vec<u32>>,
    titles: Vec<u32>,
}

impl Lengths {
    fn of(pages: &[PageTerms]) -> Lengths {
        Lengths {
            passages: pages.iter().map(|p| p.passages.iter().map(|(l, _)| *l).collect()).collect(),
            titles: pages.iter().map(|p| p.title_len).collect(),
        }
    }
}

/// A distinct lowercased word of a run.
struct RunWord<'p> {
    lower: Cow<'p, str>,
    kind: TokenKind,
    /// Passages and titles of the run holding it.
    freq: u32,
}

/// A distinct lowercased word of the whole language.
#[derive(Clone, Copy)]
struct Word<'r> {
    lower: &'r str,
    kind: TokenKind,
    /// Passages and titles holding it.
    freq: u32,
}

/// The pages of a run (a range of consecutive pages), with the run's own
/// word ids.
struct Run<'p> {
    words: Vec<RunWord<'p>>,
    pages: Vec<PageTerms>,
}

/// Tokenizes every page: runs of consecutive pages in parallel, each run
/// giving its words their own ids (one hash lookup per token, in a table
/// shared by the run's pages).
fn tokenize_runs<'p>(pages: &Pages<'p>) -> Vec<Run<'p>> {
    // More runs than threads, so that a slow thread does not hold up the rest.
    let n = rayon::current_num_threads().max(1) * 4;
    let run = pages.pages.len().div_ceil(n).max(1);
    pages.pages.par_chunks(run).map(tokenize_run).collect()
}

/// A run's word ids: words of up to 16 bytes (nearly all) are looked up by
/// their bytes as one integer, so comparing keys reads no string; a
/// non-ASCII segment's ids are remembered by its text, so that its
/// lowercasing and folding (Unicode normalization) happen once a run.
#[derive(Default)]
struct RunIds<'p> {
    short: FxMap<u128, u32>,
    long: FxMap<Cow<'p, str>, u32>,
    words: Vec<RunWord<'p>>,
    segments: FxMap<&'p str, std::ops::Range<u32>>,
    segment_ids: Vec<u32>,
}

/// The key of a word of at most 16 bytes in [`RunIds::short`], optionally
/// of its ASCII lowercase.
fn short_key(b: &[u8], lowercase: bool) -> u128 {
    let mut k = [0u8; 16];
    k[..b.len()].copy_from_slice(b);
    if lowercase {
        k.make_ascii_lowercase();
    }
    u128::from_le_bytes(k)
}

impl<'p> RunIds<'p> {
    fn id(&mut self, lower: Cow<'p, str>, kind: TokenKind) -> u32 {
        let b = lower.as_bytes();
        let next = self.words.len() as u32;
        let id = if b.len() <= 16 {
            *self.short.entry(short_key(b, false)).or_insert(next)
        } else if let Some(&id) = self.long.get(lower.as_ref()) {
            id
        } else {
            self.long.insert(lower.clone(), next);
            next
        };
        if id == next {
            self.words.push(RunWord { lower, kind, freq: 0 });
        }
        id
    }

    /// Calls `f` with the id of every token of `text`, in order.
    fn each(&mut self, text: &'p str, f: &mut dyn FnMut(u32)) {
        for seg in tokenize::segments(text) {
            let s = &text[seg.range.clone()];
            if seg.ascii {
                // A known short ASCII word: found without lowercasing into a new string.
                if s.len() <= 16 {
                    if let Some(&id) = self.short.get(&short_key(s.as_bytes(), true)) {
                        f(id);
                        continue;
                    }
                }
                tokenize::segment_tokens(text, seg, &mut |t| f(self.id(t.lower, t.kind)));
                continue;
            }
            let range = match self.segments.get(s) {
                Some(r) => r.clone(),
                None => {
                    let start = self.segment_ids.len() as u32;
                    let mut ids = std::mem::take(&mut self.segment_ids);
                    tokenize::segment_tokens(text, seg, &mut |t| ids.push(self.id(t.lower, t.kind)));
                    self.segment_ids = ids;
                    let r = start..self.segment_ids.len() as u32;
                    self.segments.insert(s, r.clone());
                    r
                }
            };
            for &id in &self.segment_ids[range.start as usize..range.end as usize] {
                f(id);
            }
        }
    }
}

fn tokenize_run<'p>(pages: &[super::pages::Page<'p>]) -> Run<'p> {
    let mut ids = RunIds::default();
    // Counts by word id, and the ids touched by the current passage.
    let mut counts: Vec<(u32, bool)> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    let mut out = Vec::with_capacity(pages.len());
    for page in pages {
        let mut title = Vec::new();
        let mut title_len = 0;
        ids.each(page.title, &mut |id| {
            title_len += 1;
            title.push(id);
        });
        title.sort_unstable();
        title.dedup();
        for &id in &title {
            ids.words[id as usize].freq += 1;
        }
        let mut passages = Vec::with_capacity(page.passages.len());
        for p in &page.passages {
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
            ids.each(p.heading, &mut |id| count(id, true));
            ids.each(p.text, &mut |id| count(id, false));
            touched.sort_unstable();
            let list = touched
                .iter()
                .map(|&id| {
                    let (tf, h) = std::mem::take(&mut counts[id as usize]);
                    ids.words[id as usize].freq += 1;
                    (id, tf, h)
                })
                .collect();
            touched.clear();
            passages.push((len, list));
        }
        out.push(PageTerms { title, title_len, passages });
    }
    Run { words: ids.words, pages: out }
}

/// Gives every distinct word of the language a global id; returns the
/// words and, per run, the global id of each of the run's ids.
fn intern<'r>(runs: &'r [Vec<RunWord<'_>>]) -> (Vec<Word<'r>>, Vec<Vec<u32>>) {
    let mut ids: FxMap<&'r str, u32> = FxMap::default();
    let mut words: Vec<Word<'r>> = Vec::new();
    let remaps = runs
        .iter()
        .map(|run| {
            run.iter()
                .map(|w| {
                    let id = *ids.entry(w.lower.as_ref()).or_insert_with(|| {
                        words.push(Word { lower: w.lower.as_ref(), kind: w.kind, freq: 0 });
                        words.len() as u32 - 1
                    });
                    words[id as usize].freq += w.freq;
                    id
                })
                .collect()
        })
        .collect();
    (words, remaps)
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

/// A posting before scoring: the term count in the passage's text, with
/// the top bit set when the heading holds the stem too.
#[derive(Debug, Clone, Copy, Default)]
struct RawPosting {
    page: u32,
    sec: u32,
    tf_heading: u32,
}

const HEADING_BIT: u32 = 1 << 31;

impl RawPosting {
    fn tf(&self) -> u32 {
        self.tf_heading & !HEADING_BIT
    }

    fn heading(&self) -> bool {
        self.tf_heading & HEADING_BIT != 0
    }
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

/// Per page: (stem, passage, tf with [`HEADING_BIT`]) with one entry per
/// stem and passage, and the stems of the title.
type PagePostings = (Vec<(u32, u32, u32)>, Vec<u32>);

/// Rewrites every page's word lists as stem lists: several words can share
/// a stem, and their counts in a passage are added up. Each page's word
/// lists are dropped as soon as its stem lists are made.
fn merge_stems(pages: Vec<PageTerms>, word_stem: &[u32], n_stems: usize) -> Vec<PagePostings> {
    // A stem's entry in the page's list is found through its position,
    // valid while the stem's stamp is the current passage's.
    let scratch = || (vec![u64::MAX; n_stems], vec![0u32; n_stems]);
    // Long jobs: the scratch arrays are made once per job.
    let min = pages.len().div_ceil(rayon::current_num_threads().max(1) * 4).max(1);
    pages
        .into_par_iter()
        .enumerate()
        .with_min_len(min)
        .map_init(scratch, |(stamp, pos), (pi, p)| {
            let mut out: Vec<(u32, u32, u32)> = Vec::with_capacity(p.passages.iter().map(|x| x.1.len()).sum());
            for (si, (_, list)) in p.passages.iter().enumerate() {
                let now = ((pi as u64) << 32) | si as u64;
                for &(w, tf, h) in list {
                    let s = word_stem[w as usize];
                    let i = s as usize;
                    let h = if h { HEADING_BIT } else { 0 };
                    if stamp[i] == now {
                        let e = &mut out[pos[i] as usize];
                        e.2 = ((e.2 & !HEADING_BIT) + tf).min(!HEADING_BIT) | (e.2 & HEADING_BIT) | h;
                    } else {
                        stamp[i] = now;
                        pos[i] = out.len() as u32;
                        out.push((s, si as u32, tf.min(!HEADING_BIT) | h));
                    }
                }
            }
            let mut titles: Vec<u32> = p.title.iter().map(|&w| word_stem[w as usize]).collect();
            titles.sort_unstable();
            titles.dedup();
            (out, titles)
        })
        .collect()
}

/// Sorts every page's postings by stem (the pages' lists are dropped).
fn gather(per_page: Vec<PagePostings>, n_stems: usize) -> Raw {
    let posts = || {
        per_page.iter().enumerate().flat_map(|(pi, (list, _))| {
            list.iter().map(move |&(s, sec, tf_heading)| (s, RawPosting { page: pi as u32, sec, tf_heading }))
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
fn impacts(raw: Raw, stem_keys: Vec<String>, lengths: &Lengths) -> Vec<StemEntry> {
    let lens = &lengths.passages;
    let n: f32 = lens.iter().map(Vec::len).sum::<usize>().max(1) as f32;
    let avg = lens.iter().flatten().map(|&l| l as f32).sum::<f32>() / n;
    let avg_title = lengths.titles.iter().map(|&l| l as f32).sum::<f32>() / (lengths.titles.len().max(1) as f32);
    let text = |w: f32, p: &RawPosting| {
        let h = if p.heading() { w * HEADING_WEIGHT } else { 0.0 };
        w * tf_part(p.tf() as f32, lens[p.page as usize][p.sec as usize] as f32, avg) + h
    };
    let title = |w: f32, p: u32| w * TITLE_WEIGHT * tf_part(1.0, lengths.titles[p as usize] as f32, avg_title);
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

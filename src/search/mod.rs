//! The search index: built during the build from the text of every page,
//! one index per language, split into small files so that a query in the
//! browser downloads a few kilobytes, not the whole index.
//!
//! Entry point: [`build_index`]. The browser side is
//! `themes/default/static/theme/search.js`.
//!
//! # Records, pages and passages
//!
//! The pipeline gives one [`SearchRecord`] per heading section of a page.
//! Records of a URL form a page ([`pages`]); pages are numbered so that each
//! top-level section is one range of numbers (the manifest lists the
//! ranges, which is how the browser filters by section without loading
//! anything). A section longer than [`pages::MAX_PASSAGE_BYTES`] is cut into
//! several passages with the same heading. A result is a page, shown with its
//! best passage and linking to `url#anchor`.
//!
//! # Tokens and stems
//!
//! [`tokenize`] gives the rules, which search.js reproduces exactly: word
//! segments of Unicode word characters, NFKD + lowercase + diacritics
//! removed, character bigrams for Chinese, Japanese, Korean, Thai….
//! Stemming (Snowball, from the language code) happens **at index time
//! only**: the vocabulary maps every folded word that occurs in the text to
//! the stem it is indexed under, so the browser only folds the query's words
//! and looks them up. `installing` finds `install` because the vocabulary
//! holds `installing → instal` and `install → instal`; a query word absent
//! from the text cannot match anything anyway, except through the prefix
//! and typo rules, which also work on the vocabulary. Query and index
//! tokens are therefore produced by the same rules, and stems never need to
//! be computed in JavaScript.
//!
//! # Files
//!
//! Under `<prefix>search/`, every name but the manifest's carrying a hash of
//! its content; paths inside the manifest are relative to it:
//!
//! | file | what | loaded |
//! |---|---|---|
//! | `manifest.json` | [`store::Manifest`]: sections, vocabulary shard list, pack lists, where each group of the document store is | first, revalidated |
//! | `v/<hash>.bin` | vocabulary shard: a range of folded keys (front-coded), each with its frequency, stem, and the stem's postings inline or their location | for each query word |
//! | `p/<hash>.bin` | postings pack: stems' postings heads (top impacts) and tails, back to back | the part a matched stem needs; tails rarely |
//! | `d/<hash>.bin` | document pack: group blobs ([`store::DocChunk`]s — URL, title, first 16 passages — of pages `4g..4g+4`, zlib-compressed JSON) and the later chunks of long pages | the part a shown result needs |
//!
//! Creating a file costs a build far more than writing its bytes (on the
//! 10k-page corpus, 4,400 small files took about 2 s to create; the same
//! bytes in one file, 0.3 s), so postings and documents are *packed* into
//! files of about a megabyte ([`format::Packer`]), and the browser fetches
//! the part it needs with an HTTP `Range` request, which static hosts
//! (GitHub Pages, Netlify, S3, nginx, Apache, Caddy) and `onramp serve`
//! answer. A server that ignores `Range` sends the whole pack: search still
//! works, each pack fetched once per page view, for more bytes. Locations
//! ([`format::Loc`]: pack, offset, length) are in the vocabulary entries
//! (postings), in a head (its tail), in the manifest (each group: runs of
//! groups per pack and every group's length) and in a long page's group
//! entry (its later chunks).
//!
//! The manifest keeps its name so that pages, which embed its URL, do not
//! change when only the text of another page does; search.js fetches it
//! with `cache: "no-cache"`, and every other file can be cached for good.
//! The document store is most of the index: its blobs are compressed
//! ([`store::pack`]; browsers inflate them with `DecompressionStream`,
//! Chrome 80, Firefox 113, Safari 16.4), which lets a blob hold 4 pages for
//! fewer bytes than 2 pages took as plain JSON.
//!
//! Binary layouts are in [`format`]. A posting is (page, passage, impact):
//! the impact is the passage's BM25 score for the stem (k1 = 1.2, b = 0.75,
//! plus [`index::HEADING_WEIGHT`] × idf when the stem is in the heading),
//! quantized to a byte on a square-root scale; title matches are kept per
//! page with their own impact ([`index::TITLE_WEIGHT`]). The browser adds
//! `impact²` over the query's stems. Each stem's postings are split into a
//! head (its [`format::HEAD_POSTINGS`] best) and a tail loaded only when the
//! head yields too few results, which bounds what a common word costs.
//!
//! # Query
//!
//! search.js folds the query, finds each word's vocabulary shard by binary
//! search over the manifest's first keys, and takes its stem's postings.
//! The last word is also a prefix (search as you type): its most frequent
//! completions in the shard count at a lower weight. A word of five or more
//! characters that is not in the vocabulary matches the most frequent keys
//! at one edit (insertion, deletion, substitution, transposition; the first
//! character must be right) at a lower weight still. Pages rank by the
//! number of query words they match, then by score (title impact plus the
//! best passage's). Excerpts come from the shown results' store files, with
//! matches highlighted through DOM text nodes.

pub mod format;
pub mod index;
pub mod pages;
pub mod read;
pub mod site;
pub mod store;
pub mod tokenize;

#[cfg(test)]
mod tests;

use format::File;
use std::borrow::Cow;

/// Name of the manifest in a language's `search/` folder. It is the one file
/// without a hash in its name, so that the dev server can update an index
/// without rendering every page again; search.js revalidates it on each load.
pub const MANIFEST: &str = "manifest.json";

/// One searchable chunk: a page's text under one heading. The build borrows
/// the strings from the rendered pages; [`SearchRecord::into_owned`] detaches
/// a record (the dev server's refresh runs after the build it came from).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchRecord<'a> {
    /// Page URL with base path, e.g. `/docs/guide/install/` (no anchor).
    pub url: Cow<'a, str>,
    /// Heading id, "" for the text before the first heading.
    pub anchor: Cow<'a, str>,
    /// Page title.
    pub title: Cow<'a, str>,
    /// Section heading text ("" before the first heading).
    pub heading: Cow<'a, str>,
    /// Plain text of that section.
    pub text: Cow<'a, str>,
    /// Title of the page's top-level section, for filters ("" for top-level pages).
    pub section: Cow<'a, str>,
}

impl SearchRecord<'_> {
    /// The record with its own copies of the strings.
    pub fn into_owned(self) -> SearchRecord<'static> {
        let own = |c: Cow<'_, str>| Cow::Owned(c.into_owned());
        SearchRecord {
            url: own(self.url),
            anchor: own(self.anchor),
            title: own(self.title),
            heading: own(self.heading),
            text: own(self.text),
            section: own(self.section),
        }
    }
}

/// Files to write (path relative to the output root, bytes) and the manifest URL per language.
#[derive(Debug, Clone, Default)]
pub struct SearchOutput {
    /// Files, paths relative to the output root (`search/…`, `fr/search/…`).
    pub files: Vec<(String, Vec<u8>)>,
    /// URL of the manifest, with the base path: `/docs/fr/search/manifest.json`.
    pub manifest_url: String,
}

/// Builds the index of one language. `lang` is a BCP 47 code (stemmer choice, CJK handling);
/// `base_path` is "/" or "/docs/"; `prefix` is the language's output folder ("" or "fr/").
pub fn build_index(lang: &str, records: &[SearchRecord<'_>], base_path: &str, prefix: &str) -> SearchOutput {
    let stemmer = tokenize::Stemmer::for_lang(lang);
    let pages = pages::Pages::from_records(records);
    // One after the other, each on every core: built side by side, their
    // working sets added up (a 100,000-page site's index peaked 0.9 GiB
    // above its pages), for no gain in time on two cores. The term model
    // first, with nothing else held: its working set is the larger, and
    // its encoded files are smaller than the document store's.
    let model = index::build_model(&pages, stemmer.as_ref());
    let mut files: Vec<File> = Vec::new();
    let (vocab, postings) = format::encode_vocab(&model, &mut files);
    drop(model);
    let (docs, doc_files) = store::documents(&pages);
    let manifest = store::Manifest::new(lang, stemmer.as_ref().map(|s| s.name), &pages, vocab, postings, docs);
    let manifest_bytes = serde_json::to_vec(&manifest).unwrap_or_default();
    files.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    files.dedup_by(|a, b| a.0 == b.0);
    files.extend(doc_files);
    files.push((MANIFEST.to_string(), manifest_bytes));
    let root = format!("{}search/", prefix.trim_start_matches('/'));
    SearchOutput {
        files: files.into_iter().map(|(p, b)| (format!("{root}{p}"), b)).collect(),
        // A stable name: pages embed it, so a change of one page's text must
        // not change every page. The script revalidates it on each load.
        manifest_url: manifest_url(base_path, prefix),
    }
}

/// URL of a language's manifest: `base_path` and the language's output
/// folder `prefix` as [`build_index`] takes them.
pub fn manifest_url(base_path: &str, prefix: &str) -> String {
    let root = format!("{}search/", prefix.trim_start_matches('/'));
    format!("{}{root}{MANIFEST}", ensure_slash(base_path))
}

fn ensure_slash(base: &str) -> String {
    let mut s = if base.starts_with('/') { base.to_string() } else { format!("/{base}") };
    if !s.ends_with('/') {
        s.push('/');
    }
    s
}

//! Records → pages: records of one URL are grouped into a page, pages are
//! ordered so that each top-level section is one range of page numbers, and
//! long sections are cut into passages of at most [`MAX_PASSAGE_BYTES`].

use super::SearchRecord;
use std::collections::HashMap;

/// Sections longer than this are cut into passages, so that excerpts load
/// quickly and BM25 compares texts of similar lengths.
pub const MAX_PASSAGE_BYTES: usize = 2000;

/// One record of a page, after cutting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage<'a> {
    /// Heading id ("" before the first heading).
    pub anchor: &'a str,
    /// Heading text.
    pub heading: &'a str,
    /// Text of the passage.
    pub text: &'a str,
}

/// A page and its passages, in order.
#[derive(Debug, Clone)]
pub struct Page<'a> {
    /// URL (with base path, no anchor).
    pub url: &'a str,
    /// Page title.
    pub title: &'a str,
    /// Index in [`Pages::sections`].
    pub section: usize,
    /// Passages: the `sec` of a posting indexes this.
    pub passages: Vec<Passage<'a>>,
}

/// All pages of a language, grouped by top-level section.
#[derive(Debug, Clone)]
pub struct Pages<'a> {
    /// Pages; the page number of a posting indexes this.
    pub pages: Vec<Page<'a>>,
    /// Section labels and the first page of each, in page order.
    pub sections: Vec<(String, usize)>,
}

impl<'a> Pages<'a> {
    /// Groups records by URL (in order of first appearance) and orders pages by
    /// section: pages without a section first, then sections in order of
    /// first appearance.
    pub fn from_records(records: &'a [SearchRecord<'_>]) -> Pages<'a> {
        let mut by_url: HashMap<&str, usize> = HashMap::new();
        let mut section_rank: HashMap<&str, usize> = HashMap::from([("", 0)]);
        let mut pages: Vec<Page<'a>> = Vec::new();
        for r in records {
            let next_rank = section_rank.len();
            let rank = *section_rank.entry(r.section.as_ref()).or_insert(next_rank);
            let i = *by_url.entry(r.url.as_ref()).or_insert_with(|| {
                pages.push(Page { url: &r.url, title: &r.title, section: rank, passages: Vec::new() });
                pages.len() - 1
            });
            pages[i].passages.extend(cut(r));
        }
        pages.sort_by_key(|p| p.section);
        let mut labels: Vec<(&str, usize)> = section_rank.into_iter().collect();
        labels.sort_by_key(|&(_, rank)| rank);
        let mut sections = Vec::new();
        for (label, rank) in labels {
            if let Some(first) = pages.iter().position(|p| p.section == rank) {
                sections.push((label.to_string(), first));
            }
        }
        renumber_sections(&mut pages, &sections);
        Pages { pages, sections }
    }
}

/// Sets each page's section to its index in `sections` (ranges by first page).
fn renumber_sections(pages: &mut [Page<'_>], sections: &[(String, usize)]) {
    let mut s = 0;
    for (i, p) in pages.iter_mut().enumerate() {
        while s + 1 < sections.len() && sections[s + 1].1 <= i {
            s += 1;
        }
        p.section = s;
    }
}

/// Cuts a record's text into passages of at most [`MAX_PASSAGE_BYTES`], at
/// whitespace when there is some. A record without text is one empty passage.
pub fn cut<'a>(r: &'a SearchRecord<'_>) -> Vec<Passage<'a>> {
    let mut out = Vec::new();
    let mut rest = r.text.trim();
    loop {
        let (head, tail) = split_at_limit(rest, MAX_PASSAGE_BYTES);
        out.push(Passage { anchor: &r.anchor, heading: &r.heading, text: head });
        rest = tail.trim_start();
        if rest.is_empty() {
            return out;
        }
    }
}

/// Splits `s` before byte `limit`, at the last whitespace if there is one in
/// the second half, else at a character boundary.
fn split_at_limit(s: &str, limit: usize) -> (&str, &str) {
    if s.len() <= limit {
        return (s, "");
    }
    let mut cut = limit;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    if let Some(ws) = s[..cut].rfind(char::is_whitespace) {
        if ws >= limit / 2 {
            cut = ws;
        }
    }
    (s[..cut].trim_end(), &s[cut..])
}

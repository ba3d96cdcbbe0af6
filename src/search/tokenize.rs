//! The tokenizer, shared by the index (here) and the search box
//! (`themes/default/static/theme/search.js`, which mirrors this file rule by
//! rule; `tests/search.rs` runs both on the same strings and compares).
//!
//! Text is cut into *segments*, then each segment is lowercased into *words*,
//! and each word folded into a *key*:
//!
//! 1. A segment is a maximal run of word characters (Unicode `Alphabetic`,
//!    `Numeric` or `Mark`: [`is_word_char`]) that are either all of a script
//!    written without spaces ([`is_gram_char`]: Han, kana, Hangul, Thai, Lao,
//!    Khmer, Myanmar…) or all of other scripts. Everything else separates.
//! 2. A segment is lowercased ([`lower`]: NFKD, Unicode lowercase, final
//!    sigma → sigma, NFC) and split again at non-word characters (NFKD can
//!    produce some: `½` → `1⁄2`), giving the words.
//! 3. A word's key is the word with its diacritics removed ([`fold`]: NFD,
//!    drop the combining marks listed in [`is_folded_mark`], NFC); `Élève`
//!    and `eleve` share the key `eleve`. Empty keys and keys longer than
//!    [`MAX_TOKEN_CHARS`] are dropped.
//! 4. In a segment of spaceless scripts, every pair of adjacent characters of
//!    a key is a token (bigrams: `検索する` → `検索`, `索す`, `する`), or the
//!    key itself when it is one character long.
//!
//! These rules are UAX #29 word boundaries for scripts that separate words
//! with spaces, except that `don't`, `e.g.`, `foo_bar` and `3.14` split at
//! their punctuation (UAX #29 keeps them whole; splitting them is what a
//! regular expression in the browser reproduces exactly), and that other
//! numbers (`x²`) stay attached to letters. They are written so that
//! `Intl.Segmenter`, whose dictionaries give different boundaries for Chinese,
//! Japanese and Thai, is not needed: the browser needs only
//! `String.prototype.normalize`, `toLowerCase` and Unicode property escapes.
//! [`uax29_agrees`] checks the claim against `unicode-segmentation` in tests.
//!
//! Stemming ([`Stemmer`]) is applied at index time only, to the lowercased
//! word before folding (the Snowball algorithms expect accents); the index
//! maps every key seen to its stem, so the browser never stems.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Keys longer than this many characters are not indexed (hashes, base64…).
pub const MAX_TOKEN_CHARS: usize = 40;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// A word of a script written with spaces: stemmed at index time.
    Word,
    /// A character bigram (or a lone character) of a spaceless script.
    Gram,
}

/// One token: its lowercased word (for stemming) and its folded key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// Lowercased, not folded (for the stemmer). Equal to `key` for grams.
    pub lower: Cow<'a, str>,
    /// Folded key: what the index stores and the browser looks up.
    pub key: Cow<'a, str>,
    /// Word or gram.
    pub kind: TokenKind,
    /// Byte range of the segment the token comes from, in the input.
    pub segment: std::ops::Range<usize>,
}

/// Word characters: Unicode `Alphabetic`, `Numeric` (`\p{N}`) or a mark
/// (`\p{M}`). In JavaScript: `/[\p{Alphabetic}\p{N}\p{M}]/u`.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphabetic() || c.is_numeric() || is_combining_mark(c)
}

/// Ranges of scripts written without spaces between words, indexed as
/// character bigrams. search.js carries the same table.
pub const GRAM_RANGES: &[(u32, u32)] = &[
    (0x0E00, 0x0EFF),   // Thai, Lao
    (0x1000, 0x109F),   // Myanmar
    (0x1100, 0x11FF),   // Hangul Jamo
    (0x1780, 0x17FF),   // Khmer
    (0x2E80, 0x2FDF),   // CJK and Kangxi radicals
    (0x3005, 0x3007),   // 々 〆 〇
    (0x3021, 0x3029),   // Hangzhou numerals
    (0x3031, 0x3035),   // kana repeat marks
    (0x3038, 0x303C),   // more ideographic marks
    (0x3040, 0x30FF),   // Hiragana, Katakana
    (0x3100, 0x318F),   // Bopomofo, Hangul compatibility Jamo
    (0x31A0, 0x31FF),   // Bopomofo extended, Katakana extension
    (0x3400, 0x4DBF),   // CJK extension A
    (0x4E00, 0x9FFF),   // CJK unified ideographs
    (0xA960, 0xA97F),   // Hangul Jamo extended A
    (0xAC00, 0xD7FF),   // Hangul syllables, Jamo extended B
    (0xF900, 0xFAFF),   // CJK compatibility ideographs
    (0xFF66, 0xFFDC),   // half-width Katakana and Hangul
    (0x20000, 0x323AF), // CJK extensions B to H
];

/// True for characters of the scripts in [`GRAM_RANGES`].
pub fn is_gram_char(c: char) -> bool {
    let c = c as u32;
    c >= 0x0E00 && GRAM_RANGES.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// Combining marks removed by folding: the combining diacritics blocks,
/// Cyrillic combining marks, Hebrew points and Arabic harakat. Marks that
/// change a letter in other scripts (Indic vowel signs, the kana voicing
/// marks) are kept.
pub fn is_folded_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2 | 0x05C4..=0x05C5 | 0x05C7
        | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Lowercases a segment: NFKD, Unicode lowercase, `ς` → `σ`, NFC. ASCII
/// stays borrowed when already lowercase.
pub fn lower(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        return if s.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(s.to_ascii_lowercase())
        } else {
            Cow::Borrowed(s)
        };
    }
    let decomposed: String = s.nfkd().collect();
    let lowered = decomposed.to_lowercase().replace('ς', "σ");
    Cow::Owned(lowered.nfc().collect())
}

/// Folds a lowercased word into its key: NFD, folded marks removed, NFC.
pub fn fold(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        return Cow::Borrowed(word);
    }
    Cow::Owned(word.nfd().filter(|&c| !is_folded_mark(c)).nfc().collect())
}

/// Calls `f` with every token of `text`, in order.
pub fn tokens<'a>(text: &'a str, mut f: impl FnMut(Token<'a>)) {
    for seg in segments(text) {
        segment_tokens(text, seg, &mut f);
    }
}

/// Calls `f` with the tokens of one segment of `text` (from [`segments`]).
/// The tokens of a segment depend on its text alone (and the range they
/// carry), which lets the index reuse those of a segment seen before.
pub fn segment_tokens<'a>(text: &'a str, seg: Segment, f: &mut impl FnMut(Token<'a>)) {
    let Segment { range, gram, ascii } = seg;
    let s = &text[range.clone()];
    if ascii {
        // An ASCII segment is one word of letters and digits, its own key.
        if s.len() <= MAX_TOKEN_CHARS {
            let w = if s.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(s.to_ascii_lowercase())
            } else {
                Cow::Borrowed(s)
            };
            f(Token { lower: w.clone(), key: w, kind: TokenKind::Word, segment: range });
        }
        return;
    }
    let l = lower(s);
    let mut owned = |t: Token<'_>| f(t.into_owned());
    emit_words(&l, gram, &range, &mut owned);
}

/// Tokens of `text` as a vector (tests, queries).
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    tokens(text, |t| out.push(t));
    out
}

impl Token<'_> {
    /// Detaches the token from the text it borrows from.
    pub fn into_owned(self) -> Token<'static> {
        Token {
            lower: Cow::Owned(self.lower.into_owned()),
            key: Cow::Owned(self.key.into_owned()),
            kind: self.kind,
            segment: self.segment,
        }
    }
}

/// A segment of a text (rule 1 of the module's rules).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Byte range in the text.
    pub range: std::ops::Range<usize>,
    /// Of a spaceless script (its tokens are bigrams).
    pub gram: bool,
    /// All ASCII letters and digits (its one token is the segment, lowercased).
    pub ascii: bool,
}

/// The segments of `text`, in order.
pub fn segments(text: &str) -> impl Iterator<Item = Segment> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    let char_at = move |i: usize| text[i..].chars().next().unwrap_or('\0');
    std::iter::from_fn(move || {
        let (start, gram) = loop {
            while i < bytes.len() && bytes[i] < 0x80 && !bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            if i >= bytes.len() {
                return None;
            }
            if bytes[i] < 0x80 {
                break (i, false);
            }
            let c = char_at(i);
            if is_word_char(c) {
                break (i, is_gram_char(c));
            }
            i += c.len_utf8();
        };
        let mut ascii = true;
        loop {
            if !gram {
                while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                }
            }
            // ASCII left here ends the segment: a separator, or a change of script.
            if i >= bytes.len() || bytes[i] < 0x80 {
                break;
            }
            let c = char_at(i);
            if !is_word_char(c) || is_gram_char(c) != gram {
                break;
            }
            ascii = false;
            i += c.len_utf8();
        }
        Some(Segment { range: start..i, gram, ascii: ascii && !gram })
    })
}

fn emit_words<'a>(lowered: &'a str, gram: bool, range: &std::ops::Range<usize>, f: &mut impl FnMut(Token<'a>)) {
    for word in lowered.split(|c: char| !is_word_char(c)).filter(|w| !w.is_empty()) {
        let key = fold(word);
        if key.is_empty() {
            continue;
        }
        if !gram {
            if key.chars().count() <= MAX_TOKEN_CHARS {
                f(Token { lower: Cow::Borrowed(word), key, kind: TokenKind::Word, segment: range.clone() });
            }
            continue;
        }
        emit_grams(&key, range, f);
    }
}

fn emit_grams<'a>(key: &str, range: &std::ops::Range<usize>, f: &mut impl FnMut(Token<'a>)) {
    let chars: Vec<(usize, char)> = key.char_indices().collect();
    let gram = |s: &str| Token {
        lower: Cow::Owned(s.to_string()),
        key: Cow::Owned(s.to_string()),
        kind: TokenKind::Gram,
        segment: range.clone(),
    };
    if chars.len() == 1 {
        f(gram(key));
        return;
    }
    for w in chars.windows(2) {
        let end = w[1].0 + w[1].1.len_utf8();
        f(gram(&key[w[0].0..end]));
    }
}

/// A Snowball stemmer for a language, when rust-stemmers has one.
pub struct Stemmer {
    inner: rust_stemmers::Stemmer,
    /// The algorithm's name, for the manifest.
    pub name: &'static str,
}

impl Stemmer {
    /// The stemmer of a BCP 47 language code (`en`, `pt-BR`, `nb`…), if any.
    pub fn for_lang(lang: &str) -> Option<Stemmer> {
        use rust_stemmers::Algorithm as A;
        let primary = lang.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        let (algo, name) = match primary.as_str() {
            "ar" => (A::Arabic, "arabic"),
            "da" => (A::Danish, "danish"),
            "nl" => (A::Dutch, "dutch"),
            "en" => (A::English, "english"),
            "fi" => (A::Finnish, "finnish"),
            "fr" => (A::French, "french"),
            "de" => (A::German, "german"),
            "el" => (A::Greek, "greek"),
            "hu" => (A::Hungarian, "hungarian"),
            "it" => (A::Italian, "italian"),
            "no" | "nb" | "nn" => (A::Norwegian, "norwegian"),
            "pt" => (A::Portuguese, "portuguese"),
            "ro" => (A::Romanian, "romanian"),
            "ru" => (A::Russian, "russian"),
            "es" => (A::Spanish, "spanish"),
            "sv" => (A::Swedish, "swedish"),
            "ta" => (A::Tamil, "tamil"),
            "tr" => (A::Turkish, "turkish"),
            _ => return None,
        };
        Some(Stemmer { inner: rust_stemmers::Stemmer::create(algo), name })
    }

    /// The folded stem of a lowercased word.
    pub fn stem(&self, lower: &str) -> String {
        fold(&self.inner.stem(lower)).into_owned()
    }
}

/// The key a token is indexed under: its stem for words when the language
/// has a stemmer, else its key.
pub fn stem_key(stemmer: Option<&Stemmer>, lower: &str, key: &str, kind: TokenKind) -> String {
    match (stemmer, kind) {
        (Some(s), TokenKind::Word) => {
            let stem = s.stem(lower);
            if stem.is_empty() { key.to_string() } else { stem }
        }
        _ => key.to_string(),
    }
}

/// Test helper: the words `unicode-segmentation` finds, split the way
/// [`tokens`] splits them, agree with [`tokens`] for `text`.
#[cfg(test)]
pub fn uax29_agrees(text: &str) -> bool {
    use unicode_segmentation::UnicodeSegmentation;
    let ours: Vec<String> = tokenize(text).into_iter().map(|t| t.lower.into_owned()).collect();
    let theirs: Vec<String> = text
        .unicode_words()
        .flat_map(|w| {
            lower(w).split(|c: char| !is_word_char(c)).filter(|s| !s.is_empty()).map(str::to_string).collect::<Vec<_>>()
        })
        .collect();
    ours == theirs
}

use super::index::utf16_cmp;
use super::read::{ReadIndex, memory_loader, read_index};
use super::tokenize::{Stemmer, TokenKind, fold, lower, tokenize, uax29_agrees};
use super::*;

fn keys(text: &str) -> Vec<String> {
    tokenize(text).into_iter().map(|t| t.key.into_owned()).collect()
}

fn rec(url: &str, title: &str, anchor: &str, heading: &str, text: &str, section: &str) -> SearchRecord<'static> {
    SearchRecord {
        url: url.to_string().into(),
        anchor: anchor.to_string().into(),
        title: title.to_string().into(),
        heading: heading.to_string().into(),
        text: text.to_string().into(),
        section: section.to_string().into(),
    }
}

fn read(out: &SearchOutput, prefix: &str) -> ReadIndex {
    let root = format!("{prefix}search/");
    let manifest = out.manifest_url.rsplit('/').next().unwrap().split('?').next().unwrap().to_string();
    read_index(&manifest, &memory_loader(&out.files, &root)).unwrap()
}

#[test]
fn words_are_split_lowercased_and_folded() {
    assert_eq!(
        keys("Hello, World! Don't e.g. 3.14 foo_bar C++"),
        ["hello", "world", "don", "t", "e", "g", "3", "14", "foo", "bar", "c"]
    );
    assert_eq!(keys("Élève CAFÉ naïve Ångström"), ["eleve", "cafe", "naive", "angstrom"]);
    assert_eq!(keys("ΟΔΟΣ Straße ﬁle ＡＢＣ"), ["οδοσ", "straße", "file", "abc"]);
    // Decomposed input folds like composed input.
    assert_eq!(keys("e\u{301}le\u{300}ve"), keys("élève"));
    assert_eq!(keys("İstanbul"), ["istanbul"]);
    assert!(keys("").is_empty());
    assert!(keys("  !!! <> ... ").is_empty());
}

#[test]
fn long_tokens_are_dropped() {
    let long = "a".repeat(41);
    assert_eq!(keys(&format!("ok {long} fine")), ["ok", "fine"]);
}

#[test]
fn cjk_is_indexed_as_bigrams() {
    assert_eq!(keys("検索エンジン"), ["検索", "索エ", "エン", "ンジ", "ジン"]);
    assert_eq!(keys("Rustで書く"), ["rust", "で書", "書く"]);
    assert_eq!(keys("字"), ["字"]);
    // Half-width katakana fold to full-width before pairing.
    assert_eq!(keys("ｶﾞｲﾄﾞ"), keys("ガイド"));
    assert_eq!(keys("한국어 문서"), ["한국", "국어", "문서"]);
    assert!(tokenize("日本").iter().all(|t| t.kind == TokenKind::Gram));
}

#[test]
fn boundaries_agree_with_uax29_for_spaced_scripts() {
    for text in [
        "The quick brown fox can't jump over 3.14 lazy dogs.",
        "Élève, naïve — déjà vu; l'été «chaud».",
        "Привет, мир! Ёлка и йогурт.",
        "Καλημέρα κόσμε, ΟΔΟΣ.",
        "مرحبا بالعالم",
        "foo_bar baz-qux ½ 1,000,000",
        "नमस्ते दुनिया",
    ] {
        assert!(uax29_agrees(text), "{text}");
    }
}

#[test]
fn english_stemming() {
    let s = Stemmer::for_lang("en-GB").unwrap();
    assert_eq!(s.stem("installing"), s.stem("installation"));
    assert_eq!(s.stem("running"), s.stem("runs"));
    assert_eq!(s.stem("configured"), s.stem("configuration"));
    assert!(Stemmer::for_lang("ja").is_none());
    assert!(Stemmer::for_lang("zh-Hant").is_none());
    assert!(Stemmer::for_lang("nb").is_some());
}

#[test]
fn french_accents_and_stems() {
    let s = Stemmer::for_lang("fr").unwrap();
    // The stem is taken from the accented word, then folded.
    assert_eq!(s.stem(&lower("Élèves")), s.stem("élève"));
    assert_eq!(fold(&s.stem("généralement")), s.stem("généralement"));
    assert!(s.stem("généralement").is_ascii());
}

#[test]
fn utf16_order_matches_javascript() {
    // U+FF61 sorts after U+1F600 by code point, before it in UTF-16.
    assert!(utf16_cmp("\u{1F600}", "\u{FF61}").is_lt());
    assert!(utf16_cmp("abc", "abd").is_lt());
    assert!(utf16_cmp("", "a").is_lt());
}

#[test]
fn pages_group_records_and_order_sections() {
    let recs = [
        rec("/g/a/", "A", "", "", "intro", "Guides"),
        rec("/", "Home", "", "", "welcome", ""),
        rec("/d/b/", "B", "", "", "bee", "Docs"),
        rec("/g/a/", "A", "x", "X", "more", "Guides"),
    ];
    let p = pages::Pages::from_records(&recs);
    let urls: Vec<&str> = p.pages.iter().map(|p| p.url).collect();
    assert_eq!(urls, ["/", "/g/a/", "/d/b/"]);
    assert_eq!(p.sections, [("".to_string(), 0), ("Guides".to_string(), 1), ("Docs".to_string(), 2)]);
    assert_eq!(p.pages[1].passages.len(), 2);
    assert_eq!(p.pages.iter().map(|p| p.section).collect::<Vec<_>>(), [0, 1, 2]);
}

#[test]
fn long_sections_are_cut_into_passages() {
    let text = "word ".repeat(1000);
    let r = rec("/a/", "A", "h", "H", &text, "");
    let cut = pages::cut(&r);
    assert!(cut.len() >= 2);
    assert!(cut.iter().all(|p| p.text.len() <= pages::MAX_PASSAGE_BYTES && p.anchor == "h"));
    assert_eq!(cut.iter().map(|p| p.text.split_whitespace().count()).sum::<usize>(), 1000);
    // No whitespace at all: cut at character boundaries.
    let cjk = "字".repeat(3000);
    let r = rec("/a/", "A", "", "", &cjk, "");
    let cut = pages::cut(&r);
    assert_eq!(cut.iter().map(|p| p.text.chars().count()).sum::<usize>(), 3000);
}

fn sample() -> Vec<SearchRecord<'static>> {
    vec![
        rec("/docs/install/", "Installing onramp", "", "", "Download the binary and run it.", "Docs"),
        rec(
            "/docs/install/",
            "Installing onramp",
            "windows",
            "On Windows",
            "Use the installer; installation takes a minute.",
            "Docs",
        ),
        rec(
            "/docs/config/",
            "Configuration",
            "",
            "",
            "The site.yaml file configures the site. Install nothing.",
            "Docs",
        ),
        rec(
            "/guides/deploy/",
            "Deploy <script>window.__pwned=1</script>",
            "",
            "",
            "Copy public/ to any static host.",
            "Guides",
        ),
        rec("/ja/", "日本語のページ", "", "", "検索エンジンのテストです。", ""),
    ]
}

#[test]
fn index_round_trips() {
    let recs = sample();
    let out = build_index("en", &recs, "/", "");
    assert_eq!(out.manifest_url, "/search/manifest.json");
    assert!(out.files.iter().all(|(p, _)| p.starts_with("search/")));
    let idx = read(&out, "");
    let p = pages::Pages::from_records(&recs);
    let model = index::build_model(&p, Stemmer::for_lang("en").as_ref());
    assert_eq!(idx.vocab.len(), model.vocab.len());
    for v in &model.vocab {
        let stem = &model.stems[v.stem as usize];
        let (freq, key) = &idx.vocab[&v.key];
        assert_eq!((*freq, key), (v.freq, &stem.key));
        let got = &idx.stems[key];
        assert_eq!((&got.titles, &got.postings), (&stem.titles, &stem.postings));
    }
    assert_eq!(idx.manifest.sections, [("".to_string(), 0), ("Docs".to_string(), 1), ("Guides".to_string(), 3)]);
    assert_eq!(idx.docs.len(), 4);
    assert_eq!(idx.docs[3][0].title, "Deploy <script>window.__pwned=1</script>");
}

#[test]
fn queries_find_stems_titles_and_cjk() {
    let out = build_index("en", &sample(), "/docs-site/", "fr/");
    assert_eq!(out.manifest_url, "/docs-site/fr/search/manifest.json");
    let idx = read(&out, "fr/");
    let first = |q: &str| idx.search(q).first().and_then(|&p| idx.url(p)).map(str::to_string);
    assert_eq!(first("installation").as_deref(), Some("/docs/install/"));
    assert_eq!(first("INSTALLING").as_deref(), Some("/docs/install/"));
    // A form absent from the text is not stemmed (the browser's typo rule finds it).
    assert!(idx.lookup("installs").is_none());
    assert_eq!(first("Configures").as_deref(), Some("/docs/config/"));
    assert_eq!(first("検索").as_deref(), Some("/ja/"));
    assert_eq!(first("日本語").as_deref(), Some("/ja/"));
    assert_eq!(first("script").as_deref(), Some("/guides/deploy/"));
    assert!(idx.search("").is_empty());
    assert!(idx.search(".*[(<b>").iter().all(|&p| idx.url(p).is_some()));
    assert!(idx.lookup("windows").is_some_and(|p| p.postings.iter().any(|x| x.sec == 1)));
}

#[test]
fn empty_and_huge_inputs() {
    let out = build_index("en", &[], "/", "");
    let idx = read(&out, "");
    assert_eq!((idx.manifest.pages, idx.vocab.len()), (0, 0));
    let empty = [rec("/empty/", "Empty page", "", "", "", "")];
    let idx = read(&build_index("en", &empty, "/", ""), "");
    assert_eq!(idx.search("empty").first().copied(), Some(0));
    let mut big = String::new();
    let mut i = 0;
    while big.len() < 1_000_000 {
        big.push_str(&format!("lorem{} ipsum dolor ", i % 5000));
        i += 1;
    }
    big.push_str("needle");
    let recs = [rec("/big/", "Big", "", "", &big, ""), rec("/small/", "Small", "", "", "needle in a small page", "")];
    let out = build_index("en", &recs, "/", "");
    let idx = read(&out, "");
    let passages: usize = idx.docs[0].iter().map(|c| c.passages.len()).sum();
    assert!(passages > 400, "a 1 MB page is cut into many passages");
    let blobs = (0..idx.docs.len().div_ceil(store::DOC_GROUP)).map(|g| idx.manifest.docs.group(g).unwrap().len);
    let later = idx.docs.iter().flat_map(|d| d[0].more.iter().map(|l| l.2));
    assert!(blobs.chain(later).all(|len| len < 200_000), "no part a result needs is large");
    let found = idx.search("needle");
    assert_eq!(found.len(), 2);
    assert_eq!(idx.url(found[0]), Some("/small/"), "the short passage ranks first");
}

#[test]
fn common_words_get_a_head_and_a_tail() {
    let recs: Vec<SearchRecord<'static>> = (0..1500)
        .map(|i| {
            rec(&format!("/p{i}/"), &format!("Page {i}"), "", "", &format!("common word {}", "pad ".repeat(i % 7)), "")
        })
        .collect();
    let out = build_index("en", &recs, "/", "");
    let idx = read(&out, "");
    let p = idx.lookup("common").unwrap();
    assert_eq!(p.postings.len(), 1500);
    assert_eq!(p.tail.1, 500);
    assert_eq!(p.titles.len(), 0);
    let page = idx.lookup("page").unwrap();
    assert_eq!(page.titles.len(), 1500);
    assert_eq!(page.tail.0, 1300);
}

#[test]
fn file_names_carry_content_hashes() {
    let a = build_index("en", &sample(), "/", "");
    let b = build_index("en", &sample(), "/", "");
    assert_eq!(a.files, b.files, "deterministic");
    let mut changed = sample();
    changed[2].text.to_mut().push_str(" More words.");
    let c = build_index("en", &changed, "/", "");
    // The manifest keeps its name; its content points at new hashed files.
    assert_eq!(a.manifest_url, c.manifest_url);
    let manifest = |o: &SearchOutput| o.files.iter().find(|(p, _)| p.ends_with("manifest.json")).map(|f| f.1.clone());
    assert_ne!(manifest(&a), manifest(&c));
    for (path, bytes) in &a.files {
        let name = path.rsplit('/').next().unwrap();
        if !name.ends_with("manifest.json") {
            assert_eq!(name, format!("{}.bin", format::hex(&format::hash5(bytes))));
        }
    }
}

#[test]
fn packs_hold_blobs_back_to_back() {
    let mut packer = format::Packer::new("p/");
    let blob = |i: usize| vec![i as u8; 300_000 + i];
    let locs: Vec<format::Loc> = (0..8).map(|i| packer.add(&blob(i))).collect();
    let packs = packer.finish();
    // A pack is closed once it reaches PACK_BYTES: 4 blobs of 300 kB each.
    assert_eq!(packs.len(), 2);
    assert_eq!(locs.iter().map(|l| l.pack).collect::<Vec<_>>(), [0, 0, 0, 0, 1, 1, 1, 1]);
    for (i, l) in locs.iter().enumerate() {
        let bytes = &packs[l.pack as usize].1;
        assert_eq!(&bytes[l.offset as usize..(l.offset + l.len) as usize], &blob(i)[..]);
    }
    assert!(packs.iter().all(|(p, _)| p.starts_with("p/") && p.ends_with(".bin")));
    let mut r = Vec::new();
    format::put_loc(&mut r, locs[5]);
    assert_eq!(format::Reader::new(&r).loc().unwrap(), locs[5]);
}

#[test]
fn base64_round_trips() {
    for n in 0..7 {
        let bytes: Vec<u8> = (0..n).map(|i| (i * 97 + 250) as u8).collect();
        let s = store::base64_encode(&bytes);
        assert_eq!(s.len() % 4, 0);
        assert_eq!(store::base64_decode(&s).unwrap(), bytes);
    }
    assert_eq!(store::base64_encode(b"onramp"), "b25yYW1w");
    assert_eq!(store::base64_encode(b"on"), "b24=");
    assert_eq!(store::base64_decode("b2!="), None);
}

/// A store larger than a pack: groups continue in the next pack, a long
/// page's later chunks are found from its group entry, and every page reads
/// back.
#[test]
fn a_store_spans_several_packs() {
    let mut seed = 7u64;
    let mut text = |words: usize| {
        let mut t = String::new();
        for _ in 0..words {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            t.push_str(&format!("{:012x} ", seed >> 16));
        }
        t
    };
    let mut recs: Vec<SearchRecord<'static>> =
        (0..700).map(|i| rec(&format!("/p{i}/"), &format!("Page {i}"), "", "", &text(300), "")).collect();
    recs.extend((0..40).map(|s| rec("/long/", "Long", &format!("s{s}"), "Part", &text(20), "")));
    let pages = pages::Pages::from_records(&recs);
    let (docs, files) = store::documents(&pages);
    assert!(docs.packs.len() >= 2, "{:?}", docs.runs);
    assert_eq!(files.len(), docs.packs.len());
    let blob = |(pack, offset, len): (u32, u64, u64)| {
        let bytes = &files[pack as usize].1[offset as usize..(offset + len) as usize];
        serde_json::from_slice::<serde_json::Value>(&store::unpack(bytes).unwrap()).unwrap()
    };
    for i in 0..700 {
        let l = docs.group(i / store::DOC_GROUP).unwrap();
        let group = blob((l.pack, l.offset, l.len));
        assert_eq!(group[i % store::DOC_GROUP]["url"], format!("/p{i}/"));
        let first = group[i % store::DOC_GROUP]["passages"][0][2].as_str().unwrap();
        assert!(first.len() > 1000 && recs[i].text.starts_with(first.trim_end()), "page {i}");
    }
    let l = docs.group(700 / store::DOC_GROUP).unwrap();
    let long: store::DocChunk = serde_json::from_value(blob((l.pack, l.offset, l.len))[0].clone()).unwrap();
    assert_eq!((long.url.as_str(), long.passages.len(), long.more.len()), ("/long/", store::DOC_CHUNK, 2));
    let third: store::DocChunk = serde_json::from_value(blob(long.more[1])).unwrap();
    assert_eq!(third.passages[0].0, "s32");
    assert_eq!(third.passages.len(), 40 - 2 * store::DOC_CHUNK);
}

/// Timing of the stages on a corpus: `ONRAMP_PERF_DIR=content/en cargo test
/// --release --lib search::tests::perf -- --ignored --nocapture`.
#[test]
#[ignore]
fn perf() {
    let Ok(dir) = std::env::var("ONRAMP_PERF_DIR") else { return };
    let mut recs = Vec::new();
    for e in walkdir::WalkDir::new(&dir).into_iter().filter_map(Result::ok).filter(|e| e.file_type().is_file()) {
        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
        let url = format!("/{}/", e.path().display());
        for (i, part) in text.split("\n## ").enumerate() {
            recs.push(rec(&url, "Some title here", &format!("h{i}"), "Heading words", part, "S"));
        }
    }
    let t = std::time::Instant::now();
    let n: usize = recs.iter().map(|r| tokenize(&r.text).len()).sum();
    eprintln!("tokenize: {n} tokens in {:?}", t.elapsed());
    let t = std::time::Instant::now();
    let out = build_index("en", &recs, "/", "");
    eprintln!("build_index: {} files in {:?}", out.files.len(), t.elapsed());
}

//! Criterion benchmark of the markdown stage: `onramp::markdown::render` of
//! one page body with the shared `Highlighter`, the work the build does once
//! per markdown file.
//!
//! The pages are generated here, deterministically (a fixed-seed generator,
//! no files read), so the figures compare across commits:
//!
//! - `prose`: ~1,500 words of paragraphs under `##`/`###` headings, with
//!   inline code, emphasis and relative `.md` links (link placeholders);
//! - `code`: a short text around nine fenced blocks in rust, python and yaml;
//! - `tables_lists`: tables, nested bulleted and numbered lists, a task list,
//!   a blockquote and a GitHub alert;
//! - `mixed`: what an average page of the benchmark corpus holds (about
//!   1,000 words, headings, a list, a table, a quote, three code blocks).
//!
//! Each is measured with a cold highlighting cache (`cold`: every block is
//! parsed by syntect, as for a source page) and a warm one (`cached`: the
//! blocks were highlighted before, as for a translation, which repeats its
//! source's code). `highlight/*` times one code block alone, cold.
//!
//! Run: `cargo bench --bench markdown` (add `-- --quick` for a short run).

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use onramp::highlight::Highlighter;
use onramp::markdown::{AlertLabels, RenderInput, render};
use std::hint::black_box;
use std::path::Path;

/// A small deterministic generator (64-bit LCG), so the inputs never change.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() as usize % items.len()]
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.next() as usize % (hi - lo + 1)
    }
}

const NOUNS: &[&str] = &[
    "cache", "build", "page", "section", "index", "token", "parser", "server", "worker", "theme", "template", "locale",
    "request", "buffer", "channel", "module", "pipeline", "release", "config", "handler",
];
const VERBS: &[&str] = &[
    "renders", "reads", "writes", "checks", "loads", "parses", "updates", "serves", "caches", "builds", "splits",
    "merges", "reports", "resolves", "watches",
];
const ADJS: &[&str] =
    &["shared", "stale", "fresh", "nested", "default", "local", "remote", "static", "partial", "sorted", "empty"];

fn sentence(g: &mut Gen) -> String {
    let mut s = format!("The {} {} {} the {}", g.pick(ADJS), g.pick(NOUNS), g.pick(VERBS), g.pick(NOUNS));
    match g.next() % 6 {
        0 => s.push_str(&format!(" with `{}_{}`", g.pick(NOUNS), g.pick(NOUNS))),
        1 => s.push_str(&format!(" *{}*", g.pick(ADJS))),
        2 => s.push_str(&format!(" and **{}** {}", g.pick(NOUNS), g.pick(NOUNS))),
        3 => s.push_str(&format!(" (see [the {0}](../{0}/setup.md#{1}))", g.pick(NOUNS), g.pick(NOUNS))),
        _ => {}
    }
    for _ in 0..g.range(0, 2) {
        s.push_str(&format!(", when a {} {} {}", g.pick(NOUNS), g.pick(VERBS), g.pick(NOUNS)));
    }
    s.push('.');
    s
}

fn paragraph(g: &mut Gen, out: &mut String) {
    let n = g.range(3, 7);
    let text: Vec<String> = (0..n).map(|_| sentence(g)).collect();
    out.push_str(&text.join(" "));
    out.push_str("\n\n");
}

fn heading(g: &mut Gen, level: usize, i: usize, out: &mut String) {
    out.push_str(&format!("{} {} {} {i}\n\n", "#".repeat(level), g.pick(ADJS), g.pick(NOUNS)));
}

fn rust_block(g: &mut Gen, out: &mut String) {
    let name = g.pick(NOUNS);
    out.push_str("```rust\n");
    out.push_str(&format!(
        "/// Loads the {name} from its path.\npub fn load_{name}(path: &Path) -> Result<Vec<String>, Error> {{\n"
    ));
    for i in 0..g.range(4, 12) {
        out.push_str(&format!(
            "    let {}_{i} = read(path).map_err(|e| Error::new(\"{}\", e))?; // {}\n",
            g.pick(NOUNS),
            g.pick(VERBS),
            g.pick(ADJS)
        ));
    }
    out.push_str("    Ok(vec![String::from(\"done\")])\n}\n```\n\n");
}

fn python_block(g: &mut Gen, out: &mut String) {
    out.push_str("```python\n");
    out.push_str(&format!("class {}Handler:\n    \"\"\"Handles {} events.\"\"\"\n\n", "Page", g.pick(NOUNS)));
    for i in 0..g.range(3, 8) {
        out.push_str(&format!(
            "    def {}_{i}(self, items: list[str]) -> dict:\n        return {{k: len(k) * {i} for k in items if k != '{}'}}\n\n",
            g.pick(VERBS),
            g.pick(NOUNS)
        ));
    }
    out.push_str("```\n\n");
}

fn yaml_block(g: &mut Gen, out: &mut String) {
    out.push_str("```yaml\n");
    out.push_str("site:\n  title: \"Bench\"\n  languages: [en, fr, de]\n");
    for i in 0..g.range(4, 10) {
        out.push_str(&format!(
            "  {}_{i}:\n    enabled: true\n    limit: {}\n    name: '{}'\n",
            g.pick(NOUNS),
            i * 7,
            g.pick(ADJS)
        ));
    }
    out.push_str("```\n\n");
}

fn table(g: &mut Gen, out: &mut String) {
    let cols = g.range(3, 5);
    let head: Vec<String> = (0..cols).map(|_| g.pick(NOUNS).to_string()).collect();
    out.push_str(&format!("| {} |\n|{}\n", head.join(" | "), "---|".repeat(cols)));
    for _ in 0..g.range(3, 8) {
        let row: Vec<String> = (0..cols).map(|_| format!("`{}` {}", g.pick(NOUNS), g.pick(ADJS))).collect();
        out.push_str(&format!("| {} |\n", row.join(" | ")));
    }
    out.push('\n');
}

fn lists(g: &mut Gen, out: &mut String) {
    for _ in 0..g.range(3, 6) {
        out.push_str(&format!("- {}\n", sentence(g)));
        if g.next() % 3 == 0 {
            out.push_str(&format!("  - {}\n  - {}\n", sentence(g), sentence(g)));
        }
    }
    out.push('\n');
    for i in 1..=g.range(3, 5) {
        out.push_str(&format!("{i}. {}\n", sentence(g)));
    }
    out.push('\n');
}

fn prose_page() -> String {
    let mut g = Gen(1);
    let mut s = String::new();
    for i in 0..8 {
        heading(&mut g, if i % 3 == 2 { 3 } else { 2 }, i, &mut s);
        for _ in 0..3 {
            paragraph(&mut g, &mut s);
        }
    }
    s
}

fn code_page() -> String {
    let mut g = Gen(2);
    let mut s = String::new();
    for i in 0..3 {
        heading(&mut g, 2, i, &mut s);
        paragraph(&mut g, &mut s);
        rust_block(&mut g, &mut s);
        python_block(&mut g, &mut s);
        yaml_block(&mut g, &mut s);
    }
    s
}

fn tables_lists_page() -> String {
    let mut g = Gen(3);
    let mut s = String::new();
    for i in 0..4 {
        heading(&mut g, 2, i, &mut s);
        table(&mut g, &mut s);
        lists(&mut g, &mut s);
        s.push_str("- [x] done\n- [ ] to do\n\n");
        s.push_str(&format!("> {}\n\n> [!NOTE]\n> {}\n\n", sentence(&mut g), sentence(&mut g)));
    }
    s
}

fn mixed_page() -> String {
    let mut g = Gen(4);
    let mut s = String::new();
    for i in 0..5 {
        heading(&mut g, if i % 2 == 1 { 3 } else { 2 }, i, &mut s);
        paragraph(&mut g, &mut s);
        paragraph(&mut g, &mut s);
        match i {
            0 => rust_block(&mut g, &mut s),
            1 => lists(&mut g, &mut s),
            2 => python_block(&mut g, &mut s),
            3 => table(&mut g, &mut s),
            _ => yaml_block(&mut g, &mut s),
        }
    }
    s.push_str(&format!("> {}\n\n![a figure](/img/fig-01.png)\n", sentence(&mut g)));
    s
}

fn labels() -> AlertLabels {
    AlertLabels {
        titles: ["Note", "Tip", "Important", "Warning", "Caution"].map(String::from),
        video: Default::default(),
    }
}

fn render_once(body: &str, alerts: &AlertLabels, highlighter: &Highlighter) -> usize {
    let input = RenderInput {
        file_text: body,
        body_offset: 0,
        path: Path::new("content/guide/page.md"),
        key: "guide/page.md",
        heading_ids: None,
        alerts,
        highlighter,
        raw_html: true,
        site_files: &Default::default(),
        includes: None,
    };
    let (rendered, diags) = render(black_box(body), &input);
    black_box(&diags);
    rendered.html.len()
}

fn bench_pages(c: &mut Criterion) {
    let alerts = labels();
    let highlighter = Highlighter::new();
    let pages = [
        ("prose", prose_page()),
        ("code", code_page()),
        ("tables_lists", tables_lists_page()),
        ("mixed", mixed_page()),
    ];
    let mut group = c.benchmark_group("markdown");
    for (name, body) in &pages {
        group.throughput(Throughput::Bytes(body.len() as u64));
        // Cold: the cache is emptied before each render (outside the timing).
        group.bench_function(format!("{name}/cold"), |b| {
            b.iter_batched(
                || highlighter.end_of_build(),
                |()| render_once(body, &alerts, &highlighter),
                BatchSize::PerIteration,
            )
        });
        // Cached: every block was highlighted before (a translation).
        render_once(body, &alerts, &highlighter);
        group.bench_function(format!("{name}/cached"), |b| b.iter(|| render_once(body, &alerts, &highlighter)));
        highlighter.end_of_build();
    }
    group.finish();

    let mut group = c.benchmark_group("highlight");
    let mut blocks = [("rust", String::new()), ("python", String::new()), ("yaml", String::new())];
    let mut g = Gen(5);
    rust_block(&mut g, &mut blocks[0].1);
    python_block(&mut g, &mut blocks[1].1);
    yaml_block(&mut g, &mut blocks[2].1);
    for (lang, fenced) in &blocks {
        // The code inside the fences.
        let code = fenced.split_once('\n').map_or("", |(_, rest)| rest).trim_end().trim_end_matches("```");
        group.throughput(Throughput::Bytes(code.len() as u64));
        group.bench_function(*lang, |b| {
            b.iter_batched(
                || highlighter.end_of_build(),
                |()| highlighter.highlight(black_box(code), lang).len(),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, bench_pages);
criterion_main!(benches);

//! Markdown written for other generators (Hugo, Jekyll, Docusaurus, Zola)
//! and READMEs, built as it is: their front matter fields, TOML front
//! matter, badges on a README's title line, and site languages whose UI
//! strings come from a close locale (`zh` reading the theme's `zh-CN`).

mod common;

use common::{Site, select, text_of};

#[test]
fn site_language_without_its_own_locale_reads_the_closest_one_before_english() {
    let site = Site::copy("importfm-langneg");
    site.build(&[]).ok();
    let ui = |rel: &str| {
        let doc = site.html(rel);
        (text_of(&doc, ".skip-link"), text_of(&doc, ".search-button-label"))
    };
    // `zh` has no locale files: the theme's `zh-CN` ones are the closest.
    assert_eq!(ui("zh/docs/page/index.html"), ("跳转到主要内容".to_string(), "搜索".to_string()));
    // `pt` reads the site's own `pt-BR` file, and English for what it lacks.
    assert_eq!(ui("pt/docs/page/index.html"), ("Pular para o conteúdo".to_string(), "Search".to_string()));
    // `en-GB` reads its parent, `en`.
    assert_eq!(ui("en-GB/docs/page/index.html"), ("Skip to content".to_string(), "Search".to_string()));
    let html_lang = |rel: &str| select(&site.html(rel), "html")[0].value().attr("lang").map(str::to_string);
    assert_eq!(html_lang("zh/docs/page/index.html").as_deref(), Some("zh"));
}

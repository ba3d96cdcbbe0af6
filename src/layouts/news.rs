//! `news`: a section of dated posts, listed newest first on numbered pages
//! (`news/`, `news/page/2/`, …), with an Atom feed per language
//! (`news/atom.xml`, `fr/news/atom.xml`, from the theme's `atom.xml`
//! template and a [`FeedCtx`]). Its pages get the `post` layout
//! unless they name another; a post with `release:` in its front matter is
//! a release note that thanks its contributors: the names written there and,
//! when it gives a `git_range`, every author of a commit in that range (one
//! `git log`, with `.mailmap` applied).
//!
//! ```yaml
//! # content/news/_index.md
//! layout: news
//! paginate_by: 10          # posts per listing page (default 10)
//! # content/news/onramp-1-2.md
//! date: 2025-05-02
//! release:
//!   version: "1.2.0"
//!   contributors: [Ada Lovelace, {name: Grace Hopper, url: "https://example.org/grace"}]
//!   git_range: v1.1.0..v1.2.0   # optional
//! ```

use super::common::{format_date, key_error, position_of, safe_link};
use crate::content::NodeKind;
use crate::diagnostics::Diagnostic;
use crate::render::RenderEnv;
use crate::render::context::PageLink;
pub use crate::schema::news::{ContributorEntry, ContributorFm, ReleaseFm};
use crate::yaml_path;
use serde::Serialize;
use std::collections::BTreeMap;

/// Posts per listing page when `paginate_by` is not set.
pub const DEFAULT_PER_PAGE: usize = 10;
/// Entries in a feed: the newest posts.
pub const FEED_ENTRIES: usize = 50;

/// `layout_data.news`: one page of the listing.
#[derive(Debug, Clone, Serialize)]
pub struct NewsCtx {
    /// The posts of this page, newest first.
    pub posts: Vec<PostSummary>,
    /// Page numbers and links.
    pub pagination: Pagination,
    /// URL of the Atom feed of this language.
    pub feed_url: String,
}

/// A post in the listing.
#[derive(Debug, Clone, Serialize)]
pub struct PostSummary {
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The date in the page's language.
    pub date_display: Option<String>,
    /// Description from front matter.
    pub description: String,
    /// Version, for release notes.
    pub version: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
}

/// Where a listing page is among the others.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// This page's number, from 1.
    pub current: usize,
    /// Number of pages (at least 1).
    pub total: usize,
    /// Newer posts.
    pub prev_url: Option<String>,
    /// Older posts.
    pub next_url: Option<String>,
    /// Every page, for numbered links.
    pub pages: Vec<PageNumber>,
}

/// One numbered listing page.
#[derive(Debug, Clone, Serialize)]
pub struct PageNumber {
    /// From 1.
    pub number: usize,
    /// URL.
    pub url: String,
    /// True for the page being rendered.
    pub current: bool,
}

/// `layout_data.post`.
#[derive(Debug, Clone, Serialize)]
pub struct PostCtx {
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The date in the page's language.
    pub date_display: Option<String>,
    /// Release notes: version and the people thanked.
    pub release: Option<ReleaseCtx>,
    /// The listing the post belongs to.
    pub listing: Option<PageLink>,
    /// The listing's feed.
    pub feed_url: Option<String>,
    /// The next newer post of the listing.
    pub newer: Option<PageLink>,
    /// The next older post of the listing.
    pub older: Option<PageLink>,
}

/// The release a post announces.
#[derive(Debug, Clone, Serialize)]
pub struct ReleaseCtx {
    /// Version.
    pub version: Option<String>,
    /// Everyone thanked, sorted by name.
    pub contributors: Vec<ContributorCtx>,
    /// The git range the names were read from, when there is one and git could read it.
    pub git_range: Option<String>,
}

/// One person thanked.
#[derive(Debug, Clone, Serialize)]
pub struct ContributorCtx {
    /// Name.
    pub name: String,
    /// Link, when front matter gives one.
    pub url: Option<String>,
    /// Commits in the git range (0 when the name comes from front matter only).
    pub commits: usize,
}

/// The posts of a news section, newest first: (node, date).
fn posts(env: &RenderEnv<'_>, node: usize, lang: usize) -> Vec<(usize, Option<String>)> {
    let site = env.site;
    let mut posts: Vec<(usize, Option<String>)> = site.nodes[node]
        .children
        .iter()
        .filter(|&&c| site.nodes[c].kind == NodeKind::Page)
        .map(|&c| (c, site.nodes[c].variants[lang].fm.day()))
        .collect();
    // Newest first (undated last, as `None` sorts lowest); ties keep reading order.
    posts.sort_by(|a, b| b.1.cmp(&a.1));
    posts
}

fn url_of(env: &RenderEnv<'_>, node: usize, lang: usize) -> String {
    crate::content::paths::url(&env.config.base_path, &env.site.nodes[node].variants[lang].path)
}

/// A news section's listing: its pages (output path and data) and its feed.
#[derive(Debug)]
pub struct Listing {
    /// One page of posts per output path (`news/`, `news/page/2/`, …).
    pub pages: Vec<(String, NewsCtx)>,
    /// The Atom feed (output path and bytes), unless its template failed.
    pub feeds: Vec<(String, Vec<u8>)>,
    /// Problems found in front matter.
    pub diags: Vec<Diagnostic>,
}

/// The listing pages of a news section, and its feed.
pub fn listing_data(env: &RenderEnv<'_>, node: usize, lang: usize) -> Listing {
    let v = &env.site.nodes[node].variants[lang];
    let mut diags = Vec::new();
    let per_page = match v.fm.paginate_by {
        Some(0) => {
            if let Some(doc) = env.site.doc(v) {
                diags.push(
                    key_error(doc, &yaml_path!["paginate_by"], "`paginate_by` must be at least 1")
                        .with_help("it is the number of posts per listing page"),
                );
            }
            DEFAULT_PER_PAGE
        }
        Some(n) => n,
        None => DEFAULT_PER_PAGE,
    };
    let posts = posts(env, node, lang);
    let summaries: Vec<PostSummary> = posts
        .iter()
        .map(|(p, date)| {
            let pv = &env.site.nodes[*p].variants[lang];
            PostSummary {
                title: pv.title.clone(),
                url: url_of(env, *p, lang),
                date: date.clone(),
                date_display: pv.fm.date.as_ref().map(|d| format_date(env, lang, d.day)),
                description: pv.fm.description.clone().unwrap_or_default(),
                version: pv.fm.release.as_ref().and_then(|r| r.version.clone()),
                tags: pv.fm.tags.clone().unwrap_or_default(),
            }
        })
        .collect();
    let total = summaries.len().div_ceil(per_page).max(1);
    let page_path = |n: usize| crate::content::paths::pagination_path(&v.path, n);
    let page_url = |n: usize| crate::content::paths::url(&env.config.base_path, &page_path(n));
    let feed_url = crate::content::paths::url(&env.config.base_path, &crate::content::paths::feed_path(&v.path));
    let outputs = (1..=total)
        .map(|n| {
            let chunk = summaries.iter().skip((n - 1) * per_page).take(per_page).cloned().collect();
            let pagination = Pagination {
                current: n,
                total,
                prev_url: (n > 1).then(|| page_url(n - 1)),
                next_url: (n < total).then(|| page_url(n + 1)),
                pages: (1..=total).map(|k| PageNumber { number: k, url: page_url(k), current: k == n }).collect(),
            };
            let news = NewsCtx { posts: chunk, pagination, feed_url: feed_url.clone() };
            (page_path(n), news)
        })
        .collect();
    let mut files = Vec::new();
    match atom_feed(env, node, lang, &posts) {
        Ok(feed) => files.push((crate::content::paths::feed_path(&v.path), feed.into_bytes())),
        Err(d) => diags.push(d),
    }
    Listing { pages: outputs, feeds: files, diags }
}

/// The data of one post.
pub fn post_data(env: &RenderEnv<'_>, node: usize, lang: usize) -> (Option<PostCtx>, Vec<Diagnostic>) {
    let n = &env.site.nodes[node];
    let v = &n.variants[lang];
    let doc = env.site.doc(v);
    let mut diags = Vec::new();
    let date = v.fm.day();
    if date.is_none() {
        if let Some(doc) = doc {
            diags.push(
                key_error(doc, &yaml_path!["title"], "a news post needs a `date`")
                    .with_help("add `date: YYYY-MM-DD` to the front matter; the listing and the feed sort by it"),
            );
        }
    }
    let listing = n.parent.filter(|&p| env.site.nodes[p].variants[lang].fm.layout.as_deref() == Some("news"));
    let release = v.fm.release.as_ref().map(|r| {
        let (ctx, d) = release(env, doc, r);
        diags.extend(d);
        ctx
    });
    let link = |p: usize| PageLink { title: env.site.nodes[p].variants[lang].title.clone(), url: url_of(env, p, lang) };
    let order: Vec<usize> = listing.map(|l| posts(env, l, lang).into_iter().map(|p| p.0).collect()).unwrap_or_default();
    let at = order.iter().position(|&p| p == node);
    let post = PostCtx {
        newer: at.and_then(|i| i.checked_sub(1)).map(|i| link(order[i])),
        older: at.and_then(|i| order.get(i + 1)).map(|&p| link(p)),
        date_display: v.fm.date.as_ref().map(|d| format_date(env, lang, d.day)),
        date,
        release,
        listing: listing
            .map(|p| PageLink { title: env.site.nodes[p].variants[lang].title.clone(), url: url_of(env, p, lang) }),
        feed_url: listing.map(|p| format!("{}atom.xml", url_of(env, p, lang))),
    };
    (Some(post), diags)
}

fn release(env: &RenderEnv<'_>, doc: Option<&crate::content::Doc>, r: &ReleaseFm) -> (ReleaseCtx, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut people: BTreeMap<String, ContributorCtx> = BTreeMap::new();
    for c in &r.contributors {
        let (name, url) = match c {
            ContributorFm::Name(n) => (n.clone(), None),
            ContributorFm::Entry(e) => (e.name.clone(), e.url.as_deref().and_then(safe_link)),
        };
        if name.trim().is_empty() {
            continue;
        }
        people.insert(name.to_lowercase(), ContributorCtx { name, url, commits: 0 });
    }
    let mut range_read = None;
    if let Some(range) = &r.git_range {
        match env.history.ranges.get(range).cloned().unwrap_or_else(|| Err("the range was not read".into())) {
            Ok(authors) => {
                for (name, commits) in authors {
                    people
                        .entry(name.to_lowercase())
                        .or_insert(ContributorCtx { name, url: None, commits: 0 })
                        .commits += commits;
                }
                range_read = Some(range.clone());
            }
            Err(why) => {
                if let Some(doc) = doc {
                    let (line, col) = position_of(doc, &yaml_path!["release", "git_range"], false);
                    diags.push(
                        Diagnostic::warning(
                            &doc.display,
                            line,
                            col,
                            format!(
                                "cannot read the git range `{range}`: {why}; thanking the listed contributors only"
                            ),
                        )
                        .with_help(
                            "build from a git clone with full history (and the range's tags), or remove `git_range`",
                        ),
                    );
                }
            }
        }
    }
    let contributors = people.into_values().collect();
    (ReleaseCtx { version: r.version.clone(), contributors, git_range: range_read }, diags)
}

pub use crate::git::RangeAuthors;

/// The context of `atom.xml`, the feed template: `feed`.
#[derive(Debug, Clone, Serialize)]
pub struct FeedTemplateCtx {
    /// The feed.
    pub feed: FeedCtx,
}

/// An Atom feed (RFC 4287): one news section in one language. Text comes
/// without the control characters XML 1.0 forbids; the template escapes it
/// (autoescaping is on for `.xml` templates), so it must not be `| safe`.
#[derive(Debug, Clone, Serialize)]
pub struct FeedCtx {
    /// Language code (`xml:lang`).
    pub lang: String,
    /// Feed id: the section's permalink.
    pub id: String,
    /// The section's title.
    pub title: String,
    /// The site's title in this language.
    pub site_title: String,
    /// The section's description, when it has a non-empty one.
    pub subtitle: Option<String>,
    /// Date of the newest post (`YYYY-MM-DDT00:00:00Z`).
    pub updated: String,
    /// Permalink of the feed itself.
    pub self_url: String,
    /// Permalink of the section's page.
    pub url: String,
    /// Author: the site's title in this language.
    pub author: String,
    /// onramp's version.
    pub generator_version: String,
    /// The newest posts (at most [`FEED_ENTRIES`]), newest first.
    pub entries: Vec<FeedEntry>,
}

/// One post in a feed.
#[derive(Debug, Clone, Serialize)]
pub struct FeedEntry {
    /// Entry id: the post's permalink.
    pub id: String,
    /// Title.
    pub title: String,
    /// The post's date, or the feed's for an undated post (`YYYY-MM-DDT00:00:00Z`).
    pub updated: String,
    /// The post's date, when it has one.
    pub published: Option<String>,
    /// Permalink.
    pub url: String,
    /// The post's description, when it has a non-empty one.
    pub summary: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
}

/// Text for XML: without the control characters XML 1.0 forbids (the
/// template escapes the rest).
fn xml_text(s: &str) -> String {
    s.chars().filter(|&c| !c.is_control() || matches!(c, '\t' | '\n' | '\r')).collect()
}

fn atom_time(day: &str) -> String {
    format!("{day}T00:00:00Z")
}

/// The data of the Atom feed of a news section in one language.
fn feed_ctx(env: &RenderEnv<'_>, node: usize, lang: usize, posts: &[(usize, Option<String>)]) -> FeedCtx {
    let c = env.config;
    let v = &env.site.nodes[node].variants[lang];
    let language = &c.languages[lang];
    let permalink =
        |n: usize| xml_text(&crate::content::paths::url(&c.base_url, &env.site.nodes[n].variants[lang].path));
    let updated = posts.iter().filter_map(|p| p.1.clone()).max().or_else(|| v.fm.day()).unwrap_or("1970-01-01".into());
    let description = |d: &Option<String>| d.as_deref().filter(|d| !d.is_empty()).map(xml_text);
    let entries = posts
        .iter()
        .take(FEED_ENTRIES)
        .map(|(p, date)| {
            let pv = &env.site.nodes[*p].variants[lang];
            let day = atom_time(date.as_deref().unwrap_or(&updated));
            FeedEntry {
                id: permalink(*p),
                title: xml_text(&pv.title),
                published: date.is_some().then(|| day.clone()),
                updated: day,
                url: permalink(*p),
                summary: description(&pv.fm.description),
                tags: pv.fm.tags.iter().flatten().map(|t| xml_text(t)).collect(),
            }
        })
        .collect();
    FeedCtx {
        lang: xml_text(&language.code),
        id: permalink(node),
        title: xml_text(&v.title),
        site_title: xml_text(&language.title),
        subtitle: description(&v.fm.description),
        updated: atom_time(&updated),
        self_url: xml_text(&crate::content::paths::url(&c.base_url, &crate::content::paths::feed_path(&v.path))),
        url: permalink(node),
        author: xml_text(&language.title),
        generator_version: env!("CARGO_PKG_VERSION").to_string(),
        entries,
    }
}

/// The Atom feed of a news section in one language, from the `atom.xml` template.
fn atom_feed(
    env: &RenderEnv<'_>,
    node: usize,
    lang: usize,
    posts: &[(usize, Option<String>)],
) -> Result<String, Diagnostic> {
    let ctx = FeedTemplateCtx { feed: feed_ctx(env, node, lang, posts) };
    tera::Context::from_serialize(&ctx).and_then(|c| env.tera.render("atom.xml", &c)).map_err(|e| {
        let page = env.site.doc(&env.site.nodes[node].variants[lang]).map(|d| d.display.as_path());
        crate::theme::template_error(&e, env.origins, page)
    })
}

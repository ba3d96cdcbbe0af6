//! The onboarding layouts: the data behind `news`, `post`, `case-studies`,
//! `case-study`, `getting-started`, `directory`, `guide`, `community`,
//! `meetings` and `videos` pages.
//!
//! A layout is still just a template (`<layout>.html`); what this module adds
//! is the typed data those templates show, computed from front matter, the
//! site tree and `data/*.yaml`, and checked on the way (errors at the
//! `path:line:col` of the front matter or data file). The render stage calls
//! [`build`] for every page and passes the result to the template as
//! `layout_data` ([`LayoutCtx`]); a layout may also ask for more than one
//! output (a paginated listing) and for extra files (an Atom feed).
//!
//! One file per layout's data model: [`news`] (listing, posts, release notes,
//! feed), [`case_studies`], [`getting_started`] (steps and paths),
//! [`directory`], [`guide`], [`community`], [`meetings`], [`videos`]; [`data_list`] reads data files that are lists,
//! entry by entry. [`Models`] holds what is computed once per render from the
//! whole site (which pages belong to which path, the git authors).

pub mod case_studies;
pub mod common;
pub mod community;
pub mod data_list;
pub mod directory;
pub mod getting_started;
pub mod guide;
pub mod inputs;
pub mod meetings;
pub mod news;
pub mod videos;

use crate::content::NodeKind;
use crate::diagnostics::Diagnostic;
use crate::render::RenderEnv;
use serde::Serialize;

/// `layout_data` in templates: the data of the page's layout. Only the
/// fields of the page's own layout are set, and `path_progress` on any page
/// that is a step of a getting-started path.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LayoutCtx {
    /// `news` listing: one page of posts, pagination, feed.
    pub news: Option<news::NewsCtx>,
    /// `post`: date, release notes and the way back to the listing.
    pub post: Option<news::PostCtx>,
    /// `case-studies` listing: cards and facets.
    pub case_studies: Option<case_studies::CaseStudiesCtx>,
    /// `case-study`: one story.
    pub case_study: Option<case_studies::CaseStudyCtx>,
    /// `getting-started`: numbered steps and the paths that start here.
    pub getting_started: Option<getting_started::GettingStartedCtx>,
    /// On every page that is a step of a path, one per path: "step N of M", next and previous.
    pub path_progress: Vec<getting_started::PathProgressCtx>,
    /// `directory`: entries grouped by category.
    pub directory: Option<directory::DirectoryCtx>,
    /// `guide`: good first issues and ways to get in touch.
    pub guide: Option<guide::GuideCtx>,
    /// `community`: top contributors and the organizations' shares.
    pub community: Option<community::CommunityCtx>,
    /// `meetings`: upcoming occurrences.
    pub meetings: Option<meetings::MeetingsCtx>,
    /// `videos`: talks, demos and recordings, newest first.
    pub videos: Option<videos::VideosCtx>,
}

/// One output of a page: where it goes and what its layout shows.
#[derive(Debug, Clone)]
pub struct Output {
    /// Output folder relative to the base path, ending in `/` (`news/page/2/`).
    pub path: String,
    /// The layout data of this output.
    pub data: LayoutCtx,
}

/// What a layout asks the render stage to write for one page in one language.
#[derive(Debug, Default)]
pub struct PageOutputs {
    /// The page's outputs: one, or several for a paginated listing.
    pub outputs: Vec<Output>,
    /// Other files (relative to the output root) and their bytes.
    pub files: Vec<(String, Vec<u8>)>,
    /// Problems found in front matter or data.
    pub diags: Vec<Diagnostic>,
}

/// What is computed once per render from the whole site.
#[derive(Debug, Default)]
pub struct Models {
    paths: getting_started::PathIndex,
}

impl Models {
    /// Indexes the site (the members of every getting-started path).
    pub fn new(env: &RenderEnv<'_>) -> Models {
        Models { paths: getting_started::PathIndex::new(env) }
    }

    /// The pages that show a getting-started path (owners and members):
    /// each shows the titles of the others.
    pub fn path_nodes(&self) -> std::collections::HashSet<usize> {
        self.paths.nodes()
    }
}

/// The layout a page gets when its front matter names none, from its
/// parent section's layout: posts of a `news` section are `post`s, pages of
/// a `case-studies` section are `case-study` pages.
pub fn default_child_layout(site: &crate::content::Site, node: usize, lang: usize) -> Option<&'static str> {
    let n = &site.nodes[node];
    if n.kind != NodeKind::Page {
        return None;
    }
    let parent = &site.nodes[n.parent?].variants[lang];
    match parent.fm.layout.as_deref()? {
        "news" => Some("post"),
        "case-studies" => Some("case-study"),
        _ => None,
    }
}

/// True for the layouts whose data is read from data files (named in the
/// page's front matter or in site.yaml) besides the site model: a change to
/// any data file may change their pages. Every layout of [`layout_data`]
/// that reads `env.inputs` data is listed here.
pub fn reads_data_files(layout: &str) -> bool {
    matches!(layout, "directory" | "guide" | "community" | "meetings" | "videos")
}

/// Computes the layout data of page `node` in language `lang`.
pub fn layout_data(env: &RenderEnv<'_>, models: &Models, node: usize, lang: usize, layout: &str) -> PageOutputs {
    let path = env.site.nodes[node].variants[lang].path.clone();
    let mut built = match layout {
        "news" => {
            let listing = news::listing_data(env, node, lang);
            let outputs = listing
                .pages
                .into_iter()
                .map(|(path, news)| Output { path, data: LayoutCtx { news: Some(news), ..LayoutCtx::default() } })
                .collect();
            PageOutputs { outputs, files: listing.feeds, diags: listing.diags }
        }
        "post" => one(path, news::post_data(env, node, lang), |c| LayoutCtx { post: c, ..LayoutCtx::default() }),
        "case-studies" => one(path, case_studies::listing_data(env, node, lang), |c| LayoutCtx {
            case_studies: c,
            ..LayoutCtx::default()
        }),
        "case-study" => {
            one(path, case_studies::page_data(env, node, lang), |c| LayoutCtx { case_study: c, ..LayoutCtx::default() })
        }
        "getting-started" => one(path, getting_started::data(env, node, lang), |c| LayoutCtx {
            getting_started: c,
            ..LayoutCtx::default()
        }),
        "directory" => {
            one(path, directory::data(env, node, lang), |c| LayoutCtx { directory: c, ..LayoutCtx::default() })
        }
        "guide" => one(path, guide::data(env, node, lang), |c| LayoutCtx { guide: c, ..LayoutCtx::default() }),
        "community" => {
            one(path, community::data(env, node, lang), |c| LayoutCtx { community: c, ..LayoutCtx::default() })
        }
        "meetings" => {
            let (ctx, feed, diags) = meetings::data(env, node, lang);
            let data = LayoutCtx { meetings: ctx, ..LayoutCtx::default() };
            PageOutputs { outputs: vec![Output { path, data }], files: feed.into_iter().collect(), diags }
        }
        "videos" => one(path, videos::data(env, node, lang), |c| LayoutCtx { videos: c, ..LayoutCtx::default() }),
        _ => PageOutputs { outputs: vec![Output { path, data: LayoutCtx::default() }], ..PageOutputs::default() },
    };
    let progress = models.paths.progress(env, node, lang);
    for o in &mut built.outputs {
        o.data.path_progress = progress.clone();
    }
    // Problems in a document are reported from its own language only.
    let own = env.site.doc(&env.site.nodes[node].variants[lang]).is_none_or(|d| d.lang == env.site.languages[lang]);
    if !own {
        built.diags.clear();
    }
    built
}

/// A single output, its data put in place by `wrap`.
fn one<C>(
    path: String,
    (data, diags): (Option<C>, Vec<Diagnostic>),
    wrap: impl Fn(Option<C>) -> LayoutCtx,
) -> PageOutputs {
    PageOutputs { outputs: vec![Output { path, data: wrap(data) }], files: Vec::new(), diags }
}

/// What the layouts will read from git, so that it is read before
/// rendering: the commit authors when a community page shows them
/// (`community.git` in site.yaml), and every release note's `git_range`.
pub fn git_wanted<'s>(config: &crate::config::SiteConfig, site: &'s crate::content::Site) -> (bool, Vec<&'s str>) {
    let variants = || site.nodes.iter().flat_map(|n| n.variants.iter());
    let authors = config.community.git && variants().any(|v| v.fm.layout.as_deref() == Some("community"));
    let mut ranges: Vec<&str> = variants().filter_map(|v| v.fm.release.as_ref()?.git_range.as_deref()).collect();
    ranges.sort_unstable();
    ranges.dedup();
    (authors, ranges)
}

//! `case-studies` and `case-study`: stories of organizations that use the
//! project. A `case-studies` section lists its pages as cards (logo,
//! organization, headline, "Read story") with filter chips for each facet
//! (industry, region, product) computed from the pages' front matter; every
//! card is in the HTML, and the chips (shown only with JavaScript) hide the
//! cards that do not match. Pages of such a section get the `case-study`
//! layout unless they name another.
//!
//! ```yaml
//! # content/case-studies/acme.md
//! title: How Acme ships twice as fast      # the headline
//! case_study:
//!   organization: Acme
//!   logo: /img/acme.svg                    # under static/, or beside the page
//!   industry: Finance
//!   region: Europe
//!   product: Widgets
//!   summary: One sentence for the card.
//!   quote: {text: "…", author: Jane Doe, role: CTO}
//!   resources:
//!     - {label: Slides, url: /files/acme.pdf, kind: pdf}   # pdf | video | slides | article
//! ```

use super::common::{asset_url, key_error, safe_link, site_url, value_error};
use crate::content::NodeKind;
use crate::diagnostics::Diagnostic;
use crate::render::RenderEnv;
use crate::render::context::PageLink;
pub use crate::schema::case_studies::{CaseStudyFm, QuoteFm, ResourceFm, ResourceKind};
use crate::yaml_path;
use serde::Serialize;

/// The facets a listing filters by, in the order of their chips.
pub const FACETS: [&str; 3] = ["industry", "region", "product"];

/// `layout_data.case_studies`: the listing.
#[derive(Debug, Clone, Serialize)]
pub struct CaseStudiesCtx {
    /// One card per case study, in the section's order.
    pub cards: Vec<CaseCard>,
    /// Facets with at least one value.
    pub facets: Vec<Facet>,
    /// Number of cards.
    pub total: usize,
}

/// A case study's card.
#[derive(Debug, Clone, Serialize)]
pub struct CaseCard {
    /// The headline (page title).
    pub title: String,
    /// URL of the story.
    pub url: String,
    /// Organization.
    pub organization: String,
    /// Logo URL, when the logo exists.
    pub logo: Option<String>,
    /// Summary.
    pub summary: String,
    /// Facet values as written (empty when not set), by facet.
    pub industry: String,
    /// Region.
    pub region: String,
    /// Product.
    pub product: String,
    /// Space-separated tokens of the card's facet values (`industry-0 region-2`), for the filter script.
    pub tokens: String,
}

/// One facet and its values.
#[derive(Debug, Clone, Serialize)]
pub struct Facet {
    /// `industry`, `region` or `product` (UI label: `case-studies-facet-<key>`).
    pub key: String,
    /// Values, sorted.
    pub values: Vec<FacetValue>,
}

/// One value of a facet: a chip.
#[derive(Debug, Clone, Serialize)]
pub struct FacetValue {
    /// The value as written in front matter.
    pub value: String,
    /// Its token (`industry-0`): what the chip and the cards carry, whatever characters the value has.
    pub token: String,
    /// Case studies with this value.
    pub count: usize,
}

/// `layout_data.case_study`: one story.
#[derive(Debug, Clone, Serialize)]
pub struct CaseStudyCtx {
    /// Organization.
    pub organization: String,
    /// Logo URL.
    pub logo: Option<String>,
    /// Industry.
    pub industry: Option<String>,
    /// Region.
    pub region: Option<String>,
    /// Product.
    pub product: Option<String>,
    /// Summary.
    pub summary: Option<String>,
    /// Quote.
    pub quote: Option<QuoteFm>,
    /// Resources with safe links.
    pub resources: Vec<ResourceCtx>,
    /// The listing the story belongs to.
    pub listing: Option<PageLink>,
}

/// A resource, ready for the template.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceCtx {
    /// Link text.
    pub label: String,
    /// URL.
    pub url: String,
    /// `pdf`, `video`, `slides` or `article`.
    pub kind: ResourceKind,
}

fn facet_value<'a>(fm: &'a CaseStudyFm, key: &str) -> Option<&'a str> {
    let v = match key {
        "industry" => fm.industry.as_deref(),
        "region" => fm.region.as_deref(),
        _ => fm.product.as_deref(),
    };
    v.map(str::trim).filter(|s| !s.is_empty())
}

/// The listing: cards of the section's case studies and the facets' chips.
pub fn listing_data(env: &RenderEnv<'_>, node: usize, lang: usize) -> (Option<CaseStudiesCtx>, Vec<Diagnostic>) {
    let site = env.site;
    let studies: Vec<(usize, &CaseStudyFm)> = site.nodes[node]
        .children
        .iter()
        .filter(|&&c| site.nodes[c].kind == NodeKind::Page)
        .filter_map(|&c| site.nodes[c].variants[lang].fm.case_study.as_ref().map(|fm| (c, fm)))
        .collect();
    let facets: Vec<Facet> = FACETS
        .iter()
        .map(|&key| {
            let mut values: Vec<String> =
                studies.iter().filter_map(|(_, fm)| facet_value(fm, key)).map(str::to_string).collect();
            values.sort_by_key(|v| (v.to_lowercase(), v.clone()));
            values.dedup();
            let values = values
                .into_iter()
                .enumerate()
                .map(|(i, value)| FacetValue {
                    count: studies.iter().filter(|(_, fm)| facet_value(fm, key) == Some(value.as_str())).count(),
                    token: format!("{key}-{i}"),
                    value,
                })
                .collect();
            Facet { key: key.to_string(), values }
        })
        .filter(|f| !f.values.is_empty())
        .collect();
    let cards: Vec<CaseCard> = studies
        .iter()
        .map(|&(c, fm)| {
            let v = &site.nodes[c].variants[lang];
            let tokens: Vec<&str> = facets
                .iter()
                .filter_map(|f| {
                    let value = facet_value(fm, &f.key)?;
                    f.values.iter().find(|x| x.value == value).map(|x| x.token.as_str())
                })
                .collect();
            let value = |k: &str| facet_value(fm, k).unwrap_or_default().to_string();
            CaseCard {
                title: v.title.clone(),
                url: crate::content::paths::url(&env.config.base_path, &v.path),
                organization: fm.organization.clone(),
                logo: fm.logo.as_deref().and_then(|l| asset_url(env, &site.nodes[c].key, l).ok()),
                summary: fm.summary.clone().or_else(|| v.fm.description.clone()).unwrap_or_default(),
                industry: value("industry"),
                region: value("region"),
                product: value("product"),
                tokens: tokens.join(" "),
            }
        })
        .collect();
    let ctx = CaseStudiesCtx { total: cards.len(), cards, facets };
    (Some(ctx), Vec::new())
}

/// One story: its front matter checked (logo exists, links are safe).
pub fn page_data(env: &RenderEnv<'_>, node: usize, lang: usize) -> (Option<CaseStudyCtx>, Vec<Diagnostic>) {
    let n = &env.site.nodes[node];
    let v = &n.variants[lang];
    let doc = env.site.doc(v);
    let mut diags = Vec::new();
    let Some(fm) = &v.fm.case_study else {
        if let Some(doc) = doc {
            diags.push(
                key_error(doc, &yaml_path!["layout"], "a case study needs `case_study:` in its front matter")
                    .with_help("add `case_study:` with at least `organization: …` (see the onboarding layouts docs)"),
            );
        }
        return (None, diags);
    };
    let logo = fm.logo.as_deref().and_then(|l| match asset_url(env, &n.key, l) {
        Ok(url) => Some(url),
        Err(help) => {
            if let Some(doc) = doc {
                diags.push(
                    key_error(doc, &yaml_path!["case_study", "logo"], format!("logo `{l}` not found")).with_help(help),
                );
            }
            None
        }
    });
    let mut resources = Vec::new();
    for (i, r) in fm.resources.iter().enumerate() {
        match safe_link(&r.url) {
            Some(url) => resources.push(ResourceCtx { label: r.label.clone(), url: site_url(env, &url), kind: r.kind }),
            None => {
                if let Some(doc) = doc {
                    diags.push(
                        value_error(
                            doc,
                            &yaml_path!["case_study", "resources", i, "url"],
                            format!("resource `{}` has an unsafe link `{}`", r.label, r.url),
                        )
                        .with_help("use a web link (`https://…`) or a site path (`/files/…`)"),
                    );
                }
            }
        }
    }
    let listing =
        n.parent.filter(|&p| env.site.nodes[p].variants[lang].fm.layout.as_deref() == Some("case-studies")).map(|p| {
            let pv = &env.site.nodes[p].variants[lang];
            PageLink { title: pv.title.clone(), url: crate::content::paths::url(&env.config.base_path, &pv.path) }
        });
    let ctx = CaseStudyCtx {
        organization: fm.organization.clone(),
        logo,
        industry: facet_value(fm, "industry").map(str::to_string),
        region: facet_value(fm, "region").map(str::to_string),
        product: facet_value(fm, "product").map(str::to_string),
        summary: fm.summary.clone(),
        quote: fm.quote.clone(),
        resources,
        listing,
    };
    (Some(ctx), diags)
}

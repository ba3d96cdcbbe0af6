//! Raw front matter and data types of the `case_studies` layout, as written by users.

use serde::{Deserialize, Serialize};

/// `case_study:` in front matter.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CaseStudyFm {
    /// The organization the story is about.
    pub organization: String,
    /// Its logo: a site path (`/img/acme.svg`, from `static/`) or a path beside the page.
    pub logo: Option<String>,
    /// Facet: industry.
    pub industry: Option<String>,
    /// Facet: region.
    pub region: Option<String>,
    /// Facet: product used.
    pub product: Option<String>,
    /// One or two sentences for the card and the top of the page.
    pub summary: Option<String>,
    /// A quote from the organization.
    pub quote: Option<QuoteFm>,
    /// Slides, videos, articles… about the story.
    #[serde(default)]
    pub resources: Vec<ResourceFm>,
}

/// A quote.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteFm {
    /// What was said.
    pub text: String,
    /// Who said it.
    pub author: Option<String>,
    /// Their role.
    pub role: Option<String>,
}

/// A resource about the story.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ResourceFm {
    /// Link text.
    pub label: String,
    /// URL or site path.
    pub url: String,
    /// What it is.
    pub kind: ResourceKind,
}

/// The kinds of resources (each has its icon and label).
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ResourceKind {
    /// A PDF document.
    Pdf,
    /// A video.
    Video,
    /// Slides.
    Slides,
    /// An article or blog post.
    Article,
}

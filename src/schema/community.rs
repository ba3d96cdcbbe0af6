//! Raw front matter and data types of the `community` layout, as written by users.

use serde::{Deserialize, Serialize};

/// `community:` in `site.yaml`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CommunityConfig {
    /// Read contributors from the repository's git history.
    #[serde(default)]
    pub git: bool,
    /// Data file mapping email domains to organizations (`data/<name>.yaml`).
    #[serde(default)]
    pub domains: Option<String>,
}

/// `community:` in a page's front matter.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CommunityFm {
    /// Data file of contributors, used when git is off or unavailable.
    pub data: Option<String>,
    /// Share above which an organization is flagged, in percent.
    pub threshold: Option<f64>,
    /// Number of contributors listed.
    pub top: Option<usize>,
}

/// One contributor in the data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContributorFm {
    /// Name.
    pub name: String,
    /// Organization (none: unaffiliated).
    pub organization: Option<String>,
    /// Contributions counted.
    pub commits: u64,
}

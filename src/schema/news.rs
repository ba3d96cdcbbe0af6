//! Raw front matter and data types of the `news` layout, as written by users.

use serde::Deserialize;

/// `release:` in a post's front matter.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReleaseFm {
    /// Version released (`"1.2.0"`: quote it, YAML reads 1.2 as a number).
    pub version: Option<String>,
    /// People to thank: names, or `{name, url}`.
    #[serde(default)]
    pub contributors: Vec<ContributorFm>,
    /// A git revision range (`v1.1.0..v1.2.0`) whose commit authors are thanked too.
    pub git_range: Option<String>,
}

/// One contributor in front matter.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum ContributorFm {
    /// Just a name.
    Name(String),
    /// A name and a link.
    Entry(ContributorEntry),
}

/// A contributor with a link.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ContributorEntry {
    /// Name as it is shown.
    pub name: String,
    /// Profile or home page.
    pub url: Option<String>,
}

//! Raw front matter and data types of the `directory` layout, as written by users.

use serde::Deserialize;

/// `directory:` in front matter.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DirectoryFm {
    /// Name of the data file, without `data/` and `.yaml`.
    pub data: String,
}

/// One entry of the data file.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EntryFm {
    /// Product or solution name.
    pub name: String,
    /// Category it is grouped under.
    pub category: String,
    /// Who makes it.
    pub vendor: Option<String>,
    /// Version certified (a string: quote numbers such as `"2.1"`).
    pub version: Option<String>,
    /// Web site.
    pub url: Option<String>,
    /// Logo: a site path under `static/`.
    pub logo: Option<String>,
    /// One or two sentences.
    pub description: Option<String>,
}

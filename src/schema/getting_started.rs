//! Raw front matter and data types of the `getting_started` layout, as written by users.

use serde::Deserialize;

/// One step in front matter.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StepFm {
    /// Title of the step.
    pub title: String,
    /// Text (backticks are code).
    pub text: Option<String>,
    /// Sub-items: requirements, commands, things to check.
    #[serde(default)]
    pub items: Vec<String>,
    /// The call to action.
    pub action: Option<ActionFm>,
}

/// A call to action.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ActionFm {
    /// Link text.
    pub label: String,
    /// A content key (`docs/install.md`), a site path (`/docs/`) or a web link.
    pub url: String,
}

/// One path in front matter.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PathFm {
    /// Anchor of the path on the getting-started page (default `path-<n>`).
    pub id: Option<String>,
    /// Title ("Use the project").
    pub title: String,
    /// One sentence about who it is for.
    pub description: Option<String>,
    /// Its pages, in order, as content keys.
    pub pages: Vec<String>,
}

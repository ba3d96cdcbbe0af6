//! Raw front matter and data types of the `guide` layout, as written by users.

use serde::{Deserialize, Serialize};

/// `guide:` in front matter.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct GuideFm {
    /// Data file of good first issues (without `data/` and `.yaml`).
    pub issues: Option<String>,
    /// Data file of the ways to get in touch.
    pub contact: Option<String>,
}

/// How hard an issue is.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    /// A first contribution.
    Easy,
    /// Some knowledge of the project needed.
    Medium,
    /// For experienced contributors.
    Hard,
}

/// One good first issue in the data file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssueFm {
    /// Title.
    pub title: String,
    /// Link to the issue.
    pub url: String,
    /// Labels.
    #[serde(default)]
    pub labels: Vec<String>,
    /// Difficulty.
    pub difficulty: Option<Difficulty>,
}

/// The contact data file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactFm {
    /// Regular meetings.
    #[serde(default)]
    pub meetings: Vec<MeetingFm>,
    /// Chat rooms.
    #[serde(default)]
    pub chat: Vec<ChannelFm>,
    /// Forums and mailing lists.
    #[serde(default)]
    pub forum: Vec<ChannelFm>,
}

/// A meeting.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingFm {
    /// Name.
    pub title: String,
    /// When it happens, in words.
    pub when: Option<String>,
    /// Where to join, or the agenda.
    pub url: Option<String>,
}

/// A chat room or forum.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelFm {
    /// Name.
    pub name: String,
    /// Link.
    pub url: String,
    /// One sentence about it.
    pub description: Option<String>,
}

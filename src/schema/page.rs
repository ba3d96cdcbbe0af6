//! Raw front matter of a page: the fields every page may set, and the
//! values that are checked as they are parsed (`slug`, `aliases`).

use super::values::{checked_string, invalid_value, segment_problem, shorten};
use serde::Deserialize;

/// Front matter fields. Every field is optional so that a translation can
/// inherit what it does not set from its source page ([`FrontMatter::inherit`]).
///
/// Unknown fields are not refused by serde but by `frontmatter::parse`,
/// which reports them all at once (serde stops at the first).
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
pub struct FrontMatter {
    /// Page title.
    pub title: Option<String>,
    /// One-sentence description.
    pub description: Option<String>,
    /// Sort key: lower comes first.
    pub weight: Option<i64>,
    /// Drafts are built only with `--drafts`.
    pub draft: Option<bool>,
    /// Publication date, `YYYY-MM-DD` (optionally with a time), read as a
    /// calendar day while the YAML parser is on it.
    pub date: Option<PageDate>,
    /// Last URL segment.
    #[serde(default, deserialize_with = "slug_value")]
    pub slug: Option<String>,
    /// Old paths that redirect here.
    #[serde(default, deserialize_with = "aliases_value")]
    pub aliases: Option<Vec<String>>,
    /// Template name without `.html`.
    pub layout: Option<String>,
    /// Tags.
    pub tags: Option<Vec<String>>,
    /// Free-form values for templates.
    pub extra: Option<serde_json::Map<String, serde_json::Value>>,
    /// `false` leaves the page out of the search index.
    pub search: Option<bool>,
    /// For translations: short hash of the source body this translation was made from.
    pub translation_of: Option<String>,
    /// Onboarding layouts (`src/layouts/`): posts per page of a `news` listing.
    pub paginate_by: Option<usize>,
    /// A `post` that announces a release and thanks its contributors.
    pub release: Option<super::news::ReleaseFm>,
    /// A `case-study` page: organization, logo, facets, quote, resources.
    pub case_study: Option<super::case_studies::CaseStudyFm>,
    /// A `getting-started` page: its numbered steps.
    pub steps: Option<Vec<super::getting_started::StepFm>>,
    /// A `getting-started` page: its paths, each an ordered series of pages.
    pub paths: Option<Vec<super::getting_started::PathFm>>,
    /// A `directory` page: the data file its entries come from.
    pub directory: Option<super::directory::DirectoryFm>,
    /// A `guide` page: the data files of its good first issues and contacts.
    pub guide: Option<super::guide::GuideFm>,
    /// A `community` page: its data file, threshold and number of contributors listed.
    pub community: Option<super::community::CommunityFm>,
    /// A `meetings` page: its data file and how many days it lists.
    pub meetings: Option<super::meetings::MeetingsFm>,
    /// A `videos` page: its data file and the kind of videos it lists.
    pub videos: Option<super::videos::VideosFm>,
}

impl FrontMatter {
    /// The date's day part, `YYYY-MM-DD`.
    pub fn day(&self) -> Option<String> {
        self.date.as_ref().map(|d| super::values::iso_day(d.day))
    }

    /// `extra:` as a JSON object (empty when not set), for templates.
    pub fn extra_value(&self) -> serde_json::Value {
        serde_json::Value::Object(self.extra.clone().unwrap_or_default())
    }

    /// Fills every field this one does not set from `source` (a translation
    /// inheriting from the page it translates). `slug`, `title`,
    /// `description` and `translation_of` are the translation's own.
    pub fn inherit(&self, source: &FrontMatter) -> FrontMatter {
        FrontMatter {
            title: self.title.clone().or_else(|| source.title.clone()),
            description: self.description.clone().or_else(|| source.description.clone()),
            weight: self.weight.or(source.weight),
            draft: self.draft.or(source.draft),
            date: self.date.clone().or_else(|| source.date.clone()),
            slug: self.slug.clone(),
            aliases: self.aliases.clone().or_else(|| source.aliases.clone()),
            layout: self.layout.clone().or_else(|| source.layout.clone()),
            tags: self.tags.clone().or_else(|| source.tags.clone()),
            extra: self.extra.clone().or_else(|| source.extra.clone()),
            search: self.search.or(source.search),
            translation_of: self.translation_of.clone(),
            paginate_by: self.paginate_by.or(source.paginate_by),
            release: self.release.clone().or_else(|| source.release.clone()),
            case_study: self.case_study.clone().or_else(|| source.case_study.clone()),
            steps: self.steps.clone().or_else(|| source.steps.clone()),
            paths: self.paths.clone().or_else(|| source.paths.clone()),
            directory: self.directory.clone().or_else(|| source.directory.clone()),
            guide: self.guide.clone().or_else(|| source.guide.clone()),
            community: self.community.clone().or_else(|| source.community.clone()),
            meetings: self.meetings.clone().or_else(|| source.meetings.clone()),
            videos: self.videos.clone().or_else(|| source.videos.clone()),
        }
    }
}

/// `slug`: one URL segment that is a valid file name.
fn slug_problem(slug: &str) -> Option<(String, String)> {
    let seg = slug.trim_matches('/');
    let problem = seg
        .split('/')
        .find_map(segment_problem)
        .or_else(|| seg.contains('/').then(|| "it is one URL segment and cannot hold `/`".to_string()))?;
    Some((
        format!("`slug` `{}` cannot be used: {problem}", shorten(slug)),
        "a slug replaces the last segment of the page's URL: use letters, digits and `-`, such as `slug: install-windows`; move the file to change its folder".into(),
    ))
}

/// `aliases`: site paths whose segments are valid file names.
fn alias_problem(a: &str) -> Option<(String, String)> {
    let inner = a.trim_matches('/');
    let problem = if inner.is_empty() {
        Some("it is the site's root".to_string())
    } else if a.starts_with("//") || inner.split('/').any(str::is_empty) {
        Some("it has an empty segment (`//`)".to_string())
    } else if a.contains(['?', '#']) {
        Some("a redirect page cannot have a query or an anchor".to_string())
    } else {
        inner.split('/').find_map(segment_problem)
    }?;
    Some((
        format!("alias `{}` cannot be used: {problem}", shorten(a)),
        "write an old URL of this page as a site path, such as `/docs/old-name/` or `/old/page.html`".into(),
    ))
}

/// A page's `date`: as written, and its calendar day (`2024-02-31` is an
/// error at the value, with the month's length as help).
#[derive(Debug, Clone, PartialEq)]
pub struct PageDate {
    /// The text of the front matter, time included.
    pub written: String,
    /// The day.
    pub day: time::Date,
}

impl<'de> Deserialize<'de> for PageDate {
    /// A string, or a TOML date or date-time (which TOML's deserializer
    /// hands over as a one-entry map), checked as a day of the calendar.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = PageDate;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a date")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PageDate, E> {
                let day = super::values::parse_day(v).map_err(|(m, h)| invalid_value(&m, &h))?;
                Ok(PageDate { written: v.to_string(), day })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<PageDate, A::Error> {
                let dt = toml::value::Datetime::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                self.visit_str(&dt.to_string())
            }
        }
        d.deserialize_any(Visitor)
    }
}

fn slug_value<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct Slug(String);
    impl<'de> Deserialize<'de> for Slug {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            checked_string(d, slug_problem).map(Slug)
        }
    }
    Ok(Option::<Slug>::deserialize(d)?.map(|s| s.0))
}

fn aliases_value<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    struct Alias(String);
    impl<'de> Deserialize<'de> for Alias {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            checked_string(d, alias_problem).map(Alias)
        }
    }
    let list = Option::<Vec<Alias>>::deserialize(d)?;
    Ok(list.map(|l| l.into_iter().map(|a| a.0).collect()))
}

/// The fields of [`IMPORTED`] that onramp reads.
#[derive(Deserialize)]
pub struct ImportedFm {
    /// Docusaurus `sidebar_position`: `weight`.
    pub sidebar_position: Option<i64>,
    /// Hugo `summary`: `description`.
    pub summary: Option<String>,
    /// Zola `in_search_index`: `search`.
    pub in_search_index: Option<bool>,
}

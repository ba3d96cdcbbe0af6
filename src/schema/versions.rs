//! Raw `versions:` and `versioned:` of `site.yaml`: the releases whose docs
//! are published side by side, and the top-level sections they version.
//! `crate::config` validates them (names, URL segments, one source each).

use super::values::{invalid_value, segment_problem};
use serde::Deserialize;

/// One entry of `versions:`, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawVersion {
    /// Name, shown in messages and the switcher when there is no label
    /// (`1.x`, `2.0`, `next`); also the URL segment unless `path` is set.
    #[serde(deserialize_with = "version_name")]
    pub name: String,
    /// Label in the version switcher and banners; the name when not set.
    #[serde(default)]
    pub label: Option<String>,
    /// The URL segment of the version (`/docs/<path>/…`); the name when not set.
    #[serde(default, deserialize_with = "optional_segment")]
    pub path: Option<String>,
    /// A git tag or branch the version's files are read from.
    #[serde(default, rename = "ref")]
    pub git_ref: Option<String>,
    /// A folder of the site that holds the version's sections as
    /// `content/` holds them (`versions/1.x/docs/…`).
    #[serde(default)]
    pub folder: Option<String>,
    /// This version is the latest release: published at the sections'
    /// plain paths (`/docs/…`). At most one; the first version that is not
    /// `unreleased` when none says so.
    #[serde(default)]
    pub latest: bool,
    /// A version not released yet (`next`): its pages say so.
    #[serde(default)]
    pub unreleased: bool,
}

/// A version name: a string, or a number written without quotes when it
/// reads back the same (`2`, but not `2.10`, which YAML reads as 2.1).
fn version_name<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    struct Visitor;
    impl serde::de::Visitor<'_> for Visitor {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a version name")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<String, E> {
            match segment_problem(v).or_else(|| v.contains('/').then(|| "`/` is not allowed".to_string())) {
                _ if v.trim().is_empty() => Err(invalid_value("a version name cannot be empty", "")),
                Some(p) => Err(invalid_value(
                    &format!("`{}` cannot be a version name: {p}", super::values::shorten(v)),
                    "a name is one URL segment such as `1.x`, `2.0` or `next`; or give the version a `path`",
                )),
                None => Ok(v.to_string()),
            }
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<String, E> {
            self.visit_str(&v.to_string())
        }
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<String, E> {
            Err(invalid_value(
                &format!("the version name `{v}` is read as a number"),
                &format!("write it in quotes, such as `name: \"{v}\"`, so that `2.10` stays `2.10`"),
            ))
        }
    }
    d.deserialize_any(Visitor)
}

fn optional_segment<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    version_name(d).map(Some)
}

/// Where a version's files come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VersionSource {
    /// The site's own `content/`.
    WorkingTree,
    /// A git tag or branch, read without touching the working tree.
    Ref(String),
    /// A folder of the site (relative to the site folder), laid out as `content/`.
    Folder(String),
}

/// One validated version.
#[derive(Debug, Clone)]
pub struct Version {
    /// Name (`1.x`).
    pub name: String,
    /// Label for readers; the name when none is written.
    pub label: String,
    /// URL segment after a versioned section (`docs/<segment>/`): empty for
    /// the latest version, which is published at the plain paths.
    pub segment: String,
    /// Where its files come from.
    pub source: VersionSource,
    /// Not released yet.
    pub unreleased: bool,
    /// Index of its entry under `versions:` in site.yaml, for messages.
    pub entry: usize,
}

/// `versions:` and `versioned:`, validated. Empty when the site has no versions.
#[derive(Debug, Clone, Default)]
pub struct Versions {
    /// The versioned top-level sections (`docs`).
    pub sections: Vec<String>,
    /// The versions in the order site.yaml lists them (the switcher's order).
    pub list: Vec<Version>,
    /// Index of the latest version in `list`.
    pub latest: usize,
}

impl Versions {
    /// True when the site publishes versions.
    pub fn any(&self) -> bool {
        !self.list.is_empty()
    }

    /// The version read from the working tree.
    pub fn working_tree(&self) -> Option<usize> {
        self.list.iter().position(|v| v.source == VersionSource::WorkingTree)
    }

    /// The versioned section a content key is in (`docs` for `docs/a.md`).
    pub fn section_of<'k>(&self, key: &'k str) -> Option<&'k str> {
        let (first, _) = key.split_once('/')?;
        self.sections.iter().any(|s| s == first).then_some(first)
    }

    /// The version of a content key of the site, and the key as its own
    /// version writes it: `docs/1.x/a.md` → (1.x, `docs/a.md`); `docs/a.md`
    /// → (latest, `docs/a.md`); `None` outside the versioned sections.
    pub fn version_of_key(&self, key: &str) -> Option<(usize, String)> {
        if !self.any() {
            return None;
        }
        let section = self.section_of(key)?;
        let rest = &key[section.len() + 1..];
        if let Some((seg, tail)) = rest.split_once('/') {
            if let Some(v) = self.list.iter().position(|v| !v.segment.is_empty() && v.segment == seg) {
                return Some((v, format!("{section}/{tail}")));
            }
        }
        Some((self.latest, key.to_string()))
    }

    /// The content key of the site for `own_key` (a key as version `v`
    /// writes it): `docs/a.md` in 1.x → `docs/1.x/a.md`. Keys outside the
    /// versioned sections are the same in every version.
    pub fn key_in(&self, own_key: &str, v: usize) -> String {
        match (self.section_of(own_key), self.list.get(v)) {
            (Some(section), Some(version)) if !version.segment.is_empty() => {
                format!("{section}/{}/{}", version.segment, &own_key[section.len() + 1..])
            }
            _ => own_key.to_string(),
        }
    }
}

/// The search index of a version other than the latest sits in a folder
/// of its own inside its language's index folder: `fr/search/manifest.json`
/// → `fr/search/1.x/manifest.json` (the same for output paths and URLs).
pub fn in_version_folder(path: &str, segment: &str) -> String {
    match path.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/{segment}/{file}"),
        None => format!("{segment}/{path}"),
    }
}

/// Validates `versions:` and `versioned:` (`entries` and `sections` as
/// written), with errors at their values in site.yaml.
pub fn validate(
    entries: Vec<RawVersion>,
    sections: Option<Vec<String>>,
    spans: &crate::yaml::Spans,
    diags: &mut crate::diagnostics::Diagnostics,
) -> Versions {
    use crate::diagnostics::Diagnostic;
    use crate::yaml_path;
    const FILE: &str = "site.yaml";
    let at = |path: &[crate::yaml::Seg]| spans.value_or_key(path).unwrap_or((1, 1));
    let mut error = |(line, col): (usize, usize), message: String, help: &str| {
        let d = Diagnostic::error(FILE, line, col, message);
        diags.push(if help.is_empty() { d } else { d.with_help(help) });
    };
    if entries.is_empty() {
        if sections.is_some() {
            error(
                at(&yaml_path!["versioned"]),
                "`versioned` names the sections of `versions`, but the site lists no `versions`".into(),
                "add `versions:` or remove `versioned:`",
            );
        }
        return Versions::default();
    }
    let written_sections = sections.is_some();
    let sections = sections.unwrap_or_else(|| vec!["docs".to_string()]);
    for (i, s) in sections.iter().enumerate() {
        let bad = s.trim_matches('/').is_empty() || s.trim_matches('/').contains('/') || segment_problem(s).is_some();
        if bad {
            error(
                at(&yaml_path!["versioned", i]),
                format!("`{}` is not a top-level section", super::values::shorten(s)),
                "name folders directly under `content/`, such as `docs`",
            );
        }
    }
    if sections.is_empty() && written_sections {
        error(at(&yaml_path!["versioned"]), "`versioned` lists no section".into(), "list folders such as `docs`");
    }
    let sections: Vec<String> = sections.iter().map(|s| s.trim_matches('/').to_string()).collect();
    let latest = match entries.iter().filter(|e| e.latest).count() {
        0 => entries.iter().position(|e| !e.unreleased).unwrap_or(0),
        _ => entries.iter().position(|e| e.latest).unwrap_or(0),
    };
    let mut list = Vec::new();
    for (i, e) in entries.into_iter().enumerate() {
        if e.latest && i != latest {
            error(
                at(&yaml_path!["versions", i, "latest"]),
                format!("version `{}` is marked `latest`, but so is version `{}`", e.name, list_name(&list, latest)),
                "only one version is the latest release",
            );
        }
        if e.latest && e.unreleased {
            error(
                at(&yaml_path!["versions", i, "unreleased"]),
                format!("version `{}` is both the latest release and unreleased", e.name),
                "remove `unreleased` or `latest`",
            );
        }
        let source = match (e.git_ref, e.folder) {
            (Some(_), Some(_)) => {
                error(
                    at(&yaml_path!["versions", i, "folder"]),
                    format!("version `{}` has both a `ref` and a `folder`", e.name),
                    "a version is read from one place: a git ref, a folder, or (with neither) `content/`",
                );
                continue;
            }
            (Some(r), None) => VersionSource::Ref(r),
            (None, Some(f)) => VersionSource::Folder(f.trim_end_matches('/').to_string()),
            (None, None) => VersionSource::WorkingTree,
        };
        let segment = if i == latest { String::new() } else { e.path.unwrap_or_else(|| e.name.clone()) };
        list.push(Version {
            label: e.label.unwrap_or_else(|| e.name.clone()),
            name: e.name,
            segment,
            source,
            unreleased: e.unreleased,
            entry: i,
        });
    }
    // Two versions on one name, URL or source.
    for (b, vb) in list.iter().enumerate() {
        if !list[..b].iter().any(|va| va.name == vb.name) {
            continue;
        }
        error(
            at(&yaml_path!["versions", vb.entry, "name"]),
            format!("two versions are named `{}`", vb.name),
            "give each version a name of its own",
        );
    }
    for (b, vb) in list.iter().enumerate() {
        if vb.segment.is_empty() {
            continue;
        }
        if let Some(va) = list[..b].iter().find(|va| va.segment == vb.segment && va.name != vb.name) {
            let path = if vb.segment == vb.name { "name" } else { "path" };
            error(
                at(&yaml_path!["versions", vb.entry, path]),
                format!(
                    "versions `{}` and `{}` would both be published at `/{}/{}/`",
                    va.name, vb.name, sections[0], vb.segment
                ),
                "give one of them another `path`",
            );
        }
    }
    for (b, vb) in list.iter().enumerate() {
        let Some(va) = list[..b].iter().find(|va| va.source == vb.source) else { continue };
        let (what, key) = match &vb.source {
            VersionSource::WorkingTree => ("`content/` (no `ref` or `folder`)".to_string(), "name"),
            VersionSource::Ref(r) => (format!("the git ref `{r}`"), "ref"),
            VersionSource::Folder(f) => (format!("the folder `{f}`"), "folder"),
        };
        error(
            at(&yaml_path!["versions", vb.entry, key]),
            format!("versions `{}` and `{}` are both read from {what}", va.name, vb.name),
            "each version is read from a place of its own: a git `ref`, a `folder`, or `content/`",
        );
    }
    if !list.is_empty() && !list.iter().any(|v| v.source == VersionSource::WorkingTree) {
        error(
            at(&yaml_path!["versions"]),
            "no version is read from `content/`".into(),
            "leave `ref` and `folder` out of the version the site's `content/` holds",
        );
    }
    Versions { sections, list, latest }
}

fn list_name(list: &[Version], i: usize) -> String {
    list.iter().find(|v| v.entry == i).map_or_else(|| format!("#{}", i + 1), |v| v.name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn versions() -> Versions {
        let v = |name: &str, segment: &str, source: VersionSource| Version {
            name: name.into(),
            label: name.into(),
            segment: segment.into(),
            source,
            unreleased: false,
            entry: 0,
        };
        Versions {
            sections: vec!["docs".into(), "api".into()],
            list: vec![
                v("next", "next", VersionSource::WorkingTree),
                v("2.0", "", VersionSource::Ref("v2.0".into())),
                v("1.x", "1.x", VersionSource::Folder("versions/1.x".into())),
            ],
            latest: 1,
        }
    }

    #[test]
    fn keys_map_to_their_version_and_back() {
        let vs = versions();
        assert_eq!(vs.version_of_key("docs/1.x/a.md"), Some((2, "docs/a.md".into())));
        assert_eq!(vs.version_of_key("docs/1.x/_index.md"), Some((2, "docs/_index.md".into())));
        assert_eq!(vs.version_of_key("api/next/x/y.md"), Some((0, "api/x/y.md".into())));
        assert_eq!(vs.version_of_key("docs/a.md"), Some((1, "docs/a.md".into())));
        // A page named like a version is not a version's folder.
        assert_eq!(vs.version_of_key("docs/1.x.md"), Some((1, "docs/1.x.md".into())));
        assert_eq!(vs.version_of_key("guide/1.x/a.md"), None);
        assert_eq!(vs.version_of_key("docs.md"), None);
        assert_eq!(vs.key_in("docs/a.md", 2), "docs/1.x/a.md");
        assert_eq!(vs.key_in("docs/a.md", 1), "docs/a.md");
        assert_eq!(vs.key_in("guide/a.md", 2), "guide/a.md");
        assert_eq!(Versions::default().version_of_key("docs/a.md"), None);
    }

    #[test]
    fn an_older_version_index_is_in_a_folder_of_its_own() {
        assert_eq!(in_version_folder("/fr/search/manifest.json", "1.x"), "/fr/search/1.x/manifest.json");
        assert_eq!(in_version_folder("manifest.json", "1.x"), "1.x/manifest.json");
    }
}

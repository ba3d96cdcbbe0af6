//! `community`: who builds the project. Contributors and their
//! organizations come from a data file, or, when `site.yaml` asks for it,
//! from the repository's git history: one `git log` pass over the whole
//! history (author names and emails through `.mailmap`), each email's domain
//! mapped to an organization by a data file. The page shows the top
//! contributors, each organization's share of the contributions as an
//! inline SVG bar with a table of the same figures under it, and flags any
//! organization whose share is above a threshold (40 % unless the page says
//! otherwise).
//!
//! ```yaml
//! # site.yaml
//! community:
//!   git: true                 # read contributors from git history
//!   domains: organizations    # data/organizations.yaml: `acme.com: Acme`
//! # content/community.md
//! layout: community
//! community:
//!   data: contributors        # data/contributors.yaml: used when git is off or unavailable
//!   threshold: 40             # percent
//!   top: 12                   # contributors listed
//! ```
//!
//! Without git, or outside a repository, the page falls back to its data
//! file with a warning. Shares are rounded to tenths of a percent with the
//! largest-remainder method, so the shares shown always add up to 100 %.

use super::common::key_error;
use crate::diagnostics::{Diagnostic, closest};
use crate::render::RenderEnv;
pub use crate::schema::community::{CommunityConfig, CommunityFm, ContributorFm};
use crate::yaml_path;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

/// Share above which an organization is flagged, in percent, by default.
pub const DEFAULT_THRESHOLD: f64 = 40.0;
/// Contributors listed by default.
pub const DEFAULT_TOP: usize = 12;
/// Organizations with their own colour in the chart; the next ones reuse them.
pub const PALETTE: usize = 8;

/// A contributor with their organization and count, from either source.
#[derive(Debug, Clone, PartialEq)]
pub struct Contributor {
    /// Name.
    pub name: String,
    /// Organization, `None` when unaffiliated.
    pub organization: Option<String>,
    /// Contributions.
    pub commits: u64,
}

/// `layout_data.community`.
#[derive(Debug, Clone, Serialize)]
pub struct CommunityCtx {
    /// `git` or `data`: where the figures come from.
    pub source: String,
    /// All contributions counted.
    pub total: u64,
    /// Number of contributors.
    pub contributors: usize,
    /// The top contributors, most contributions first.
    pub top: Vec<ContributorRow>,
    /// Organizations, largest share first.
    pub organizations: Vec<OrgShare>,
    /// The threshold, in percent.
    pub threshold: f64,
    /// The organizations above the threshold.
    pub flagged: Vec<OrgShare>,
}

/// A row of the top contributors.
#[derive(Debug, Clone, Serialize)]
pub struct ContributorRow {
    /// From 1.
    pub rank: usize,
    /// Name.
    pub name: String,
    /// Organization, when known.
    pub organization: Option<String>,
    /// Contributions.
    pub commits: u64,
}

/// One organization's share.
#[derive(Debug, Clone, Serialize)]
pub struct OrgShare {
    /// Name; `None` for contributors without an organization.
    pub name: Option<String>,
    /// Contributions.
    pub commits: u64,
    /// Share in tenths of a percent (the shares of a page add up to exactly 1000).
    pub tenths: u64,
    /// The share as text, `45.0`.
    pub share: String,
    /// Start of its segment in the chart (0–1000).
    pub offset: u64,
    /// Colour index, 0 to `PALETTE - 1`.
    pub color: usize,
    /// Above the threshold.
    pub flagged: bool,
}

pub use crate::git::Authors as GitAuthors;

/// The organization of an email address: its domain, or a parent domain,
/// looked up in `domains`.
pub fn organization_of(email: &str, domains: &HashMap<String, String>) -> Option<String> {
    let mut domain = email.rsplit_once('@')?.1.to_lowercase();
    loop {
        if let Some(org) = domains.get(&domain) {
            return Some(org.clone());
        }
        domain = domain.split_once('.')?.1.to_string();
        if !domain.contains('.') {
            return None;
        }
    }
}

/// Contributors from git authors: one per name (`.mailmap` has joined a
/// person's addresses already), the organization of their most used address.
pub fn from_git(authors: &[(String, String, u64)], domains: &HashMap<String, String>) -> Vec<Contributor> {
    let mut by_name: BTreeMap<&str, (u64, u64, Option<String>)> = BTreeMap::new();
    for (name, email, commits) in authors {
        let entry = by_name.entry(name).or_insert((0, 0, None));
        entry.0 += commits;
        let org = organization_of(email, domains);
        if *commits > entry.1 && org.is_some() || entry.2.is_none() && org.is_some() {
            entry.1 = *commits;
            entry.2 = org;
        }
    }
    by_name
        .into_iter()
        .map(|(name, (commits, _, organization))| Contributor { name: name.into(), organization, commits })
        .collect()
}

/// Shares of `parts` in tenths of a percent, adding up to exactly 1000
/// (largest remainder); all zero when the total is zero.
pub fn shares_in_tenths(parts: &[u64]) -> Vec<u64> {
    let total: u64 = parts.iter().sum();
    if total == 0 {
        return vec![0; parts.len()];
    }
    let exact: Vec<(u64, u64)> = parts.iter().map(|&p| ((p * 1000) / total, (p * 1000) % total)).collect();
    let mut out: Vec<u64> = exact.iter().map(|e| e.0).collect();
    let missing = 1000 - out.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|&a, &b| exact[b].1.cmp(&exact[a].1).then(a.cmp(&b)));
    for &i in order.iter().take(missing as usize) {
        out[i] += 1;
    }
    out
}

/// The page's figures from a list of contributors.
pub fn figures(contributors: &[Contributor], threshold: f64, top: usize, source: &str) -> CommunityCtx {
    let total: u64 = contributors.iter().map(|c| c.commits).sum();
    let mut ranked: Vec<&Contributor> = contributors.iter().filter(|c| c.commits > 0).collect();
    ranked.sort_by(|a, b| b.commits.cmp(&a.commits).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase())));
    let top_rows = ranked
        .iter()
        .take(top)
        .enumerate()
        .map(|(i, c)| ContributorRow {
            rank: i + 1,
            name: c.name.clone(),
            organization: c.organization.clone(),
            commits: c.commits,
        })
        .collect();
    let mut orgs: BTreeMap<Option<String>, u64> = BTreeMap::new();
    for c in &ranked {
        *orgs.entry(c.organization.clone()).or_default() += c.commits;
    }
    let mut orgs: Vec<(Option<String>, u64)> = orgs.into_iter().collect();
    // Largest first; contributors without an organization after the organizations of the same size.
    orgs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.is_none().cmp(&b.0.is_none())).then(a.0.cmp(&b.0)));
    let tenths = shares_in_tenths(&orgs.iter().map(|o| o.1).collect::<Vec<_>>());
    let mut offset = 0;
    let organizations: Vec<OrgShare> = orgs
        .into_iter()
        .zip(tenths)
        .enumerate()
        .map(|(i, ((name, commits), tenths))| {
            let share = OrgShare {
                flagged: name.is_some() && total > 0 && (commits as f64) * 100.0 / (total as f64) > threshold,
                name,
                commits,
                tenths,
                share: format!("{}.{}", tenths / 10, tenths % 10),
                offset,
                color: i % PALETTE,
            };
            offset += tenths;
            share
        })
        .collect();
    let flagged = organizations.iter().filter(|o| o.flagged).cloned().collect();
    CommunityCtx {
        source: source.into(),
        total,
        contributors: ranked.len(),
        top: top_rows,
        organizations,
        threshold,
        flagged,
    }
}

/// The community page.
pub fn data(env: &RenderEnv<'_>, node: usize, lang: usize) -> (Option<CommunityCtx>, Vec<Diagnostic>) {
    let v = &env.site.nodes[node].variants[lang];
    let doc = env.site.doc(v);
    let mut diags = Vec::new();
    let fm = v.fm.community.clone().unwrap_or_default();
    let threshold = fm.threshold.unwrap_or(DEFAULT_THRESHOLD);
    if !(0.0..=100.0).contains(&threshold) {
        if let Some(doc) = doc {
            diags.push(key_error(
                doc,
                &yaml_path!["community", "threshold"],
                format!("`threshold` must be a percentage from 0 to 100, found {threshold}"),
            ));
        }
    }
    let top = fm.top.unwrap_or(DEFAULT_TOP);
    let config = &env.config.community;
    let mut contributors = None;
    let mut source = "data";
    if config.git {
        match env.history.authors.clone().unwrap_or_else(|| Err("the history was not read".into())) {
            Ok(authors) => {
                let domains = domains(env, &mut diags);
                contributors = Some(from_git(&authors, &domains));
                source = "git";
            }
            Err(why) => {
                let (line, col) = env.config.spans.key(&yaml_path!["community", "git"]).unwrap_or((0, 0));
                diags.push(
                    Diagnostic::warning(
                        crate::config::CONFIG_FILE,
                        line,
                        col,
                        format!(
                            "cannot read the git history for the community page ({why}); using its data file instead"
                        ),
                    )
                    .with_help("build from a git clone, or set `community: {git: false}`"),
                );
            }
        }
    }
    if contributors.is_none() {
        contributors = Some(match fm.data.as_deref() {
            Some(name) => match env.inputs.data_file(name) {
                Some(file) => {
                    let (items, d) =
                        env.inputs.contributors.get(&file).map_or((&[][..], &[][..]), |(i, d)| (&i[..], &d[..]));
                    diags.extend(d.iter().cloned());
                    items
                        .iter()
                        .map(|i| Contributor {
                            name: i.value.name.clone(),
                            organization: i.value.organization.clone().filter(|o| !o.trim().is_empty()),
                            commits: i.value.commits,
                        })
                        .collect()
                }
                None => {
                    if let Some(doc) = doc {
                        let mut d = key_error(
                            doc,
                            &yaml_path!["community", "data"],
                            format!("no data file `data/{name}.yaml`"),
                        );
                        if let Some(c) = closest(name, env.inputs.data_names.iter().map(String::as_str)) {
                            d = d.with_help(format!("did you mean `{c}`?"));
                        }
                        diags.push(d);
                    }
                    Vec::new()
                }
            },
            None => {
                if !config.git {
                    if let Some(doc) = doc {
                        diags.push(key_error(doc, &yaml_path!["layout"], "a community page needs contributors").with_help(
                            "add `community: {data: NAME}` (data/NAME.yaml), or `community: {git: true}` to site.yaml",
                        ));
                    }
                }
                Vec::new()
            }
        });
    }
    let ctx = figures(&contributors.unwrap_or_default(), threshold, top, source);
    (Some(ctx), diags)
}

/// The domain → organization map named by `site.yaml`.
fn domains(env: &RenderEnv<'_>, diags: &mut Vec<Diagnostic>) -> HashMap<String, String> {
    let Some(name) = env.config.community.domains.as_deref() else { return HashMap::new() };
    let Some((_, parsed)) = env.inputs.domains.as_ref() else {
        let (line, col) = env.config.spans.key(&yaml_path!["community", "domains"]).unwrap_or((0, 0));
        diags.push(
            Diagnostic::error(
                crate::config::CONFIG_FILE,
                line,
                col,
                format!("no data file `data/{name}.yaml` for `community.domains`"),
            )
            .with_help("create it with one line per email domain: `example.com: Example Inc.`"),
        );
        return HashMap::new();
    };
    match parsed {
        Ok(map) => map.iter().map(|(d, o)| (d.trim().to_lowercase(), o.clone())).collect(),
        Err(d) => {
            diags.push(
                d.clone().with_help("each line maps an email domain to an organization: `example.com: Example Inc.`"),
            );
            HashMap::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_add_up_to_one_hundred_percent() {
        for parts in [vec![1, 1, 1], vec![2, 1], vec![7, 7, 7, 7, 7, 7, 1], vec![1], vec![999, 1, 1, 1], vec![5, 0, 3]]
        {
            let t = shares_in_tenths(&parts);
            assert_eq!(t.iter().sum::<u64>(), 1000, "{parts:?} → {t:?}");
        }
        assert_eq!(shares_in_tenths(&[1, 1, 1]), [334, 333, 333]);
        assert_eq!(shares_in_tenths(&[0, 0]), [0, 0]);
    }

    #[test]
    fn domains_map_to_organizations_with_parents() {
        let domains: HashMap<String, String> = [("acme.com".to_string(), "Acme".to_string())].into_iter().collect();
        assert_eq!(organization_of("a@acme.com", &domains).as_deref(), Some("Acme"));
        assert_eq!(organization_of("a@eu.Acme.com", &domains).as_deref(), Some("Acme"));
        assert_eq!(organization_of("a@gmail.com", &domains), None);
        assert_eq!(organization_of("no-at-sign", &domains), None);
    }

    #[test]
    fn flags_organizations_above_the_threshold() {
        let c = |name: &str, org: Option<&str>, commits| Contributor {
            name: name.into(),
            organization: org.map(str::to_string),
            commits,
        };
        let f = figures(
            &[c("a", Some("Acme"), 45), c("b", Some("Globex"), 30), c("c", None, 25), c("d", None, 0)],
            40.0,
            2,
            "data",
        );
        assert_eq!(f.total, 100);
        assert_eq!(f.contributors, 3);
        assert_eq!(f.top.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["a", "b"]);
        let shares: Vec<(Option<&str>, &str, bool)> =
            f.organizations.iter().map(|o| (o.name.as_deref(), o.share.as_str(), o.flagged)).collect();
        assert_eq!(shares, [(Some("Acme"), "45.0", true), (Some("Globex"), "30.0", false), (None, "25.0", false)]);
        assert_eq!(f.organizations.iter().map(|o| o.offset).collect::<Vec<_>>(), [0, 450, 750]);
    }
}

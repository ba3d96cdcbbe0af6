//! The versions of a page (`versions:` in site.yaml): where the version
//! switcher leads (the same page in each version, else that version's
//! section page, so it never leads to a missing page), and the canonical
//! URL of a page of an older version (the latest version's copy).

use super::context::{VersionLink, VersionsCtx};
use super::env::RenderEnv;
use crate::content::paths::url;
use crate::schema::versions::in_version_folder;

/// The versions context of `node` in language `li`, for the nodes of a
/// versioned section.
pub fn versions_ctx(env: &RenderEnv<'_>, node: usize, li: usize) -> Option<VersionsCtx> {
    let versions = &env.config.versions;
    let site = env.site;
    let here = site.nodes[node].version?;
    let (_, own_key) = versions.version_of_key(&site.nodes[node].key)?;
    let section = versions.section_of(&own_key)?;
    let section_root = format!("{section}/_index.md");
    let path_of = |n: usize| &site.nodes[n].variants[li].path;
    let list: Vec<VersionLink> = versions
        .list
        .iter()
        .enumerate()
        .filter_map(|(v, version)| {
            let same = site.node_by_key(&versions.key_in(&own_key, v));
            let target = same.or_else(|| site.node_by_key(&versions.key_in(&section_root, v)))?;
            Some(VersionLink {
                name: version.name.clone(),
                label: version.label.clone(),
                url: url(&env.config.base_path, path_of(target)),
                same_page: same.is_some(),
                current: v == here,
                latest: v == versions.latest,
                unreleased: version.unreleased,
            })
        })
        .collect();
    let current = list.iter().find(|l| l.current)?.clone();
    let latest = list.iter().find(|l| l.latest).cloned().unwrap_or_else(|| current.clone());
    let canonical = match site.node_by_key(&versions.key_in(&own_key, versions.latest)) {
        Some(n) => url(&env.config.base_url, path_of(n)),
        None => url(&env.config.base_url, path_of(node)),
    };
    let lang = &env.config.languages[li];
    let latest_search_index = env.search_manifests.get(&lang.code).cloned().unwrap_or_default();
    let search_index = match &versions.list[here] {
        _ if here == versions.latest || latest_search_index.is_empty() => latest_search_index.clone(),
        version => in_version_folder(&latest_search_index, &crate::content::paths::url_path(&version.segment)),
    };
    Some(VersionsCtx { list, current, latest, canonical, search_index, latest_search_index })
}

/// True for a page of another version than the latest whose canonical copy
/// is the latest version's page: the sitemap lists only canonical URLs.
pub fn canonical_elsewhere(env: &RenderEnv<'_>, node: usize) -> bool {
    let versions = &env.config.versions;
    let n = &env.site.nodes[node];
    match (n.version, versions.version_of_key(&n.key)) {
        (Some(v), Some((_, own))) if v != versions.latest => {
            env.site.node_by_key(&versions.key_in(&own, versions.latest)).is_some()
        }
        _ => false,
    }
}

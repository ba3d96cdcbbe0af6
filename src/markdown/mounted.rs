//! Links of a mounted document (a repository's `CONTRIBUTING.md`
//! published as a page), re-targeted from the file's real place: site pages
//! for mounted and content files, forge links for the rest. Applied by the
//! markdown stage right after a mounted document is rendered.

use super::{LinkTarget, PendingLink};
use crate::diagnostics::Diagnostic;
use crate::discover::{ForgeMiss, Mounted, folder_of, normalize};
use std::path::Path;

/// Re-targets the relative links of a mounted document from its real
/// place: site pages for mounted and content files, forge links for the
/// rest. Returns an error for each link that cannot be made.
pub fn retarget_links(m: &Mounted, links: &mut [PendingLink], display: &Path) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for link in links.iter_mut() {
        if !matches!(link.target, LinkTarget::Page { .. } | LinkTarget::Asset(_)) {
            continue;
        }
        let (path, fragment) = match link.written.split_once('#') {
            Some((p, f)) => (p, Some(f.to_string())),
            None => (link.written.as_str(), None),
        };
        let path = path.split('?').next().unwrap_or(path);
        let real = m.site_relative(&normalize(&format!("{}/{path}", folder_of(&m.source))));
        let content_key = real.strip_prefix("content/").map(str::to_string);
        link.target = if let Some(key) = m.table.get(&real) {
            LinkTarget::Page { key: key.clone(), fragment }
        } else if let Some(key) = content_key {
            if key.ends_with(".md") { LinkTarget::Page { key, fragment } } else { LinkTarget::Asset(key) }
        } else {
            match m.forge_url(&real, fragment.as_deref()) {
                Ok(url) => LinkTarget::External(url),
                Err(miss) => {
                    let err = |msg: String| Diagnostic::error(display, link.line, link.col, msg);
                    let d = match miss {
                        ForgeMiss::NoRepo => err(format!("link to `{}`, a file outside the site", link.written))
                            .with_help("add `repo:` to site.yaml (url, branch, path of the site in the repository) so that it links to the forge"),
                        ForgeMiss::Missing(help) => {
                            err(format!("link to a missing file `{}`", link.written)).with_help(help)
                        }
                    };
                    diags.push(d.as_broken_link());
                    LinkTarget::External("#".into())
                }
            }
        };
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Repo, SiteConfig};
    use crate::discover::repo::RepoFiles;
    use std::sync::Arc;

    /// A mounted `CONTRIBUTING.md` of a repository in `dir` whose site folder is `site`.
    fn mounted(dir: &Path) -> Mounted {
        let root = dir.join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::create_dir_all(dir.join("docs")).unwrap();
        std::fs::write(dir.join("docs/BUILD.md"), "# Build\n").unwrap();
        let table = [
            ("../CONTRIBUTING.md".to_string(), "community/contributing.md".to_string()),
            ("../CODE_OF_CONDUCT.md".to_string(), "community/conduct.md".to_string()),
        ]
        .into_iter()
        .collect();
        let repo = Repo { url: "https://forge.example/org/p/".into(), branch: "main".into(), path: "site".into() };
        let mut config = SiteConfig::parse(&root, "title: T\n", None).unwrap();
        config.repo = Some(repo.clone());
        Mounted {
            source: "../CONTRIBUTING.md".into(),
            table,
            repo: Some(repo),
            files: RepoFiles::new(&config).map(Arc::new),
            root,
        }
    }

    fn link(written: &str) -> PendingLink {
        let target = super::super::classify_link(written, "community/contributing.md").unwrap();
        PendingLink { target, written: written.into(), line: 3, col: 5 }
    }

    #[test]
    fn links_become_site_or_forge_links() {
        let dir = tempfile::tempdir().unwrap();
        let m = mounted(dir.path());
        let mut links = vec![
            link("CODE_OF_CONDUCT.md#enforcement"),
            link("site/content/docs/a.md"),
            link("docs/BUILD.md#linux"),
            link("src/"),
            link("#top"),
        ];
        let diags = retarget_links(&m, &mut links, Path::new("../CONTRIBUTING.md"));
        assert!(diags.is_empty(), "{diags:?}");
        let targets: Vec<&LinkTarget> = links.iter().map(|l| &l.target).collect();
        assert_eq!(
            targets,
            [
                &LinkTarget::Page { key: "community/conduct.md".into(), fragment: Some("enforcement".into()) },
                &LinkTarget::Page { key: "docs/a.md".into(), fragment: None },
                &LinkTarget::External("https://forge.example/org/p/blob/main/docs/BUILD.md#linux".into()),
                &LinkTarget::External("https://forge.example/org/p/tree/main/src".into()),
                &LinkTarget::Anchor("top".into()),
            ]
        );
    }

    #[test]
    fn links_to_files_the_repository_does_not_have_are_broken_links() {
        let dir = tempfile::tempdir().unwrap();
        let m = mounted(dir.path());
        let mut links = vec![link("LICENSE-MIT#L3"), link("docs/BUILD.md")];
        let diags = retarget_links(&m, &mut links, Path::new("../CONTRIBUTING.md"));
        assert_eq!(diags.len(), 1);
        assert!(diags[0].broken_link);
        assert_eq!(
            diags[0].to_string(),
            "../CONTRIBUTING.md:3:5: error: link to a missing file `LICENSE-MIT#L3`\n  = help: it points to `LICENSE-MIT` in the repository, which has no such file or folder"
        );
        assert_eq!(links[0].target, LinkTarget::External("#".into()));
    }

    #[test]
    fn without_a_repo_outside_links_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let m = Mounted { repo: None, ..mounted(dir.path()) };
        let mut links = vec![link("docs/BUILD.md")];
        let diags = retarget_links(&m, &mut links, Path::new("../CONTRIBUTING.md"));
        assert_eq!(diags.len(), 1);
        assert_eq!(
            diags[0].to_string().lines().next().unwrap(),
            "../CONTRIBUTING.md:3:5: error: link to `docs/BUILD.md`, a file outside the site"
        );
    }
}

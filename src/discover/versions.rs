//! The files of every version (`versions:` in site.yaml): the versioned
//! sections of each version are discovered like `content/` and given the
//! content keys of the version's URLs, so the rest of the pipeline sees one
//! site. The latest version keeps the plain keys (`docs/a.md`), the others
//! get their segment after the section (`docs/1.x/a.md`).
//!
//! A version read from a git ref is written into a temporary folder by
//! `git archive` (`crate::git::read_content_at`), never into the working
//! tree; a version read from a folder is walked where it is. Only the
//! versioned sections of a version are published: the rest of the site
//! (guides, news, community pages) is the working tree's, shared by all.

use super::source::SourceFile;
use crate::config::{CONFIG_FILE, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::git::RefProblem;
use crate::schema::versions::{VersionSource, Versions};
use crate::yaml_path;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Gives the working tree's files of the versioned sections their keys in
/// its version, and adds every other version's files.
pub fn add(config: &SiteConfig, files: &mut Vec<SourceFile>, diags: &mut Diagnostics) {
    let versions = &config.versions;
    let Some(tree) = versions.working_tree() else { return };
    let codes = config.language_codes();
    let mut found = count_versioned(versions, files);
    take_keys(versions, tree, files, diags);
    if found == 0 {
        no_section(config, tree, "`content/`", diags);
    }
    for (v, version) in versions.list.iter().enumerate() {
        let at = |key: &str| config.spans.value_or_key(&yaml_path!["versions", version.entry, key]).unwrap_or((1, 1));
        let mut own = Vec::new();
        let (place, held) = match &version.source {
            VersionSource::WorkingTree => continue,
            VersionSource::Folder(folder) => {
                let dir = config.root.join(folder);
                if !dir.is_dir() {
                    let (line, col) = at("folder");
                    diags.push(
                        Diagnostic::error(CONFIG_FILE, line, col, format!("version folder `{folder}` not found"))
                            .with_help(format!(
                                "the folder is relative to the site folder and holds the version's sections as `content/` does (`{folder}/{}/…`)",
                                versions.sections[0]
                            )),
                    );
                    continue;
                }
                super::walk(&config.root, &dir, &codes, &mut own, diags);
                (format!("`{folder}`"), None)
            }
            VersionSource::Ref(git_ref) => {
                let (line, col) = at("ref");
                let temp = match tempfile::Builder::new().prefix(".onramp-version-").tempdir() {
                    Ok(t) => t,
                    Err(e) => {
                        diags.push(Diagnostic::error(
                            CONFIG_FILE,
                            line,
                            col,
                            format!("cannot make a temporary folder for version `{}`: {e}", version.name),
                        ));
                        continue;
                    }
                };
                let content = match crate::git::read_content_at(&config.root, git_ref, temp.path()) {
                    Ok(content) => content,
                    Err(problem) => {
                        diags.push(ref_error(problem, &version.name, git_ref, line, col));
                        continue;
                    }
                };
                let site = content.parent().map(Path::to_path_buf).unwrap_or_else(|| temp.path().to_path_buf());
                if content.is_dir() {
                    super::walk(&site, &content, &codes, &mut own, diags);
                }
                for f in &mut own {
                    f.display = PathBuf::from(format!("{git_ref}:{}", f.display.display()));
                }
                (format!("the git ref `{git_ref}`"), Some(Arc::new(temp)))
            }
        };
        own.retain(|f| versions.section_of(&f.key).is_some());
        found = own.len();
        if found == 0 {
            no_section(config, v, &place, diags);
            continue;
        }
        take_keys(versions, v, &mut own, diags);
        for f in &mut own {
            f.held = held.clone();
        }
        files.extend(own);
    }
}

fn count_versioned(versions: &Versions, files: &[SourceFile]) -> usize {
    files.iter().filter(|f| f.mount.is_none() && versions.section_of(&f.key).is_some()).count()
}

/// Re-keys the versioned files of version `v` (keys as the version writes
/// them) to their keys in the site. In the latest version, a folder named
/// like another version's segment (`docs/1.x/`) would take that version's
/// URLs: an error, once per folder.
fn take_keys(versions: &Versions, v: usize, files: &mut [SourceFile], diags: &mut Diagnostics) {
    let mut reported = BTreeSet::new();
    for f in files.iter_mut().filter(|f| f.mount.is_none()) {
        let Some(section) = versions.section_of(&f.key) else { continue };
        let rest = &f.key[section.len() + 1..];
        if v == versions.latest {
            let taken = rest.split_once('/').and_then(|(seg, _)| {
                versions.list.iter().find(|o| !o.segment.is_empty() && o.segment == seg).map(|o| (seg, o))
            });
            if let Some((seg, other)) = taken {
                if reported.insert(format!("{section}/{seg}")) {
                    diags.push(
                        Diagnostic::error(
                            &f.display,
                            0,
                            0,
                            format!(
                                "the folder `{section}/{seg}/` takes the URLs of version `{}` (`/{section}/{seg}/`)",
                                other.name
                            ),
                        )
                        .with_help("rename the folder, or give the version another `path` in site.yaml"),
                    );
                }
                continue;
            }
        }
        f.key = versions.key_in(&f.key, v);
    }
}

fn no_section(config: &SiteConfig, v: usize, place: &str, diags: &mut Diagnostics) {
    let versions = &config.versions;
    let version = &versions.list[v];
    let (line, col) = config.spans.value_or_key(&yaml_path!["versions", version.entry, "name"]).unwrap_or((1, 1));
    let sections: Vec<String> = versions.sections.iter().map(|s| format!("`{s}/`")).collect();
    diags.push(
        Diagnostic::error(
            CONFIG_FILE,
            line,
            col,
            format!("version `{}` has no versioned section: {place} holds no {}", version.name, sections.join(" or ")),
        )
        .with_help("a version publishes the sections `versioned` lists (`docs` when not set)"),
    );
}

fn ref_error(problem: RefProblem, name: &str, git_ref: &str, line: usize, col: usize) -> Diagnostic {
    let (message, help) = match problem {
        RefProblem::NoGit(e) => (
            format!("version `{name}` is read from the git ref `{git_ref}`, but git cannot be run ({e})"),
            "install git, or read the version from a `folder`".to_string(),
        ),
        RefProblem::NoRepository => (
            format!("version `{name}` is read from the git ref `{git_ref}`, but the site is not in a git repository"),
            "build from a clone of the repository, or read the version from a `folder`".to_string(),
        ),
        RefProblem::UnknownRef(close) => (
            format!("unknown git ref `{git_ref}` (version `{name}`): no tag, branch or commit has that name"),
            match close {
                Some(c) => format!("did you mean `{c}`?"),
                None => "`git tag` lists the tags; a shallow clone may lack them (`git fetch --tags`)".to_string(),
            },
        ),
        RefProblem::NoContent => (
            format!("the git ref `{git_ref}` (version `{name}`) has no `content/` folder where the site is"),
            "a version's ref holds the site as the working tree does, with its `content/` folder".to_string(),
        ),
        RefProblem::Failed(e) => {
            (format!("cannot read the git ref `{git_ref}` (version `{name}`): {e}"), String::new())
        }
    };
    let d = Diagnostic::error(CONFIG_FILE, line, col, message);
    if help.is_empty() { d } else { d.with_help(help) }
}

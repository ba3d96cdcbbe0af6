//! The output folder: onramp replaces only an output it wrote (marked with
//! `.onramp-output`), refuses folders that hold sources whatever `--force`
//! says, and keeps a complete output in place when a build is killed at any
//! moment (fixture `out-site`, driven through the real binary).

mod common;

use common::{Run, Site, onramp};
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const MARKER: &str = ".onramp-output";

/// The `out-site` fixture, with the file its `mount:` publishes written
/// beside the site folder.
fn site() -> Site {
    let site = Site::copy("out-site");
    let shared = site.dir.path().join("shared");
    std::fs::create_dir_all(&shared).unwrap();
    std::fs::write(shared.join("CONTRIBUTING.md"), "# Contributing\n\nSend patches.\n").unwrap();
    site
}

fn build_cmd(site: &Site, out: &Path) -> Command {
    let mut cmd = onramp();
    cmd.arg("build").arg(site.root()).arg("--out").arg(out);
    cmd
}

fn build_into(site: &Site, out: &Path, extra: &[&str]) -> Run {
    build_cmd(site, out).args(extra).output().unwrap().into()
}

/// Every file under `dir`: `/`-separated path → bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Names of the staging and old folders beside `out`.
fn leftovers(out: &Path) -> Vec<String> {
    let name = out.file_name().unwrap().to_string_lossy().into_owned();
    let mut found: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(&format!(".{name}.staging-")) || n.starts_with(&format!(".{name}.old-")))
        .collect();
    found.sort();
    found
}

fn real(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap()
}

/// The stderr of a build refused before it wrote anything: one error, exit code 2.
fn refused(run: &Run) -> String {
    assert_eq!(run.code, 2, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.last(), Some(&"build failed: 1 error; the previous output was left untouched"), "{}", run.stderr);
    lines[..lines.len() - 1].join("\n")
}

const CHOOSE_ANOTHER: &str =
    "  = help: choose another folder with `--out`, e.g. `public` (`--force` does not override this)";

const NOT_ONRAMPS_HELP: &str = "  = help: delete the folder yourself if nothing in it is needed (if it is the output of an \
earlier onramp, delete it once: onramp marks its outputs with `.onramp-output` from now on), choose another folder with \
`--out`, or pass `--force` to replace it";

#[test]
fn existing_folder_with_user_documents_is_refused_and_kept() {
    let site = site();
    let docs = site.dir.path().join("documents");
    std::fs::create_dir_all(docs.join("taxes")).unwrap();
    std::fs::write(docs.join("taxes/2025.pdf"), "receipts").unwrap();
    let run = build_into(&site, &docs, &[]);
    assert_eq!(
        refused(&run),
        format!(
            "{}: error: the output folder is not empty and was not written by onramp (it has no `.onramp-output` \
             file); building would delete what it holds\n{NOT_ONRAMPS_HELP}",
            docs.display()
        )
    );
    assert_eq!(snapshot(&docs), BTreeMap::from([("taxes/2025.pdf".to_string(), b"receipts".to_vec())]));
    assert!(leftovers(&docs).is_empty());

    // `--force` replaces it, and the new output carries the marker.
    build_into(&site, &docs, &["--force"]).ok();
    assert!(!docs.join("taxes").exists());
    assert!(docs.join("index.html").is_file());
    assert!(std::fs::read_to_string(docs.join(MARKER)).unwrap().starts_with("This folder was written by onramp"));
    assert!(leftovers(&docs).is_empty());
}

#[test]
fn output_written_by_an_earlier_onramp_is_refused_with_upgrade_help() {
    let site = site();
    build_into(&site, &site.out(), &[]).ok();
    std::fs::remove_file(site.out().join(MARKER)).unwrap();
    let before = snapshot(&site.out());
    let run = build_into(&site, &site.out(), &[]);
    assert!(refused(&run).ends_with(&format!("\n{NOT_ONRAMPS_HELP}")), "{}", run.stderr);
    assert_eq!(snapshot(&site.out()), before);
}

#[test]
fn marked_output_and_empty_folder_are_replaced_without_force() {
    let site = site();
    let out = site.out();
    std::fs::create_dir_all(&out).unwrap();
    build_into(&site, &out, &[]).ok();
    std::fs::write(out.join("stale.html"), "from an earlier build").unwrap();
    build_into(&site, &out, &[]).ok();
    assert!(!out.join("stale.html").exists());
    assert!(out.join(MARKER).is_file());
    assert!(leftovers(&out).is_empty());
}

#[test]
fn output_that_is_a_file_is_refused_and_kept() {
    let site = site();
    let notes = site.dir.path().join("notes.txt");
    std::fs::write(&notes, "my notes").unwrap();
    for force in [&[][..], &["--force"][..]] {
        let run = build_into(&site, &notes, force);
        assert_eq!(
            refused(&run),
            format!("{}: error: the output path exists and is not a folder\n{CHOOSE_ANOTHER}", notes.display())
        );
        assert_eq!(std::fs::read_to_string(&notes).unwrap(), "my notes");
    }
}

#[test]
fn output_at_site_git_folder_is_refused_even_with_force() {
    let site = site();
    let git = site.root().join(".git");
    std::fs::create_dir_all(git.join("objects")).unwrap();
    std::fs::write(git.join("HEAD"), "ref: refs/heads/main\n").unwrap();
    for out in [git.clone(), git.join("objects/out")] {
        let run = build_into(&site, &out, &["--force"]);
        assert_eq!(
            refused(&run),
            format!(
                "{}: error: the output folder is, contains or lies inside the repository's git folder `{}`\n{CHOOSE_ANOTHER}",
                out.display(),
                real(&git).display()
            )
        );
    }
    assert_eq!(std::fs::read_to_string(git.join("HEAD")).unwrap(), "ref: refs/heads/main\n");
    assert!(git.join("objects").is_dir());
    assert!(!git.join("objects/out").exists());
}

#[test]
fn output_that_is_or_holds_the_repository_root_is_refused_even_with_force() {
    // The site lives in `repo/site`; a worktree-style `.git` file names the
    // git folder elsewhere, which is refused too.
    let site = site();
    let repo = site.dir.path();
    let gitdir = repo.join("elsewhere/gitdir");
    std::fs::create_dir_all(&gitdir).unwrap();
    std::fs::write(gitdir.join("HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::write(repo.join(".git"), format!("gitdir: {}\n", gitdir.display())).unwrap();
    let run = build_into(&site, repo, &["--force"]);
    assert_eq!(
        refused(&run),
        format!(
            "{}: error: the output folder is or contains the site's sources (`{}`); building would delete them\n{CHOOSE_ANOTHER}",
            repo.display(),
            real(&site.root()).display()
        )
    );
    let run = build_into(&site, &gitdir, &["--force"]);
    assert!(
        refused(&run).starts_with(&format!(
            "{}: error: the output folder is, contains or lies inside the repository's git folder `{}`",
            gitdir.display(),
            real(&gitdir).display()
        )),
        "{}",
        run.stderr
    );
    assert!(gitdir.join("HEAD").is_file());
    assert!(site.root().join("site.yaml").is_file());
}

#[test]
fn output_holding_a_mounted_file_is_refused_even_with_force() {
    let site = site();
    let shared = site.dir.path().join("shared");
    let run = build_into(&site, &shared, &["--force"]);
    assert_eq!(
        refused(&run),
        format!(
            "{}: error: the output folder is or contains the mounted file `{}`\n  = help: choose another folder with \
             `--out`, outside the files `mount:` publishes (`--force` does not override this)",
            shared.display(),
            real(&shared.join("CONTRIBUTING.md")).display()
        )
    );
    assert_eq!(std::fs::read_to_string(shared.join("CONTRIBUTING.md")).unwrap(), "# Contributing\n\nSend patches.\n");
}

#[cfg(unix)]
#[test]
fn output_at_symlinked_content_target_is_refused_even_with_force() {
    let site = site();
    let elsewhere = site.dir.path().join("real-content");
    std::fs::rename(site.root().join("content"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, site.root().join("content")).unwrap();
    let before = snapshot(&elsewhere);
    for out in [elsewhere.clone(), elsewhere.join("guide"), elsewhere.join("new-folder")] {
        let run = build_into(&site, &out, &["--force"]);
        assert_eq!(
            refused(&run),
            format!(
                "{}: error: the output folder is inside the site's `content/` folder\n{CHOOSE_ANOTHER}",
                out.display()
            )
        );
    }
    // A folder that holds the target.
    let holder = site.dir.path().join("holder");
    std::fs::create_dir_all(&holder).unwrap();
    let inner = holder.join("content");
    std::fs::rename(&elsewhere, &inner).unwrap();
    std::fs::remove_file(site.root().join("content")).unwrap();
    std::os::unix::fs::symlink(&inner, site.root().join("content")).unwrap();
    let run = build_into(&site, &holder, &["--force"]);
    assert_eq!(
        refused(&run),
        format!(
            "{}: error: the output folder contains the site's `content/` folder (`{}`)\n{CHOOSE_ANOTHER}",
            holder.display(),
            real(&inner).display()
        )
    );
    assert_eq!(snapshot(&inner), before);
}

#[test]
fn output_at_home_root_or_site_ancestor_is_refused_even_with_force() {
    let site = site();
    let home = site.dir.path().join("home");
    std::fs::create_dir_all(home.join("photos")).unwrap();
    let run: Run = build_cmd(&site, &home).arg("--force").env("HOME", &home).output().unwrap().into();
    assert_eq!(
        refused(&run),
        format!(
            "{}: error: the output folder is or contains your home folder `{}`\n{CHOOSE_ANOTHER}",
            home.display(),
            real(&home).display()
        )
    );
    assert!(home.join("photos").is_dir());
    let run = build_into(&site, Path::new("/"), &["--force"]);
    assert_eq!(refused(&run), format!("/: error: the output folder is the file system's root\n{CHOOSE_ANOTHER}"));
    let ancestor = site.dir.path();
    let run = build_into(&site, ancestor, &["--force"]);
    assert!(
        refused(&run).starts_with(&format!(
            "{}: error: the output folder is or contains the site's sources",
            ancestor.display()
        )),
        "{}",
        run.stderr
    );
    assert!(site.root().join("content/_index.md").is_file());
}

// ---------------------------------------------------------------------------
// Interrupted builds

/// Adds pages so that a build takes long enough to be killed in the middle.
fn grow(site: &Site) {
    for i in 0..80 {
        let code = "```rust\nfn main() { let x = 1; println!(\"{x}\"); }\n```\n".repeat(3);
        site.write(
            &format!("content/many/page-{i:03}.md"),
            &format!("---\ntitle: Page {i}\n---\n## Part one\n\nText {i}.\n\n{code}\n## Part two\n\nMore.\n"),
        );
    }
}

fn set_version(site: &Site, version: &str) {
    site.write(
        "content/guide/install.md",
        &format!("---\ntitle: Install\nweight: 1\n---\nVersion {version} of the install page.\n"),
    );
    site.write("content/added.md", &format!("---\ntitle: Added\n---\nAdded in version {version}.\n"));
}

/// A grown site, with the output of version one in `out()` and the
/// reference outputs of both versions.
struct Versions {
    site: Site,
    old: BTreeMap<String, Vec<u8>>,
    new: BTreeMap<String, Vec<u8>>,
    /// How long a build of the new version takes.
    took: Duration,
}

fn versions() -> Versions {
    let site = site();
    grow(&site);
    set_version(&site, "two");
    let reference = site.dir.path().join("reference-new");
    let started = Instant::now();
    build_into(&site, &reference, &[]).ok();
    let took = started.elapsed();
    let new = snapshot(&reference);
    std::fs::remove_dir_all(&reference).unwrap();
    set_version(&site, "one");
    build_into(&site, &site.out(), &[]).ok();
    let old = snapshot(&site.out());
    assert_ne!(old, new);
    assert!(old.contains_key(MARKER) && new.contains_key(MARKER));
    Versions { site, old, new, took }
}

impl Versions {
    /// Starts a build of version two.
    fn spawn(&self, env: &[(&str, &str)]) -> Child {
        set_version(&self.site, "two");
        build_cmd(&self.site, &self.site.out())
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// Whether the output is one of the two complete outputs; which.
    fn complete(&self, what: &str) -> &'static str {
        let out = self.site.out();
        assert!(out.is_dir(), "{what}: no output folder; beside it: {:?}", leftovers(&out));
        let now = snapshot(&out);
        if now == self.old {
            "old"
        } else if now == self.new {
            "new"
        } else {
            panic!("{what}: the output is neither the old nor the new one: {:?}", now.keys().collect::<Vec<_>>())
        }
    }

    /// Builds version one again: it must succeed, write the old output and
    /// leave nothing beside it.
    fn rebuild_old(&self, what: &str) {
        set_version(&self.site, "one");
        let run = build_into(&self.site, &self.site.out(), &[]);
        assert_eq!(run.code, 0, "{what}: the next build failed: {}", run.stderr);
        assert_eq!(self.complete(what), "old");
        assert_eq!(leftovers(&self.site.out()), Vec::<String>::new(), "{what}: leftovers after the next build");
    }
}

/// Waits for the test hook's line on the child's stderr.
fn wait_for_pause(child: &mut Child, point: &str) {
    let stderr = child.stderr.take().unwrap();
    let mut seen = String::new();
    for line in std::io::BufReader::new(stderr).lines() {
        let line = line.unwrap();
        if line == format!("onramp: paused {point}") {
            return;
        }
        seen += &line;
        seen += "\n";
    }
    panic!("the build never paused at {point}: {seen}");
}

fn kill9(child: &mut Child) {
    child.kill().unwrap();
    child.wait().unwrap();
}

#[cfg(unix)]
fn signal(child: &mut Child, signal: i32) -> std::process::ExitStatus {
    // SAFETY: sends a signal to our own child process.
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, signal) }, 0);
    child.wait().unwrap()
}

#[cfg(target_os = "linux")]
#[test]
fn killed_at_swap_points_leaves_a_complete_output() {
    let v = versions();
    let out = v.site.out();
    let cases: [(&str, bool, &str); 5] = [
        ("before-swap", false, "old"),
        ("after-swap", false, "new"),
        ("before-swap", true, "old"),
        ("between-renames", true, "missing"),
        ("after-swap", true, "new"),
    ];
    for (point, fallback, expected) in cases {
        let what = format!("{point}{}", if fallback { " (two renames)" } else { "" });
        let mut env = vec![("ONRAMP_TEST_PAUSE", point)];
        if fallback {
            env.push(("ONRAMP_TEST_NO_EXCHANGE", "1"));
        }
        let mut child = v.spawn(&env);
        let pid = child.id();
        wait_for_pause(&mut child, point);
        let staging = format!(".out.staging-{pid}");
        let old = format!(".out.old-{pid}");
        // Where the swap stands at this point.
        let beside: Vec<String> = match (point, fallback) {
            ("before-swap", _) => vec![staging.clone()],
            ("after-swap", false) => vec![staging.clone()],
            ("between-renames", true) => vec![old.clone(), staging.clone()],
            _ => vec![old.clone()],
        };
        assert_eq!(leftovers(&out), beside, "{what}");
        kill9(&mut child);
        if expected == "missing" {
            // Only the fallback has this moment: both outputs are complete beside it.
            assert!(!out.exists(), "{what}");
            assert_eq!(snapshot(&out.with_file_name(&old)), v.old, "{what}");
            assert_eq!(snapshot(&out.with_file_name(&staging)), v.new, "{what}");
            // A build that fails puts the previous output back.
            set_version(&v.site, "one");
            v.site.write("content/broken.md", "---\ntitle: [broken\n---\n");
            let run = build_into(&v.site, &out, &[]);
            assert_eq!(run.code, 1, "{what}: {}", run.stderr);
            std::fs::remove_file(v.site.root().join("content/broken.md")).unwrap();
            assert_eq!(v.complete(&what), "old");
            assert_eq!(leftovers(&out), Vec::<String>::new(), "{what}");
        } else {
            assert_eq!(v.complete(&what), expected);
            if point == "after-swap" {
                // The previous output, still to be deleted, is marked.
                assert_eq!(snapshot(&out.with_file_name(&beside[0])), v.old, "{what}");
            }
        }
        v.rebuild_old(&what);
    }
}

#[cfg(unix)]
#[test]
fn killed_at_random_moments_leaves_a_complete_output() {
    let v = versions();
    let moments = 24;
    let mut seen = BTreeMap::new();
    for i in 0..moments {
        // Spread over the build's duration, a little past its end.
        let delay = v.took.mul_f64(1.1 * f64::from(i) / f64::from(moments - 1));
        let mut child = v.spawn(&[]);
        std::thread::sleep(delay);
        kill9(&mut child);
        let what = format!("killed after {} ms", delay.as_millis());
        *seen.entry(v.complete(&what)).or_insert(0) += 1;
        v.rebuild_old(&what);
    }
    eprintln!("a build took {} ms; outcomes of {moments} kills: {seen:?}", v.took.as_millis());
    assert!(seen.contains_key("old"), "{seen:?}");
}

#[cfg(unix)]
#[test]
fn sigterm_removes_the_staging_folder_and_keeps_the_previous_output() {
    let v = versions();
    let out = v.site.out();
    for (sig, code) in [(libc::SIGTERM, 143), (libc::SIGINT, 130)] {
        let mut child = v.spawn(&[("ONRAMP_TEST_PAUSE", "before-swap")]);
        wait_for_pause(&mut child, "before-swap");
        assert_eq!(leftovers(&out).len(), 1);
        let status = signal(&mut child, sig);
        assert_eq!(status.code(), Some(code), "signal {sig}");
        assert_eq!(leftovers(&out), Vec::<String>::new(), "signal {sig}");
        assert_eq!(v.complete("signalled before the swap"), "old");
    }
    // Signalled in the middle of writing, while the render threads run.
    for i in 1..6 {
        let delay = v.took.mul_f64(f64::from(i) / 6.0);
        let mut child = v.spawn(&[]);
        std::thread::sleep(delay);
        let status = signal(&mut child, libc::SIGTERM);
        let what = format!("SIGTERM after {} ms", delay.as_millis());
        assert!(matches!(status.code(), Some(0 | 143)), "{what}: {status:?}");
        assert_eq!(leftovers(&out), Vec::<String>::new(), "{what}");
        // Signalled after the swap, the build leaves the new output; a build that finished, too.
        let got = v.complete(&what);
        if status.code() == Some(0) {
            assert_eq!(got, "new", "{what}");
        }
        v.rebuild_old(&what);
    }
}

#[cfg(unix)]
#[test]
fn leftovers_are_removed_only_when_marked_and_their_process_is_gone() {
    let site = site();
    let out = site.out();
    build_into(&site, &out, &[]).ok();
    let dead_pid = || {
        let mut child = Command::new("true").spawn().unwrap();
        child.wait().unwrap();
        child.id()
    };
    let dead = dead_pid();
    let running = std::process::id();
    let make = |name: String, marked: bool| {
        let dir = site.dir.path().join(&name);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/page.html"), "x").unwrap();
        if marked {
            std::fs::write(dir.join(MARKER), "onramp").unwrap();
        }
        name
    };
    let gone_staging = make(format!(".out.staging-{dead}"), true);
    let gone_old = make(format!(".out.old-{dead}"), true);
    let unmarked = make(format!(".out.old-{}", dead_pid()), false);
    let alive = make(format!(".out.staging-{running}"), true);
    let not_a_pid = make(".out.staging-12ab".into(), true);
    // Killed before it wrote the marker into its staging folder.
    let empty = format!(".out.staging-{}", dead_pid());
    std::fs::create_dir(site.dir.path().join(&empty)).unwrap();
    assert_eq!(leftovers(&out).len(), 6);
    build_into(&site, &out, &[]).ok();
    let mut kept = vec![unmarked, alive, not_a_pid];
    kept.sort();
    assert_eq!(leftovers(&out), kept);
    assert!(!site.dir.path().join(gone_staging).exists());
    assert!(!site.dir.path().join(gone_old).exists());
    assert!(!site.dir.path().join(empty).exists());
    assert!(out.join("index.html").is_file());
}

/// The dev server's own folder (under the temp dir, `TMPDIR` being the test's folder).
fn serve_folder(site: &Site) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(site.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("onramp-serve-"))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}

#[test]
fn dev_server_folder_carries_the_marker_and_replaces_its_unmarked_predecessor() {
    let site = site();
    let serve = common::serve::Serve::start(&site, &[]);
    let folder = serve_folder(&site);
    assert!(folder.join(MARKER).is_file());
    assert!(folder.join("index.html").is_file());
    drop(serve);
    // The folder as an onramp older than the marker left it: the server's
    // own folder (named after the site, under the temp dir) is replaced.
    std::fs::remove_file(folder.join(MARKER)).unwrap();
    std::fs::write(folder.join("stale.html"), "old").unwrap();
    let serve = common::serve::Serve::start(&site, &[]);
    assert_eq!(serve_folder(&site), folder);
    assert!(folder.join(MARKER).is_file());
    assert!(!folder.join("stale.html").exists());
    assert_eq!(serve.get("/").status, 200);
}

//! What every robustness case checks, whatever produced its input: a site is
//! laid out in a temporary folder (a fixture plus the generated files), built
//! in-process (`build_site`), checked (`check::run`) and asked for its
//! translation status, and optionally built by the real binary; each run
//! happens on its own thread or child process with a time limit.
//!
//! [`run_case`] returns `Err` with a description when:
//! - a run panicked, or did not finish within the limit;
//! - a diagnostic is malformed: empty, absolute or `..` path, a path that is
//!   not a file or folder of the site, a message or help that is empty or not
//!   one line, a position outside its file, or printed output that is not
//!   `path:line:col: error|warning: message` (`path: error|warning: message`
//!   for whole-file problems, line 0), each followed by an optional
//!   `  = help: …` line;
//! - anything outside the output folder changed (files added, removed or
//!   rewritten), or the output folder changed although the build failed, or
//!   `onramp check` / `i18n status` wrote anything;
//! - the binary's stderr, exit code and outcome disagree with the in-process
//!   build.
//!
//! Used by `tests/fuzz.rs` and by the cargo-fuzz targets under `fuzz/`
//! (through `#[path]`), so it depends on nothing but onramp, walkdir and
//! tempfile.
#![allow(dead_code)]

use onramp::diagnostics::Diagnostic;
use onramp::{BuildError, BuildOptions};
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, OnceLock, mpsc};
use std::time::{Duration, Instant};

/// A file that is not a plain file with content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Special {
    /// A named pipe at this path (nobody ever writes to it).
    Fifo(String),
    /// A symbolic link at the first path, to the second (absolute or relative).
    Symlink(String, String),
    /// An empty folder at this path (named like a file: `content/x.md/`).
    Dir(String),
    /// `static` is a plain file instead of a folder.
    StaticIsAFile,
}

/// One generated site: a fixture with some files replaced or added.
#[derive(Debug, Clone)]
pub struct Case {
    /// Fixture folder, relative to the repository (`tests/fixtures/basic`).
    pub base: String,
    /// Files written over the fixture, relative to the site root.
    pub files: Vec<(String, Vec<u8>)>,
    /// Special files made after the files.
    pub specials: Vec<Special>,
    /// Also run the real binary on this case.
    pub binary: bool,
}

impl Case {
    /// The generated files, escaped and shortened, for failure messages.
    pub fn describe(&self) -> String {
        let mut s = format!("site: {} with\n", self.base);
        for (path, bytes) in &self.files {
            let text = String::from_utf8_lossy(bytes);
            let shown: String = if text.chars().count() > 3000 {
                let head: String = text.chars().take(1500).collect();
                let tail: String = text.chars().rev().take(500).collect::<Vec<_>>().into_iter().rev().collect();
                format!("{head:?} … ({} chars) … {tail:?}", text.chars().count())
            } else {
                format!("{text:?}")
            };
            let invalid = if std::str::from_utf8(bytes).is_err() { " (not UTF-8)" } else { "" };
            s += &format!("  {path:?}{invalid}: {shown}\n");
        }
        for sp in &self.specials {
            s += &format!("  special: {sp:?}\n");
        }
        s
    }
}

/// The repository root (the `fuzz/` crate lives one level below it).
pub fn repo() -> &'static Path {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    if dir.join("tests/fixtures").is_dir() { dir } else { dir.parent().unwrap_or(dir) }
}

/// The `onramp` binary, when the caller is one of onramp's own tests.
fn binary() -> Option<&'static str> {
    option_env!("CARGO_BIN_EXE_onramp")
}

/// Runs `f` on its own thread; `Err` when it panics or outlives `limit`
/// (the thread is then left behind: the case has failed anyway).
pub fn with_timeout<T: Send + 'static>(
    what: &str,
    limit: Duration,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new().name(format!("fuzz {what}")).spawn(move || {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
        let _ = tx.send(r);
    });
    if let Err(e) = spawned {
        return Err(format!("{what}: cannot start a thread: {e}"));
    }
    match rx.recv_timeout(limit) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(payload)) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "(no message)".into());
            Err(format!("{what} PANICKED: {msg}"))
        }
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!("{what} HUNG: not finished after {limit:?}")),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(format!("{what} PANICKED (thread died)")),
    }
}

/// A site laid out in a temporary folder: `<tmp>/outer/site`, so that a
/// write one or two levels above the site is still seen by the snapshots.
pub struct Workspace {
    pub tmp: tempfile::TempDir,
    pub root: PathBuf,
}

impl Workspace {
    pub fn out(&self) -> PathBuf {
        self.root.join("public")
    }
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry.path().strip_prefix(from).map_err(std::io::Error::other)?;
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest)?;
        } else {
            std::fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}

/// Lays out `case` (without any output folder).
pub fn materialize(case: &Case) -> Result<Workspace, String> {
    let tmp = tempfile::tempdir().map_err(|e| format!("tempdir: {e}"))?;
    let root = tmp.path().join("outer/site");
    let base = repo().join(&case.base);
    copy_tree(&base, &root).map_err(|e| format!("copy {}: {e}", base.display()))?;
    // A fixture may hold an output of a manual build; the case starts from
    // the reference output instead.
    let _ = std::fs::remove_dir_all(root.join("public"));
    for (rel, bytes) in &case.files {
        let p = root.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("mkdir for {rel:?}: {e}"))?;
        }
        if p.is_dir() {
            std::fs::remove_dir_all(&p).map_err(|e| format!("replace folder {rel:?}: {e}"))?;
        }
        std::fs::write(&p, bytes).map_err(|e| format!("write {rel:?}: {e}"))?;
    }
    for sp in &case.specials {
        make_special(&root, sp)?;
    }
    Ok(Workspace { tmp, root })
}

fn make_special(root: &Path, sp: &Special) -> Result<(), String> {
    let prepare = |rel: &str| -> Result<PathBuf, String> {
        let p = root.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("mkdir for {rel:?}: {e}"))?;
        }
        if p.is_dir() {
            let _ = std::fs::remove_dir_all(&p);
        } else {
            let _ = std::fs::remove_file(&p);
        }
        Ok(p)
    };
    match sp {
        Special::Fifo(rel) => {
            let p = prepare(rel)?;
            let status = std::process::Command::new("mkfifo").arg(&p).status().map_err(|e| format!("mkfifo: {e}"))?;
            if !status.success() {
                return Err(format!("mkfifo {rel:?} failed"));
            }
        }
        Special::Symlink(rel, target) => {
            let p = prepare(rel)?;
            #[cfg(unix)]
            std::os::unix::fs::symlink(target, &p).map_err(|e| format!("symlink {rel:?}: {e}"))?;
            #[cfg(not(unix))]
            let _ = (p, target);
        }
        Special::Dir(rel) => {
            let p = prepare(rel)?;
            std::fs::create_dir_all(p.join("inner")).map_err(|e| format!("mkdir {rel:?}: {e}"))?;
        }
        Special::StaticIsAFile => {
            let p = prepare("static")?;
            std::fs::write(p, "not a folder\n").map_err(|e| format!("write static: {e}"))?;
        }
    }
    Ok(())
}

/// What a folder holds: relative path → kind and content hash. FIFOs and
/// devices are recorded by kind only (reading them would block).
pub type Snapshot = BTreeMap<PathBuf, String>;

/// Snapshot of `dir`, leaving out `skip` and everything under it.
pub fn snapshot(dir: &Path, skip: Option<&Path>) -> Snapshot {
    let mut snap = Snapshot::new();
    let walk = walkdir::WalkDir::new(dir).follow_links(false).into_iter().filter_entry(|e| Some(e.path()) != skip);
    for entry in walk.filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_path_buf();
        let ft = entry.file_type();
        let value = if ft.is_dir() {
            "dir".to_string()
        } else if ft.is_symlink() {
            format!("link {:?}", std::fs::read_link(entry.path()).ok())
        } else if ft.is_file() {
            match std::fs::read(entry.path()) {
                Ok(bytes) => {
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    bytes.hash(&mut h);
                    format!("file {} {:x}", bytes.len(), h.finish())
                }
                Err(e) => format!("unreadable {e}"),
            }
        } else {
            "special".to_string()
        };
        snap.insert(rel, value);
    }
    snap
}

/// Describes how `after` differs from `before`.
pub fn diff(before: &Snapshot, after: &Snapshot) -> Option<String> {
    let mut lines = Vec::new();
    for (p, v) in after {
        match before.get(p) {
            None => lines.push(format!("  added {}", p.display())),
            Some(old) if old != v => lines.push(format!("  changed {}", p.display())),
            _ => {}
        }
    }
    for p in before.keys().filter(|p| !after.contains_key(*p)) {
        lines.push(format!("  removed {}", p.display()));
    }
    if lines.is_empty() {
        return None;
    }
    let n = lines.len();
    lines.truncate(20);
    Some(format!("{} ({n} entries)", lines.join("\n")))
}

/// The output of a successful build of each fixture, made once and copied
/// into every case as "the previous output".
fn reference_output(base: &str) -> Result<PathBuf, String> {
    static OUTPUTS: OnceLock<Mutex<HashMap<String, tempfile::TempDir>>> = OnceLock::new();
    let mut outputs = OUTPUTS.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
    if let Some(dir) = outputs.get(base) {
        return Ok(dir.path().join("public"));
    }
    let dir = tempfile::tempdir().map_err(|e| format!("tempdir: {e}"))?;
    let site = dir.path().join("site");
    copy_tree(&repo().join(base), &site).map_err(|e| format!("copy {base}: {e}"))?;
    let out = dir.path().join("public");
    let opts = BuildOptions { root: site, out: Some(out.clone()), ..Default::default() };
    onramp::build_site(&opts).map_err(|e| format!("the unmodified fixture {base} does not build: {e:?}"))?;
    outputs.insert(base.to_string(), dir);
    Ok(out)
}

/// Checks one diagnostic; `root` is the site it is about.
pub fn check_diagnostic(root: &Path, d: &Diagnostic) -> Result<(), String> {
    let shown = d.to_string();
    let bad = |why: &str| Err(format!("malformed diagnostic ({why}):\n{shown}\n{d:?}"));
    if d.path.as_os_str().is_empty() {
        return bad("empty path");
    }
    if d.path.is_absolute() {
        return bad("absolute path, not relative to the site");
    }
    if d.path.components().any(|c| !matches!(c, Component::Normal(_))) {
        return bad("path with `..` or `.` segments");
    }
    let file = root.join(&d.path);
    if std::fs::symlink_metadata(&file).is_err() {
        return bad("path is not a file or folder of the site");
    }
    for (name, text) in [("message", Some(d.message.as_str())), ("help", d.help.as_deref())] {
        let Some(text) = text else { continue };
        if text.trim().is_empty() {
            return bad(&format!("empty {name}"));
        }
        if text.chars().any(|c| c.is_control() && c != '\t') {
            return bad(&format!("{name} holds a line break or control character"));
        }
    }
    if d.line > 0 {
        if d.col == 0 {
            return bad("line without column");
        }
        if let Some(bytes) =
            std::fs::metadata(&file).ok().filter(|m| m.is_file()).and_then(|_| std::fs::read(&file).ok())
        {
            let text = String::from_utf8_lossy(&bytes);
            let lines: Vec<&str> = text.split('\n').collect();
            if d.line > lines.len() {
                return bad(&format!("line {} past the end of the file ({} lines)", d.line, lines.len()));
            }
            let width = lines[d.line - 1].chars().count();
            if d.col > width + 1 {
                return bad(&format!("column {} past the end of line {} ({width} chars)", d.col, d.line));
            }
        }
    }
    check_printed(root, &shown).map(|_| ())
}

/// Checks lines printed for one diagnostic (and its help); returns whether
/// it was an error.
fn check_printed(root: &Path, shown: &str) -> Result<bool, String> {
    let mut lines = shown.split('\n');
    let first = lines.next().unwrap_or_default();
    let is_error = parse_line(root, first)?;
    for rest in lines {
        if !rest.starts_with("  = help: ") {
            return Err(format!("printed diagnostic has a stray line {rest:?}:\n{shown}"));
        }
    }
    Ok(is_error)
}

/// Parses `path:line:col: severity: message` or `path: severity: message`;
/// returns whether it is an error.
fn parse_line(root: &Path, line: &str) -> Result<bool, String> {
    for sev in ["error", "warning"] {
        let marker = format!(": {sev}: ");
        let Some(at) = line.find(&marker) else { continue };
        let (head, message) = (&line[..at], &line[at + marker.len()..]);
        if message.trim().is_empty() {
            return Err(format!("printed diagnostic without a message: {line:?}"));
        }
        // `path:line:col` or `path`; the path may itself hold colons.
        let mut parts = head.rsplitn(3, ':');
        let (c, l, p) = (parts.next(), parts.next(), parts.next());
        let numeric = |s: Option<&str>| s.is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
        let path = if numeric(c) && numeric(l) { p.unwrap_or_default() } else { head };
        if path.is_empty() || std::fs::symlink_metadata(root.join(path)).is_err() {
            return Err(format!("printed diagnostic names no file of the site ({path:?}): {line:?}"));
        }
        return Ok(sev == "error");
    }
    Err(format!("not a diagnostic line: {line:?}"))
}

/// Limits of one case.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Per run (build, check, status, binary).
    pub timeout: Duration,
}

/// Outcome of the in-process build, to compare with the binary's.
struct InProcess {
    ok: bool,
    io: bool,
    printed: Vec<String>,
    errors: usize,
}

/// Runs every check on `case`.
pub fn run_case(case: &Case, limits: Limits) -> Result<(), String> {
    let ws = materialize(case)?;
    let reference = reference_output(&case.base)?;
    let out = ws.out();
    copy_tree(&reference, &out).map_err(|e| format!("copy reference output: {e}"))?;
    let outside = snapshot(ws.tmp.path(), Some(&out));
    let previous = snapshot(&out, None);

    // The build, in-process.
    let root = ws.root.clone();
    let built = with_timeout("build", limits.timeout, move || {
        let r = onramp::build_site(&BuildOptions { root, ..Default::default() });
        match r {
            Ok(report) => (true, false, report.warnings),
            Err(e) => (false, matches!(e, BuildError::Io(_)), e.diagnostics().to_vec()),
        }
    })?;
    let (ok, io, diags) = built;
    for d in &diags {
        check_diagnostic(&ws.root, d)?;
    }
    if !ok && !diags.iter().any(Diagnostic::is_error) {
        return Err(format!("the build failed without an error:\n{diags:#?}"));
    }
    if let Some(d) = diff(&outside, &snapshot(ws.tmp.path(), Some(&out))) {
        return Err(format!("the build changed files outside its output folder:\n{d}"));
    }
    if !ok {
        if let Some(d) = diff(&previous, &snapshot(&out, None)) {
            return Err(format!("a failed build changed the previous output:\n{d}"));
        }
    }
    let inproc = InProcess {
        ok,
        io,
        printed: diags.iter().map(|d| d.to_string()).collect(),
        errors: diags.iter().filter(|d| d.is_error()).count(),
    };

    // `onramp check` and `onramp i18n status` write nothing at all.
    let everything = snapshot(ws.tmp.path(), None);
    let root = ws.root.clone();
    let checked = with_timeout("check", limits.timeout, move || {
        let opts = onramp::check::CheckOptions { root, external: false };
        match onramp::check::run(&opts) {
            Ok(report) => report.findings.into_iter().map(|f| f.diagnostic).collect::<Vec<_>>(),
            Err(e) => e.diagnostics().to_vec(),
        }
    })?;
    for d in &checked {
        check_diagnostic(&ws.root, d)?;
    }
    let root = ws.root.clone();
    let status = with_timeout("i18n status", limits.timeout, move || {
        onramp::pipeline::translation_status(&root).err().map(|e| e.diagnostics().to_vec()).unwrap_or_default()
    })?;
    for d in &status {
        check_diagnostic(&ws.root, d)?;
    }
    if let Some(d) = diff(&everything, &snapshot(ws.tmp.path(), None)) {
        return Err(format!("`check` or `i18n status` wrote files:\n{d}"));
    }

    if case.binary && binary().is_some() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("reset output: {e}"))?;
        copy_tree(&reference, &out).map_err(|e| format!("copy reference output: {e}"))?;
        let previous = snapshot(&out, None);
        run_binary(&ws, &inproc, limits)?;
        if let Some(d) = diff(&outside, &snapshot(ws.tmp.path(), Some(&out))) {
            return Err(format!("the binary changed files outside its output folder:\n{d}"));
        }
        if !inproc.ok {
            if let Some(d) = diff(&previous, &snapshot(&out, None)) {
                return Err(format!("a failed build of the binary changed the previous output:\n{d}"));
            }
        }
    }
    Ok(())
}

/// Runs `onramp build <site>` with a time limit and checks what it printed.
fn run_binary(ws: &Workspace, inproc: &InProcess, limits: Limits) -> Result<(), String> {
    let logs = tempfile::tempdir().map_err(|e| format!("tempdir: {e}"))?;
    let (out_log, err_log) = (logs.path().join("stdout"), logs.path().join("stderr"));
    let file = |p: &Path| std::fs::File::create(p).map_err(|e| format!("log file: {e}"));
    let exe = binary().ok_or("no onramp binary to run")?;
    let mut child = std::process::Command::new(exe)
        .arg("build")
        .arg(&ws.root)
        .stdin(std::process::Stdio::null())
        .stdout(file(&out_log)?)
        .stderr(file(&err_log)?)
        .spawn()
        .map_err(|e| format!("spawn onramp: {e}"))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > limits.timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("`onramp build` HUNG: killed after {:?}", limits.timeout));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(format!("wait for onramp: {e}")),
        }
    };
    let stderr = String::from_utf8_lossy(&std::fs::read(&err_log).unwrap_or_default()).into_owned();
    let stdout = String::from_utf8_lossy(&std::fs::read(&out_log).unwrap_or_default()).into_owned();
    let code = status.code();
    let context = || format!("exit {code:?}\nstdout:\n{stdout}\nstderr:\n{stderr}");
    let expected_code = if inproc.ok {
        0
    } else if inproc.io {
        2
    } else {
        1
    };
    if code == Some(101) {
        return Err(format!("`onramp build` PANICKED:\n{}", context()));
    }
    if code != Some(expected_code) {
        return Err(format!(
            "`onramp build` exit code differs from the in-process build's ({expected_code}):\n{}",
            context()
        ));
    }
    // Every diagnostic, then the summary line of a failed build.
    let mut printed = Vec::new();
    let mut errors = 0;
    let mut summary = None;
    for line in stderr.lines() {
        if let Some(rest) = line.strip_prefix("build failed: ") {
            summary = Some(rest.to_string());
        } else if line.starts_with("  = help: ") {
            match printed.last_mut() {
                Some(last) => *last = format!("{last}\n{line}"),
                None => return Err(format!("help line before any diagnostic:\n{}", context())),
            }
        } else {
            if parse_line(&ws.root, line).map_err(|e| format!("{e}\n{}", context()))? {
                errors += 1;
            }
            printed.push(line.to_string());
        }
    }
    if printed != inproc.printed {
        return Err(format!(
            "`onramp build` printed other diagnostics than the in-process build:\nin-process:\n{}\n{}",
            inproc.printed.join("\n"),
            context()
        ));
    }
    match (inproc.ok, summary) {
        (true, None) => {
            if !stdout.starts_with("built ") {
                return Err(format!("no `built …` line:\n{}", context()));
            }
        }
        (false, Some(s)) => {
            let plural = if errors == 1 { "" } else { "s" };
            let want = format!("{errors} error{plural}; the previous output was left untouched");
            if s != want || errors != inproc.errors {
                return Err(format!("summary line does not count the errors printed ({want:?}):\n{}", context()));
            }
        }
        _ => return Err(format!("`build failed` line does not match the outcome:\n{}", context())),
    }
    Ok(())
}

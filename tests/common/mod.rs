//! Helpers shared by the integration tests: run the real `onramp` binary on
//! fixture sites copied to a temporary folder, and parse what it wrote.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Path of a fixture site under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The `onramp` binary built for these tests.
pub fn onramp() -> Command {
    Command::new(env!("CARGO_BIN_EXE_onramp"))
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let rel = entry.path().strip_prefix(from).expect("prefix");
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &dest).expect("copy");
        }
    }
}

/// A fixture copied into a temporary folder (outside git, so that no
/// "last updated" dates depend on the repository's history).
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn copy(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_dir(&fixture(name), &dir.path().join("site"));
        Site { dir }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    /// Runs `onramp build` with the output in `out()`.
    pub fn build(&self, extra: &[&str]) -> Run {
        let out = onramp()
            .arg("build")
            .arg(self.root())
            .arg("--out")
            .arg(self.out())
            .args(extra)
            .output()
            .expect("run onramp");
        Run::from(out)
    }

    /// Parses an output file as HTML.
    pub fn html(&self, rel: &str) -> scraper::Html {
        let path = self.out().join(rel);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        scraper::Html::parse_document(&text)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.out().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn write(&self, rel: &str, text: &str) {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, text).expect("write");
    }
}

/// What a run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Panics with the output unless the run succeeded.
    pub fn ok(self) -> Run {
        assert_eq!(self.code, 0, "onramp failed:\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
}

/// Selects elements with a CSS selector.
pub fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = scraper::Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
    doc.select(&sel).collect()
}

/// Fixture `name` copied and built (whether the build succeeds or not).
pub fn built(name: &str) -> Site {
    let site = Site::copy(name);
    site.build(&[]).ok();
    site
}

/// Every file under `dir`, by its path relative to `dir` (with `/`), with its bytes.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).expect("under the folder").to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).expect("readable"))
        })
        .collect()
}

/// The text of every element `css` selects, whitespace collapsed.
pub fn texts(doc: &scraper::Html, css: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Text of the single element matching `css`.
pub fn text_of(doc: &scraper::Html, css: &str) -> String {
    let found = select(doc, css);
    assert_eq!(found.len(), 1, "expected one `{css}`, found {}", found.len());
    found[0].text().collect::<String>().trim().to_string()
}

/// Attribute `attr` of every element matching `css`.
pub fn attrs(doc: &scraper::Html, css: &str, attr: &str) -> Vec<String> {
    select(doc, css).iter().filter_map(|e| e.value().attr(attr).map(str::to_string)).collect()
}

/// The `<main>` element's HTML, for snapshots.
pub fn main_html(doc: &scraper::Html) -> String {
    let found = select(doc, "main");
    assert_eq!(found.len(), 1, "expected one <main>");
    found[0].html()
}

pub mod at_exit;
pub mod chrome;
pub mod http;
pub mod serve;
pub mod xml;

/// Runs `cmd`, killing it and failing the test after `limit`.
pub fn run_with_deadline(mut cmd: Command, limit: Duration) -> Run {
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("run onramp");
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = out.read_to_end(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        let _ = err.read_to_end(&mut s);
        s
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("onramp did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out_reader.join().expect("stdout reader")).into_owned(),
        stderr: String::from_utf8_lossy(&err_reader.join().expect("stderr reader")).into_owned(),
    }
}

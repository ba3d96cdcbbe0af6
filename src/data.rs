//! `data/*.yaml`: structured data for templates, by file stem
//! (`data/links.yaml` is `data.links` in templates).

use crate::diagnostics::Diagnostics;
use crate::source_file::{self, Place};
use crate::yaml::{self, YamlSource};
use std::path::{Path, PathBuf};

/// One `data/*.yaml` file as read: the layouts parse its text into their
/// own types (`layouts::load`), without reading it again.
#[derive(Debug, Clone, PartialEq)]
pub struct DataFile {
    /// Path relative to the site root (`data/partners.yaml`).
    pub path: PathBuf,
    /// The text, or why it could not be read.
    pub text: Result<String, String>,
}

/// Every data file: one JSON object for templates, and each file's text.
#[derive(Debug, Clone, Default)]
pub struct Data {
    /// `data` in templates, by file stem.
    pub value: serde_json::Value,
    /// The files, sorted by path.
    pub files: Vec<DataFile>,
}

impl Data {
    /// The file `data/<name>.yaml` (or `.yml`).
    pub fn file(&self, name: &str) -> Option<&DataFile> {
        ["yaml", "yml"].iter().find_map(|ext| {
            let path = Path::new("data").join(format!("{name}.{ext}"));
            self.files.iter().find(|f| f.path == path)
        })
    }

    /// Stems of the data files, for "did you mean" help lines.
    pub fn names(&self) -> Vec<String> {
        self.files.iter().filter_map(|f| Some(f.path.file_stem()?.to_str()?.to_string())).collect()
    }
}

/// The keys of `data` (file stems) whose file was added, removed or
/// edited between the files `old` and `new`.
pub fn changed_keys(old: &[DataFile], new: &[DataFile]) -> std::collections::BTreeSet<String> {
    let text = |files: &[DataFile], path: &Path| files.iter().find(|f| f.path == path).map(|f| f.text.clone());
    old.iter()
        .chain(new)
        .filter(|f| text(old, &f.path) != text(new, &f.path))
        .filter_map(|f| Some(f.path.file_stem()?.to_string_lossy().into_owned()))
        .collect()
}

/// Reads every `data/*.yaml` (and `.yml`) file once: the JSON object for
/// templates and the texts for the layouts.
pub fn read(root: &Path) -> (Data, Diagnostics) {
    let mut map = serde_json::Map::new();
    let mut texts = Vec::new();
    let mut diags = Diagnostics::new();
    let dir = root.join("data");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return (Data { value: serde_json::Value::Object(map), files: texts }, diags);
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    for path in files {
        let display = Path::new("data").join(path.file_name().unwrap_or_default());
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let text = match source_file::read_text(&path, &display, Place::Site(root)) {
            Ok(t) => t,
            Err(d) => {
                texts.push(DataFile { path: display, text: Err(d.message.clone()) });
                diags.push(d);
                continue;
            }
        };
        let src = YamlSource { path: &display, first_line: 1, key_noun: "key" };
        match yaml::parse::<serde_json::Value>(&text, src) {
            Ok(v) => {
                map.insert(stem, v);
            }
            Err(d) => diags.push(d),
        }
        texts.push(DataFile { path: display, text: Ok(text) });
    }
    (Data { value: serde_json::Value::Object(map), files: texts }, diags)
}

#[cfg(test)]
mod tests {
    use super::{DataFile, changed_keys};
    use std::path::PathBuf;

    fn file(path: &str, text: &str) -> DataFile {
        DataFile { path: PathBuf::from(path), text: Ok(text.to_string()) }
    }

    #[test]
    fn changed_keys_are_the_stems_of_files_added_removed_or_edited() {
        let old = [file("data/a.yaml", "x: 1"), file("data/b.yaml", "y: 1"), file("data/c.yml", "z: 1")];
        let new = [file("data/a.yaml", "x: 1"), file("data/b.yaml", "y: 2"), file("data/d.yaml", "w: 1")];
        let keys: Vec<String> = changed_keys(&old, &new).into_iter().collect();
        assert_eq!(keys, ["b", "c", "d"]);
        assert!(changed_keys(&new, &new).is_empty());
        // A file that could not be read is a change too.
        let unreadable = [DataFile { path: PathBuf::from("data/a.yaml"), text: Err("no".into()) }];
        assert_eq!(changed_keys(&old[..1], &unreadable).into_iter().collect::<Vec<_>>(), ["a"]);
    }
}

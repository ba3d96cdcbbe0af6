//! `data/*.yaml`: structured data for templates, by file stem
//! (`data/links.yaml` is `data.links` in templates).

use crate::diagnostics::Diagnostics;
use crate::source_file::{self, Place};
use crate::yaml::{self, YamlSource};
use std::path::{Path, PathBuf};

/// Reads every `data/*.yaml` (and `.yml`) file into one JSON object.
pub fn load(root: &Path) -> (serde_json::Value, Diagnostics) {
    let mut map = serde_json::Map::new();
    let mut diags = Diagnostics::new();
    let dir = root.join("data");
    let Ok(entries) = std::fs::read_dir(&dir) else { return (serde_json::Value::Object(map), diags) };
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
    }
    (serde_json::Value::Object(map), diags)
}

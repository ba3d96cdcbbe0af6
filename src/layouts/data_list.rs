//! Data files that are lists of entries (`data/*.yaml` read by a layout),
//! checked entry by entry so that one build reports every problem, each at
//! its `line:col`.

use crate::diagnostics::Diagnostic;
use crate::yaml::{self, Seg, Spans, YamlSource};
use serde::de::DeserializeOwned;
use std::path::Path;

/// One valid entry, with where it is in the file.
#[derive(Debug, Clone)]
pub struct Item<T> {
    /// The entry.
    pub value: T,
    /// Line the entry starts on.
    line: usize,
    /// Where the entry's keys and values are written.
    spans: std::sync::Arc<Spans>,
    /// The entry's path in `spans`: empty when the entry was parsed alone,
    /// its index when the whole file was.
    prefix: Option<usize>,
}

impl<T> Item<T> {
    /// Line and column of the key `field` in this entry (the entry's first line when absent).
    pub fn at(&self, field: &str) -> (usize, usize) {
        let path: Vec<Seg> = self.prefix.map(Seg::Index).into_iter().chain([Seg::from(field)]).collect();
        self.spans.key(&path).unwrap_or((self.line, 1))
    }
}

/// Parses `text`, the YAML list of data file `file`, entry by entry as `T`.
/// `what` names the file in messages ("a directory data file");
/// `first_field` is the field an entry is expected to start with, for the
/// help line.
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    what: &str,
    first_field: &str,
) -> (Vec<Item<T>>, Vec<Diagnostic>) {
    let src = YamlSource { path: file, first_line: 1, key_noun: "field" };
    let all: serde_json::Value = match yaml::parse(text, src) {
        Ok(v) => v,
        Err(d) => return (Vec::new(), vec![d]),
    };
    let Some(list) = all.as_array() else {
        let d = Diagnostic::error(file, 1, 1, format!("{what} must be a list of entries"))
            .with_help(format!("start each entry with `- {first_field}: …` at the beginning of a line"));
        return (Vec::new(), vec![d]);
    };
    let items = split_items(text);
    if items.len() != list.len() {
        // Not a plain block list (flow style, indented…): check it whole.
        return match yaml::parse_spanned::<Vec<T>>(text, src) {
            Ok((all, spans)) => {
                let spans = std::sync::Arc::new(spans);
                let item = |(i, value)| {
                    let line = spans.key(&[Seg::Index(i)]).map_or(1, |at| at.0);
                    Item { value, line, spans: spans.clone(), prefix: Some(i) }
                };
                (all.into_iter().enumerate().map(item).collect(), Vec::new())
            }
            Err(d) => (Vec::new(), vec![d]),
        };
    }
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for (line, item) in items {
        match yaml::parse_spanned::<T>(&item, YamlSource { first_line: line, ..src }) {
            Ok((value, spans)) => out.push(Item { value, line, spans: std::sync::Arc::new(spans), prefix: None }),
            Err(d) => diags.push(d),
        }
    }
    (out, diags)
}

/// The top-level items of a YAML block list, each with the line it starts
/// on, rewritten so that it parses alone with unchanged columns: the item's
/// `- ` becomes two spaces (an indented mapping).
fn split_items(text: &str) -> Vec<(usize, String)> {
    let mut items: Vec<(usize, String)> = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if let Some(rest) = line.strip_prefix("- ").or_else(|| (line.trim_end() == "-").then_some("\n")) {
            items.push((i + 1, format!("  {rest}")));
        } else if let Some(last) = items.last_mut() {
            // Lines that belong to the item (indented, blank or comments).
            let top_level = !line.starts_with([' ', '\t', '#', '\n', '\r']) && !line.trim().is_empty();
            if top_level {
                break;
            }
            last.1.push_str(line);
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct E {
        name: String,
        category: String,
    }

    #[test]
    fn items_keep_their_lines_and_columns() {
        let text = "# partners\n- name: A\n  category: X\n\n- name: B\n  category: Y\n";
        let items = split_items(text);
        assert_eq!(items.len(), 2);
        assert_eq!(items[0], (2, "  name: A\n  category: X\n\n".to_string()));
        assert_eq!(items[1].0, 5);
        let e: E = serde_yaml::from_str(&items[1].1).unwrap();
        assert_eq!((e.name.as_str(), e.category.as_str()), ("B", "Y"));
    }

    #[test]
    fn every_bad_entry_is_reported() {
        let text = "- name: A\n  category: X\n- nme: B\n  category: Y\n- name: C\n";
        let (items, diags) = parse::<E>(Path::new("data/x.yaml"), text, "a list", "name");
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].at("category"), (2, 3));
        let d: Vec<String> = diags.iter().map(|d| format!("{}:{}", d.line, d.col)).collect();
        assert_eq!(d, ["3:3", "5:3"], "{diags:?}");
    }
}

//! The layering rule of ARCHITECTURE.md, checked on the sources: a module
//! imports only from its own layer or the layers below it, and no two
//! source files import each other, directly or through others.
//!
//! Imports are read from `crate::…` and `super::…` paths in the code
//! (comments and `#[cfg(test)]` modules left out), and placed by the
//! longest module path they start with.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, bottom first: the first segment of a module's path.
const LAYERS: &[&[&str]] = &[
    &["diagnostics", "yaml", "source_file", "escape", "sink", "git", "timing"],
    &["schema"],
    &["config", "frontmatter", "theme", "template_deps", "i18n", "data"],
    &["discover"],
    &["content", "translation"],
    &["markdown", "highlight"],
    &["links"],
    &["render", "layouts"],
    &["search"],
    &["output"],
    &["pipeline"],
    &["serve", "check", "init", "cli"],
];

fn layer(module: &str) -> Option<usize> {
    let top = module.split("::").next()?;
    LAYERS.iter().position(|l| l.contains(&top))
}

/// Every source file's module path (`render::pages`) and its code.
fn modules() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new("src").into_iter().filter_map(Result::ok) {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix("src").unwrap().with_extension("");
        let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        let name = parts.join("::");
        if name == "main" || name == "lib" {
            continue;
        }
        out.insert(name, code_of(path));
    }
    out
}

/// The file's code without comments and without its test module.
fn code_of(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => &text,
    };
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The longest module path `path` starts with.
fn resolve(path: &str, modules: &BTreeMap<String, String>) -> Option<String> {
    let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
    (1..=parts.len()).rev().map(|n| parts[..n].join("::")).find(|m| modules.contains_key(m))
}

/// Module → the modules it imports.
fn imports(modules: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let path = regex_lite::Regex::new(r"\b(crate|super)((?:::[a-z_][a-z0-9_]*)*)(::\{([^}]*)\})?").unwrap();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (me, code) in modules {
        let is_mod_rs = modules.keys().any(|m| m.starts_with(&format!("{me}::")));
        for c in path.captures_iter(code) {
            let base = match &c[1] {
                "crate" => String::new(),
                _ => {
                    // `super` of `a::b` (a file) is `a`; of a folder's `mod.rs`, its parent.
                    let mut parts: Vec<&str> = me.split("::").collect();
                    parts.pop();
                    if is_mod_rs {
                        parts.pop();
                    }
                    parts.join("::")
                }
            };
            let head = format!("{base}{}", &c[2]);
            let mut targets = Vec::new();
            match c.get(4) {
                Some(group) => {
                    for item in group.as_str().split(',') {
                        let item = item.trim().split(['{', ' ']).next().unwrap_or("");
                        targets.push(resolve(&format!("{head}::{item}"), modules));
                    }
                }
                None => targets.push(resolve(&head, modules)),
            }
            for t in targets.into_iter().flatten() {
                if &t != me && !(is_mod_rs && t.starts_with(&format!("{me}::"))) {
                    edges.entry(me.clone()).or_default().insert(t);
                }
            }
        }
    }
    edges
}

#[test]
fn no_module_imports_from_a_layer_above_its_own() {
    let modules = modules();
    assert!(modules.len() > 50, "read {} source files", modules.len());
    let mut upward = Vec::new();
    for (from, tos) in imports(&modules) {
        let Some(lf) = layer(&from) else { panic!("`{from}` is on no layer: add it to LAYERS and ARCHITECTURE.md") };
        for to in tos {
            let lt = layer(&to).unwrap_or_else(|| panic!("`{to}` is on no layer"));
            if lt > lf {
                upward.push(format!("{from} → {to}"));
            }
        }
    }
    assert_eq!(upward, Vec::<String>::new(), "imports from a higher layer");
}

#[test]
fn no_two_source_files_import_each_other() {
    let modules = modules();
    let edges = imports(&modules);
    // Depth-first search for a cycle; prints the first one found.
    fn visit(
        m: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(m) {
            Some(2) => return None,
            Some(1) => {
                let at = stack.iter().position(|s| s == m).unwrap();
                return Some(stack[at..].to_vec());
            }
            _ => {}
        }
        state.insert(m.to_string(), 1);
        stack.push(m.to_string());
        for next in edges.get(m).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, state, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        state.insert(m.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for m in modules.keys() {
        if let Some(cycle) = visit(m, &edges, &mut state, &mut Vec::new()) {
            panic!("import circle: {}", cycle.join(" → "));
        }
    }
}

//! GitHub-compatible heading slugs, unique within a page.

use rustc_hash::FxHashMap as HashMap;

/// Slug of a heading as GitHub computes it: lower case, characters other
/// than letters, marks, numbers, `_`, `-` and spaces removed, spaces → `-`.
pub fn slugify(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_') || is_mark(*c))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn is_mark(c: char) -> bool {
    // Combining marks, as in decomposed accents and Indic scripts.
    matches!(c as u32, 0x0300..=0x036F | 0x0900..=0x0DFF | 0x1AB0..=0x1AFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Hands out unique ids: a repeated slug gets `-1`, `-2`, … like GitHub.
#[derive(Debug, Default)]
pub struct Slugger {
    seen: HashMap<String, usize>,
}

impl Slugger {
    /// A unique slug for heading text.
    pub fn slug(&mut self, text: &str) -> String {
        let base = slugify(text);
        let base = if base.is_empty() { "section".to_string() } else { base };
        self.reserve(&base)
    }

    /// Makes `id` unique (used for explicit `{#id}` and inherited ids).
    pub fn reserve(&mut self, id: &str) -> String {
        let mut candidate = id.to_string();
        while let Some(n) = self.seen.get(&candidate).copied() {
            self.seen.insert(candidate.clone(), n + 1);
            candidate = format!("{id}-{}", n + 1);
            if !self.seen.contains_key(&candidate) {
                break;
            }
        }
        self.seen.insert(candidate.clone(), 0);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_slugs() {
        assert_eq!(slugify("Front matter fields"), "front-matter-fields");
        assert_eq!(slugify("`site.yaml` keys"), "siteyaml-keys");
        assert_eq!(slugify("What's new? (v2.0)"), "whats-new-v20");
        assert_eq!(slugify("Démarrage rapide"), "démarrage-rapide");
        assert_eq!(slugify("インストール"), "インストール");
        assert_eq!(slugify("snake_case and-dash"), "snake_case-and-dash");
    }

    #[test]
    fn duplicates_get_counters() {
        let mut s = Slugger::default();
        assert_eq!(s.slug("Setup"), "setup");
        assert_eq!(s.slug("Setup"), "setup-1");
        assert_eq!(s.slug("Setup"), "setup-2");
        assert_eq!(s.slug("Setup 1"), "setup-1-1");
    }
}

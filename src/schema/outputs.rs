//! `outputs:` in site.yaml: the files written for machines beside the pages.

use serde::Deserialize;

/// Which machine-readable copies of the site a build writes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputsConfig {
    /// Every page also as markdown: `index.md` beside its `index.html`,
    /// with a `# Title` line and absolute links.
    #[serde(default)]
    pub markdown: bool,
    /// `llms.txt` (one linked line per page, grouped by top-level section)
    /// and `llms-full.txt` (every page's markdown) at each language's root.
    #[serde(default)]
    pub llms_txt: bool,
}

impl OutputsConfig {
    /// True when the build writes any of these files.
    pub fn any(&self) -> bool {
        self.markdown || self.llms_txt
    }
}

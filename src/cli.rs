//! Command-line interface (clap derive). No logic lives here.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// onramp builds documentation and onboarding sites from markdown and YAML.
#[derive(Debug, Parser)]
#[command(name = "onramp", version, about, propagate_version = true)]
pub struct Cli {
    /// Print only errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into its output folder.
    Build {
        /// Site folder (holds site.yaml).
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Output folder [default: SITE/public].
        #[arg(long, short)]
        out: Option<PathBuf>,
        /// Replace the output folder even if it is not empty and onramp did not write it
        /// (it has no `.onramp-output` file). Never overrides the refusal of sources.
        #[arg(long)]
        force: bool,
        /// Base URL, overriding site.yaml's `base_url` (an absolute http(s) URL).
        #[arg(long, value_parser = crate::config::parse_base_url)]
        base_url: Option<String>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print the time, CPU time and peak memory of each build stage.
        #[arg(long, short, conflicts_with = "quiet")]
        verbose: bool,
    },
    /// Build, serve on 127.0.0.1 and rebuild on every save, with live reload.
    Serve {
        /// Site folder (holds site.yaml).
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Port to listen on; the next free one is used if it is taken.
        #[arg(long, short, default_value_t = 1111)]
        port: u16,
        /// Fail when the port is taken instead of using the next free one.
        #[arg(long)]
        strict_port: bool,
        /// Address to bind. Other machines can reach the server only if you choose so.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in a browser.
        #[arg(long)]
        open: bool,
        /// Poll for changes (WSL, network drives) instead of file system events.
        #[arg(long)]
        poll: bool,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Check the site without writing it: links and anchors in every language, links into
    /// another language, orphan pages, translations, alt text, heading levels, duplicate ids.
    Check {
        /// Site folder (holds site.yaml).
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Check web (http/https) links too.
        #[arg(long)]
        external: bool,
        /// Output format: `text` (findings and a summary table) or `json` (for tools and CI).
        #[arg(long, value_enum, default_value_t = CheckFormat::Text, hide_possible_values = true)]
        format: CheckFormat,
    },
    /// Translation tools: status report and freshness stamps.
    I18n {
        /// What to do.
        #[command(subcommand)]
        command: I18nCommand,
    },
    /// Create a new site in DIR.
    Init {
        /// Folder to create (must not exist or be empty).
        dir: PathBuf,
    },
}

/// `onramp i18n` subcommands.
#[derive(Debug, Subcommand)]
pub enum I18nCommand {
    /// Report translated, outdated, unknown and missing pages and UI messages per language.
    Status {
        /// Site folder (holds site.yaml).
        #[arg(default_value = ".")]
        site: PathBuf,
        /// Only this language.
        #[arg(long)]
        lang: Option<String>,
        /// Output format: `table` (aligned text) or `json` (for tools).
        #[arg(long, value_enum, default_value_t = StatusFormat::Table, hide_possible_values = true)]
        format: StatusFormat,
        /// Exit with code 1 when a language has less than PERCENT of its pages translated and current.
        #[arg(long, value_name = "PERCENT")]
        fail_under: Option<f64>,
    },
    /// Record, in each translation, the version of its source it matches now.
    Stamp {
        /// Translated pages (e.g. content/install.fr.md).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

/// Output format of `i18n status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatusFormat {
    /// Aligned text.
    Table,
    /// JSON, for tools.
    Json,
}

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// Diagnostics and a summary per category.
    Text,
    /// JSON, for tools and CI annotations.
    Json,
}

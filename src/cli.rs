//! Command-line interface (clap derive). No logic lives here.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// onramp builds documentation and onboarding sites from markdown and YAML.
#[derive(Debug, Parser)]
#[command(name = "onramp", version, about, propagate_version = true)]
pub struct Cli {
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print the time of each build stage.
    #[arg(long, short, global = true)]
    pub verbose: bool,
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
        /// Base URL, overriding site.yaml's `base_url`.
        #[arg(long)]
        base_url: Option<String>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new site in DIR.
    Init {
        /// Folder to create (must not exist or be empty).
        dir: PathBuf,
    },
}

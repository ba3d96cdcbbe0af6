//! The `onramp` binary: parses the command line, calls the library, prints
//! diagnostics and maps results to exit codes (0 ok, 1 content errors,
//! 2 usage or I/O).

use clap::Parser;
use onramp::cli::{Cli, Command};
use onramp::diagnostics::Diagnostic;
use onramp::{BuildError, BuildOptions};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Command::Build { site, out, base_url, drafts } => {
            let opts = BuildOptions { root: site, out, base_url, drafts };
            build(&opts, cli.quiet, cli.verbose)
        }
        Command::Init { dir } => match onramp::init::init_site(&dir) {
            Ok(n) => {
                if !cli.quiet {
                    println!(
                        "created {} files in {}; build it with `onramp build {}`",
                        n,
                        dir.display(),
                        dir.display()
                    );
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{}: error: {e}", dir.display());
                ExitCode::from(2)
            }
        },
    }
}

fn print_all(diags: &[Diagnostic], quiet: bool) {
    for d in diags.iter().filter(|d| d.is_error() || !quiet) {
        eprintln!("{d}");
    }
}

fn build(opts: &BuildOptions, quiet: bool, verbose: bool) -> ExitCode {
    match onramp::build_site(opts) {
        Ok(report) => {
            print_all(&report.warnings, quiet);
            if verbose {
                for (stage, time) in &report.stages {
                    eprintln!("  {stage:<10} {:>8.1} ms", time.as_secs_f64() * 1000.0);
                }
            }
            if !quiet {
                let pages: Vec<String> = report.pages.iter().map(|(l, n)| format!("{n} {l}")).collect();
                let warnings = match report.warnings.len() {
                    0 => String::new(),
                    1 => ", 1 warning".into(),
                    n => format!(", {n} warnings"),
                };
                println!(
                    "built {} pages ({}) into {} in {:.2} s{warnings}",
                    report.pages.iter().map(|(_, n)| n).sum::<usize>(),
                    pages.join(", "),
                    report.out.display(),
                    report.elapsed.as_secs_f64()
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let diags = e.diagnostics();
            print_all(diags, quiet);
            let errors = diags.iter().filter(|d| d.is_error()).count();
            eprintln!(
                "build failed: {errors} error{}; the previous output was left untouched",
                if errors == 1 { "" } else { "s" }
            );
            ExitCode::from(match e {
                BuildError::Content(_) => 1,
                BuildError::Io(_) => 2,
            })
        }
    }
}

//! The `onramp` binary: parses the command line, calls the library, prints
//! diagnostics and maps results to exit codes (0 ok, 1 content errors,
//! 2 usage or I/O).

use clap::Parser;
use onramp::cli::{CheckFormat, Cli, Command, I18nCommand, StatusFormat};
use onramp::diagnostics::Diagnostic;
use onramp::{BuildError, BuildOptions};
use std::process::ExitCode;

/// mimalloc: about a tenth less CPU than the system allocator on large
/// builds (ARCHITECTURE.md, Benchmarks).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Per-map hash seeds from a counter per thread. Tera builds a hash map for
/// every function call's arguments and every map value, and ahash's default
/// source seeds each from one atomic counter that every render thread
/// increments, so the counter's cache line moves between cores thousands of
/// times per page (about 1 % of a large build's CPU). The keys stay random
/// per process; only the per-map mixing value comes from the thread.
struct ThreadSeeds;

impl ahash::random_state::RandomSource for ThreadSeeds {
    fn gen_hasher_seed(&self) -> usize {
        thread_local!(static NEXT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) });
        NEXT.with(|next| {
            // Threads start apart (the cell's address), and step by an odd
            // constant so no two maps of a thread share a seed.
            let seed = match next.get() {
                0 => next as *const _ as usize,
                n => n,
            }
            .wrapping_add(0x9e37_79b9_7f4a_7c15_u64 as usize);
            next.set(seed);
            seed
        })
    }
}

fn main() -> ExitCode {
    // Before the first hash map of Tera's is made.
    let _ = ahash::random_state::set_random_source(ThreadSeeds);
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    if let Err(e) = onramp::output::remove_staging_on_signals() {
        eprintln!("warning: cannot handle interruptions ({e}); an interrupted build may leave its staging folder");
    }
    match cli.command {
        Command::Build { site, out, base_url, drafts, force, verbose } => {
            let opts = BuildOptions { root: site, out, base_url, drafts, force };
            build(&opts, cli.quiet, verbose)
        }
        Command::I18n { command } => i18n(command, cli.quiet),
        Command::Check { site, external, format } => check(site, external, format, cli.quiet),
        Command::Serve { site, port, strict_port, bind, open, poll, drafts } => {
            if !site.is_dir() {
                eprintln!("{}: error: no such folder", site.display());
                eprintln!("  = help: give the folder that holds site.yaml; `onramp init DIR` creates a new site");
                return ExitCode::from(2);
            }
            let opts =
                onramp::serve::ServeOptions { root: site, port, bind, open, poll, drafts, out: None, strict_port };
            match onramp::serve::Server::bind(opts).and_then(onramp::serve::Server::run) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Init { dir } => match onramp::init::init_site(&dir) {
            Ok(n) => {
                if !cli.quiet {
                    out(&onramp::init::next_steps(n, &dir));
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

/// Prints each stage's time, CPU time and peak memory (`--verbose`).
fn print_stages(stages: &[onramp::Stage]) {
    for stage in stages {
        let mut line = format!("  {:<10} {:>8.1} ms", stage.name, stage.wall.as_secs_f64() * 1000.0);
        if let Some(cpu) = stage.cpu {
            line += &format!("  cpu {:>7.1} ms", cpu.as_secs_f64() * 1000.0);
        }
        if let Some(peak) = stage.peak_mib {
            line += &format!("  peak {peak:>5} MiB");
        }
        eprintln!("{line}");
    }
}

fn build(opts: &BuildOptions, quiet: bool, verbose: bool) -> ExitCode {
    let (result, stages) = onramp::pipeline::build_site_timed(opts);
    match result {
        Ok(report) => {
            print_all(&report.warnings, quiet);
            if verbose {
                print_stages(&report.stages);
            }
            if !quiet {
                let pages: Vec<String> = report.pages.iter().map(|(l, n)| format!("{n} {l}")).collect();
                let warnings = match report.warnings.len() {
                    0 => String::new(),
                    1 => ", 1 warning".into(),
                    n => format!(", {n} warnings"),
                };
                let (broken, level) = report.broken_links;
                let links = if broken == 1 { "1 broken link".to_string() } else { format!("{broken} broken links") };
                let warnings = match level {
                    _ if broken == 0 => warnings,
                    onramp::check::Level::Off => {
                        format!("{warnings}; {links} not reported (broken_links: off)")
                    }
                    _ => format!("{warnings}; {links} reported as warnings (broken_links: warn)"),
                };
                out(&format!(
                    "built {} pages ({}) into {} in {:.2} s{warnings}\n",
                    report.pages.iter().map(|(_, n)| n).sum::<usize>(),
                    pages.join(", "),
                    report.out.display(),
                    report.elapsed.as_secs_f64()
                ));
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            let code = fail(&e, quiet);
            if verbose {
                print_stages(&stages);
            }
            let errors = e.diagnostics().iter().filter(|d| d.is_error()).count();
            let plural = if errors == 1 { "" } else { "s" };
            eprintln!("build failed: {errors} error{plural}; the previous output was left untouched");
            code
        }
    }
}

fn fail(e: &BuildError, quiet: bool) -> ExitCode {
    print_all(e.diagnostics(), quiet);
    ExitCode::from(match e {
        BuildError::Content(_) => 1,
        BuildError::Io(_) => 2,
    })
}

fn check(root: std::path::PathBuf, external: bool, format: CheckFormat, quiet: bool) -> ExitCode {
    match onramp::check::run(&onramp::check::CheckOptions { root, external }) {
        Ok(report) => {
            match format {
                CheckFormat::Text => out(&report.text(quiet)),
                CheckFormat::Json => out(&report.json()),
            }
            if report.errors() > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
        }
        Err(e) => fail(&e, quiet),
    }
}

fn i18n(command: I18nCommand, quiet: bool) -> ExitCode {
    match command {
        I18nCommand::Status { site, lang, format, fail_under } => {
            let mut report = match onramp::pipeline::translation_status(&site) {
                Ok(r) => r,
                Err(e) => return fail(&e, quiet),
            };
            if let Some(code) = &lang {
                if let Err(message) = report.only(code) {
                    eprintln!("error: {message}");
                    return ExitCode::from(2);
                }
            }
            match format {
                StatusFormat::Table => out(&report.table()),
                StatusFormat::Json => out(&format!("{}\n", serde_json::to_string_pretty(&report).unwrap_or_default())),
            }
            match fail_under.and_then(|min| report.below(min)) {
                Some(message) => {
                    eprintln!("error: {message}");
                    ExitCode::from(1)
                }
                None => ExitCode::SUCCESS,
            }
        }
        I18nCommand::Stamp { paths } => match onramp::pipeline::stamp_translations(&paths) {
            Ok(done) => {
                if !quiet {
                    for (path, hash) in done {
                        out(&format!("{}: translation_of: {hash}\n", path.display()));
                    }
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(&e, quiet),
        },
    }
}

/// Writes to stdout; a closed pipe (`| head`) is not an error worth a panic.
fn out(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

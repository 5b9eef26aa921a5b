//! The `folio` command line.

use clap::{Parser, Subcommand};
use folio::{load, pipeline};
use std::path::PathBuf;
use std::process::ExitCode;

/// Turns report.toml into a typeset annual report (PDF) and funders' workbooks.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Examples:\n  folio build                      build report.toml into out/\n  folio build my.toml --out dist   build another report into dist/\n  folio check report.toml          validate only; write nothing"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the PDF and the workbooks.
    Build {
        /// The report definition.
        #[arg(default_value = "report.toml")]
        report: PathBuf,
        /// Folder for the outputs.
        #[arg(long, default_value = "out")]
        out: PathBuf,
    },
    /// Validate the report and lay it out, writing nothing.
    Check {
        /// The report definition.
        #[arg(default_value = "report.toml")]
        report: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { report, out } => build(&report, &out),
        Command::Check { report } => check(&report),
    }
}

fn build(report: &std::path::Path, out: &std::path::Path) -> ExitCode {
    let start = std::time::Instant::now();
    let loaded = match load::load_file(report) {
        Ok(l) => l,
        Err(f) => return fail(&f.render()),
    };
    let rendered = match pipeline::render(&loaded) {
        Ok(r) => r,
        Err(f) => return fail(&f.render()),
    };
    match pipeline::write(&rendered, out) {
        Ok(paths) => {
            for p in &paths {
                println!("wrote {}", p.display());
            }
            println!(
                "built {} in {} ms: {} pages",
                report.display(),
                start.elapsed().as_millis(),
                rendered.pages
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(&format!("error: {e}\n")),
    }
}

fn check(report: &std::path::Path) -> ExitCode {
    let loaded = match load::load_file(report) {
        Ok(l) => l,
        Err(f) => return fail(&f.render()),
    };
    let setter = match pipeline::setter() {
        Ok(s) => s,
        Err(f) => return fail(&f.render()),
    };
    match pipeline::typeset(&loaded, &setter) {
        Ok((_, layout)) => {
            let r = &loaded.report;
            println!(
                "{}: ok — {} sections, {} events, {} members, {} people, {} publications, {} abbreviations; {} pages",
                report.display(),
                r.sections.len(),
                r.events.len(),
                r.members.len(),
                r.people.len(),
                r.publications.len(),
                r.abbreviations.len(),
                layout.pages.len()
            );
            ExitCode::SUCCESS
        }
        Err(f) => fail(&f.render()),
    }
}

fn fail(msg: &str) -> ExitCode {
    eprint!("{msg}");
    ExitCode::from(1)
}

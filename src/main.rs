//! The `folio` command line.

use anyhow::{Context, anyhow, bail};
use clap::{Args, Parser, Subcommand};
use folio::{load, pipeline};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// mimalloc: layout makes many short-lived allocations (glyph vectors, line
// items); with glibc's allocator a build spent about a tenth of its time in
// malloc and free. Built without transparent huge pages, which would
// double the resident memory for no gain here.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Turns report.toml into a typeset annual report (PDF) and funders' workbooks.
#[derive(Parser)]
#[command(
    version,
    about,
    after_help = "Examples:\n  folio build                      build report.toml into out/\n  folio build my.toml --out dist   build another report into dist/\n  folio build --csv                also write the data sheets as CSV\n  folio check report.toml          validate only; write nothing\n  folio watch                      rebuild out/ whenever report.toml is saved\n  folio serve --open               preview the web edition, reloading on every save"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the PDF and the workbooks.
    Build(BuildArgs),
    /// Build, then rebuild whenever the report or an image it uses is saved.
    Watch(BuildArgs),
    /// Build, serve the web edition at http://127.0.0.1:PORT/ (loopback
    /// only) and rebuild on every save: open pages reload by themselves and
    /// show the problems while the report is invalid.
    Serve {
        #[command(flatten)]
        build: BuildArgs,
        /// The port (0: any free one; the address is printed).
        #[arg(long, default_value_t = 8000)]
        port: u16,
        /// Open the preview in the desktop's browser.
        #[arg(long)]
        open: bool,
    },
    /// Validate the report and lay it out, writing nothing.
    Check {
        /// The report definition.
        #[arg(default_value = "report.toml")]
        report: PathBuf,
        /// Let image paths be absolute or leave the report's folder.
        #[arg(long)]
        allow_outside_paths: bool,
        /// How to print problems: text for people, json for editors and CI.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Start next year's report from this one: keeps the organisation,
    /// offices, pathways, people, members, figures, abbreviations and
    /// design; clears events and publications; marks each section's prose
    /// to be written. Never overwrites a file.
    New {
        /// The year of the new report.
        year: i32,
        /// The report to start from.
        #[arg(long, default_value = "report.toml")]
        from: PathBuf,
        /// The new file (default: report-YEAR.toml beside --from).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Print the JSON Schema of report.toml (for editor completion), or
    /// write it to a file.
    Schema {
        /// Write it here instead of printing it (report.schema.json).
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// How `folio check` prints what it found.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// Located messages with the offending line, as compilers print them.
    Text,
    /// One JSON object: file, ok, pages, and each diagnostic with file,
    /// line, column, end_line, end_column, severity, message and hint.
    Json,
}

#[derive(Args)]
struct BuildArgs {
    /// The report definition.
    #[arg(default_value = "report.toml")]
    report: PathBuf,
    /// Folder for the outputs.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// Let image paths be absolute or leave the report's folder.
    #[arg(long)]
    allow_outside_paths: bool,
    /// Also write each workbook's data sheets as UTF-8 CSV files.
    #[arg(long)]
    csv: bool,
    /// Also write the print-shop edition (3 mm bleed, crop marks), named
    /// as `[output] print` says or after the PDF with "-print".
    #[arg(long)]
    print: bool,
    /// Also write the web edition (a folder of HTML pages), named as
    /// `[output] html` says or "web".
    #[arg(long)]
    html: bool,
}

impl BuildArgs {
    fn options(&self) -> load::Options {
        load::Options {
            allow_outside_paths: self.allow_outside_paths,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let done = match cli.command {
        Command::Build(a) => build(&a),
        Command::Watch(a) => {
            let also = folio::watch::Also {
                csv: a.csv,
                print: a.print,
                html: a.html,
            };
            folio::watch::run(&a.report, &a.out, &a.options(), also).map_err(anyhow::Error::msg)
        }
        Command::Serve {
            build: a,
            port,
            open,
        } => {
            let also = folio::watch::Also {
                csv: a.csv,
                print: a.print,
                html: true,
            };
            folio::serve::run(&a.report, &a.out, &a.options(), port, open, also)
                .map_err(anyhow::Error::msg)
        }
        Command::Schema { out } => schema(out.as_deref()),
        Command::New { year, from, out } => new_report(year, &from, out),
        Command::Check {
            report,
            allow_outside_paths,
            format,
        } => check(
            &report,
            &load::Options {
                allow_outside_paths,
            },
            format,
        ),
    };
    match done {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            match e.downcast_ref::<Shown>() {
                Some(Shown(text)) => eprint!("{text}"),
                // The error and its causes on one line, as the other
                // messages: "error: cannot write x.toml: Permission denied".
                None => eprintln!("error: {e:#}"),
            }
            ExitCode::from(1)
        }
    }
}

/// A failure already worded for the terminal (located problems with their
/// source lines and closing count, or nothing when `check --format json`
/// printed them): printed as it is, not prefixed with "error:".
#[derive(Debug)]
struct Shown(String);

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Shown {}

/// Located problems of a failed build, closing with "nothing was written".
fn shown(f: &folio::diagnostic::Failure) -> anyhow::Error {
    Shown(f.render()).into()
}

fn build(a: &BuildArgs) -> anyhow::Result<()> {
    let (report, out) = (&a.report, &a.out);
    let start = std::time::Instant::now();
    let mut loaded = load::load_file_with(report, &a.options()).map_err(|f| shown(&f))?;
    if a.print {
        loaded.report.output.want_print_edition();
    }
    if a.html {
        loaded.report.output.want_web_edition();
    }
    eprint!("{}", loaded.failure(loaded.warnings.clone()).render_each());
    let mut setter = pipeline::setter().map_err(|f| shown(&f))?;
    let b = match pipeline::build(&loaded, out, &mut setter, a.csv) {
        Ok(b) => b,
        Err(pipeline::BuildError::Invalid(f)) => return Err(shown(&f)),
        Err(e) => return Err(e.into()),
    };
    eprint!("{}", loaded.failure(b.warnings.clone()).render_each());
    for p in &b.written.changed {
        println!("wrote {}", p.display());
    }
    if !b.written.unchanged.is_empty() {
        println!(
            "left alone (unchanged): {}",
            names(&b.written.unchanged).join(", ")
        );
    }
    if !b.extras.is_empty() {
        println!(
            "not from this build, left in {}: {}",
            out.display(),
            b.extras.join(", ")
        );
    }
    println!("{}", b.closing_line(report, start));
    Ok(())
}

fn check(report: &Path, opts: &load::Options, format: Format) -> anyhow::Result<()> {
    // check writes nothing, so its closing line does not say so; as JSON,
    // the problems go to stdout and the exit code alone says it failed.
    let failed = |f: folio::diagnostic::Failure| -> anyhow::Error {
        match format {
            Format::Text => Shown(f.render_closing("")).into(),
            Format::Json => {
                println!("{}", check_json(&f, None));
                Shown(String::new()).into()
            }
        }
    };
    let loaded = load::load_file_with(report, opts).map_err(failed)?;
    let mut setter = pipeline::setter().map_err(failed)?;
    let (_, layout) = pipeline::typeset(&loaded, &mut setter).map_err(failed)?;
    let mut all = loaded.warnings.clone();
    all.extend(pipeline::layout_warnings(&loaded, &layout));
    let n = all.len();
    let warnings = loaded.failure(all);
    if format == Format::Json {
        println!("{}", check_json(&warnings, Some(layout.pages.len())));
        return Ok(());
    }
    eprint!("{}", warnings.render_each());
    let r = &loaded.report;
    println!(
        "{}: ok — {}; {} pages{}",
        report.display(),
        r.table_summary(),
        layout.pages.len(),
        match n {
            0 => String::new(),
            1 => "; 1 warning".to_string(),
            n => format!("; {n} warnings"),
        }
    );
    Ok(())
}

/// `folio check --format json`: whether the report builds, its pages, and
/// every diagnostic (errors, or the warnings of a report that builds).
fn check_json(f: &folio::diagnostic::Failure, pages: Option<usize>) -> serde_json::Value {
    serde_json::json!({
        "file": f.file,
        "ok": pages.is_some(),
        "pages": pages,
        "diagnostics": f.to_json(),
    })
}

fn new_report(year: i32, from: &Path, out: Option<PathBuf>) -> anyhow::Result<()> {
    let out = out.unwrap_or_else(|| from.with_file_name(format!("report-{year}.toml")));
    if out.exists() {
        bail!(
            "{} exists; folio new never overwrites a file (expected a new file name: --out report-{year}-draft.toml)",
            out.display()
        );
    }
    // Start only from a report that builds, so the new one does too.
    if let Err(f) = load::load_file(from) {
        return Err(Shown(f.render_closing(&format!("; fix {} first", from.display()))).into());
    }
    let src =
        std::fs::read_to_string(from).with_context(|| format!("cannot read {}", from.display()))?;
    // Image paths are relative to the report's folder: from another
    // folder they are rewritten, or the images copied beside the new file.
    let folder = |p: &Path| match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (from_dir, out_dir) = (folder(from), folder(&out));
    let rebase = folio::next_year::Rebase::new(&from_dir, &out_dir).with_context(|| {
        format!(
            "cannot use the folder {} for {}",
            out_dir.display(),
            out.display()
        )
    })?;
    let next = folio::next_year::next_year_with(&src, year, &|p: &str| rebase.path(p))
        .map_err(|e| anyhow!("{}: {e}", from.display()))?;
    // The images copied so far, removed again if a later step fails, so a
    // failed `folio new` leaves the folder as it found it.
    let mut copied = Copied(Vec::new());
    for (image, to) in rebase.copies.borrow().iter() {
        if to.exists() {
            if std::fs::read(to).ok() == std::fs::read(image).ok() {
                continue;
            }
            bail!(
                "{} exists and is not {}; folio new never overwrites a file (expected that image there, or a new file in another folder)",
                to.display(),
                image.display()
            );
        }
        to.parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::copy(image, to))
            .with_context(|| format!("cannot copy {} to {}", image.display(), to.display()))?;
        copied.0.push(to.clone());
    }
    let opts = load::Options::default();
    load::load_str_in(&out.display().to_string(), &next.text, &out_dir, &opts)
        .map_err(|f| shown(&f))?;
    // create_new: a file that appeared meanwhile is not overwritten either.
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&out)
        .and_then(|mut f| std::io::Write::write_all(&mut f, next.text.as_bytes()))
        .with_context(|| format!("cannot write {}", out.display()))?;
    for c in std::mem::take(&mut copied.0) {
        println!("copied {} (an image the new report shows)", c.display());
    }
    println!(
        "wrote {}: {} sections to write (folio check lists them); {} cleared; {} people who left in {} not carried over",
        out.display(),
        next.to_write,
        and_list(
            &next
                .cleared
                .iter()
                .map(|(t, n)| format!("{n} {t}"))
                .collect::<Vec<_>>()
        ),
        next.departed,
        year - 1
    );
    for id in &next.ended {
        println!(
            "project \"{id}\" ended before {year}: remove it from [[projects]] or set its end, and name the year's projects"
        );
    }
    Ok(())
}

/// Images `folio new` copied; dropped while still holding any (an error
/// after copying), it removes them.
struct Copied(Vec<PathBuf>);

impl Drop for Copied {
    fn drop(&mut self) {
        for c in &self.0 {
            let _ = std::fs::remove_file(c);
        }
    }
}

fn schema(out: Option<&Path>) -> anyhow::Result<()> {
    let text = folio::model::schema();
    match out {
        None => print!("{text}"),
        Some(path) => {
            folio::output::write_atomic(path, text.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
            println!("wrote {}", path.display());
        }
    }
    Ok(())
}

fn names(paths: &[PathBuf]) -> Vec<String> {
    paths
        .iter()
        .map(|p| {
            p.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items.split_last() {
        None => "nothing".to_string(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

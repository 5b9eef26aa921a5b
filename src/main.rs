//! The `folio` command line.

use clap::{Args, Parser, Subcommand};
use folio::{load, pipeline};
use std::path::PathBuf;
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
    match cli.command {
        Command::Build(a) => build(&a),
        Command::Watch(a) => {
            let also = folio::watch::Also {
                csv: a.csv,
                print: a.print,
                html: a.html,
            };
            match folio::watch::run(&a.report, &a.out, &a.options(), also) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&format!("error: {e}\n")),
            }
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
            match folio::serve::run(&a.report, &a.out, &a.options(), port, open, also) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(&format!("error: {e}\n")),
            }
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
    }
}

fn build(a: &BuildArgs) -> ExitCode {
    let (report, out) = (&a.report, &a.out);
    let start = std::time::Instant::now();
    let mut loaded = match load::load_file_with(report, &a.options()) {
        Ok(l) => l,
        Err(f) => return fail(&f.render()),
    };
    if a.print {
        loaded.report.output.want_print_edition();
    }
    if a.html {
        loaded.report.output.want_web_edition();
    }
    eprint!("{}", loaded.failure(loaded.warnings.clone()).render_each());
    let mut setter = match pipeline::setter() {
        Ok(s) => s,
        Err(f) => return fail(&f.render()),
    };
    match pipeline::build(&loaded, out, &mut setter, a.csv) {
        Ok(b) => {
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
            println!(
                "built {} in {} ms: {} pages; {}",
                report.display(),
                start.elapsed().as_millis(),
                b.pages,
                b.changes
            );
            ExitCode::SUCCESS
        }
        Err(pipeline::BuildError::Invalid(f)) => fail(&f.render()),
        Err(e) => fail(&format!("error: {e}\n")),
    }
}

fn check(report: &std::path::Path, opts: &load::Options, format: Format) -> ExitCode {
    // check writes nothing, so its closing line does not say so.
    let failed = |f: folio::diagnostic::Failure| match format {
        Format::Text => fail(&f.render_closing("")),
        Format::Json => {
            println!("{}", check_json(&f, None));
            ExitCode::from(1)
        }
    };
    let loaded = match load::load_file_with(report, opts) {
        Ok(l) => l,
        Err(f) => return failed(f),
    };
    let mut setter = match pipeline::setter() {
        Ok(s) => s,
        Err(f) => return failed(f),
    };
    let layout = match pipeline::typeset(&loaded, &mut setter) {
        Ok((_, layout)) => layout,
        Err(f) => return failed(f),
    };
    let mut all = loaded.warnings.clone();
    all.extend(pipeline::layout_warnings(&loaded, &layout));
    let n = all.len();
    let warnings = loaded.failure(all);
    if format == Format::Json {
        println!("{}", check_json(&warnings, Some(layout.pages.len())));
        return ExitCode::SUCCESS;
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
    ExitCode::SUCCESS
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

fn new_report(year: i32, from: &std::path::Path, out: Option<PathBuf>) -> ExitCode {
    let out = out.unwrap_or_else(|| from.with_file_name(format!("report-{year}.toml")));
    if out.exists() {
        return fail(&format!(
            "error: {} exists; folio new never overwrites a file (expected a new file name: --out report-{year}-draft.toml)\n",
            out.display()
        ));
    }
    // Start only from a report that builds, so the new one does too.
    if let Err(f) = load::load_file(from) {
        return fail(&f.render_closing(&format!("; fix {} first", from.display())));
    }
    let src = match std::fs::read_to_string(from) {
        Ok(s) => s,
        Err(e) => return fail(&format!("error: cannot read {}: {e}\n", from.display())),
    };
    // Image paths are relative to the report's folder: from another
    // folder they are rewritten, or the images copied beside the new file.
    let folder = |p: &std::path::Path| match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (from_dir, out_dir) = (folder(from), folder(&out));
    let rebase = match folio::next_year::Rebase::new(&from_dir, &out_dir) {
        Ok(r) => r,
        Err(e) => {
            return fail(&format!(
                "error: cannot use the folder {} for {}: {e}\n",
                out_dir.display(),
                out.display()
            ));
        }
    };
    let next = match folio::next_year::next_year_with(&src, year, &|p: &str| rebase.path(p)) {
        Ok(n) => n,
        Err(e) => return fail(&format!("error: {}: {e}\n", from.display())),
    };
    let mut copied: Vec<PathBuf> = Vec::new();
    let undo = |copied: &[PathBuf]| {
        for c in copied {
            let _ = std::fs::remove_file(c);
        }
    };
    for (image, to) in rebase.copies.borrow().iter() {
        if to.exists() {
            if std::fs::read(to).ok() == std::fs::read(image).ok() {
                continue;
            }
            undo(&copied);
            return fail(&format!(
                "error: {} exists and is not {}; folio new never overwrites a file (expected that image there, or a new file in another folder)\n",
                to.display(),
                image.display()
            ));
        }
        let done = to
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::copy(image, to));
        if let Err(e) = done {
            undo(&copied);
            return fail(&format!(
                "error: cannot copy {} to {}: {e}\n",
                image.display(),
                to.display()
            ));
        }
        copied.push(to.clone());
    }
    let opts = load::Options::default();
    if let Err(f) = load::load_str_in(&out.display().to_string(), &next.text, &out_dir, &opts) {
        undo(&copied);
        return fail(&f.render());
    }
    // create_new: a file that appeared meanwhile is not overwritten either.
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&out)
        .and_then(|mut f| std::io::Write::write_all(&mut f, next.text.as_bytes()));
    if let Err(e) = written {
        undo(&copied);
        return fail(&format!("error: cannot write {}: {e}\n", out.display()));
    }
    for c in &copied {
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
    ExitCode::SUCCESS
}

fn schema(out: Option<&std::path::Path>) -> ExitCode {
    let text = folio::model::schema();
    match out {
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Some(path) => match folio::output::write_atomic(path, text.as_bytes()) {
            Ok(()) => {
                println!("wrote {}", path.display());
                ExitCode::SUCCESS
            }
            Err(e) => fail(&format!("error: cannot write {}: {e}\n", path.display())),
        },
    }
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

fn fail(msg: &str) -> ExitCode {
    eprint!("{msg}");
    ExitCode::from(1)
}

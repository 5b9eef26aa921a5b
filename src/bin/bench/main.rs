//! `cargo run --release --bin bench [ROUNDS] [--no-typst]`: measures a full
//! build (PDF, web edition and the workbooks, the funders' too) of the
//! default report and of a 10× report (every section, event, person and
//! publication repeated ten times), several ways:
//!
//! - **end to end**: a fresh process per build, as a user runs it: `folio
//!   build` on report.toml (and this program's `--child 10x` for the 10×
//!   report), writing real files; CPU time (user + system) and peak memory
//!   of each child from the kernel's accounting (`wait4`), median of
//!   the rounds; the growth from 1× to 10×; then both reports with the
//!   PDF alone (`--child SCALE --pdf-only`), which is what Typst makes,
//!   and with the PDF and the three data workbooks (`--data-books`), the
//!   build issue 19 measured before the web edition and the funders'
//!   workbooks were added;
//! - **the web edition's cost**: the default report built with and without
//!   it, alternated, fresh processes, the difference of the medians;
//! - **against Typst** ([`typst`]): the same content compiled by Typst in
//!   the same rounds (folio's full build, its PDF alone, then Typst, round
//!   after round, so all three meet the same load on the machine), the
//!   ratios of CPU time and peak memory, of the full build and of the PDF
//!   alone;
//! - **per stage**: in this process, each stage's CPU time, every
//!   thread's (best of the rounds, so warm), to show where the time goes.
//!
//! `bench --typst-source default|10x FILE` writes the Typst source the
//! comparison compiles, to read or to run by hand.

mod measure;
mod stages;
mod typst;

use measure::{CommandMaker, Series, interleaved, run_measured};

use folio::{compose, load, pipeline};

// mimalloc: layout makes many short-lived allocations (glyph vectors, line
// items); with glibc's allocator a build spent about a tenth of its time in
// malloc and free. Built without transparent huge pages, which would
// double the resident memory for no gain here.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn times_ten(r: &folio::model::Report) -> folio::model::Report {
    let mut big = r.clone();
    let sfx = |id: &str, k: usize| {
        if k == 0 {
            id.to_string()
        } else {
            format!("{id}-{k}")
        }
    };
    big.sections.clear();
    big.events.clear();
    big.people.clear();
    big.publications.clear();
    let body: Vec<_> = r.sections.iter().filter(|s| s.role.is_none()).collect();
    for k in 0..10 {
        for s in &body {
            let mut s = (*s).clone();
            s.id = sfx(&s.id, k);
            big.sections.push(s);
        }
        for e in &r.events {
            let mut e = e.clone();
            e.id = sfx(&e.id, k);
            e.section = e.section.as_deref().map(|x| sfx(x, k));
            big.events.push(e);
        }
        big.people.extend(r.people.iter().cloned());
        for p in &r.publications {
            let mut p = p.clone();
            p.id = sfx(&p.id, k);
            p.section = p.section.as_deref().map(|x| sfx(x, k));
            big.publications.push(p);
        }
    }
    big.sections
        .extend(r.sections.iter().filter(|s| s.role.is_some()).cloned());
    big
}

/// The web edition's cost, end to end: the default report built with and
/// without it (this program's `--child`, so both the same binary),
/// alternated round by round so that both meet the same load; the
/// difference of the median CPU times, and that as a share of the build
/// with it.
fn web_edition_cost(rounds: usize, me: &std::path::Path, out: &std::path::Path) -> (f64, f64) {
    let (mut with, mut without) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        for (web, times) in [(true, &mut with), (false, &mut without)] {
            let _ = std::fs::remove_dir_all(out);
            let mut c = std::process::Command::new(me);
            c.args(["--child", "default", if web { "--web" } else { "--no-web" }])
                .arg(out);
            times.push(run_measured(c).0);
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (w, wo) = (median(&mut with), median(&mut without));
    println!(
        "\nweb edition: {:.1} ms ({:.0}% of the build): default report {:.1} ms with it, {:.1} ms without (CPU, medians of {rounds}, alternated).",
        (w - wo) * 1000.0,
        (w - wo) / w * 100.0,
        w * 1000.0,
        wo * 1000.0
    );
    (w - wo, w)
}

/// What the end-to-end rounds measured for one report: folio's full
/// build, its PDF-only build and, when Typst runs here, Typst's compile
/// (its start taken off) and that start.
struct Scale {
    full: Series,
    pdf: Series,
    /// The PDF and the three data workbooks (`--data-books`).
    books: Series,
    typst: Option<(Series, Option<Series>)>,
}

impl Scale {
    /// Typst's median CPU seconds with its start taken off, and its peak.
    fn typst(&self) -> Option<(f64, f64)> {
        let (compile, start) = self.typst.as_ref()?;
        let start = start.as_ref().map_or(0.0, Series::median);
        Some(((compile.median() - start).max(0.0), compile.peak))
    }
}

/// The rounds for `scale`: folio's full build, its PDF alone and Typst on
/// the same content (when `typst` is given), interleaved round by round.
/// Typst is dropped (and `typst` set to None, saying why) when it fails on
/// the generated source.
fn measure_scale<'a>(
    rounds: usize,
    scale: &'static str,
    folio: impl Fn() -> [CommandMaker<'a>; 3],
    typst: &mut Option<typst::Typst>,
    tmp: &std::path::Path,
) -> Scale {
    loop {
        let measured = {
            let mut makers: Vec<CommandMaker> = folio().into();
            if let Some(t) = typst.as_ref() {
                let src = tmp.join(format!("typst-{scale}.typ"));
                let pdf = tmp.join(format!("typst-{scale}.pdf"));
                std::fs::write(&src, typst_source(scale)).expect("the Typst source is written");
                makers.push(Box::new(move || t.command(&src, &pdf)));
                if t.start_command().is_some() {
                    makers.push(Box::new(|| t.start_command().expect("a start to measure")));
                }
            }
            interleaved(rounds, &makers)
        };
        match measured {
            Ok(series) => {
                let mut it = series.into_iter();
                let (full, pdf, books) =
                    (it.next().unwrap(), it.next().unwrap(), it.next().unwrap());
                let typst = it.next().map(|compile| (compile, it.next()));
                return Scale {
                    full,
                    pdf,
                    books,
                    typst,
                };
            }
            Err(i) if i >= 3 => {
                println!(
                    "{scale}: Typst failed on the generated source (`bench --typst-source {scale} FILE` writes it): no ratios."
                );
                *typst = None;
            }
            Err(_) => panic!("the {scale} build failed (run it by hand to see why)"),
        }
    }
}

/// Prints Typst's figures beside folio's for each report.
fn print_typst(rounds: usize, how: &str, scales: &[Scale]) {
    println!(
        "\nTypst on the same content (headings, prose, lists, tables, charts' data, photos; the report's fonts), {how}; median of {rounds}, each round run right after folio's:"
    );
    println!(
        "(folio's full build makes the web edition and the workbooks too; its PDF-only build is the like-for-like figure.)"
    );
    println!(
        "{:<10} {:>10} {:>10} {:>12} {:>12} {:>14} {:>12}",
        "report", "cpu", "peak RSS", "full/Typst", "memory", "PDF only/Typst", "memory"
    );
    for (scale, m) in ["default", "10x"].into_iter().zip(scales) {
        let Some((t, peak)) = m.typst() else { continue };
        println!(
            "{:<10} {:>10} {:>10} {:>12} {:>12} {:>14} {:>12}",
            scale,
            format!("{:.1} ms", t * 1000.0),
            format!("{:.0} MiB", peak),
            format!("{:.3}×", m.full.median() / t),
            format!("{:.3}×", m.full.peak / peak),
            format!("{:.3}×", m.pdf.median() / t),
            format!("{:.3}×", m.pdf.peak / peak)
        );
    }
}

/// The targets, each with the figure measured in this run: the
/// CPU ratios for the full build (the issue's) and for the PDF alone (the
/// like-for-like comparison with Typst, which makes only the PDF).
fn targets(
    folio_runs: &[(f64, f64)],
    pdf_runs: &[(f64, f64)],
    books1: f64,
    (web, with_web): (f64, f64),
    typst: Option<Vec<(f64, f64)>>,
) {
    let ([(cpu1, _), (cpu10, rss10)], [(pdf1, _), (pdf10, pdf_rss10)]) = (folio_runs, pdf_runs)
    else {
        return;
    };
    let verdict = |met: bool| if met { "met" } else { "NOT met" };
    println!("\nTargets:");
    let growth = cpu10 / cpu1;
    println!(
        "  growth 1× → 10×                  {growth:>8.2}×    (≤ 10×)      {}",
        verdict(growth <= MAX_GROWTH)
    );
    println!(
        "  peak memory at 10×               {rss10:>6.0} MiB   (≤ {MAX_PEAK_MIB_10X:.0} MiB)   {}",
        verdict(*rss10 <= MAX_PEAK_MIB_10X)
    );
    println!(
        "  peak memory at 10×, PDF only     {pdf_rss10:>6.0} MiB   (≤ {MAX_PEAK_MIB_10X:.0} MiB)   {}",
        verdict(*pdf_rss10 <= MAX_PEAK_MIB_10X)
    );
    match typst {
        Some(t) => {
            for (label, cpu, typst_cpu, max) in [
                ("default / Typst (CPU)", cpu1, t[0].0, MAX_TYPST_RATIO_1X),
                (
                    "default, PDF only / Typst",
                    pdf1,
                    t[0].0,
                    MAX_TYPST_RATIO_1X,
                ),
                (
                    "default, PDF+3 books / Typst",
                    &books1,
                    t[0].0,
                    MAX_TYPST_RATIO_1X,
                ),
                ("10× / Typst (CPU)", cpu10, t[1].0, MAX_TYPST_RATIO_10X),
                ("10×, PDF only / Typst", pdf10, t[1].0, MAX_TYPST_RATIO_10X),
            ] {
                let r = cpu / typst_cpu;
                println!(
                    "  {label:<30} {r:>8.3}×    (≤ {max}×)    {}",
                    verdict(r <= max)
                );
            }
            println!(
                "  peak at 10× / Typst's            {:>8.3}×    (Typst {:.0} MiB)",
                rss10 / t[1].1,
                t[1].1
            );
        }
        None => println!("  default / Typst, 10× / Typst: not measured (no Typst)"),
    }
    println!(
        "  web edition                      {:>6.1} ms    ({:.0}% of the build)",
        web * 1000.0,
        web / with_web * 100.0
    );
}

/// Issue 19's targets: the 10× report's CPU time at most this many times
/// the default's.
const MAX_GROWTH: f64 = 10.0;
/// … its peak memory at most this (a quarter of Typst's on that report).
const MAX_PEAK_MIB_10X: f64 = 105.0;
/// … and folio's CPU time over Typst's on the same content, at 1× and 10×.
const MAX_TYPST_RATIO_1X: f64 = 0.12;
/// See [`MAX_TYPST_RATIO_1X`].
const MAX_TYPST_RATIO_10X: f64 = 0.15;

/// The report at `scale` ("default" or "10x"), as loaded.
fn scaled(scale: &str) -> load::Loaded {
    let loaded =
        load::load_file("report.toml".as_ref()).unwrap_or_else(|f| panic!("{}", f.render()));
    match scale {
        "10x" => load::Loaded {
            report: times_ten(&loaded.report),
            ..loaded
        },
        _ => loaded,
    }
}

/// `bench --child default|10x [--no-web|--pdf-only] OUT`: one end-to-end
/// build into OUT, without the web edition, or of the PDF alone (what
/// Typst makes), when asked.
fn child(args: &[String]) {
    let mut loaded = scaled(&args[0]);
    match args[1].as_str() {
        "--no-web" => loaded.report.output.html = None,
        // The build issue 19 measured, before the web edition and the
        // funders' and projects' workbooks: the PDF and the three data
        // workbooks.
        "--data-books" => {
            let o = &mut loaded.report.output;
            for other in [&mut o.print, &mut o.html, &mut o.funders, &mut o.projects] {
                *other = None;
            }
        }
        "--pdf-only" => {
            let o = &mut loaded.report.output;
            for other in [
                &mut o.print,
                &mut o.events,
                &mut o.members,
                &mut o.publications,
                &mut o.html,
                &mut o.funders,
                &mut o.projects,
            ] {
                *other = None;
            }
        }
        _ => {}
    }
    let out = std::path::Path::new(args.last().expect("an output folder"));
    let mut setter = pipeline::setter().unwrap_or_else(|f| panic!("{}", f.render()));
    pipeline::build(&loaded, out, &mut setter, false).unwrap_or_else(|e| panic!("{e}"));
}

/// The Typst source of the report at `scale`.
fn typst_source(scale: &str) -> String {
    let loaded = scaled(scale);
    let mut doc = compose::compose(&loaded.report, None);
    doc.images = loaded.images;
    typst::source(&doc)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("--child") => return child(&args[2..]),
        Some("--typst-source") => {
            let (scale, file) = (&args[2], &args[3]);
            std::fs::write(file, typst_source(scale)).expect("the Typst source is written");
            return;
        }
        _ => {}
    }
    let rounds: usize = args
        .iter()
        .skip(1)
        .find_map(|x| x.parse().ok())
        .unwrap_or(10);
    let with_typst = !args.iter().any(|a| a == "--no-typst");
    let path = std::path::Path::new("report.toml");
    let loaded = load::load_file(path).unwrap_or_else(|f| panic!("{}", f.render()));
    let big = load::Loaded {
        report: times_ten(&loaded.report),
        ..loaded.clone()
    };

    let me = std::env::current_exe().expect("own path");
    let folio = me.with_file_name("folio");
    let tmp = std::env::temp_dir().join(format!("folio-bench-{}", std::process::id()));
    let (out_default, out_big) = (tmp.join("default"), tmp.join("10x"));
    std::fs::create_dir_all(&tmp).expect("a folder for the bench");
    // A child build of `scale` with `mode` (see `child`), into `out`.
    let child_build = |scale: &'static str, mode: &'static str, out: std::path::PathBuf| {
        let me = &me;
        Box::new(move || {
            let _ = std::fs::remove_dir_all(&out);
            let mut c = std::process::Command::new(me);
            c.args(["--child", scale, mode]).arg(&out);
            c
        }) as CommandMaker
    };
    let default_builds = || -> [CommandMaker; 3] {
        [
            Box::new(|| {
                // An empty folder each time: every output is written.
                let _ = std::fs::remove_dir_all(&out_default);
                let mut c = std::process::Command::new(&folio);
                c.args(["build", "report.toml", "--out"]).arg(&out_default);
                c
            }),
            child_build("default", "--pdf-only", out_default.clone()),
            child_build("default", "--data-books", out_default.clone()),
        ]
    };
    let big_builds = || -> [CommandMaker; 3] {
        [
            child_build("10x", "--all", out_big.clone()),
            child_build("10x", "--pdf-only", out_big.clone()),
            child_build("10x", "--data-books", out_big.clone()),
        ]
    };
    let mut typst = if with_typst {
        typst::Typst::find().map_err(|why| println!("{why}")).ok()
    } else {
        println!("Typst: not measured (--no-typst).");
        None
    };
    let scales = [
        measure_scale(rounds, "default", default_builds, &mut typst, &tmp),
        measure_scale(rounds, "10x", big_builds, &mut typst, &tmp),
    ];
    println!(
        "End to end: a fresh process per build (median of {rounds}): every output (PDF, web edition, workbooks), then the PDF alone (what Typst makes), then the PDF and the three data workbooks (the build issue 19 measured); {}.",
        if typst.is_some() {
            "each round builds all three, then Typst compiles the same content"
        } else {
            "each round builds all three"
        }
    );
    println!("{:<20} {:>10} {:>10}", "report", "cpu", "peak RSS");
    let [one, ten] = &scales;
    for (name, m, base) in [
        ("default", &one.full, None),
        ("10x", &ten.full, Some(&one.full)),
        ("default, PDF only", &one.pdf, None),
        ("10x, PDF only", &ten.pdf, Some(&one.pdf)),
        ("default, PDF+3 books", &one.books, None),
        ("10x, PDF+3 books", &ten.books, Some(&one.books)),
    ] {
        // The 10× builds against the default's of the same kind.
        let ratio = base.map_or(String::new(), |b| {
            format!("  ({:.1}× the default)", m.median() / b.median())
        });
        println!(
            "{:<20} {:>10} {:>10}{ratio}",
            name,
            format!("{:.1} ms", m.median() * 1000.0),
            format!("{:.0} MiB", m.peak)
        );
    }
    let web = web_edition_cost(rounds, &me, &tmp.join("web"));
    let typst_figures: Option<Vec<(f64, f64)>> = scales.iter().map(Scale::typst).collect();
    if let (Some(t), Some(_)) = (&typst, &typst_figures) {
        let start = one
            .typst
            .as_ref()
            .and_then(|(_, s)| s.as_ref())
            .map(Series::median);
        print_typst(rounds, &t.describe(start), &scales);
    }
    let folio_runs = [
        (one.full.median(), one.full.peak),
        (ten.full.median(), ten.full.peak),
    ];
    let pdf_runs = [
        (one.pdf.median(), one.pdf.peak),
        (ten.pdf.median(), ten.pdf.peak),
    ];
    targets(
        &folio_runs,
        &pdf_runs,
        one.books.median(),
        web,
        typst_figures,
    );
    let _ = std::fs::remove_dir_all(&tmp);
    stages::print(rounds, path, &loaded, &big);
}

//! Per stage, inside this process: each stage's CPU time (every thread's),
//! best of the rounds; then how the default report's body text was set.

use folio::{compose, layout, load, pdf, pipeline, workbook};
use std::time::Instant;

/// CPU seconds used by this process so far, every thread's (the workbook
/// writer assembles each worksheet on a thread of its own).
fn cpu_seconds() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec it is given.
    if unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) } != 0 {
        return 0.0;
    }
    t.tv_sec as f64 + t.tv_nsec as f64 / 1e9
}

/// Peak resident memory in MiB (VmHWM).
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

/// Prints the stages of the default report (`loaded`, read from `path`)
/// and of the 10× report (`big`), then the default's typographic figures.
pub fn print(rounds: usize, path: &std::path::Path, loaded: &load::Loaded, big: &load::Loaded) {
    println!();
    println!("Per stage, in this process (best of {rounds}, warm):");
    println!(
        "{:<10} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>10}",
        "report",
        "pages",
        "load",
        "setup",
        "layout",
        "pdf",
        "web",
        "xlsx",
        "cpu total",
        "wall",
        "peak RSS"
    );
    for (name, l) in [("default", &loaded), ("10x", &big)] {
        let mut best = [f64::MAX; 7];
        let mut wall = f64::MAX;
        let mut pages = 0;
        for _ in 0..rounds {
            let w0 = Instant::now();
            // Stages are timed in CPU time (every thread's), which other
            // work on the machine disturbs less than the clock.
            let c0 = cpu_seconds();
            if name == "default" {
                let src = std::fs::read(path).unwrap();
                let _ = load::load_bytes("report.toml", &src).unwrap();
            }
            let c1 = cpu_seconds();
            let mut setter = pipeline::setter().unwrap();
            let c2 = cpu_seconds();
            let mut doc = compose::compose(&l.report, None);
            doc.images = l.images.clone();
            let lay = layout::layout_with(&doc, &mut setter).unwrap();
            pages = lay.pages.len();
            let c3 = cpu_seconds();
            let bytes = pdf::write(&lay, &doc, &setter.fonts).unwrap();
            assert!(bytes.len() > 1000);
            let c4 = cpu_seconds();
            let edition = folio::web::write(&doc, &[]);
            assert!(edition.files.len() > 3);
            let c5 = cpu_seconds();
            let date = compose::report_date(&l.report);
            let funders = (0..l.report.funders.len()).map(workbook::Book::Funder);
            for b in [
                workbook::Book::Events,
                workbook::Book::Members,
                workbook::Book::Publications,
                workbook::Book::Projects,
            ]
            .into_iter()
            .chain(funders)
            {
                let _ = workbook::write(&l.report, b, date).unwrap();
            }
            let c6 = cpu_seconds();
            let t = [
                c1 - c0,
                c2 - c1,
                c3 - c2,
                c4 - c3,
                c5 - c4,
                c6 - c5,
                c6 - c0,
            ];
            for (b, x) in best.iter_mut().zip(t) {
                *b = b.min(x);
            }
            wall = wall.min(w0.elapsed().as_secs_f64());
        }
        let ms = |x: f64| format!("{:.1} ms", x * 1000.0);
        println!(
            "{:<10} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>10}",
            name,
            pages,
            ms(best[0]),
            ms(best[1]),
            ms(best[2]),
            ms(best[3]),
            ms(best[4]),
            ms(best[5]),
            ms(best[6]),
            ms(wall),
            format!("{:.0} MiB", peak_mib())
        );
    }
    println!(
        "Stages and their total in CPU time (all threads); wall: by the clock. Peak RSS is this process's high-water mark after that report's rounds."
    );

    // How the default report's body text was set (the typographic targets).
    let mut setter = pipeline::setter().unwrap();
    let mut doc = compose::compose(&loaded.report, None);
    doc.images = loaded.images.clone();
    let lay = layout::layout_with(&doc, &mut setter).unwrap();
    let h = layout::stats::hyphenation(&lay, 10.0);
    println!(
        "\nHyphenation (default report, body text): {} of {} lines end in a hyphen ({:.1} %), at most {} in a row, {} at the end of a page.",
        h.hyphenated,
        h.lines,
        h.share() * 100.0,
        h.longest_run,
        h.page_ends
    );
    let fills = layout::stats::page_fill(&lay);
    let text: Vec<_> = fills.iter().filter(|p| !p.designed).collect();
    if let Some(least) = text
        .iter()
        .filter(|p| !p.single_page_chapter)
        .min_by(|a, b| a.fill.total_cmp(&b.fill))
    {
        println!(
            "Page fill (default report): {} pages, {} designed (covers, dividers, full-bleed); least filled text page {} at {:.0} % of the text area; {} text pages under a third (a chapter's only page excepted).",
            fills.len(),
            fills.len() - text.len(),
            least.page,
            least.fill * 100.0,
            text.iter()
                .filter(|p| !p.single_page_chapter && p.fill < 1.0 / 3.0)
                .count()
        );
    }
}

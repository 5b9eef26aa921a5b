//! `cargo run --release --bin bench [ROUNDS]`: times a full build (PDF and
//! the three workbooks, in memory) of the default report and of a 10× report
//! (every section, event, person and publication repeated ten times), per
//! stage, as CPU time of this process, with peak memory.

use folio::{compose, layout, load, pdf, pipeline, workbook};
use std::time::Instant;

/// CPU seconds used by this (single-threaded) process so far: the
/// scheduler's run time in nanoseconds from /proc/self/schedstat.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|x| x.parse::<f64>().ok())
        })
        .map_or(0.0, |ns| ns / 1e9)
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

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|x| x.parse().ok())
        .unwrap_or(10);
    let path = std::path::Path::new("report.toml");
    let loaded = load::load_file(path).unwrap_or_else(|f| panic!("{}", f.render()));
    let big = load::Loaded {
        report: times_ten(&loaded.report),
        ..loaded.clone()
    };
    println!(
        "{:<10} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>10}",
        "report",
        "pages",
        "load",
        "setup",
        "layout",
        "pdf",
        "xlsx",
        "cpu total",
        "wall",
        "peak RSS"
    );
    for (name, l) in [("default", &loaded), ("10x", &big)] {
        let mut best = [f64::MAX; 6];
        let mut wall = f64::MAX;
        let mut pages = 0;
        for _ in 0..rounds {
            let w0 = Instant::now();
            let cpu0 = cpu_seconds();
            // Stages are timed by the clock (the process is single-threaded);
            // the total is also taken as CPU time.
            let c0 = w0.elapsed().as_secs_f64();
            if name == "default" {
                let src = std::fs::read(path).unwrap();
                let _ = load::load_bytes("report.toml", &src).unwrap();
            }
            let c1 = w0.elapsed().as_secs_f64();
            let mut setter = pipeline::setter().unwrap();
            let c2 = w0.elapsed().as_secs_f64();
            let mut doc = compose::compose(&l.report, None);
            doc.images = l.images.clone();
            let lay = layout::layout_with(&doc, &mut setter).unwrap();
            pages = lay.pages.len();
            let c3 = w0.elapsed().as_secs_f64();
            let bytes = pdf::write(&lay, &doc, &setter.fonts).unwrap();
            assert!(bytes.len() > 1000);
            let c4 = w0.elapsed().as_secs_f64();
            let date = compose::report_date(&l.report);
            for b in [
                workbook::Book::Events,
                workbook::Book::Members,
                workbook::Book::Publications,
            ] {
                let _ = workbook::write(&l.report, b, date).unwrap();
            }
            let c5 = w0.elapsed().as_secs_f64();
            let t = [
                c1 - c0,
                c2 - c1,
                c3 - c2,
                c4 - c3,
                c5 - c4,
                cpu_seconds() - cpu0,
            ];
            for (b, x) in best.iter_mut().zip(t) {
                *b = b.min(x);
            }
            wall = wall.min(w0.elapsed().as_secs_f64());
        }
        let ms = |x: f64| format!("{:.1} ms", x * 1000.0);
        println!(
            "{:<10} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>10}",
            name,
            pages,
            ms(best[0]),
            ms(best[1]),
            ms(best[2]),
            ms(best[3]),
            ms(best[4]),
            ms(best[5]),
            ms(wall),
            format!("{:.0} MiB", peak_mib())
        );
    }
    println!("Stages: best of {rounds} rounds, by the clock; cpu total: CPU time from /proc/self/schedstat. Peak RSS is the process high-water mark after that report's rounds.");
}

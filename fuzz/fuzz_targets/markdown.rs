//! Arbitrary text as the Markdown body of one section of a tiny valid
//! report: load it and, when it loads, lay it out. Must never panic, hang
//! or blow up memory (run with -timeout and -rss_limit_mb, see README).
#![no_main]

use folio::layout::text::Setter;
use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;

/// Longer bodies add little coverage and slow every iteration.
const MAX_BODY: usize = 4096;

thread_local! {
    // Parsing the bundled fonts takes far longer than one iteration.
    static SETTER: RefCell<Setter> = RefCell::new(folio::pipeline::setter().expect("bundled fonts"));
}

fn report(body: &str) -> String {
    // A TOML basic string with every character escaped as needed, so any
    // input (quotes, `'''`, control characters) is embedded as written.
    let body = toml::Value::String(body.to_string()).to_string();
    format!(
        r##"[report]
title = "Fuzz"
organisation = "folio fuzz"
year = 2023
language = "en"
author = "folio fuzz"
date = 2023-12-31

[output]
pdf = "fuzz.pdf"

[[pathways]]
id = "nature-based"
name = "Nature-based development"
colour = "#3A9A45"

[[sections]]
id = "fuzz"
title = "Fuzz"
pathway = "nature-based"
body = {body}

[[sections]]
id = "other"
title = "Other"
level = 2
body = "A second section, so `#other` links resolve."
"##
    )
}

fuzz_target!(|data: &[u8]| {
    if data.len() > MAX_BODY {
        return;
    }
    let body = String::from_utf8_lossy(data);
    let src = report(&body);
    let loaded = folio::load::load_str("fuzz.toml", &src);
    if body.trim().is_empty() {
        // The harness's own check: the template around the body is valid,
        // or every iteration would stop at the loader.
        if let Err(e) = &loaded {
            panic!("the fuzz template does not load:\n{}", e.render());
        }
    }
    if let Ok(loaded) = loaded {
        SETTER.with(|s| {
            let _ = folio::pipeline::typeset(&loaded, &mut s.borrow_mut());
        });
    }
});

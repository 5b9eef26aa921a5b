//! The page frame every page shares: head (title, description, Open Graph),
//! skip link, header, contents navigation, main, previous/next, footer
//! with the downloads. Landmarks: header, nav, main, footer.

use super::Site;
use super::blocks::{Writer, escape, text};
use crate::compose::{Block, Chapter};
use std::fmt::Write;

/// `index.html`: the cover and the contents.
pub(super) fn cover(site: &Site) -> String {
    let m = &site.doc.meta;
    let mut body = String::new();
    let accent = site
        .chapters
        .first()
        .map_or_else(|| "c0".to_string(), |c| site.palette.get(c.colour));
    let _ = write!(body, "<div class=\"cover {accent}\"><div class=\"inner\">");
    // Read in the PDF cover's order, which is also the order shown: the
    // network's name above the title, then the title, the subtitle and
    // the organisation.
    if let Some(network) = &m.network {
        body.push_str("<p class=\"network\">");
        text(&mut body, network);
        body.push_str("</p>\n");
    }
    body.push_str("<h1>");
    if !m.title.contains(&m.year.to_string()) {
        let _ = write!(body, "<span class=\"year\">{}</span> ", m.year);
    }
    text(&mut body, &m.title);
    body.push_str("</h1>\n");
    for line in [m.subtitle.as_deref(), Some(&m.organisation)]
        .into_iter()
        .flatten()
    {
        body.push_str("<p>");
        text(&mut body, line);
        body.push_str("</p>\n");
    }
    if !site.doc.pathways.is_empty() {
        body.push_str("<ul class=\"pathways\" aria-label=\"Pathways\">");
        for (name, colour) in &site.doc.pathways {
            let _ = write!(body, "<li class=\"{}\">", site.palette.get(*colour));
            text(&mut body, name);
            body.push_str("</li>");
        }
        body.push_str("</ul>\n");
    }
    body.push_str("</div></div>\n");
    let mut main = String::new();
    main.push_str("<nav class=\"contents\" aria-labelledby=\"contents-h\">\n<h2 id=\"contents-h\">Contents</h2>\n<ol>\n");
    for (i, ch) in site.chapters.iter().enumerate() {
        let page = &site.pages[i];
        // The back cover has no entry in the PDF's contents (one turns to
        // it); a web page has to be linked to be reached.
        let back = site.doc.back_cover.is_some() && i + 1 == site.chapters.len();
        let class = if back { " class=\"back-cover\"" } else { "" };
        let _ = write!(main, "<li{class}><a href=\"{}\">", escape(page));
        text(&mut main, &ch.title);
        main.push_str("</a>");
        let subs: Vec<(&String, &String)> = ch
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading {
                    level: 2,
                    text,
                    anchor,
                    ..
                } => Some((text, anchor)),
                _ => None,
            })
            .collect();
        if !subs.is_empty() {
            main.push_str("\n<ol>");
            for (t, a) in subs {
                let _ = write!(main, "<li><a href=\"{}#{}\">", escape(page), escape(a));
                text(&mut main, t);
                main.push_str("</a></li>");
            }
            main.push_str("</ol>\n");
        }
        main.push_str("</li>\n");
    }
    main.push_str("</ol>\n</nav>\n");
    if !site.downloads.is_empty() {
        main.push_str("<section class=\"downloads\" aria-labelledby=\"downloads-h\">\n<h2 id=\"downloads-h\">Downloads</h2>\n<ul>\n");
        for d in site.downloads {
            let _ = writeln!(
                main,
                "<li><a href=\"../{}\">{}</a></li>",
                escape(&d.file),
                escape(&d.label)
            );
        }
        main.push_str("</ul>\n</section>\n");
    }
    frame(site, "index.html", &m.title, &accent, &body, &main, None)
}

/// A chapter's page.
pub(super) fn chapter(site: &Site, i: usize, ch: &Chapter) -> String {
    let here = &site.pages[i];
    let mut w = Writer::new(site, here);
    w.back_cover = site.doc.back_cover.is_some() && i + 1 == site.chapters.len();
    if let Some(p) = &ch.photo {
        // The opener's photo, under the chapter's heading as in the PDF.
        if let [first, rest @ ..] = ch.blocks.as_slice() {
            w.blocks(std::slice::from_ref(first));
            w.blocks(&[Block::Figure {
                src: p.src.clone(),
                alt: p.alt.clone(),
                caption: String::new(),
                credit: p.credit.clone(),
                width: crate::markdown::FigureWidth::Full,
            }]);
            w.blocks(rest);
        }
    } else {
        w.blocks(&ch.blocks);
    }
    if !ch.colophon.is_empty() {
        w.out.push_str("<div class=\"colophon\">\n");
        w.blocks(&ch.colophon);
        w.out.push_str("</div>\n");
    }
    let class = site.palette.get(ch.colour);
    let title = format!("{} – {}", ch.title, site.doc.meta.title);
    frame(site, here, &title, &class, "", &w.out, Some(i))
}

/// The page around `main`: `intro` sits between the header and the frame
/// (the cover); `current` is the chapter shown, for the contents and the
/// previous/next links.
fn frame(
    site: &Site,
    here: &str,
    title: &str,
    class: &str,
    intro: &str,
    main: &str,
    current: Option<usize>,
) -> String {
    let m = &site.doc.meta;
    let description = m.subtitle.clone().unwrap_or_else(|| m.subject.clone());
    let mut o = String::with_capacity(main.len() + 4096);
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<meta name=\"description\" content=\"{}\">\n",
        escape(&m.language),
        escape(title),
        escape(&description)
    );
    let _ = write!(
        o,
        "<meta property=\"og:type\" content=\"article\">\n<meta property=\"og:title\" content=\"{}\">\n<meta property=\"og:description\" content=\"{}\">\n<meta property=\"og:site_name\" content=\"{}\">\n",
        escape(title),
        escape(&description),
        escape(&m.organisation)
    );
    if let Some(w) = &m.website {
        let _ = writeln!(o, "<meta property=\"og:url\" content=\"{}\">", escape(w));
    }
    o.push_str("<link rel=\"stylesheet\" href=\"style.css\">\n<link rel=\"icon\" href=\"icon.svg\" type=\"image/svg+xml\">\n");
    if let Some(i) = current {
        if i > 0 {
            let _ = writeln!(
                o,
                "<link rel=\"prev\" href=\"{}\">",
                escape(&site.pages[i - 1])
            );
        }
        if let Some(next) = site.pages.get(i + 1) {
            let _ = writeln!(o, "<link rel=\"next\" href=\"{}\">", escape(next));
        }
    }
    let _ = write!(
        o,
        "</head>\n<body class=\"{class}\">\n<a class=\"skip\" href=\"#main\">Skip to the content</a>\n<header class=\"site-head\"><div class=\"inner\"><a href=\"index.html\">"
    );
    // "2023 Annual Report", not "2023 2023 Annual Report".
    let year = m.year.to_string();
    if m.title.contains(&year) {
        text(&mut o, &m.title);
    } else {
        text(&mut o, &format!("{year} {}", m.title));
    }
    o.push_str("</a><span class=\"org\">");
    text(&mut o, &m.organisation);
    o.push_str("</span></div></header>\n");
    o.push_str(intro);
    // The chapter's text first, then the way on (previous/next), then the
    // chapters: on a phone the list follows the text instead of filling
    // the first screen of every page; on a wide screen the style sheet
    // sets it in the column beside the text.
    // The cover page's own contents list all chapters and sections: no
    // second list of chapters beside it.
    let solo = here == "index.html";
    o.push_str(if solo {
        "<div class=\"frame solo\">\n"
    } else {
        "<div class=\"frame\">\n"
    });
    o.push_str("<main id=\"main\" tabindex=\"-1\">\n");
    o.push_str(main);
    o.push_str("</main>\n");
    if let Some(i) = current {
        o.push_str("<nav class=\"pager\" aria-label=\"Previous and next chapter\"><ul>");
        let prev = if i == 0 {
            ("index.html", "Cover and contents")
        } else {
            (
                site.pages[i - 1].as_str(),
                site.chapters[i - 1].title.as_str(),
            )
        };
        let _ = write!(
            o,
            "<li class=\"prev\"><a href=\"{}\" rel=\"prev\"><span class=\"dir\">Previous</span> ",
            escape(prev.0)
        );
        text(&mut o, prev.1);
        o.push_str("</a></li>");
        if let (Some(href), Some(ch)) = (site.pages.get(i + 1), site.chapters.get(i + 1)) {
            let _ = write!(
                o,
                "<li class=\"next\"><a href=\"{}\" rel=\"next\"><span class=\"dir\">Next</span> ",
                escape(href)
            );
            text(&mut o, &ch.title);
            o.push_str("</a></li>");
        }
        o.push_str("</ul></nav>\n");
    }
    if !solo {
        o.push_str("<nav class=\"toc\" aria-label=\"Chapters\">\n<h2>Chapters</h2>\n<ol>\n<li><a href=\"index.html\">Cover and contents</a></li>\n");
        for (i, ch) in site.chapters.iter().enumerate() {
            let cur = if current == Some(i) {
                " aria-current=\"page\""
            } else {
                ""
            };
            let _ = write!(o, "<li><a href=\"{}\"{cur}>", escape(&site.pages[i]));
            text(&mut o, &ch.title);
            o.push_str("</a></li>\n");
        }
        o.push_str("</ol>\n</nav>\n");
    }
    o.push_str("</div>\n");
    o.push_str("<footer class=\"site-foot\"><div class=\"inner\"><p>");
    text(&mut o, &format!("© {} {}", m.year, m.organisation));
    o.push_str("</p>");
    if !site.downloads.is_empty() {
        o.push_str("<ul class=\"downloads\">");
        for d in site.downloads {
            let _ = write!(
                o,
                "<li><a href=\"../{}\">{}</a></li>",
                escape(&d.file),
                escape(&d.label)
            );
        }
        o.push_str("</ul>");
    }
    o.push_str("</div></footer>\n</body>\n</html>\n");
    o
}

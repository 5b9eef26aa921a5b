//! Knuth–Plass total-fit line breaking over boxes, glue and penalties.
//!
//! The paragraph is chosen as a whole: every feasible break is scored by the
//! badness of the line it ends (how far its spaces stretch or shrink), the
//! penalty of breaking there, and extra demerits for two hyphens in a row
//! and for a tight line next to a loose one. The optimum is found with the
//! active-node dynamic programme of Knuth and Plass (1981). Three passes
//! widen the tolerance; the last never fails: it allows an overfull line
//! only where a single box is wider than the measure, which the caller
//! prevents by splitting such boxes first.

/// An element of a paragraph to break.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Item {
    /// Unbreakable material of a width.
    Box {
        /// Width in points.
        width: f32,
    },
    /// A space: breakable, and stretches or shrinks when justifying.
    Glue {
        /// Natural width.
        width: f32,
        /// How far it may grow.
        stretch: f32,
        /// How far it may shrink.
        shrink: f32,
    },
    /// A possible break with a cost; `width` is added if the break is taken
    /// (a hyphen). `flagged` marks hyphen breaks.
    Penalty {
        /// Width if broken here.
        width: f32,
        /// Cost; `INFINITY` forbids, `-INFINITY` forces.
        penalty: f32,
        /// A hyphenation break.
        flagged: bool,
    },
}

/// How far (points) a line may exceed its width by rounding alone.
const FIT_SLACK: f32 = 0.01;

/// Penalty that forbids a break.
pub const INFINITY: f32 = 10_000.0;

/// Tuning of the breaker (TeX's names).
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Added to every line's badness (`\linepenalty`).
    pub line_penalty: f32,
    /// Two hyphenated lines in a row (`\doublehyphendemerits`).
    pub double_hyphen_demerits: f32,
    /// Adjacent lines of very different tightness (`\adjdemerits`).
    pub fitness_demerits: f32,
    /// Most hyphenated lines in a row.
    pub max_hyphen_run: u8,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            line_penalty: 10.0,
            double_hyphen_demerits: 3000.0,
            fitness_demerits: 100.0,
            max_hyphen_run: 2,
        }
    }
}

/// A chosen break: the item index where a line ends and how much its glue
/// is stretched (positive) or shrunk (negative), as a ratio.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    /// Index of the glue or penalty item broken at.
    pub index: usize,
    /// Adjustment ratio of the line ending here.
    pub ratio: f32,
    /// The line ends with a hyphen.
    pub hyphenated: bool,
}

#[derive(Clone, Copy)]
struct Node {
    index: usize,
    line: usize,
    fitness: u8,
    hyphen_run: u8,
    total_width: f32,
    total_stretch: f32,
    total_shrink: f32,
    demerits: f32,
    ratio: f32,
    prev: Option<usize>,
}

/// Breaks `items` into lines of `widths(line_number)`; the last item must be
/// a forced break. Returns one [`Break`] per line.
///
/// ```
/// use folio::layout::linebreak::{break_lines, Item, Params, INFINITY};
/// let word = Item::Box { width: 30.0 };
/// let space = Item::Glue { width: 5.0, stretch: 3.0, shrink: 2.0 };
/// let mut items = vec![word, space, word, space, word, space, word];
/// items.push(Item::Glue { width: 0.0, stretch: INFINITY, shrink: 0.0 });
/// items.push(Item::Penalty { width: 0.0, penalty: -INFINITY, flagged: false });
/// let lines = break_lines(&items, |_| 70.0, &Params::default());
/// assert_eq!(lines.len(), 2);
/// ```
pub fn break_lines(items: &[Item], widths: impl Fn(usize) -> f32, params: &Params) -> Vec<Break> {
    for tolerance in [2.0, 10.0] {
        if let Some(b) = run(items, &widths, params, tolerance, false) {
            return b;
        }
    }
    run(items, &widths, params, f32::INFINITY, true).unwrap_or_default()
}

/// One pass at a fixed tolerance (a ratio; TeX's `\pretolerance` of 100 is
/// about 1.0); `None` if no set of breaks keeps every line within it.
pub fn try_break(
    items: &[Item],
    widths: impl Fn(usize) -> f32,
    params: &Params,
    tolerance: f32,
) -> Option<Vec<Break>> {
    run(items, &widths, params, tolerance, false)
}

fn run(
    items: &[Item],
    widths: &impl Fn(usize) -> f32,
    params: &Params,
    tolerance: f32,
    emergency: bool,
) -> Option<Vec<Break>> {
    // Breaks are a fraction of the items; the node list grows with the
    // feasible ones, so room for a sixth of the items saves its regrowth.
    let mut nodes: Vec<Node> = Vec::with_capacity(items.len() / 6 + 2);
    nodes.push(Node {
        index: 0,
        line: 0,
        fitness: 1,
        hyphen_run: 0,
        total_width: 0.0,
        total_stretch: 0.0,
        total_shrink: 0.0,
        demerits: 0.0,
        ratio: 0.0,
        prev: None,
    });
    let mut active: Vec<usize> = Vec::with_capacity(16);
    active.push(0);
    let mut spare: Vec<usize> = Vec::with_capacity(16);
    let mut candidates: Vec<Node> = Vec::with_capacity(8);
    let mut best: Vec<Node> = Vec::with_capacity(4);
    let (mut tw, mut ty, mut tz) = (0.0f32, 0.0f32, 0.0f32);

    for (i, item) in items.iter().enumerate() {
        let breakable = match *item {
            Item::Box { .. } => false,
            Item::Glue { .. } => i > 0 && matches!(items[i - 1], Item::Box { .. }),
            Item::Penalty { penalty, .. } => penalty < INFINITY,
        };
        if breakable {
            let (pen_w, pen, flagged) = match *item {
                Item::Penalty {
                    width,
                    penalty,
                    flagged,
                } => (width, penalty, flagged),
                _ => (0.0, 0.0, false),
            };
            // Scratch vectors live across breakpoints: a paragraph has one
            // per space, and allocating them each time showed in profiles.
            candidates.clear();
            let mut keep = std::mem::take(&mut spare);
            keep.clear();
            let mut best_overfull: Option<(f32, usize)> = None;
            for &a in &active {
                let node = nodes[a];
                // Sums of the same advances taken in another order differ
                // in their last bits: text measured to fit a width must fit.
                let line_w = widths(node.line) + FIT_SLACK;
                let width = tw - node.total_width + pen_w;
                let stretch = ty - node.total_stretch;
                let shrink = tz - node.total_shrink;
                let ratio = if width < line_w {
                    if stretch > 0.0 {
                        (line_w - width) / stretch
                    } else {
                        INFINITY
                    }
                } else if width > line_w {
                    if shrink > 0.0 {
                        (line_w - width) / shrink
                    } else {
                        -INFINITY
                    }
                } else {
                    0.0
                };
                let forced = pen <= -INFINITY;
                if ratio < -1.0 || forced {
                    // This node can start no further line beyond here.
                    if ratio < -1.0 {
                        let over = width - line_w;
                        if best_overfull.is_none_or(|(o, _)| over < o) {
                            best_overfull = Some((over, a));
                        }
                    }
                } else {
                    keep.push(a);
                }
                let too_many_hyphens = flagged && node.hyphen_run >= params.max_hyphen_run;
                if (ratio >= -1.0 && ratio <= tolerance && !too_many_hyphens)
                    || (forced && ratio >= -1.0)
                {
                    let badness = 100.0 * ratio.abs().min(100.0).powi(3);
                    let mut d = (params.line_penalty + badness).powi(2);
                    if pen >= 0.0 {
                        d += pen * pen;
                    } else if pen > -INFINITY {
                        d -= pen * pen;
                    }
                    let prev_hyphen = node.hyphen_run > 0;
                    if flagged && prev_hyphen {
                        d += params.double_hyphen_demerits;
                    }
                    let fitness = fitness_class(ratio);
                    if fitness.abs_diff(node.fitness) > 1 {
                        d += params.fitness_demerits;
                    }
                    candidates.push(Node {
                        index: i,
                        line: node.line + 1,
                        fitness,
                        hyphen_run: if flagged { node.hyphen_run + 1 } else { 0 },
                        total_width: 0.0,
                        total_stretch: 0.0,
                        total_shrink: 0.0,
                        demerits: node.demerits + d,
                        ratio: if forced && ratio > tolerance {
                            0.0
                        } else {
                            ratio
                        },
                        prev: Some(a),
                    });
                }
            }
            // Emergency: nothing survives, so break at the least overfull
            // line rather than fail.
            if emergency
                && keep.is_empty()
                && candidates.is_empty()
                && let Some((_, a)) = best_overfull
            {
                let node = nodes[a];
                candidates.push(Node {
                    index: i,
                    line: node.line + 1,
                    fitness: 0,
                    hyphen_run: if flagged { node.hyphen_run + 1 } else { 0 },
                    total_width: 0.0,
                    total_stretch: 0.0,
                    total_shrink: 0.0,
                    demerits: node.demerits + 1e9,
                    ratio: -1.0,
                    prev: Some(a),
                });
            }
            spare = std::mem::replace(&mut active, keep);
            if !candidates.is_empty() {
                // Totals after the break: skip following glue and penalties.
                let (mut aw, mut ay, mut az) = (tw, ty, tz);
                for it in &items[i..] {
                    match *it {
                        Item::Box { .. } => break,
                        Item::Glue {
                            width,
                            stretch,
                            shrink,
                        } => {
                            aw += width;
                            ay += stretch;
                            az += shrink;
                        }
                        Item::Penalty { penalty, .. }
                            if penalty <= -INFINITY && !std::ptr::eq(it, item) =>
                        {
                            break;
                        }
                        Item::Penalty { .. } => {}
                    }
                }
                // Keep the best candidate per (fitness, hyphen run): that is
                // what makes the result optimal yet the hyphen limit exact.
                best.clear();
                for &c in &candidates {
                    match best
                        .iter_mut()
                        .find(|b| b.fitness == c.fitness && b.hyphen_run == c.hyphen_run)
                    {
                        Some(b) if b.demerits <= c.demerits => {}
                        Some(b) => *b = c,
                        None => best.push(c),
                    }
                }
                for mut c in best.iter().copied() {
                    c.total_width = aw;
                    c.total_stretch = ay;
                    c.total_shrink = az;
                    nodes.push(c);
                    active.push(nodes.len() - 1);
                }
            }
            if active.is_empty() {
                return None;
            }
        }
        match *item {
            Item::Box { width } => tw += width,
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                tw += width;
                ty += stretch;
                tz += shrink;
            }
            Item::Penalty { .. } => {}
        }
    }
    let last = items.len().checked_sub(1)?;
    let best = active
        .iter()
        .copied()
        .filter(|&a| nodes[a].index == last)
        .min_by(|&a, &b| nodes[a].demerits.total_cmp(&nodes[b].demerits))?;
    let mut out = Vec::new();
    let mut cur = Some(best);
    while let Some(n) = cur {
        let node = nodes[n];
        if node.prev.is_none() {
            break;
        }
        out.push(Break {
            index: node.index,
            ratio: node.ratio,
            hyphenated: matches!(items[node.index], Item::Penalty { flagged: true, .. }),
        });
        cur = node.prev;
    }
    out.reverse();
    Some(out)
}

fn fitness_class(ratio: f32) -> u8 {
    if ratio < -0.5 {
        0
    } else if ratio <= 0.5 {
        1
    } else if ratio <= 1.0 {
        2
    } else {
        3
    }
}

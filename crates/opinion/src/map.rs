//! What the projector shows: the opinion map (an SVG scatter of the participants, coloured and shaped by
//! opinion group) and the common-ground list (statements every group agrees with, by group-informed
//! consensus). Pure: strings and plain data in, a string and plain data out; the words come from the
//! caller, who translates them.

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::{Analysis, Counts, VoteMatrix};

/// The words of the map, in the viewer's language (the web layer fills them from its catalogues).
#[derive(Debug, Clone, Default)]
pub struct MapText {
    /// Prefix of the element ids (`{id}-title`, `{id}-desc`), unique on the page.
    pub id: String,
    pub title: String,
    /// What a screen reader says instead of seeing the dots, e.g. "40 participants in 2 opinion groups…".
    pub description: String,
    /// Group names by group id; a missing one is the group's letter (A, B, …).
    pub group_names: Vec<String>,
    /// Legend entry for participants who voted too little to be placed in a group.
    pub unclustered: String,
    /// What the horizontal and vertical directions are ("first opinion dimension", …): no numbers.
    pub axis_x: String,
    pub axis_y: String,
}

/// Okabe & Ito's colour-blind-safe palette (without yellow, too light on white), one colour a group.
pub const PALETTE: [&str; 6] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
];
/// The colour of participants outside the groups (4.5:1 on white).
pub const UNCLUSTERED: &str = "#767676";

/// The marker shape of a group: circle, square, triangle, diamond, down triangle, plus (then again).
pub const SHAPES: [&str; 6] = [
    "circle",
    "square",
    "triangle",
    "diamond",
    "triangle-down",
    "plus",
];

const W: f64 = 1000.0;
const H: f64 = 640.0;
/// The plot: a square with its centre at (CX, CY) and half-side HALF; markers stay MARGIN inside.
const CX: f64 = 320.0;
const CY: f64 = 320.0;
const HALF: f64 = 290.0;
const MARGIN: f64 = 18.0;
const R: f64 = 8.0;

/// A group's letter as Polis shows it: 0 → "A" … 25 → "Z"; beyond that (never with the default 5 groups at
/// most) its number counted from 1.
pub fn group_letter(id: usize) -> String {
    match u8::try_from(id) {
        Ok(i) if i < 26 => char::from(b'A' + i).to_string(),
        _ => (id + 1).to_string(),
    }
}

/// Escapes text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// One marker element centred at (x, y).
fn marker(out: &mut String, shape: &str, x: f64, y: f64, attrs: &str) {
    let r = R;
    let _ = match shape {
        "circle" => write!(
            out,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="{r:.1}" {attrs}/>"#
        ),
        "square" => {
            let s = r * 0.9;
            write!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" {attrs}/>"#,
                x - s,
                y - s,
                2.0 * s,
                2.0 * s
            )
        }
        "triangle" => write!(
            out,
            r#"<path d="M{x:.1},{:.1}L{:.1},{:.1}L{:.1},{:.1}Z" {attrs}/>"#,
            y - 1.15 * r,
            x + r,
            y + 0.75 * r,
            x - r,
            y + 0.75 * r
        ),
        "triangle-down" => write!(
            out,
            r#"<path d="M{x:.1},{:.1}L{:.1},{:.1}L{:.1},{:.1}Z" {attrs}/>"#,
            y + 1.15 * r,
            x + r,
            y - 0.75 * r,
            x - r,
            y - 0.75 * r
        ),
        "diamond" => write!(
            out,
            r#"<path d="M{x:.1},{:.1}L{:.1},{y:.1}L{x:.1},{:.1}L{:.1},{y:.1}Z" {attrs}/>"#,
            y - 1.2 * r,
            x + 1.2 * r,
            y + 1.2 * r,
            x - 1.2 * r
        ),
        _ => {
            // A plus of bars a third of the size thick.
            let (a, b) = (r, r / 3.0);
            write!(
                out,
                r#"<path d="M{:.1},{:.1}h{:.1}v{:.1}h{:.1}v{:.1}h{:.1}v{:.1}h{:.1}v{:.1}h{:.1}v{:.1}h{:.1}Z" {attrs}/>"#,
                x - b,
                y - a,
                2.0 * b,
                a - b,
                a - b,
                2.0 * b,
                b - a,
                a - b,
                -2.0 * b,
                b - a,
                b - a,
                -2.0 * b,
                a - b
            )
        }
    };
}

/// The opinion map as a standalone SVG document: responsive (a viewBox, no fixed size), `role="img"` with
/// a `<title>` and `<desc>`, one marker per participant in the projection with the classes
/// `participant group-{id}` (or `participant unclustered`) and `data-participant`, a colour and a shape per
/// group, a legend with each group's size, and two axes through the centre without numbers (the units of
/// the projection mean nothing to a reader). Both axes use one scale, so distances are true.
pub fn opinion_map_svg(analysis: &Analysis, text: &MapText) -> String {
    let group_of: HashMap<u64, usize> = analysis
        .groups
        .iter()
        .flat_map(|g| g.members.iter().map(move |&p| (p, g.id)))
        .collect();
    let extent = analysis
        .projection
        .iter()
        .map(|(_, p)| p[0].abs().max(p[1].abs()))
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let scale = if extent > 0.0 {
        (HALF - MARGIN) / extent
    } else {
        1.0
    };
    let name = |id: usize| {
        text.group_names
            .get(id)
            .filter(|n| !n.is_empty())
            .cloned()
            .unwrap_or_else(|| group_letter(id))
    };
    let id = escape(&text.id);

    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" aria-labelledby="{id}-title {id}-desc" class="opinion-map" font-family="sans-serif">"#
    );
    let _ = write!(
        s,
        r#"<title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape(&text.title),
        escape(&text.description)
    );
    let _ = write!(
        s,
        r##"<rect x="0" y="0" width="{W}" height="{H}" fill="#ffffff"/>"##
    );
    // Axes through the centre, with their names and no numbers.
    let (l, r, t, b) = (CX - HALF, CX + HALF, CY - HALF, CY + HALF);
    let _ = write!(
        s,
        r##"<g class="axes" stroke="#595959" stroke-width="1.5"><line x1="{l}" y1="{CY}" x2="{r}" y2="{CY}"/><line x1="{CX}" y1="{t}" x2="{CX}" y2="{b}"/></g>"##
    );
    // The axes' names, with a white halo, under the markers (the data stays visible).
    let _ = write!(
        s,
        r##"<g class="axis-labels" fill="#1a1a1a" font-size="18" stroke="#ffffff" stroke-width="4" paint-order="stroke"><text x="{r}" y="{}" text-anchor="end">{}</text><text x="{}" y="{}">{}</text></g>"##,
        CY + 26.0,
        escape(&text.axis_x),
        CX + 8.0,
        t + 14.0,
        escape(&text.axis_y)
    );
    // Participants: the unclustered first (underneath), then group by group; inside, in projection order.
    let mut order: Vec<(usize, &(u64, [f64; 2]))> = analysis
        .projection
        .iter()
        .map(|e| (group_of.get(&e.0).map_or(0, |g| g + 1), e))
        .collect();
    order.sort_by_key(|(g, _)| *g);
    s.push_str(r#"<g class="participants">"#);
    for (g, (pid, p)) in order {
        let (x, y) = if p[0].is_finite() && p[1].is_finite() {
            (CX + p[0] * scale, CY - p[1] * scale)
        } else {
            (CX, CY)
        };
        if g == 0 {
            let attrs = format!(
                r#"class="participant unclustered" data-participant="{pid}" fill="none" stroke="{UNCLUSTERED}" stroke-width="2""#
            );
            marker(&mut s, "circle", x, y, &attrs);
        } else {
            let gid = g - 1;
            let attrs = format!(
                r##"class="participant group-{gid}" data-participant="{pid}" fill="{}" stroke="#1a1a1a" stroke-width="1""##,
                PALETTE[gid % PALETTE.len()]
            );
            marker(&mut s, SHAPES[gid % SHAPES.len()], x, y, &attrs);
        }
    }
    s.push_str("</g>");
    // The legend: one row per group (shape, colour, name, size), then the unclustered if any.
    s.push_str(r##"<g class="legend" font-size="22" fill="#1a1a1a">"##);
    let mut row = 0.0;
    let lx = 2.0 * CX + 30.0;
    for g in &analysis.groups {
        let y = 60.0 + row * 44.0;
        let attrs = format!(
            r##"class="legend-marker group-{}" fill="{}" stroke="#1a1a1a" stroke-width="1""##,
            g.id,
            PALETTE[g.id % PALETTE.len()]
        );
        marker(&mut s, SHAPES[g.id % SHAPES.len()], lx + R, y - 7.0, &attrs);
        let _ = write!(
            s,
            r#"<text x="{}" y="{y}" class="legend-label group-{}">{} ({})</text>"#,
            lx + 30.0,
            g.id,
            escape(&name(g.id)),
            g.members.len()
        );
        row += 1.0;
    }
    let unclustered = analysis
        .projection
        .iter()
        .filter(|(p, _)| !group_of.contains_key(p))
        .count();
    if unclustered > 0 {
        let y = 60.0 + row * 44.0;
        let attrs = format!(
            r#"class="legend-marker unclustered" fill="none" stroke="{UNCLUSTERED}" stroke-width="2""#
        );
        marker(&mut s, "circle", lx + R, y - 7.0, &attrs);
        let _ = write!(
            s,
            r#"<text x="{}" y="{y}" class="legend-label unclustered">{} ({unclustered})</text>"#,
            lx + 30.0,
            escape(&text.unclustered)
        );
    }
    s.push_str("</g></svg>");
    s
}

/// One group's votes on a statement.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupShare {
    pub group: usize,
    pub agree: u32,
    pub disagree: u32,
    /// All its votes on the statement, passes included.
    pub votes: u32,
    /// agree / votes (0 without votes).
    pub agree_share: f64,
}

/// A statement of common ground.
#[derive(Debug, Clone, PartialEq)]
pub struct CommonGround {
    pub tid: u64,
    /// Its group-informed consensus: Π over groups of (agree + 1) / (votes + 2).
    pub consensus: f64,
    /// Per group (by id), how it voted.
    pub groups: Vec<GroupShare>,
}

/// A group-informed consensus above this means every group's (pseudo-counted) agree share is above ½.
pub const COMMON_GROUND_THRESHOLD: f64 = 0.5;

/// The common-ground list: every statement (not moderated out) whose group-informed consensus is above
/// `threshold`, highest first (ties by statement id), with each group's agree share. Any factor of the
/// product is at most 1, so a consensus above ½ means each group's (agree + 1) / (votes + 2) is above ½.
pub fn common_ground(m: &VoteMatrix, analysis: &Analysis, threshold: f64) -> Vec<CommonGround> {
    let n_groups = analysis.groups.len();
    let group_of: HashMap<u64, usize> = analysis
        .groups
        .iter()
        .flat_map(|g| g.members.iter().map(move |&p| (p, g.id)))
        .collect();
    let n_cols = m.statements().len();
    let mut counts = vec![Counts::default(); n_groups * n_cols];
    for (r, pid) in m.participants().iter().enumerate() {
        if let Some(&g) = group_of.get(pid) {
            for &(c, v) in m.row(r) {
                counts[g * n_cols + c as usize].add(v);
            }
        }
    }
    let col_of: HashMap<u64, usize> = m
        .statements()
        .iter()
        .enumerate()
        .map(|(c, &t)| (t, c))
        .collect();
    let mut out: Vec<CommonGround> = analysis
        .group_consensus
        .iter()
        .filter(|(_, gac)| *gac > threshold)
        .filter_map(|&(tid, consensus)| {
            let c = *col_of.get(&tid)?;
            let groups = (0..n_groups)
                .map(|g| {
                    let x = counts[g * n_cols + c];
                    GroupShare {
                        group: g,
                        agree: x.a,
                        disagree: x.d,
                        votes: x.s,
                        agree_share: if x.s > 0 {
                            f64::from(x.a) / f64::from(x.s)
                        } else {
                            0.0
                        },
                    }
                })
                .collect();
            Some(CommonGround {
                tid,
                consensus,
                groups,
            })
        })
        .collect();
    out.sort_by(|a, b| b.consensus.total_cmp(&a.consensus).then(a.tid.cmp(&b.tid)));
    out
}

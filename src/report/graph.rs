//! The graph of the top entities: a static radial layout computed here, drawn by plotters.

use std::collections::{BTreeMap, HashMap};

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;

use super::{Colours, GRAPH_EDGES, GRAPH_NODES, Hit, Names, css, rank};

/// The graph of the top entities: positions computed here, drawn by plotters.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Graph {
    pub svg: String,
    /// What its edges count: "asserted relations", or "relations" for a stats document.
    pub what: String,
    pub nodes: Vec<String>,
    pub edges: Vec<EdgeRow>,
    /// Hover targets over the nodes and the middle of each edge, with the numbers.
    pub hits: Vec<Hit>,
}

/// One edge of the graph (all the counted relations from subject to object).
#[derive(Clone, Debug, Serialize)]
pub struct EdgeRow {
    pub subject: String,
    pub object: String,
    pub count: u64,
    /// The predicate with most of the relations: the edge's colour.
    pub predicate: String,
    pub colour: String,
    /// Every predicate of the edge with its count, most first: "urge 5, sanction 4".
    pub predicates: String,
}

/// An edge while the graph is built: subject and object ids, its count, its predicates
/// ranked.
struct Edge {
    subject: String,
    object: String,
    count: u64,
    predicates: Vec<(String, u64)>,
}

impl Edge {
    fn predicates(&self) -> String {
        self.predicates
            .iter()
            .map(|(p, c)| format!("{p} {c}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl Graph {
    /// `triples` are (subject, object, predicate, count); `what` names what they count.
    pub(super) fn new(
        triples: impl Iterator<Item = (String, String, String, u64)>,
        what: &str,
        names: &Names,
        colours: &Colours,
    ) -> Graph {
        // (subject, object) → predicate → count; loops (an entity on itself) are left out.
        let mut pairs: BTreeMap<(String, String), BTreeMap<String, u64>> = BTreeMap::new();
        let mut degree: BTreeMap<String, u64> = BTreeMap::new();
        for (s, o, p, c) in triples {
            if s == o {
                continue;
            }
            *degree.entry(s.clone()).or_default() += c;
            *degree.entry(o.clone()).or_default() += c;
            *pairs.entry((s, o)).or_default().entry(p).or_default() += c;
        }
        let nodes: Vec<(String, u64)> = rank(degree.into_iter())
            .into_iter()
            .take(GRAPH_NODES)
            .collect();
        let shown = |id: &String| nodes.iter().any(|n| n.0 == *id);
        let mut edges: Vec<Edge> = pairs
            .into_iter()
            .filter(|((s, o), _)| shown(s) && shown(o))
            .map(|((subject, object), preds)| Edge {
                subject,
                object,
                count: preds.values().sum(),
                predicates: rank(preds.into_iter()),
            })
            .collect();
        edges.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| (&a.subject, &a.object).cmp(&(&b.subject, &b.object)))
        });
        edges.truncate(GRAPH_EDGES);
        let (svg, hits) = if nodes.is_empty() {
            (String::new(), Vec::new())
        } else {
            graph_svg(&nodes, &edges, what, names, colours).unwrap_or_default()
        };
        Graph {
            svg,
            what: what.into(),
            nodes: nodes.iter().map(|n| names.name(&n.0)).collect(),
            edges: edges
                .iter()
                .map(|e| EdgeRow {
                    subject: names.name(&e.subject),
                    object: names.name(&e.object),
                    count: e.count,
                    predicate: e.predicates[0].0.clone(),
                    colour: css(colours.of(&e.predicates[0].0)),
                    predicates: e.predicates(),
                })
                .collect(),
            hits,
        }
    }
}

/// A radial layout: the most connected entity in the middle, the others on a circle in rank
/// order; edge width grows with the square root of the count, an arrowhead marks the object.
/// Returns the SVG and the hover targets (each node, the middle of each edge).
fn graph_svg(
    nodes: &[(String, u64)],
    edges: &[Edge],
    what: &str,
    names: &Names,
    colours: &Colours,
) -> Result<(String, Vec<Hit>), Box<dyn std::error::Error>> {
    let (w, h) = (1000i32, 640i32);
    let size = (w as u32, h as u32);
    let mut hits = Vec::new();
    let (cx, cy, radius) = (w as f64 / 2.0, h as f64 / 2.0, 250.0);
    let pos: HashMap<&str, (f64, f64)> = nodes
        .iter()
        .enumerate()
        .map(|(i, (id, _))| {
            let p = if i == 0 {
                (cx, cy)
            } else {
                let a = (i - 1) as f64 / (nodes.len() - 1).max(1) as f64 * std::f64::consts::TAU
                    - std::f64::consts::FRAC_PI_2;
                (cx + radius * 1.3 * a.cos(), cy + radius * a.sin())
            };
            (id.as_str(), p)
        })
        .collect();
    let max = edges.iter().map(|e| e.count).max().unwrap_or(1) as f64;
    let node_r = 9.0;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w as u32, h as u32)).into_drawing_area();
        root.fill(&WHITE)?;
        let px = |p: (f64, f64)| (p.0.round() as i32, p.1.round() as i32);
        for e in edges {
            let (a, b) = (pos[e.subject.as_str()], pos[e.object.as_str()]);
            let rgb = colours.of(&e.predicates[0].0);
            let colour = RGBColor(rgb.0, rgb.1, rgb.2).mix(0.8);
            let width = 1.0 + 9.0 * (e.count as f64 / max).sqrt();
            // Two opposite edges would overlap: bend each to its own side a little.
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let len = (dx * dx + dy * dy).sqrt().max(1.0);
            let (nx, ny) = (-dy / len * 14.0, dx / len * 14.0);
            let mid = ((a.0 + b.0) / 2.0 + nx, (a.1 + b.1) / 2.0 + ny);
            let m = px(mid);
            let half = 8 + width as i32 / 2;
            hits.push(Hit::new(
                (m.0 - half, m.1 - half),
                (m.0 + half, m.1 + half),
                size,
                format!(
                    "{} → {}: {} {what}: {}",
                    names.name(&e.subject),
                    names.name(&e.object),
                    e.count,
                    e.predicates()
                ),
            ));
            // Stop at the object's circle so the arrowhead shows.
            let (ex, ey) = (b.0 - mid.0, b.1 - mid.1);
            let el = (ex * ex + ey * ey).sqrt().max(1.0);
            let tip = (
                b.0 - ex / el * (node_r + 2.0),
                b.1 - ey / el * (node_r + 2.0),
            );
            root.draw(&PathElement::new(
                vec![px(a), px(mid), px(tip)],
                colour.stroke_width(width.round() as u32),
            ))?;
            let (ux, uy) = (ex / el, ey / el);
            let size = 8.0 + width;
            let back = (tip.0 - ux * size, tip.1 - uy * size);
            root.draw(&Polygon::new(
                vec![
                    px(tip),
                    px((back.0 - uy * size * 0.5, back.1 + ux * size * 0.5)),
                    px((back.0 + uy * size * 0.5, back.1 - ux * size * 0.5)),
                ],
                colour.filled(),
            ))?;
        }
        // Labels after all edges and nodes, each on a pale box so edges do not cross the
        // text; on the left half they end at their node, on the right half they start at it,
        // so no label runs off the picture.
        for (id, degree) in nodes {
            let p = px(pos[id.as_str()]);
            root.draw(&Circle::new(
                p,
                node_r as i32,
                RGBColor(40, 40, 40).filled(),
            ))?;
            let r = node_r as i32 + 4;
            hits.push(Hit::new(
                (p.0 - r, p.1 - r),
                (p.0 + r, p.1 + r),
                size,
                format!("{}: in {degree} {what} with other entities", names.name(id)),
            ));
        }
        for (id, _) in nodes {
            let p = px(pos[id.as_str()]);
            let name = names.name(id);
            let left = (p.0 as f64) < cx - 1.0;
            let width = (name.chars().count() as f64 * 8.6) as i32 + 8;
            let (x0, anchor) = if left {
                (p.0 - 14 - width, HPos::Right)
            } else {
                (p.0 + 12, HPos::Left)
            };
            let y = p.1 - 16;
            root.draw(&Rectangle::new(
                [(x0, y - 11), (x0 + width, y + 11)],
                WHITE.mix(0.85).filled(),
            ))?;
            let font = ("sans-serif", 16)
                .into_font()
                .color(&BLACK)
                .pos(Pos::new(anchor, VPos::Center));
            let x = if left { p.0 - 18 } else { p.0 + 16 };
            root.draw(&Text::new(name, (x, y), font))?;
        }
        root.present()?;
    }
    Ok((svg, hits))
}

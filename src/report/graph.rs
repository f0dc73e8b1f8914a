//! The graph of the top entities: a static radial layout computed here, drawn by plotters.

use std::collections::{BTreeMap, HashMap};

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;

use super::{Colours, GRAPH_EDGES, GRAPH_NODES, Names, css, rank};

/// The graph of the top entities: positions computed here, drawn by plotters.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Graph {
    pub svg: String,
    pub nodes: Vec<String>,
    pub edges: Vec<EdgeRow>,
}

/// One edge of the graph (all asserted relations from subject to object).
#[derive(Clone, Debug, Serialize)]
pub struct EdgeRow {
    pub subject: String,
    pub object: String,
    pub count: u64,
    /// The predicate with most of the relations: the edge's colour.
    pub predicate: String,
    pub colour: String,
}

impl Graph {
    pub(super) fn new(
        triples: impl Iterator<Item = (String, String, String, u64)>,
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
        let nodes: Vec<String> = rank(degree.into_iter())
            .into_iter()
            .take(GRAPH_NODES)
            .map(|(id, _)| id)
            .collect();
        let mut edges: Vec<(String, String, u64, String)> = pairs
            .into_iter()
            .filter(|((s, o), _)| nodes.contains(s) && nodes.contains(o))
            .map(|((s, o), preds)| {
                let total = preds.values().sum();
                let top = rank(preds.into_iter()).remove(0).0;
                (s, o, total, top)
            })
            .collect();
        edges.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| (&a.0, &a.1).cmp(&(&b.0, &b.1))));
        edges.truncate(GRAPH_EDGES);
        let svg = if nodes.is_empty() {
            String::new()
        } else {
            graph_svg(&nodes, &edges, names, colours).unwrap_or_default()
        };
        Graph {
            svg,
            nodes: nodes.iter().map(|n| names.name(n)).collect(),
            edges: edges
                .into_iter()
                .map(|(s, o, count, p)| EdgeRow {
                    subject: names.name(&s),
                    object: names.name(&o),
                    count,
                    colour: css(colours.of(&p)),
                    predicate: p,
                })
                .collect(),
        }
    }
}

/// A radial layout: the most connected entity in the middle, the others on a circle in rank
/// order; edge width grows with the square root of the count, an arrowhead marks the object.
fn graph_svg(
    nodes: &[String],
    edges: &[(String, String, u64, String)],
    names: &Names,
    colours: &Colours,
) -> Result<String, Box<dyn std::error::Error>> {
    let (w, h) = (1000i32, 640i32);
    let (cx, cy, radius) = (w as f64 / 2.0, h as f64 / 2.0, 250.0);
    let pos: HashMap<&str, (f64, f64)> = nodes
        .iter()
        .enumerate()
        .map(|(i, id)| {
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
    let max = edges.iter().map(|e| e.2).max().unwrap_or(1) as f64;
    let node_r = 9.0;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (w as u32, h as u32)).into_drawing_area();
        root.fill(&WHITE)?;
        let px = |p: (f64, f64)| (p.0.round() as i32, p.1.round() as i32);
        for (s, o, c, p) in edges {
            let (a, b) = (pos[s.as_str()], pos[o.as_str()]);
            let rgb = colours.of(p);
            let colour = RGBColor(rgb.0, rgb.1, rgb.2).mix(0.8);
            let width = 1.0 + 9.0 * (*c as f64 / max).sqrt();
            // Two opposite edges would overlap: bend each to its own side a little.
            let (dx, dy) = (b.0 - a.0, b.1 - a.1);
            let len = (dx * dx + dy * dy).sqrt().max(1.0);
            let (nx, ny) = (-dy / len * 14.0, dx / len * 14.0);
            let mid = ((a.0 + b.0) / 2.0 + nx, (a.1 + b.1) / 2.0 + ny);
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
        for id in nodes {
            let p = pos[id.as_str()];
            root.draw(&Circle::new(
                px(p),
                node_r as i32,
                RGBColor(40, 40, 40).filled(),
            ))?;
        }
        for id in nodes {
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
    Ok(svg)
}

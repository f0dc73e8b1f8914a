//! Relations over time: the period a span of dates is cut into, the series per predicate and
//! their chart.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::Serialize;

use super::{Hit, Stance, css};
use crate::extracted::Day;

/// The period a time series is cut into, chosen by the span of the dates: days up to four
/// months, weeks up to two years, months beyond — so a line has tens to a few hundred points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
}

impl Unit {
    pub fn for_span(days: i64) -> Unit {
        if days <= 120 {
            Unit::Day
        } else if days <= 730 {
            Unit::Week
        } else {
            Unit::Month
        }
    }
    pub(super) fn key(self, d: Day) -> String {
        match self {
            Unit::Day => d.to_string(),
            Unit::Week => d.iso_week(),
            Unit::Month => d.month_key(),
        }
    }
    fn name(self) -> &'static str {
        match self {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
        }
    }
}

/// A period of the time series: its key as in a stats document ("2024-W01", "2024-01",
/// "2024-01-05") and what the chart calls it (a week by the date of its Monday, which a
/// reader places in the calendar more easily than a week number).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Period {
    pub key: String,
    pub label: String,
}

/// The unit for these days, and every period from the first day to the last (empty periods
/// included, so gaps show as zero, not as a straight line across).
pub(super) fn periods(days: &[Day]) -> (Unit, Vec<Period>) {
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return (Unit::Day, Vec::new());
    };
    let unit = Unit::for_span(last.days_since_epoch() - first.days_since_epoch());
    let mut out: Vec<Period> = Vec::new();
    let mut d = *first;
    if unit == Unit::Week {
        // Monday = 0; 1970-01-01 was a Thursday.
        for _ in 0..(d.days_since_epoch() + 3).rem_euclid(7) {
            d = prev_day(d);
        }
    }
    loop {
        let key = unit.key(d);
        if out.last().map(|p| &p.key) != Some(&key) {
            let label = match unit {
                Unit::Day | Unit::Week => d.to_string(),
                Unit::Month => key.clone(),
            };
            out.push(Period { key, label });
        }
        if d >= *last {
            break;
        }
        d = next_day(d);
    }
    (unit, out)
}

fn month_len(year: i32, month: u32) -> u32 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn next_day(d: Day) -> Day {
    if d.day < month_len(d.year, d.month) {
        Day {
            day: d.day + 1,
            ..d
        }
    } else if d.month < 12 {
        Day {
            month: d.month + 1,
            day: 1,
            ..d
        }
    } else {
        Day {
            year: d.year + 1,
            month: 1,
            day: 1,
        }
    }
}

fn prev_day(d: Day) -> Day {
    if d.day > 1 {
        Day {
            day: d.day - 1,
            ..d
        }
    } else if d.month > 1 {
        Day {
            month: d.month - 1,
            day: month_len(d.year, d.month - 1),
            ..d
        }
    } else {
        Day {
            year: d.year - 1,
            month: 12,
            day: 31,
        }
    }
}

/// Relations in one period (or in a whole series), by how they were stated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub asserted: u64,
    pub not_asserted: u64,
    pub negated: u64,
    /// Relations whose modality the input does not record (a stats document).
    pub unknown: u64,
}

impl Counts {
    pub fn all(&self) -> u64 {
        self.asserted + self.not_asserted + self.negated + self.unknown
    }

    /// Negated or not asserted: what the chart draws pale, above the asserted ones.
    pub fn apart(&self) -> u64 {
        self.not_asserted + self.negated
    }

    pub(super) fn add_stance(&mut self, stance: Stance, n: u64) {
        match stance {
            Stance::Asserted => self.asserted += n,
            Stance::NotAsserted => self.not_asserted += n,
            Stance::Negated => self.negated += n,
        }
    }

    pub(super) fn add(&mut self, o: &Counts) {
        self.asserted += o.asserted;
        self.not_asserted += o.not_asserted;
        self.negated += o.negated;
        self.unknown += o.unknown;
    }

    /// "5 relations: 2 asserted, 3 not asserted, 0 negated".
    fn describe(&self) -> String {
        let all = self.all();
        let noun = if all == 1 { "relation" } else { "relations" };
        if self.unknown > 0 {
            format!("{all} {noun} (asserted or not: not recorded)")
        } else {
            format!(
                "{all} {noun}: {} asserted, {} not asserted, {} negated",
                self.asserted, self.not_asserted, self.negated
            )
        }
    }
}

/// Why a series has a panel of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Every relation, all predicates together: the overview above the panels.
    All,
    /// One of the [`TOP_PREDICATES`](super::TOP_PREDICATES) by total count.
    Top,
    /// A predicate beyond those that stands out in some period ([`Burst`]).
    StandsOut,
    /// The remaining predicates summed.
    Other,
}

/// The period where a predicate stands out most against all relations of that period: its
/// count there is far above what its share of all relations predicts. Measured by Dunning's
/// log-likelihood ratio G² on the 2×2 table (this predicate or not, this period or not);
/// a period counts when G² ≥ [`BURST_G2`] (p < 0.001 with one degree of freedom) and it
/// holds at least [`BURST_MIN`] of the predicate's relations, so a pair of stray sentences
/// in a quiet week is not called a burst.
#[derive(Clone, Debug, Serialize)]
pub struct Burst {
    pub period: Period,
    #[serde(skip)]
    pub index: usize,
    pub count: u64,
    #[serde(skip)]
    pub score: f64,
    /// The count its share of all relations predicts, e.g. "0.7".
    pub expected: String,
    pub g2: String,
    /// Its most frequent triples in that period, "United States sanction Japan (2)"
    /// (extract output only).
    pub triples: Vec<String>,
}

/// G² ≥ 10.83: p < 0.001 for one degree of freedom.
pub const BURST_G2: f64 = 10.83;
/// A burst holds at least this many relations.
pub const BURST_MIN: u64 = 3;

/// Dunning's log-likelihood ratio G² of the 2×2 table [[a, b], [c, d]].
fn g2(a: f64, b: f64, c: f64, d: f64) -> f64 {
    let n = a + b + c + d;
    let term = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
    let (r1, r2, c1, c2) = (a + b, c + d, a + c, b + d);
    2.0 * (term(a, r1 * c1 / n)
        + term(b, r1 * c2 / n)
        + term(c, r2 * c1 / n)
        + term(d, r2 * c2 / n))
}

/// The strongest burst of `values` against `all` (the same periods), if there is one.
pub(super) fn burst(values: &[Counts], all: &[Counts], periods: &[Period]) -> Option<Burst> {
    let mine: u64 = values.iter().map(Counts::all).sum();
    let total: u64 = all.iter().map(Counts::all).sum();
    let mut best: Option<(f64, usize, f64)> = None;
    for (i, (v, a)) in values.iter().zip(all).enumerate() {
        let (c, n) = (v.all(), a.all());
        let expected = n as f64 * mine as f64 / total as f64;
        if c < BURST_MIN || c as f64 <= expected {
            continue;
        }
        let g = g2(
            c as f64,
            (n - c) as f64,
            (mine - c) as f64,
            (total - n - mine + c) as f64,
        );
        if best.is_none_or(|b| g > b.0) {
            best = Some((g, i, expected));
        }
    }
    best.filter(|b| b.0 >= BURST_G2).map(|(g, i, e)| Burst {
        period: periods[i].clone(),
        index: i,
        count: values[i].all(),
        expected: format!("{e:.1}"),
        g2: format!("{g:.1}"),
        score: g,
        triples: Vec::new(),
    })
}

/// One panel of the time series: a predicate, the other predicates, or all relations.
#[derive(Clone, Debug, Serialize)]
pub struct Series {
    pub name: String,
    pub colour: String,
    pub role: Role,
    pub total: Counts,
    #[serde(skip)]
    pub(super) values: Vec<Counts>,
    /// The period with its most relations, and how many.
    pub peak: Option<(Period, u64)>,
    #[serde(skip)]
    peak_at: Option<usize>,
    pub burst: Option<Burst>,
    #[serde(skip)]
    rgb: (u8, u8, u8),
}

impl Series {
    pub(super) fn new(name: &str, rgb: (u8, u8, u8), role: Role, values: Vec<Counts>) -> Series {
        let mut total = Counts::default();
        for v in &values {
            total.add(v);
        }
        // The earliest of equal peaks.
        let peak_at = values
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.all().cmp(&b.1.all()).then_with(|| b.0.cmp(&a.0)))
            .filter(|(_, c)| c.all() > 0)
            .map(|(i, _)| i);
        Series {
            name: name.into(),
            colour: css(rgb),
            role,
            total,
            values,
            peak: None,
            peak_at,
            burst: None,
            rgb,
        }
    }

    /// Sums several series of the same periods.
    pub(super) fn sum<'a>(n: usize, series: impl Iterator<Item = &'a [Counts]>) -> Vec<Counts> {
        let mut out = vec![Counts::default(); n];
        for values in series {
            for (o, v) in out.iter_mut().zip(values) {
                o.add(v);
            }
        }
        out
    }
}

/// One row of the table behind the chart: a period and each series' counts in it.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub period: Period,
    pub all: Counts,
    pub cells: Vec<Counts>,
}

/// The time series: its chart (an overview of all relations, then one small panel per
/// series, each on its own scale) and the table behind it.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Timeline {
    pub unit: String,
    pub what: String,
    pub periods: Vec<Period>,
    /// All relations together: the overview.
    pub all: Option<Series>,
    pub series: Vec<Series>,
    /// False when the input does not record modality (a stats document).
    pub split: bool,
    pub rows: Vec<Row>,
    pub svg: String,
    /// Hover targets over the chart, one per panel and period, with the numbers.
    pub hits: Vec<Hit>,
    /// The period with the most relations, all predicates together.
    pub peak: Option<Period>,
    /// Its most frequent triples, "United States urge Japan (9)" (extract output only).
    pub peak_triples: Vec<String>,
}

impl Timeline {
    /// `all` is every relation per period (the overview); `series` are the panels
    /// (predicates, then "other"), whose bursts are found here; `split` says whether the
    /// counts know asserted from not.
    pub(super) fn new(
        unit: Unit,
        periods: Vec<Period>,
        all: Vec<Counts>,
        mut series: Vec<Series>,
        split: bool,
        what: &str,
    ) -> Timeline {
        let mut all = Series::new("all predicates", ALL, Role::All, all);
        for s in series.iter_mut().chain(std::iter::once(&mut all)) {
            if let Some(i) = s.peak_at {
                s.peak = Some((periods[i].clone(), s.values[i].all()));
            }
        }
        for s in &mut series {
            if matches!(s.role, Role::Top | Role::StandsOut) {
                s.burst = burst(&s.values, &all.values, &periods);
            }
        }
        let rows: Vec<Row> = periods
            .iter()
            .enumerate()
            .map(|(i, p)| Row {
                period: p.clone(),
                all: all.values[i],
                cells: series.iter().map(|s| s.values[i]).collect(),
            })
            .collect();
        let peak = all.peak.as_ref().map(|p| p.0.clone());
        let (svg, hits) = if periods.is_empty() {
            (String::new(), Vec::new())
        } else {
            timeline_svg(unit, &periods, &all, &series, split).unwrap_or_default()
        };
        Timeline {
            unit: unit.name().into(),
            what: what.into(),
            periods,
            all: Some(all),
            series,
            split,
            rows,
            svg,
            hits,
            peak,
            peak_triples: Vec::new(),
        }
    }
}

/// The overview's colour.
const ALL: (u8, u8, u8) = (60, 60, 60);
/// The chart's width and the overview's height, in pixels; the panels below it.
const WIDTH: u32 = 1000;
const OVERVIEW_HEIGHT: u32 = 230;
const PANEL_COLUMNS: usize = 4;
const PANEL_HEIGHT: u32 = 150;
/// The yellow band behind a burst, and its edge (which shows on a yellow series too).
const BURST_BAND: RGBColor = RGBColor(255, 200, 0);
const BURST_EDGE: RGBColor = RGBColor(190, 140, 0);

/// What every panel of one chart shares.
struct Frame<'a> {
    unit: Unit,
    periods: &'a [Period],
    /// Whether the counts know asserted from not.
    split: bool,
    /// The whole picture's size in pixels, for the hover targets' percentages.
    size: (u32, u32),
}

/// Draws the overview and the panels; returns the SVG and the hover targets.
fn timeline_svg(
    unit: Unit,
    periods: &[Period],
    all: &Series,
    series: &[Series],
    split: bool,
) -> Result<(String, Vec<Hit>), Box<dyn std::error::Error>> {
    let rows = series.len().div_ceil(PANEL_COLUMNS) as u32;
    let size = (WIDTH, OVERVIEW_HEIGHT + rows * PANEL_HEIGHT);
    let mut svg = String::new();
    let mut hits = Vec::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE)?;
        let (top, rest) = root.split_vertically(OVERVIEW_HEIGHT);
        let frame = Frame {
            unit,
            periods,
            split,
            size,
        };
        panel(&top, &frame, all, true, &mut hits)?;
        if rows > 0 {
            let areas = rest.split_evenly((rows as usize, PANEL_COLUMNS));
            for (area, s) in areas.iter().zip(series) {
                panel(area, &frame, s, false, &mut hits)?;
            }
        }
        root.present()?;
    }
    Ok((svg, hits))
}

/// The period name at x when x is a period's index, else nothing (axis labels); `short`
/// names a day by month and day ("Mar 23") for the small panels.
fn label_at(periods: &[Period], x: f64, short: bool) -> String {
    let i = x.round();
    if (x - i).abs() > 1e-6 || i < 0.0 {
        return String::new();
    }
    let Some(p) = periods.get(i as usize) else {
        return String::new();
    };
    match Day::parse(&p.label) {
        Some(d) if short => {
            const MONTHS: [&str; 12] = [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ];
            format!("{} {}", MONTHS[d.month as usize - 1], d.day)
        }
        _ => p.label.clone(),
    }
}

/// One chart: all relations as a pale area, the asserted ones as a full-colour area in front
/// of it (so the pale band above is the negated and not-asserted ones), the peak labelled, a
/// burst on a yellow band; and a hover target per period with the numbers.
fn panel(
    area: &DrawingArea<SVGBackend, plotters::coord::Shift>,
    frame: &Frame,
    s: &Series,
    overview: bool,
    hits: &mut Vec<Hit>,
) -> Result<(), Box<dyn std::error::Error>> {
    let &Frame {
        unit,
        periods,
        split,
        size,
    } = frame;
    let n = periods.len();
    let max = s.values.iter().map(Counts::all).max().unwrap_or(0).max(1);
    // Room above the peak for its label.
    let top = max + max / 4 + 1;
    let colour = RGBColor(s.rgb.0, s.rgb.1, s.rgb.2);
    let caption = if overview {
        format!("{}, dated: {}", s.name, s.total.describe())
    } else if split {
        format!(
            "{}: {} ({} asserted)",
            s.name,
            s.total.all(),
            s.total.asserted
        )
    } else {
        format!("{}: {}", s.name, s.total.all())
    };
    let (font, label_font) = if overview { (15, 13) } else { (13, 11) };
    let mut chart = ChartBuilder::on(area)
        .caption(caption, ("sans-serif", font))
        .margin(6)
        .margin_right(if overview { 14 } else { 10 })
        .x_label_area_size(if overview { 24 } else { 18 })
        .y_label_area_size(if overview { 44 } else { 32 })
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0u64..top)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(if overview { 12 } else { 4 }.min(n))
        .y_labels(if overview { 6 } else { 3 })
        .x_label_formatter(&|x| label_at(periods, *x, !overview))
        .label_style(("sans-serif", label_font))
        .light_line_style(WHITE)
        .bold_line_style(RGBColor(230, 230, 230))
        .draw()?;
    if let Some(b) = &s.burst {
        let x = b.index as f64;
        let band = [(x - 0.5, 0), (x + 0.5, top)];
        chart.draw_series([
            Rectangle::new(band, BURST_BAND.mix(0.35).filled()),
            Rectangle::new(band, BURST_EDGE.stroke_width(1)),
        ])?;
    }
    let points = |f: fn(&Counts) -> u64| {
        s.values
            .iter()
            .enumerate()
            .map(move |(i, c)| (i as f64, f(c)))
    };
    if split {
        chart.draw_series(
            AreaSeries::new(points(Counts::all), 0, colour.mix(0.28))
                .border_style(colour.mix(0.6).stroke_width(1)),
        )?;
        chart.draw_series(
            AreaSeries::new(points(|c| c.asserted), 0, colour.mix(0.85))
                .border_style(colour.stroke_width(2)),
        )?;
    } else {
        chart.draw_series(
            AreaSeries::new(points(Counts::all), 0, colour.mix(0.5))
                .border_style(colour.stroke_width(2)),
        )?;
    }
    if let Some(i) = s.peak_at {
        let v = s.values[i].all();
        let anchor = if i * 2 < n { HPos::Left } else { HPos::Right };
        let style = ("sans-serif", label_font + 1)
            .into_font()
            .color(&BLACK)
            .pos(Pos::new(anchor, VPos::Bottom));
        chart.draw_series(std::iter::once(
            EmptyElement::at((i as f64, v))
                + Text::new(format!("{v} · {}", periods[i].label), (0, -3), style),
        ))?;
    }
    for (i, p) in periods.iter().enumerate() {
        let (x0, y0) = chart.backend_coord(&(i as f64 - 0.5, top));
        let (x1, y1) = chart.backend_coord(&(i as f64 + 0.5, 0));
        let when = if unit == Unit::Week {
            format!("week of {} ({})", p.label, p.key)
        } else {
            p.label.clone()
        };
        let mut title = format!("{}, {when}: {}", s.name, s.values[i].describe());
        if let Some(b) = s.burst.as_ref().filter(|b| b.index == i) {
            title.push_str(&format!(
                "; stands out: {} expected from its share of all relations",
                b.expected
            ));
        }
        hits.push(Hit::new((x0, y0), (x1, y1), size, title));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_unit_follows_the_span_of_dates() {
        for (span, unit) in [
            (0, Unit::Day),
            (120, Unit::Day),
            (121, Unit::Week),
            (730, Unit::Week),
            (731, Unit::Month),
        ] {
            assert_eq!(Unit::for_span(span), unit, "{span}");
        }
    }

    #[test]
    fn periods_include_empty_ones_and_cross_year_ends() {
        let d = |s| Day::parse(s).unwrap();
        let (unit, p) = periods(&[d("2023-12-30"), d("2024-01-02")]);
        assert_eq!(unit, Unit::Day);
        let keys: Vec<&str> = p.iter().map(|p| p.key.as_str()).collect();
        assert_eq!(
            keys,
            ["2023-12-30", "2023-12-31", "2024-01-01", "2024-01-02"]
        );
        let (unit, p) = periods(&[d("2024-01-01"), d("2024-12-31")]);
        assert_eq!(unit, Unit::Week);
        assert_eq!(p.first().unwrap().key, "2024-W01");
        assert_eq!(p.len(), 53);
        assert_eq!(next_day(d("2024-02-28")), d("2024-02-29"));
        assert_eq!(next_day(d("2023-02-28")), d("2023-03-01"));
    }

    #[test]
    fn weeks_are_named_by_their_monday_even_when_the_data_starts_midweek() {
        let d = |s| Day::parse(s).unwrap();
        let (unit, p) = periods(&[d("2021-01-03"), d("2021-06-30")]);
        assert_eq!(unit, Unit::Week);
        // 2021-01-03, a Sunday, is in 2020-W53, which began on 2020-12-28.
        let first = |k: &str, l: &str| Period {
            key: k.into(),
            label: l.into(),
        };
        assert_eq!(p[0], first("2020-W53", "2020-12-28"));
        assert_eq!(p[1], first("2021-W01", "2021-01-04"));
        assert_eq!(p.last().unwrap(), &first("2021-W26", "2021-06-28"));
        let (_, p) = periods(&[d("2024-01-05"), d("2024-12-31")]);
        assert_eq!(p[0], first("2024-W01", "2024-01-01"));
        for (day, before) in [
            ("2024-03-01", "2024-02-29"),
            ("2023-03-01", "2023-02-28"),
            ("2024-01-01", "2023-12-31"),
            ("2024-05-01", "2024-04-30"),
        ] {
            assert_eq!(prev_day(d(day)), d(before), "{day}");
            assert_eq!(next_day(d(before)), d(day), "{before}");
        }
    }

    #[test]
    fn g2_is_dunnings_log_likelihood_ratio() {
        // Reference values computed independently (the formula in Python).
        for (table, want) in [
            ([5.0, 35.0, 8.0, 700.0], 13.3576),
            ([5.0, 5.0, 0.0, 30.0], 16.2787),
            ([10.0, 10.0, 10.0, 10.0], 0.0),
        ] {
            let got = g2(table[0], table[1], table[2], table[3]);
            assert!((got - want).abs() < 1e-3, "{table:?}: {got}");
        }
    }

    #[test]
    fn a_burst_is_a_significant_excess_of_at_least_three_relations() {
        let counts = |v: &[u64]| -> Vec<Counts> {
            v.iter()
                .map(|&n| Counts {
                    asserted: n,
                    ..Counts::default()
                })
                .collect()
        };
        let periods: Vec<Period> = (0..4)
            .map(|i| Period {
                key: i.to_string(),
                label: i.to_string(),
            })
            .collect();
        let all = counts(&[10, 10, 10, 10]);
        for (values, want) in [
            // All five in one period where 1.25 were expected: G² 16.3.
            (&[0, 0, 5, 0][..], Some(2)),
            // As many as its share predicts.
            (&[3, 3, 3, 3], None),
            // Concentrated, but only two.
            (&[0, 0, 2, 0], None),
            // Above its share, not significantly (G² 4.1).
            (&[1, 1, 4, 1], None),
        ] {
            let got = burst(&counts(values), &all, &periods);
            assert_eq!(got.as_ref().map(|b| b.index), want, "{values:?}");
        }
        let b = burst(&counts(&[0, 0, 5, 0]), &all, &periods).unwrap();
        assert_eq!(
            (b.count, b.expected.as_str(), b.g2.as_str()),
            (5, "1.2", "16.3")
        );
    }
}

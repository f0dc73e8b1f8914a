//! Relations over time: the period a span of dates is cut into, the series per predicate and
//! their chart.

use plotters::prelude::*;
use serde::Serialize;

use super::css;
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

/// The unit for these days, and every period from the first day to the last (empty periods
/// included, so gaps show as zero, not as a straight line across).
pub(super) fn periods(days: &[Day]) -> (Unit, Vec<String>) {
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return (Unit::Day, Vec::new());
    };
    let unit = Unit::for_span(last.days_since_epoch() - first.days_since_epoch());
    let mut out: Vec<String> = Vec::new();
    let mut d = *first;
    loop {
        let k = unit.key(d);
        if out.last() != Some(&k) {
            out.push(k);
        }
        if d >= *last {
            break;
        }
        d = next_day(d);
    }
    (unit, out)
}

fn next_day(d: Day) -> Day {
    let leap = (d.year % 4 == 0 && d.year % 100 != 0) || d.year % 400 == 0;
    let len = match d.month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if d.day < len {
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

/// One line of the time series.
#[derive(Clone, Debug, Serialize)]
pub struct Series {
    pub name: String,
    pub colour: String,
    pub total: u64,
    pub values: Vec<u64>,
    #[serde(skip)]
    rgb: (u8, u8, u8),
}

impl Series {
    pub(super) fn new(name: &str, rgb: (u8, u8, u8), n: usize) -> Series {
        Series {
            name: name.into(),
            colour: css(rgb),
            total: 0,
            values: vec![0; n],
            rgb,
        }
    }
}

/// The time series: its chart and the table behind it.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Timeline {
    pub unit: String,
    pub what: String,
    pub periods: Vec<String>,
    pub series: Vec<Series>,
    /// Per period: its name and the value of each series.
    pub rows: Vec<(String, Vec<u64>)>,
    pub svg: String,
    /// The period with the most relations, all lines together.
    pub peak: Option<String>,
    /// Its most frequent triples, "United States urge Japan (9)" (extract output only).
    pub peak_triples: Vec<String>,
}

impl Timeline {
    pub(super) fn new(
        unit: Unit,
        periods: Vec<String>,
        mut series: Vec<Series>,
        what: &str,
    ) -> Timeline {
        for s in &mut series {
            s.total = s.values.iter().sum();
        }
        let rows: Vec<(String, Vec<u64>)> = periods
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), series.iter().map(|s| s.values[i]).collect()))
            .collect();
        let peak = rows
            .iter()
            .max_by(|a, b| {
                let (x, y): (u64, u64) = (a.1.iter().sum(), b.1.iter().sum());
                x.cmp(&y).then_with(|| b.0.cmp(&a.0))
            })
            .filter(|r| r.1.iter().sum::<u64>() > 0)
            .map(|r| r.0.clone());
        let svg = if periods.is_empty() {
            String::new()
        } else {
            timeline_svg(&periods, &series).unwrap_or_default()
        };
        Timeline {
            unit: unit.name().into(),
            what: what.into(),
            periods,
            series,
            rows,
            svg,
            peak,
            peak_triples: Vec::new(),
        }
    }
}

fn timeline_svg(
    periods: &[String],
    series: &[Series],
) -> Result<String, Box<dyn std::error::Error>> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (1000, 380)).into_drawing_area();
        root.fill(&WHITE)?;
        let max = series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .max()
            .unwrap_or(0)
            .max(1);
        let n = periods.len();
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d(0..(n.max(2) - 1), 0..(max + max / 10 + 1))?;
        chart
            .configure_mesh()
            .x_labels(12.min(n))
            .x_label_formatter(&|i| periods.get(*i).cloned().unwrap_or_default())
            .y_desc("relations")
            .label_style(("sans-serif", 14))
            .light_line_style(RGBColor(235, 235, 235))
            .draw()?;
        for s in series {
            let colour = RGBColor(s.rgb.0, s.rgb.1, s.rgb.2);
            chart
                .draw_series(LineSeries::new(
                    s.values.iter().enumerate().map(|(i, v)| (i, *v)),
                    colour.stroke_width(2),
                ))?
                .label(s.name.as_str())
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(3))
                });
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(200, 200, 200))
            .label_font(("sans-serif", 14))
            .draw()?;
        root.present()?;
    }
    Ok(svg)
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
        assert_eq!(p, ["2023-12-30", "2023-12-31", "2024-01-01", "2024-01-02"]);
        let (unit, p) = periods(&[d("2024-01-01"), d("2024-12-31")]);
        assert_eq!(unit, Unit::Week);
        assert_eq!(p.first().unwrap(), "2024-W01");
        assert_eq!(p.len(), 53);
        assert_eq!(next_day(d("2024-02-28")), d("2024-02-29"));
        assert_eq!(next_day(d("2023-02-28")), d("2023-03-01"));
    }
}

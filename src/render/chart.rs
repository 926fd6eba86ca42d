//! The geometry of an objective's chart: its results as a line against the target, in numbers
//! the template draws as inline SVG (no script; the template adds the title, the description
//! and the table of the same numbers).

use serde::Serialize;

/// The chart's drawing area, in SVG user units.
pub const WIDTH: f64 = 320.0;
pub const HEIGHT: f64 = 120.0;
const PAD: f64 = 12.0;

/// One result as a point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dot {
    pub x: String,
    pub y: String,
    /// `2026-03-31: 97`, for the point's own title.
    pub label: String,
}

/// What the template draws.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    pub width: String,
    pub height: String,
    /// The results line: `x,y x,y …`.
    pub points: String,
    pub dots: Vec<Dot>,
    /// The target line's height.
    pub target_y: String,
    /// Where the target's label sits: above the line, or below it when the line is at the top.
    pub target_label_y: String,
    /// The lowest and highest values on the axis, as written on it.
    pub low: String,
    pub high: String,
}

/// The chart of `results` (date, value, in date order) against `target`; `None` without
/// results or with a value that is not finite.
pub fn chart(results: &[(String, f64)], target: f64) -> Option<Chart> {
    if results.is_empty() || !target.is_finite() || results.iter().any(|(_, v)| !v.is_finite()) {
        return None;
    }
    let values = results.iter().map(|(_, v)| *v).chain([target]);
    let (mut low, mut high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if (high - low).abs() < f64::EPSILON {
        low -= 1.0;
        high += 1.0;
    }
    let y = |value: f64| PAD + (high - value) / (high - low) * (HEIGHT - 2.0 * PAD);
    let float = |n: usize| f64::from(u32::try_from(n).unwrap_or(u32::MAX));
    let step = if results.len() > 1 { (WIDTH - 2.0 * PAD) / float(results.len() - 1) } else { 0.0 };
    let x = |index: usize| if results.len() > 1 { PAD + step * float(index) } else { WIDTH / 2.0 };
    let dots: Vec<Dot> = results
        .iter()
        .enumerate()
        .map(|(i, (date, value))| Dot {
            x: coordinate(x(i)),
            y: coordinate(y(*value)),
            label: format!("{date}: {}", number(*value)),
        })
        .collect();
    Some(Chart {
        width: coordinate(WIDTH),
        height: coordinate(HEIGHT),
        points: dots.iter().map(|d| format!("{},{}", d.x, d.y)).collect::<Vec<_>>().join(" "),
        dots,
        target_y: coordinate(y(target)),
        target_label_y: coordinate(if y(target) < 2.0 * PAD { y(target) + PAD + 2.0 } else { y(target) - 4.0 }),
        low: number(low),
        high: number(high),
    })
}

/// A coordinate with one decimal, the same on every platform.
fn coordinate(value: f64) -> String {
    format!("{value:.1}")
}

/// A value as written: `97`, `2.5`.
pub fn number(value: f64) -> String {
    format!("{value}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_rise_to_the_target_line() {
        let results = vec![("2026-01-31".to_owned(), 90.0), ("2026-02-28".to_owned(), 95.0)];
        let chart = chart(&results, 95.0).unwrap();
        assert_eq!(chart.points, "12.0,108.0 308.0,12.0");
        assert_eq!(chart.target_y, "12.0", "the target is the highest value");
        assert_eq!(chart.target_label_y, "26.0", "its label is below the line, inside the chart");
        assert_eq!(chart.dots[1].label, "2026-02-28: 95");
        assert_eq!((chart.low.as_str(), chart.high.as_str()), ("90", "95"));
    }

    #[test]
    fn one_result_equal_to_the_target_is_centred() {
        let chart = chart(&[("2026-01-31".to_owned(), 2.5)], 2.5).unwrap();
        assert_eq!(chart.points, "160.0,60.0");
        assert_eq!((chart.low.as_str(), chart.high.as_str()), ("1.5", "3.5"));
    }

    #[test]
    fn no_results_no_chart() {
        assert!(chart(&[], 1.0).is_none());
        assert!(chart(&[("d".to_owned(), f64::NAN)], 1.0).is_none());
    }
}

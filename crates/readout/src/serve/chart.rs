//! The history chart of a formulation: mentions per month as an inline SVG bar chart,
//! drawn by the server (no script, no external library), with a text equivalent.

use super::html::esc;
use std::collections::BTreeMap;

/// A month, as (year, month 1–12).
pub type Month = (i32, u32);

fn next(m: Month) -> Month {
    if m.1 >= 12 {
        (m.0 + 1, 1)
    } else {
        (m.0, m.1 + 1)
    }
}

/// Every month from the first to the last key, with zero where nothing was counted.
pub fn fill(counts: &BTreeMap<Month, usize>) -> Vec<(Month, usize)> {
    let (Some(&first), Some(&last)) = (counts.keys().next(), counts.keys().next_back()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut m = first;
    // Bounded: a key far in the future must not make an endless chart.
    while m <= last && out.len() < 1200 {
        out.push((m, counts.get(&m).copied().unwrap_or(0)));
        m = next(m);
    }
    out
}

const HEIGHT: f32 = 160.0;
const TOP: f32 = 12.0;
const BOTTOM: f32 = 28.0;
const LEFT: f32 = 36.0;
/// Horizontal room a month label needs.
const LABEL_ROOM: f32 = 48.0;

/// The chart as an `<svg>` element, labelled by `label`.
pub fn monthly(counts: &BTreeMap<Month, usize>, label: &str) -> String {
    let months = fill(counts);
    if months.is_empty() {
        return "<p class=\"muted\">No dated mentions to chart.</p>".into();
    }
    let max = months.iter().map(|(_, c)| *c).max().unwrap_or(1).max(1);
    let step = (640.0 / months.len() as f32).clamp(4.0, 48.0);
    let width = LEFT + step * months.len() as f32 + 8.0;
    let plot = HEIGHT - TOP - BOTTOM;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {width:.0} {HEIGHT:.0}\" width=\"{width:.0}\" height=\"{HEIGHT:.0}\" \
role=\"img\" aria-labelledby=\"chart-title\" xmlns=\"http://www.w3.org/2000/svg\">\
<title id=\"chart-title\">{}</title>",
        esc(label)
    );
    // Axes and the top tick.
    let base = TOP + plot;
    svg.push_str(&format!(
        "<line class=\"axis\" x1=\"{LEFT}\" y1=\"{base}\" x2=\"{:.1}\" y2=\"{base}\" stroke=\"currentColor\"/>\
<line class=\"axis\" x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{base}\" stroke=\"currentColor\"/>\
<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"currentColor\">{max}</text>\
<text class=\"tick\" x=\"{:.1}\" y=\"{base}\" text-anchor=\"end\" fill=\"currentColor\">0</text>",
        width - 8.0,
        LEFT - 4.0,
        TOP + 4.0,
        LEFT - 4.0
    ));
    let mut last_label: Option<f32> = None;
    for (i, ((y, m), c)) in months.iter().enumerate() {
        let x = LEFT + step * i as f32;
        let h = plot * (*c as f32) / (max as f32);
        let bar_w = (step * 0.8).max(2.0);
        if *c > 0 {
            svg.push_str(&format!(
                "<rect class=\"bar\" x=\"{:.1}\" y=\"{:.1}\" width=\"{bar_w:.1}\" height=\"{h:.1}\" fill=\"currentColor\">\
<title>{y:04}-{m:02}: {c}</title></rect>",
                x + step * 0.1,
                base - h
            ));
        }
        // Label the first month, every January, and the last month, where there
        // is room for the label.
        let labelled = i == 0 || *m == 1 || i + 1 == months.len();
        let room = last_label.is_none_or(|l| x - l >= LABEL_ROOM);
        if labelled && room {
            let text = if i == 0 || *m == 1 {
                format!("{y:04}-{m:02}")
            } else {
                format!("{m:02}")
            };
            svg.push_str(&format!(
                "<text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" fill=\"currentColor\">{text}</text>",
                x + step * 0.1,
                base + 16.0
            ));
            last_label = Some(x);
        }
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_filled_across_a_year_end() {
        let counts = BTreeMap::from([((2023, 11), 3), ((2024, 2), 1)]);
        let filled = fill(&counts);
        assert_eq!(
            filled,
            vec![
                ((2023, 11), 3),
                ((2023, 12), 0),
                ((2024, 1), 0),
                ((2024, 2), 1)
            ]
        );
    }

    #[test]
    fn bars_carry_their_month_and_count() {
        let counts = BTreeMap::from([((2023, 11), 3), ((2024, 8), 1)]);
        let svg = monthly(&counts, "高质量发展 <mentions>");
        assert!(svg.starts_with("<svg"));
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("<title>2023-11: 3</title>"));
        assert!(svg.contains("<title>2024-08: 1</title>"));
        assert!(svg.contains("&lt;mentions&gt;"));
    }

    #[test]
    fn labels_do_not_overlap() {
        let counts = BTreeMap::from([((2017, 10), 1), ((2024, 8), 1)]);
        let svg = monthly(&counts, "x");
        let xs: Vec<f32> = svg
            .split("<text class=\"tick\" x=\"")
            .skip(3) // the two value ticks
            .map(|t| t.split('"').next().unwrap().parse().unwrap())
            .collect();
        assert!(xs.len() >= 3, "{xs:?}");
        assert!(xs.windows(2).all(|w| w[1] - w[0] >= LABEL_ROOM), "{xs:?}");
        assert!(svg.contains(">2017-10<"));
        assert!(!svg.contains(">2018-01<"), "too close to the first label");
    }

    #[test]
    fn nothing_dated_is_said_in_words() {
        assert!(monthly(&BTreeMap::new(), "x").contains("No dated"));
    }
}

//! Inline SVG charts for the HTML reports: plain shapes and text, no
//! scripts, no external references, every label escaped.

use std::fmt::Write;

use crate::model::fmt_num;
use crate::render::html::escape;

pub const CURRENT: &str = "#1f6fb2";
pub const TARGET: &str = "#d9822b";
pub const CRITICAL: &str = "#b3261e";
const GRID: &str = "#d0d4d9";
const MUTED: &str = "#5f6368";
/// Line colours of a trend chart, in order.
const PALETTE: [&str; 8] = [
    "#1f6fb2", "#d9822b", "#2e7d32", "#8e24aa", "#00838f", "#c2185b", "#6d4c41", "#546e7a",
];

/// The value axis of a chart: the scale's range and its levels as ticks.
#[derive(Debug, Clone)]
pub struct Axis {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
}

impl Axis {
    /// Where `v` lies between the low and high end, from 0 to 1.
    fn share(&self, v: f64) -> f64 {
        let span = (self.hi - self.lo).max(f64::MIN_POSITIVE);
        ((v - self.lo) / span).clamp(0.0, 1.0)
    }
}

/// A label cut to `max` characters, with an ellipsis when cut.
fn clip(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let mut s: String = label.chars().take(max.saturating_sub(1)).collect();
        s.push('\u{2026}');
        s
    }
}

/// A label broken into lines of at most about `max` characters, at spaces;
/// a longer word keeps a line of its own.
fn wrap(label: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

fn open(out: &mut String, width: u32, height: u32, title: &str) {
    let _ = write!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"{t}\"><title>{t}</title>",
        t = escape(title)
    );
}

fn legend_swatch(out: &mut String, x: f64, y: f64, color: &str, dashed: bool, label: &str) {
    let dash = if dashed {
        " stroke-dasharray=\"6 4\""
    } else {
        ""
    };
    let _ = write!(
        out,
        "<line x1=\"{x:.1}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"{color}\" stroke-width=\"3\"{dash}/>\
         <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\">{}</text>",
        x + 22.0,
        x + 28.0,
        y + 4.0,
        escape(label)
    );
}

/// One spoke of a radar chart.
#[derive(Debug, Clone)]
pub struct Spoke<'a> {
    pub label: &'a str,
    pub current: Option<f64>,
    pub target: Option<f64>,
}

/// A radar chart of current (filled) against target (dashed) per spoke.
/// A missing value sits at the centre. Meant for three or more spokes.
pub fn radar(title: &str, spokes: &[Spoke], axis: &Axis) -> String {
    const W: u32 = 600;
    const H: u32 = 470;
    let (cx, cy, r) = (300.0_f64, 220.0_f64, 150.0_f64);
    let n = spokes.len().max(1) as f64;
    let angle = |i: usize| -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / n;
    let point = |i: usize, v: f64| {
        let a = angle(i);
        let d = r * axis.share(v);
        (cx + d * a.cos(), cy + d * a.sin())
    };
    let polygon = |values: &mut dyn Iterator<Item = f64>| {
        values
            .enumerate()
            .map(|(i, v)| {
                let (x, y) = point(i, v);
                format!("{x:.1},{y:.1}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    };

    let mut out = String::new();
    open(&mut out, W, H, title);
    // Rings at every scale level, with the level's value on the top spoke.
    for &t in axis.ticks.iter().filter(|t| **t > axis.lo) {
        let _ = write!(
            out,
            "<polygon points=\"{}\" fill=\"none\" stroke=\"{GRID}\" stroke-width=\"1\"/>",
            polygon(&mut spokes.iter().map(|_| t))
        );
        let (_, y) = point(0, t);
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"{MUTED}\">{}</text>",
            cx + 4.0,
            y - 2.0,
            fmt_num(t)
        );
    }
    for (i, s) in spokes.iter().enumerate() {
        let (x, y) = point(i, axis.hi);
        let _ = write!(
            out,
            "<line x1=\"{cx:.1}\" y1=\"{cy:.1}\" x2=\"{x:.1}\" y2=\"{y:.1}\" stroke=\"{GRID}\" stroke-width=\"1\"/>"
        );
        let a = angle(i);
        let (lx, ly) = (cx + (r + 16.0) * a.cos(), cy + (r + 16.0) * a.sin());
        let anchor = if a.cos().abs() < 0.3 {
            "middle"
        } else if a.cos() > 0.0 {
            "start"
        } else {
            "end"
        };
        // Up to three lines of 18 characters, placed away from the chart.
        let lines = wrap(&clip(s.label, 54), 18);
        let height = 15.0 * (lines.len() as f64 - 1.0);
        let ly = if a.sin() > 0.3 {
            ly + 12.0
        } else if a.sin() < -0.3 {
            ly - 4.0 - height
        } else {
            ly + 4.0 - height / 2.0
        };
        let _ = write!(
            out,
            "<text x=\"{lx:.1}\" y=\"{ly:.1}\" font-size=\"13\" text-anchor=\"{anchor}\">"
        );
        for (k, line) in lines.iter().enumerate() {
            let dy = if k == 0 { 0.0 } else { 15.0 };
            let _ = write!(
                out,
                "<tspan x=\"{lx:.1}\" dy=\"{dy:.1}\">{}</tspan>",
                escape(line)
            );
        }
        out.push_str("</text>");
    }
    let _ = write!(
        out,
        "<polygon class=\"target\" points=\"{}\" fill=\"none\" stroke=\"{TARGET}\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\"/>",
        polygon(&mut spokes.iter().map(|s| s.target.unwrap_or(axis.lo)))
    );
    let _ = write!(
        out,
        "<polygon class=\"current\" points=\"{}\" fill=\"{CURRENT}\" fill-opacity=\"0.25\" stroke=\"{CURRENT}\" stroke-width=\"2.5\"/>",
        polygon(&mut spokes.iter().map(|s| s.current.unwrap_or(axis.lo)))
    );
    for (i, s) in spokes.iter().enumerate() {
        if let Some(v) = s.current {
            let (x, y) = point(i, v);
            let _ = write!(
                out,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"3.5\" fill=\"{CURRENT}\"><title>{}: {}</title></circle>",
                escape(s.label),
                fmt_num(v)
            );
        }
    }
    legend_swatch(&mut out, cx - 110.0, 455.0, CURRENT, false, "Current");
    legend_swatch(&mut out, cx + 30.0, 455.0, TARGET, true, "Target");
    out.push_str("</svg>");
    out
}

/// One bar of a gap chart.
#[derive(Debug, Clone)]
pub struct GapBar<'a> {
    pub label: &'a str,
    pub gap: f64,
    pub critical: bool,
}

/// A horizontal bar chart of gaps, in levels, on the scale's span.
pub fn gap_bars(title: &str, bars: &[GapBar], axis: &Axis) -> String {
    const W: u32 = 560;
    const ROW: f64 = 26.0;
    let (left, plot) = (230.0_f64, 290.0_f64);
    let top = 26.0;
    let span = (axis.hi - axis.lo).max(f64::MIN_POSITIVE);
    let height = top + ROW * bars.len() as f64 + 34.0;
    let mut out = String::new();
    open(&mut out, W, height.ceil() as u32, title);
    // A grid line per level of gap, with its size on top.
    let mut level = 0.0;
    while level <= span + 1e-9 {
        let x = left + plot * level / span;
        let _ = write!(
            out,
            "<line x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"{GRID}\" stroke-width=\"1\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"middle\" fill=\"{MUTED}\">{}</text>",
            top - 6.0,
            top + ROW * bars.len() as f64,
            top - 10.0,
            fmt_num(level)
        );
        level += 1.0;
    }
    for (i, b) in bars.iter().enumerate() {
        let y = top + ROW * i as f64;
        let len = plot * (b.gap.max(0.0) / span).min(1.0);
        let color = if b.critical { CRITICAL } else { TARGET };
        let _ = write!(
            out,
            "<g class=\"bar\"><title>{label}: gap {gap}</title>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\">{short}</text>\
             <rect x=\"{left:.1}\" y=\"{:.1}\" width=\"{len:.1}\" height=\"{:.1}\" fill=\"{color}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" fill=\"{MUTED}\">{gap}</text></g>",
            left - 8.0,
            y + ROW * 0.62,
            y + 4.0,
            ROW - 8.0,
            left + len + 4.0,
            y + ROW * 0.62,
            label = escape(b.label),
            short = escape(&clip(b.label, 34)),
            gap = fmt_num(b.gap),
        );
    }
    let legend_y = top + ROW * bars.len() as f64 + 20.0;
    legend_swatch(&mut out, left, legend_y, CRITICAL, false, "critical gap");
    legend_swatch(&mut out, left + 140.0, legend_y, TARGET, false, "other gap");
    out.push_str("</svg>");
    out
}

/// One line of a trend chart; `None` points leave a hole in the line.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    pub label: &'a str,
    pub points: &'a [Option<f64>],
    /// Drawn thicker and in black, e.g. the overall score.
    pub bold: bool,
}

/// A line chart of scores over assessments, with a legend on the right.
pub fn trend(title: &str, lines: &[Line], x_labels: &[String], axis: &Axis) -> String {
    const W: u32 = 720;
    const H: u32 = 330;
    let (left, right, top, bottom) = (40.0_f64, 490.0_f64, 16.0_f64, 280.0_f64);
    let steps = x_labels.len().saturating_sub(1).max(1) as f64;
    let x = |i: usize| left + (right - left) * i as f64 / steps;
    let y = |v: f64| bottom - (bottom - top) * axis.share(v);
    let mut out = String::new();
    open(&mut out, W, H, title);
    for &t in &axis.ticks {
        let _ = write!(
            out,
            "<line x1=\"{left:.1}\" y1=\"{yy:.1}\" x2=\"{right:.1}\" y2=\"{yy:.1}\" stroke=\"{GRID}\" stroke-width=\"1\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" text-anchor=\"end\" fill=\"{MUTED}\">{}</text>",
            left - 6.0,
            y(t) + 3.0,
            fmt_num(t),
            yy = y(t)
        );
    }
    for (i, label) in x_labels.iter().enumerate() {
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"middle\">{}</text>",
            x(i),
            bottom + 18.0,
            escape(&clip(label, 18))
        );
    }
    for (k, line) in lines.iter().enumerate() {
        let (color, width) = if line.bold {
            ("#1d1d1f", 3.5)
        } else {
            (PALETTE[k % PALETTE.len()], 2.0)
        };
        let _ = write!(
            out,
            "<g class=\"line\"><title>{}</title>",
            escape(line.label)
        );
        // Unbroken runs of points become one polyline each.
        let mut run: Vec<String> = Vec::new();
        let flush = |run: &mut Vec<String>, out: &mut String| {
            if run.len() > 1 {
                let _ = write!(
                    out,
                    "<polyline points=\"{}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"{width}\"/>",
                    run.join(" ")
                );
            }
            run.clear();
        };
        for (i, p) in line.points.iter().enumerate() {
            match p {
                Some(v) => {
                    run.push(format!("{:.1},{:.1}", x(i), y(*v)));
                    let _ = write!(
                        out,
                        "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"{color}\"><title>{}: {}</title></circle>",
                        x(i),
                        y(*v),
                        escape(line.label),
                        fmt_num(*v)
                    );
                }
                None => flush(&mut run, &mut out),
            }
        }
        flush(&mut run, &mut out);
        let ly = top + 8.0 + 20.0 * k as f64;
        out.push_str("</g>");
        let _ = write!(
            out,
            "<line x1=\"{:.1}\" y1=\"{ly:.1}\" x2=\"{:.1}\" y2=\"{ly:.1}\" stroke=\"{color}\" stroke-width=\"{width}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\">{}</text>",
            right + 24.0,
            right + 46.0,
            right + 52.0,
            ly + 4.0,
            escape(&clip(line.label, 26))
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn axis() -> Axis {
        Axis {
            lo: 0.0,
            hi: 5.0,
            ticks: vec![0.0, 1.0, 2.0, 3.0, 4.0, 5.0],
        }
    }

    #[test]
    fn radar_draws_a_ring_per_level_and_both_polygons() {
        let spokes = [
            Spoke {
                label: "A",
                current: Some(5.0),
                target: Some(5.0),
            },
            Spoke {
                label: "B",
                current: Some(0.0),
                target: Some(3.0),
            },
            Spoke {
                label: "<C&>",
                current: None,
                target: Some(3.0),
            },
        ];
        let svg = radar("Areas", &spokes, &axis());
        assert_eq!(svg.matches("<polygon").count(), 5 + 2);
        // Current 5 on the top spoke lies on the outer ring, radius 150 above the centre.
        assert!(
            svg.contains("class=\"current\" points=\"300.0,70.0 300.0,220.0 300.0,220.0\""),
            "{svg}"
        );
        assert!(svg.contains("&lt;C&amp;&gt;"), "{svg}");
        assert!(!svg.contains("<C&>"));
    }

    #[test]
    fn gap_bars_scale_to_the_span_and_mark_critical_gaps() {
        let bars = [
            GapBar {
                label: "Big",
                gap: 2.5,
                critical: true,
            },
            GapBar {
                label: "Small",
                gap: 1.0,
                critical: false,
            },
        ];
        let svg = gap_bars("Gaps", &bars, &axis());
        // 290 px for 5 levels: 2.5 levels are 145 px, 1 level 58 px.
        assert!(
            svg.contains(&format!(
                "width=\"145.0\" height=\"18.0\" fill=\"{CRITICAL}\""
            )),
            "{svg}"
        );
        assert!(
            svg.contains(&format!("width=\"58.0\" height=\"18.0\" fill=\"{TARGET}\"")),
            "{svg}"
        );
    }

    #[test]
    fn trend_lines_break_at_missing_points() {
        let points = [Some(1.0), None, Some(2.0), Some(3.0)];
        let lines = [Line {
            label: "A",
            points: &points,
            bold: false,
        }];
        let labels: Vec<String> = ["a", "b", "c", "d"].map(String::from).to_vec();
        let svg = trend("Trend", &lines, &labels, &axis());
        // The single point before the hole draws no line; the two after do.
        assert_eq!(svg.matches("<polyline").count(), 1);
        assert_eq!(svg.matches("<circle").count(), 3);
    }

    #[test]
    fn labels_wrap_at_spaces() {
        assert_eq!(
            wrap("Process-supporting tools", 18),
            ["Process-supporting", "tools"]
        );
        assert_eq!(wrap("Employee training", 18), ["Employee training"]);
        assert_eq!(wrap("", 18), Vec::<String>::new());
    }

    #[test]
    fn long_labels_are_clipped() {
        assert_eq!(clip("abcdef", 4), "abc\u{2026}");
        assert_eq!(clip("abc", 4), "abc");
    }
}

//! `disco practice --stats` in a terminal: retention over the last 30 days and the cards due
//! each of the next 14 days, as charts, above the per-step mastery. Any key closes it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{
    Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType, Paragraph,
};

use crate::core::practice::{Stats, StepMastery};
use crate::tui::theme::Theme;

fn short_date(date: jiff::civil::Date) -> String {
    format!("{}/{}", date.month(), date.day())
}

pub fn view(frame: &mut Frame, area: Rect, stats: &Stats, theme: &Theme) {
    // The fortnight needs 16 rows; on a short terminal the per-step lines give way to it.
    let step_rows = stats.steps.len() as u16 + 1;
    let step_rows = if area.height >= 19 + step_rows {
        step_rows
    } else {
        0
    };
    let [head, charts, steps, foot] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(16),
        Constraint::Length(step_rows),
        Constraint::Length(1),
    ])
    .areas(area);
    let retention = match stats.retention_30d {
        Some(r) => format!(
            "remembered {:.0}% of {} (30 days)",
            r * 100.0,
            stats.reviews_30d
        ),
        None => "no reviews in 30 days".into(),
    };
    let runs = match stats.runs.last() {
        Some(run) => format!(
            " · last script run {} of {} in order",
            run.in_order, run.total
        ),
        None => String::new(),
    };
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(
                format!(
                    " Practice · {} · streak {}{runs}",
                    stats.learner, stats.streak_days
                ),
                theme.title(),
            ),
            Line::raw(format!(
                " Due now {} · new left {} · {retention}",
                stats.due_today, stats.new_available
            )),
        ]),
        head,
    );
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(charts);
    retention_chart(frame, left, stats, theme);
    due_chart(frame, right, stats, theme);
    let mut lines = vec![Line::styled(" Mastered per step", theme.key())];
    for StepMastery {
        title,
        mastered,
        total,
    } in &stats.steps
    {
        lines.push(Line::raw(format!("  {title}: {mastered} of {total}")));
    }
    frame.render_widget(Paragraph::new(lines), steps);
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(" any key", theme.key()),
            Span::styled(" closes", theme.dim()),
        ])),
        foot,
    );
}

/// Daily retention in percent, from the first day with reviews (a week at least); days without
/// reviews have no point rather than a false 0%.
fn retention_chart(frame: &mut Frame, area: Rect, stats: &Stats, theme: &Theme) {
    let first = stats.days.iter().position(|d| d.reviews > 0).unwrap_or(0);
    let days = &stats.days[first.min(stats.days.len().saturating_sub(7))..];
    let points: Vec<(f64, f64)> = days
        .iter()
        .enumerate()
        .filter_map(|(i, d)| d.retention().map(|r| (i as f64, r * 100.0)))
        .collect();
    let last = days.len().saturating_sub(1) as f64;
    let labels =
        [days.first(), days.last()].map(|d| d.map(|d| short_date(d.date)).unwrap_or_default());
    let chart = Chart::new(vec![
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(theme.done())
            .data(&points),
        Dataset::default()
            .marker(Marker::Dot)
            .graph_type(GraphType::Scatter)
            .style(theme.done())
            .data(&points),
    ])
    .block(Block::bordered().title(" Remembered per day, % "))
    .x_axis(
        Axis::default()
            .bounds([0.0, last.max(1.0)])
            .labels(labels.to_vec())
            .style(theme.dim()),
    )
    .y_axis(
        Axis::default()
            .bounds([0.0, 100.0])
            .labels(["0", "50", "100"])
            .style(theme.dim()),
    );
    frame.render_widget(chart, area);
}

/// One row a day, so every date is readable at 80 columns.
fn due_chart(frame: &mut Frame, area: Rect, stats: &Stats, theme: &Theme) {
    let bars: Vec<Bar> = stats
        .due_ahead
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let label = if i == 0 {
                "today".to_string()
            } else {
                jiff::fmt::strtime::format("%a %-d", d.date).unwrap_or_default()
            };
            Bar::with_label(label, d.due as u64)
        })
        .collect();
    let chart = BarChart::default()
        .direction(Direction::Horizontal)
        .data(BarGroup::default().bars(&bars))
        .block(Block::bordered().title(" Due per day, next 14 "))
        .bar_width(1)
        .bar_gap(0)
        .bar_style(theme.key())
        .value_style(theme.title());
    frame.render_widget(chart, area);
}

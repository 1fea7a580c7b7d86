//! The current question: what to say, what to listen for, and the step's tips.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::CallState;
use crate::core::wrap::fit_rows;
use crate::tui::theme::Theme;

/// The question panel's lines; the caller sizes the panel from their count.
pub fn lines(state: &CallState, theme: &Theme) -> Vec<Line<'static>> {
    let Some(step) = state.bank.steps.get(state.at.step) else {
        return Vec::new();
    };
    let Some(question) = step.questions.get(state.at.question) else {
        return Vec::new();
    };
    let mut lines = vec![
        Line::styled(format!("“{}”", question.ask), theme.ask()),
        Line::from(vec![
            Span::styled("Listen for: ", theme.key()),
            Span::raw(question.listen_for.clone()),
        ]),
    ];
    for follow_up in &question.follow_ups {
        lines.push(Line::from(vec![
            Span::styled("Follow up: ", theme.key()),
            Span::raw(follow_up.clone()),
        ]));
    }
    lines.push(Line::from(vec![
        Span::styled("Goal: ", theme.dim()),
        Span::styled(step.goal.clone(), theme.dim()),
    ]));
    for tip in &step.guidance {
        lines.push(Line::styled(format!("• {tip}"), theme.dim()));
    }
    lines
}

/// Rows the panel needs at `width` (including borders), so the answer box gets the rest.
pub fn wanted_height(state: &CallState, theme: &Theme, width: u16) -> u16 {
    let inner = width.saturating_sub(2).max(1);
    let rows = Paragraph::new(lines(state, theme))
        .wrap(Wrap { trim: true })
        .line_count(inner);
    rows as u16 + 2
}

pub fn view(frame: &mut Frame, area: Rect, state: &CallState, theme: &Theme) {
    let Some(question) = state.bank.question(state.at) else {
        return;
    };
    let count = state
        .bank
        .steps
        .get(state.at.step)
        .map_or(0, |s| s.questions.len());
    let required = if question.required {
        " · required"
    } else {
        ""
    };
    let block = Block::bordered()
        .title(format!(
            " Question {}.{} of {count}{required} ",
            state.at.step + 1,
            state.at.question + 1
        ))
        .border_style(theme.dim());
    let inner = block.inner(area);
    let quoted = format!("“{}”", question.ask);
    let ask_rows = Paragraph::new(quoted.as_str())
        .wrap(Wrap { trim: true })
        .line_count(inner.width);
    if ask_rows <= usize::from(inner.height) {
        // The question whole; what follows it shows as far as there is room.
        let all = Paragraph::new(lines(state, theme)).wrap(Wrap { trim: true });
        frame.render_widget(all.block(block), area);
        return;
    }
    // Too little room (a role-play gives it to the conversation): the question itself, as much
    // as fits, and "…" where it is cut, never a silent cut.
    let rows = fit_rows(&quoted, usize::from(inner.width), usize::from(inner.height));
    let rows: Vec<Line> = rows
        .into_iter()
        .map(|r| Line::styled(r, theme.ask()))
        .collect();
    frame.render_widget(Paragraph::new(rows).block(block), area);
}

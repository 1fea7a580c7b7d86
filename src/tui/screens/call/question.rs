//! The current question: what to say, what to listen for, and the step's tips.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::{CallState, clipped};
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

/// Rows the panel needs at `width` (borders included): for the question alone, with its
/// listen-for and first follow-up, and for everything, so the layout can give the question
/// what it needs first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heights {
    pub ask: u16,
    pub core: u16,
    pub full: u16,
}

pub fn heights(state: &CallState, theme: &Theme, width: u16) -> Heights {
    let inner = width.saturating_sub(2).max(1);
    let all = lines(state, theme);
    let has_follow_up = state
        .bank
        .question(state.at)
        .is_some_and(|q| !q.follow_ups.is_empty());
    // Lines wrap one by one, so each is measured once and the parts are sums.
    let each: Vec<u16> = all
        .into_iter()
        .map(|line| clipped::height(vec![line], inner))
        .collect();
    let rows = |count: usize| each.iter().take(count).sum::<u16>() + 2;
    let full = rows(each.len());
    // A part shown alone leaves a row for the ellipsis that says more follows.
    let with_marker = |rows: u16| if rows < full { rows + 1 } else { rows };
    Heights {
        ask: with_marker(rows(1)),
        core: with_marker(rows(2 + usize::from(has_follow_up))),
        full,
    }
}

/// `full`: the rows the whole question takes, from [`heights`].
pub fn view(frame: &mut Frame, area: Rect, state: &CallState, theme: &Theme, full: u16) {
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
    frame.render_widget(block, area);
    clipped::render_measured(
        frame,
        inner,
        lines(state, theme),
        full.saturating_sub(2),
        theme,
    );
}

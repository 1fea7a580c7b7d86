//! The practice frame: header, the current drill, the footer.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{Exercise, PracticeState, done, fill_gap, run_script, what_next, which_step};
use crate::tui::theme::Theme;
use crate::tui::widgets::hints_line;

pub fn view(frame: &mut Frame, area: Rect, state: &PracticeState, theme: &Theme) {
    let [head, body, status, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let drill = match (&state.current, &state.recital) {
        (Some(exercise), _) => exercise.drill().title(),
        (None, Some(_)) => "Run the script",
        (None, None) => "Session done",
    };
    let position = if state.current.is_some() {
        format!(
            " · card {} of {}",
            state.shown,
            state.shown + state.queue.len()
        )
    } else {
        String::new()
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" Practice · {}", state.learner()), theme.title()),
            Span::raw(format!(" · {drill}{position}")),
        ])),
        head,
    );
    let block = Block::bordered()
        .title(format!(" {drill} "))
        .border_style(theme.focused_border());
    let inner = block.inner(body);
    frame.render_widget(block, body);
    match (&state.current, &state.recital) {
        (
            Some(Exercise::WhatNext {
                prompt, revealed, ..
            }),
            _,
        ) => what_next::view(frame, inner, prompt, *revealed, theme),
        (
            Some(Exercise::WhichStep {
                ask,
                correct,
                picked,
                ..
            }),
            _,
        ) => {
            which_step::view(frame, inner, &state.bank, ask, *correct, *picked, theme);
        }
        (
            Some(Exercise::FillGap {
                gap,
                input,
                verdict,
                ..
            }),
            _,
        ) => fill_gap::view(frame, inner, gap, input, *verdict, theme),
        (None, Some(recital)) => run_script::view(frame, inner, state, recital, theme),
        (None, None) => done::view(frame, inner, state, theme),
    }
    if let Some(message) = &state.message {
        frame.render_widget(
            Paragraph::new(Line::styled(format!(" {message}"), theme.warn())),
            status,
        );
    }
    frame.render_widget(
        Paragraph::new(hints_line(&state.scopes(), theme, foot.width)),
        foot,
    );
}

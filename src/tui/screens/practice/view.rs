//! The practice frame: header, the current drill, the footer.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::{
    Exercise, PracticeState, done, fill_gap, guidance, learn, recall, run_script, what_next,
    which_step,
};
use crate::tui::keymap::{Action, Scope, key_for};
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
        (Some(exercise), _) => exercise.title(),
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
    let preview = state.rating_preview();
    let back_in = state.next_review_label();
    match (&state.current, &state.recital) {
        (Some(Exercise::Learn { lesson, .. }), _) => learn::view(frame, inner, lesson, theme),
        (Some(Exercise::WhatNext { prompt, .. }), _) => {
            what_next::view(frame, inner, prompt, preview.as_ref(), theme);
        }
        (Some(Exercise::Recall { prompt, .. }), _) => {
            recall::view(frame, inner, prompt, preview.as_ref(), theme);
        }
        (Some(exercise @ Exercise::WhichStep { .. }), _) => {
            which_step::view(
                frame,
                inner,
                &state.bank,
                exercise,
                back_in.as_deref(),
                theme,
            );
        }
        (Some(Exercise::Guidance { check, picked, .. }), _) => {
            guidance::view(frame, inner, check, *picked, back_in.as_deref(), theme);
        }
        (
            Some(Exercise::FillGap {
                gap,
                input,
                verdict,
                ..
            }),
            _,
        ) => fill_gap::view(
            frame,
            inner,
            gap,
            input,
            *verdict,
            back_in.as_deref(),
            theme,
        ),
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

/// "Step 2 · How they measure vendors", atop every drill about one card.
pub(super) fn step_heading(number: usize, title: &str, theme: &Theme) -> Line<'static> {
    Line::styled(format!("Step {number} · {title}"), theme.title())
}

/// After a graded answer: when the card comes back, and how to go on.
pub(super) fn next_card_line(back_in: Option<&str>) -> String {
    let next = format!(
        "{} for the next card.",
        key_for(Scope::Practice, Action::Open)
    );
    match back_in {
        Some(when) => format!("Back in {when}. {next}"),
        None => next,
    }
}

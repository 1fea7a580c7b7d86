//! The top line: who, where in the script, how long, and whether the notes are safe.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::{CallState, SaveStatus};
use crate::tui::theme::Theme;
use crate::tui::widgets::truncate;
use unicode_width::UnicodeWidthStr;

fn elapsed_secs(state: &CallState) -> u64 {
    state.now.saturating_duration_since(state.started).as_secs()
}

fn elapsed(state: &CallState) -> String {
    let secs = elapsed_secs(state);
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

/// What of the header can change while the rep types (the rest is part of `view::frame_key`):
/// the same value means the same header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Changing {
    secs: u64,
    unsaved: bool,
    merged: bool,
    team: Option<&'static str>,
}

pub fn changing(state: &CallState) -> Changing {
    Changing {
        secs: elapsed_secs(state),
        unsaved: state.has_unsaved_changes(),
        merged: state.status() == &SaveStatus::Merged,
        team: state.team_word,
    }
}

/// The save status in a word, styled so a failure cannot be missed.
fn save_status(state: &CallState, theme: &Theme) -> Span<'static> {
    match state.status() {
        SaveStatus::Failed(_) => Span::styled("NOT SAVED ", theme.error()),
        _ if state.has_unsaved_changes() => Span::styled("saving… ", theme.dim()),
        SaveStatus::Merged => {
            Span::styled("saved, merged changes made outside disco ", theme.warn())
        }
        _ => Span::styled("saved ", theme.done()),
    }
}

/// Draws into a bare buffer, not a frame: typing redraws the header alone (`view::echo`).
pub fn render(area: Rect, buf: &mut Buffer, state: &CallState, theme: &Theme) {
    let step = state.bank.steps.get(state.at.step);
    let budget = step
        .and_then(|s| s.minutes)
        .map(|m| format!(" · step ~{m} min"))
        .unwrap_or_default();
    let mut right = vec![Span::raw(format!("{}{budget} · ", elapsed(state)))];
    if let Some(word) = state.team_word {
        right.push(Span::styled(word, theme.warn()));
    }
    right.push(save_status(state, theme));
    let right = Line::from(right);
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(right.width() as u16)])
            .areas(area);
    let where_ = step
        .map(|s| {
            format!(
                " · Step {} of {} · {}",
                state.at.step + 1,
                state.bank.steps.len(),
                s.title
            )
        })
        .unwrap_or_default();
    let width = left_area.width as usize;
    // A role-play's account name carries its start time to stay unique; the header names the
    // scenario and the trainee instead, and keeps room for the step.
    let name = match &state.roleplay {
        Some(r) => format!("{} · {}", r.record.trainee, r.scenario.id),
        None => state.account.name.clone(),
    };
    // " · Step 2 of 3", without the step's title, which may be cut.
    let step_number = format!(
        " · Step {} of {}",
        state.at.step + 1,
        state.bank.steps.len()
    );
    let room_for_step = if state.roleplay.is_some() {
        // One more column: a cut title's "…".
        (step_number.width() + 1).min(width * 2 / 3)
    } else {
        0
    };
    let name = truncate(&name, width.saturating_sub(2 + room_for_step).clamp(1, 40));
    // One blank column before the timer, so the step's title never runs into it.
    let rest = truncate(&where_, width.saturating_sub(name.width() + 2));
    Paragraph::new(Line::from(vec![
        Span::styled(format!(" {name}"), theme.title()),
        Span::raw(rest),
    ]))
    .render(left_area, buf);
    Paragraph::new(right).render(right_area, buf);
}

/// The full-width warning shown under the header while saves fail.
pub fn failure_line(state: &CallState, theme: &Theme) -> Option<Line<'static>> {
    match state.status() {
        SaveStatus::Failed(err) => Some(Line::styled(
            format!(" Not saved: {err}. Your text is kept here; retrying every 2 s. "),
            theme.error(),
        )),
        _ => None,
    }
}

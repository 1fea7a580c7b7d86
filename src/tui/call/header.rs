//! The top line: who, where in the script, how long, and whether the notes are safe.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{CallState, SaveStatus};
use crate::tui::theme::Theme;
use crate::tui::widgets::truncate;
use unicode_width::UnicodeWidthStr;

fn elapsed(state: &CallState) -> String {
    let secs = state.now.saturating_duration_since(state.started).as_secs();
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

/// The save status in a word, styled so a failure cannot be missed.
fn save_status(state: &CallState, theme: &Theme) -> Span<'static> {
    match state.status {
        SaveStatus::Failed(_) => Span::styled("NOT SAVED ", theme.error()),
        _ if state.has_unsaved_changes() => Span::styled("saving… ", theme.dim()),
        _ => Span::styled("saved ", theme.done()),
    }
}

pub fn view(frame: &mut Frame, area: Rect, state: &CallState, theme: &Theme) {
    let step = state.bank.steps.get(state.at.step);
    let budget = step
        .and_then(|s| s.minutes)
        .map(|m| format!(" · step ~{m} min"))
        .unwrap_or_default();
    let right = Line::from(vec![
        Span::raw(format!("{}{budget} · ", elapsed(state))),
        save_status(state, theme),
    ]);
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
    let name = truncate(&state.account.name, width.saturating_sub(2).min(40));
    let rest = truncate(&where_, width.saturating_sub(name.width() + 1));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {name}"), theme.title()),
            Span::raw(rest),
        ])),
        left_area,
    );
    frame.render_widget(Paragraph::new(right), right_area);
}

/// The full-width warning shown under the header while saves fail.
pub fn failure_line(state: &CallState, theme: &Theme) -> Option<Line<'static>> {
    match &state.status {
        SaveStatus::Failed(err) => Some(Line::styled(
            format!(" Not saved: {err}. Your text is kept here; retrying every 2 s. "),
            theme.error(),
        )),
        _ => None,
    }
}

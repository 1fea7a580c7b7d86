//! The top line: who, where in the script, how long, and whether the notes are safe.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{CallState, SaveStatus};
use crate::tui::theme::Theme;
use crate::tui::widgets::truncate;

pub fn elapsed(state: &CallState) -> String {
    let secs = state.now.saturating_duration_since(state.started).as_secs();
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

pub fn save_label(state: &CallState) -> &'static str {
    match state.status {
        SaveStatus::Failed(_) => "NOT SAVED",
        _ if state.has_unsaved_changes() => "saving…",
        _ => "saved",
    }
}

pub fn view(frame: &mut Frame, area: Rect, state: &CallState, theme: &Theme) {
    let step = state.bank.steps.get(state.at.step);
    let budget = step
        .and_then(|s| s.minutes)
        .map(|m| format!(" · step ~{m} min"))
        .unwrap_or_default();
    let save = save_label(state);
    let right = format!("{}{budget} · {save} ", elapsed(state));
    let right_width = right.chars().count() as u16;
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(right_width)]).areas(area);
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
    let rest = truncate(&where_, width.saturating_sub(name.chars().count() + 1));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!(" {name}"), theme.title()),
            Span::raw(rest),
        ])),
        left_area,
    );
    let save_style = match state.status {
        SaveStatus::Failed(_) => theme.error(),
        _ if state.has_unsaved_changes() => theme.dim(),
        _ => theme.done(),
    };
    let time = right.trim_end_matches(&format!("{save} ")).to_string();
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::raw(time),
            Span::styled(format!("{save} "), save_style),
        ])),
        right_area,
    );
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

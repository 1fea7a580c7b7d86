//! The top line: who, where in the script, how long on this step and in all, and whether the
//! notes are safe. Narrow windows drop words in order, never the step or the save status.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::step_clock::{clock_face, over_budget};
use super::{CallState, SaveStatus};
use crate::tui::theme::Theme;
use crate::tui::widgets::truncate;
use unicode_width::UnicodeWidthStr;

fn elapsed_secs(state: &CallState) -> u64 {
    state.now.saturating_duration_since(state.started).as_secs()
}

/// What of the header can change while the rep types (the rest is part of `view::frame_key`):
/// the same value means the same header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Changing {
    secs: u64,
    step_secs: u64,
    unsaved: bool,
    merged: bool,
    team: Option<&'static str>,
}

pub(crate) fn changing(state: &CallState) -> Changing {
    Changing {
        secs: elapsed_secs(state),
        step_secs: state.step_clock.on_step(state.now).as_secs(),
        unsaved: state.has_unsaved_changes(),
        merged: state.status() == &SaveStatus::Merged,
        team: state.team_word,
    }
}

/// The save status in a word (`short`) or a phrase, styled so a failure cannot be missed.
fn save_status(state: &CallState, theme: &Theme, short: bool) -> Span<'static> {
    match state.status() {
        SaveStatus::Failed(_) => Span::styled("NOT SAVED ", theme.error()),
        _ if state.has_unsaved_changes() => Span::styled("saving… ", theme.dim()),
        SaveStatus::Merged if short => Span::styled("merged ", theme.warn()),
        SaveStatus::Merged => {
            Span::styled("saved, merged changes made outside disco ", theme.warn())
        }
        _ => Span::styled("saved ", theme.done()),
    }
}

/// The right-hand side, from the fullest to the tightest: time on this step against its
/// budget (coloured once past it), the call's time, the save status.
fn right_sides(state: &CallState, theme: &Theme) -> [Line<'static>; 3] {
    let on_step = state.step_clock.on_step(state.now);
    let budget = state.bank.steps.get(state.at.step).and_then(|s| s.minutes);
    let style = if over_budget(on_step, budget) {
        theme.warn()
    } else {
        Style::new()
    };
    let face = clock_face(on_step);
    let call = clock_face(state.now.saturating_duration_since(state.started));
    let (long, short) = match budget {
        Some(m) => (format!("step {face} of ~{m} min"), format!("{face}/{m}m")),
        None => (format!("step {face}"), face),
    };
    // The team's word (sync) sits just before the save status, in every form.
    let team = || state.team_word.map(|word| Span::styled(word, theme.warn()));
    let line = |spans: Vec<Span<'static>>, short: bool| {
        let mut spans = spans;
        spans.extend(team());
        spans.push(save_status(state, theme, short));
        Line::from(spans)
    };
    [
        line(
            vec![
                Span::styled(long, style),
                Span::raw(format!(" · call {call} · ")),
            ],
            false,
        ),
        line(
            vec![
                Span::styled(short.clone(), style),
                Span::raw(format!(" · {call} · ")),
            ],
            true,
        ),
        line(vec![Span::styled(short, style), Span::raw(" ")], true),
    ]
}

/// Draws into a bare buffer, not a frame: typing redraws the header alone (`view::echo`).
pub(crate) fn render(area: Rect, buf: &mut Buffer, state: &CallState, theme: &Theme) {
    let width = area.width as usize;
    let step = state.bank.steps.get(state.at.step);
    let (n, of) = (state.at.step + 1, state.bank.steps.len());
    let long_step = step
        .map(|_| format!(" · Step {n} of {of}"))
        .unwrap_or_default();
    let short_step = step.map(|_| format!(" · {n}/{of}")).unwrap_or_default();
    // A role-play's account name carries its start time to stay unique; the header names the
    // trainee and the scenario instead, so the step keeps its room.
    let display_name = match &state.roleplay {
        Some(r) => format!("{} · {}", r.record.trainee, r.scenario.id),
        None => state.account.name.clone(),
    };
    let name_width = display_name.width();
    // Room for the name (a long one cut to 24 columns: the timer's words go before it is
    // cut further), the step, and one blank column before the timer.
    let fits = |right: &Line, step: &str| {
        right.width() + 1 + 1 + name_width.min(24) + step.width() <= width
    };
    let [full, medium, tight] = right_sides(state, theme);
    let (right, step_label) = if fits(&full, &long_step) {
        (full, long_step)
    } else if fits(&medium, &long_step) {
        (medium, long_step)
    } else if fits(&tight, &long_step) {
        (tight, long_step)
    } else {
        (tight, short_step)
    };
    let [left_area, right_area] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(right.width() as u16)])
            .areas(area);
    let room = (left_area.width as usize).saturating_sub(1);
    let name_room = room.saturating_sub(1 + step_label.width()).min(40);
    let name = truncate(&display_name, name_room);
    let title = step.map(|s| format!(" · {}", s.title)).unwrap_or_default();
    let used = 1 + name.width() + step_label.width();
    // A title with no room for a word of its own is left out rather than shown as "· …".
    let title_room = room.saturating_sub(used);
    let title = if title_room >= 8 {
        truncate(&title, title_room)
    } else {
        String::new()
    };
    Paragraph::new(Line::from(vec![
        Span::styled(format!(" {name}"), theme.title()),
        Span::raw(step_label),
        Span::raw(title),
    ]))
    .render(left_area, buf);
    Paragraph::new(right).render(right_area, buf);
}

/// The full-width warning shown under the header while saves fail.
pub(crate) fn failure_line(state: &CallState, theme: &Theme) -> Option<Line<'static>> {
    match state.status() {
        SaveStatus::Failed(err) => Some(Line::styled(
            format!(" Not saved: {err}. Your text is kept here; retrying every 2 s. "),
            theme.error(),
        )),
        _ => None,
    }
}

//! The "last time" panel of an account opened again: when the last call was, the next step and
//! whether it is overdue, the guard's open warnings, what that call changed. Alt+L folds it.

use std::time::Instant;

use jiff::Timestamp;
use jiff::civil::Date;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::{CallState, clipped};
use crate::core::Account;
use crate::core::last_time::{Due, LastTime, last_time};
use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::setup::Setup;
use crate::tui::theme::Theme;

/// The rep's calendar day of a moment, where the rep is.
fn day_of(setup: &Setup, t: Timestamp) -> Date {
    setup.zone.to_datetime(t).date()
}

/// Worked out once, as the account is opened: the guard reads every answer and record, not
/// the scratch note (a 1 MB note takes a third of a second; it is read on its own thread, and
/// set aside here for the moment of the check rather than copied).
pub fn of(setup: &Setup, account: &mut Account, now: Instant) -> Option<LastTime> {
    account.calls.last()?;
    let warnings = match &setup.company {
        Some(company) => {
            let notes = std::mem::take(&mut account.notes);
            let found = company.guard().check_account(&setup.bank, account);
            account.notes = notes;
            found
                .into_iter()
                .map(|w| {
                    let place = w.place_label(&setup.bank, account);
                    format!("{place}: {}", w.finding.message())
                })
                .collect()
        }
        None => Vec::new(),
    };
    let today = day_of(setup, setup.clock.at(now));
    last_time(account, warnings, today, |t| day_of(setup, t))
}

fn date(d: Date) -> String {
    d.strftime("%-d %b %Y").to_string()
}

/// When the last call was, in words: "20 Nov 2026, 10 days ago".
fn when(setup: &Setup, last: &LastTime) -> String {
    let ago = match last.days_ago {
        0 => "today".to_string(),
        1 => "yesterday".to_string(),
        n => format!("{n} days ago"),
    };
    format!("{}, {ago}", date(day_of(setup, last.when)))
}

/// The panel's lines, also shown by the reading view (`with_date`: the panel has the date in
/// its title, to spare a row). The scratch note's warnings come from its own reader
/// (`TextWarnings`), so they join once it is done.
pub fn lines(
    state: &CallState,
    last: &LastTime,
    theme: &Theme,
    with_date: bool,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if with_date {
        out.push(Line::from(vec![
            Span::styled("Last call: ", theme.key()),
            Span::raw(when(&state.setup, last)),
        ]));
    }
    // Whether it is overdue first: a narrow panel cuts the end of the line.
    out.push(match &last.next_step {
        None => Line::from(vec![
            Span::styled("Next step: ", theme.key()),
            Span::styled("none agreed", theme.dim()),
        ]),
        Some(next) => {
            let (due, style) = match (next.date, next.due) {
                (Some(d), Due::Overdue(n)) => (
                    format!(
                        "OVERDUE {n} day{} ({})",
                        if n == 1 { "" } else { "s" },
                        date(d)
                    ),
                    theme.warn(),
                ),
                (Some(d), Due::Today) => (format!("due today ({})", date(d)), theme.warn()),
                (Some(d), Due::InDays(n)) => {
                    (format!("due in {n} days ({})", date(d)), theme.dim())
                }
                _ => ("no date set".to_string(), theme.dim()),
            };
            Line::from(vec![
                Span::styled("Next step, ", theme.key()),
                Span::styled(due, style),
                Span::styled(": ", theme.key()),
                Span::raw(next.text.clone()),
            ])
        }
    });
    let in_note = &state.text_warnings.notes;
    if last.warnings.is_empty() && in_note.is_empty() {
        out.push(Line::styled("No open warnings.", theme.done()));
    }
    for warning in &last.warnings {
        out.push(Line::styled(format!("⚠ {warning}"), theme.warn()));
    }
    for finding in in_note {
        out.push(Line::styled(
            format!("⚠ Scratch note: {}", finding.message()),
            theme.warn(),
        ));
    }
    if last.changes.is_empty() {
        out.push(Line::styled("Nothing changed on that call.", theme.dim()));
    } else {
        out.push(Line::styled("What changed:", theme.key()));
    }
    for change in &last.changes {
        out.push(Line::raw(format!("· {change}")));
    }
    out
}

/// Rows the panel would take at `width`, borders included; 0 when folded or on a first call.
pub fn wanted_height(state: &CallState, theme: &Theme, width: u16) -> u16 {
    match (&state.last_time, state.show_last_time) {
        (Some(last), true) => {
            clipped::height(lines(state, last, theme, false), width.saturating_sub(2)) + 2
        }
        _ => 0,
    }
}

pub fn view(frame: &mut Frame, area: Rect, state: &CallState, theme: &Theme) {
    let Some(last) = &state.last_time else {
        return;
    };
    let block = Block::bordered()
        .title(format!(
            " Last call {} · {} folds it away ",
            when(&state.setup, last),
            key_for(Scope::Call, Action::LastTime)
        ))
        .border_style(theme.dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    clipped::render(frame, inner, lines(state, last, theme, false), theme);
}

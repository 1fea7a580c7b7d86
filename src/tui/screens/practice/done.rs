//! The end of a session: what was practised, and what comes next.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::PracticeState;
use crate::core::practice::{Rating, StepMastery, stats};
use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::theme::Theme;

pub fn view(frame: &mut Frame, area: Rect, state: &PracticeState, theme: &Theme) {
    let mut lines = Vec::new();
    let now = state.clock();
    if state.done.is_empty() && state.learned == 0 {
        lines.push(Line::styled("Nothing to practise right now.", theme.ask()));
    } else {
        let remembered = state
            .done
            .iter()
            .filter(|(_, r)| *r != Rating::Again)
            .count();
        let mut summary = vec![];
        if state.learned > 0 {
            summary.push(format!("{} new learned", state.learned));
        }
        if !state.done.is_empty() {
            summary.push(format!(
                "remembered {remembered} of {} reviewed",
                state.done.len()
            ));
        }
        lines.push(Line::styled(
            format!("Session done: {}.", summary.join(", ")),
            theme.title(),
        ));
    }
    let left = state
        .progress
        .left(&state.bank, now, state.options.new_per_day);
    for line in left.message(now, &state.progress.zone) {
        lines.push(Line::styled(line, theme.dim()));
    }
    let s = stats(&state.progress, &state.bank, now);
    lines.push(Line::raw(""));
    for StepMastery {
        title,
        mastered,
        total,
    } in &s.steps
    {
        lines.push(Line::raw(format!(
            "  {title}: {mastered} of {total} mastered"
        )));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw(format!(
        "Streak: {}. Progress is saved.",
        days(s.streak_days)
    )));
    lines.push(Line::styled(
        format!(
            "{} or {} to leave.",
            key_for(Scope::Global, Action::Quit),
            key_for(Scope::PracticeDone, Action::Quit)
        ),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

fn days(n: usize) -> String {
    format!("{n} {}", if n == 1 { "day" } else { "days" })
}

//! The end of a session: what was practised, and what comes next.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::PracticeState;
use crate::core::practice::{Rating, stats};
use crate::tui::theme::Theme;

pub fn view(frame: &mut Frame, area: Rect, state: &PracticeState, theme: &Theme) {
    let mut lines = Vec::new();
    if state.done.is_empty() {
        lines.push(Line::styled("Nothing to practise right now.", theme.ask()));
        lines.push(Line::styled(
            "No cards are due and today's new questions are done. Come back tomorrow.",
            theme.dim(),
        ));
    } else {
        let remembered = state
            .done
            .iter()
            .filter(|(_, r)| *r != Rating::Again)
            .count();
        lines.push(Line::styled(
            format!("Session done: {} cards.", state.done.len()),
            theme.title(),
        ));
        lines.push(Line::raw(format!(
            "Remembered {remembered} of {}.",
            state.done.len()
        )));
    }
    let s = stats(&state.progress, &state.bank, state.clock());
    lines.push(Line::raw(""));
    for crate::core::practice::StepMastery {
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
        "Streak: {} day(s). Progress is saved.",
        s.streak_days
    )));
    lines.push(Line::styled("Ctrl+Q or Esc to leave.", theme.dim()));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

//! "Which step": place a question in the script; graded at once.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::Exercise;
use super::view::next_card_line;
use crate::core::Bank;
use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::theme::Theme;

/// Steps with a digit key in the keymap (1-9); the rest are reached with the arrows.
const DIGIT_KEYS: usize = 9;

pub fn view(
    frame: &mut Frame,
    area: Rect,
    bank: &Bank,
    exercise: &Exercise,
    back_in: Option<&str>,
    theme: &Theme,
) {
    let &Exercise::WhichStep {
        ref ask,
        correct,
        cursor,
        picked,
        ..
    } = exercise
    else {
        return;
    };
    let mut lines = vec![
        Line::styled("Which step does this question belong to?", theme.dim()),
        Line::raw(""),
        Line::styled(format!("“{ask}”"), theme.ask()),
        Line::raw(""),
    ];
    // Digits pick the first nine steps; past nine, and for anyone who prefers it, arrows move
    // the highlight and Enter picks.
    for (i, step) in bank.steps.iter().enumerate() {
        let style = match picked {
            Some(_) if i == correct => theme.done(),
            Some(p) if p == i => theme.warn(),
            None if i == cursor => theme.key(),
            _ => ratatui::style::Style::new(),
        };
        // Steps past the digit keys have none.
        let key = match key_for(Scope::Practice, Action::Pick(i)) {
            key if key.is_empty() => " ".to_string(),
            key => key,
        };
        let mark = if picked.is_none() && i == cursor {
            "›"
        } else {
            " "
        };
        lines.push(Line::styled(format!("{mark} {key}  {}", step.title), style));
    }
    if picked.is_none() {
        lines.push(Line::raw(""));
        let (up, down, pick) = (
            key_for(Scope::Practice, Action::Up),
            key_for(Scope::Practice, Action::Down),
            key_for(Scope::Practice, Action::Open),
        );
        lines.push(Line::styled(
            if bank.steps.len() > DIGIT_KEYS {
                format!(
                    "{up} {down} and {pick} pick; {}-{} pick the first nine.",
                    key_for(Scope::Practice, Action::Pick(0)),
                    key_for(Scope::Practice, Action::Pick(DIGIT_KEYS - 1))
                )
            } else {
                format!("Press its number, or {up} {down} and {pick}.")
            },
            theme.dim(),
        ));
    }
    if let Some(picked) = picked {
        lines.push(Line::raw(""));
        let next = next_card_line(back_in);
        let verdict = if picked == correct {
            Line::styled(format!("Right. {next}"), theme.done())
        } else {
            Line::styled(
                format!("Not quite: it is step {}. {next}", correct + 1),
                theme.warn(),
            )
        };
        lines.push(verdict);
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}

//! "Which step": place a question in the script; graded at once.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::Exercise;
use super::view::next_card_line;
use crate::core::Bank;
use crate::tui::theme::Theme;

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
        let key = if i < 9 {
            (i + 1).to_string()
        } else {
            " ".into()
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
        lines.push(Line::styled(
            if bank.steps.len() > 9 {
                "↑ ↓ and Enter pick; 1-9 pick the first nine."
            } else {
                "Press its number, or ↑ ↓ and Enter."
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

//! "Which step": place a question in the script; graded at once.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::core::Bank;
use crate::tui::theme::Theme;

pub fn view(
    frame: &mut Frame,
    area: Rect,
    bank: &Bank,
    ask: &str,
    correct: usize,
    picked: Option<usize>,
    theme: &Theme,
) {
    let mut lines = vec![
        Line::styled("Which step does this question belong to?", theme.dim()),
        Line::raw(""),
        Line::styled(format!("“{ask}”"), theme.ask()),
        Line::raw(""),
    ];
    for (i, step) in bank.steps.iter().enumerate() {
        let style = match picked {
            Some(_) if i == correct => theme.done(),
            Some(p) if p == i => theme.warn(),
            _ => ratatui::style::Style::new(),
        };
        lines.push(Line::styled(format!("  {}  {}", i + 1, step.title), style));
    }
    if let Some(picked) = picked {
        lines.push(Line::raw(""));
        let verdict = if picked == correct {
            Line::styled("Right. Enter for the next card.", theme.done())
        } else {
            Line::styled(
                format!(
                    "Not quite: it is step {}. Enter for the next card.",
                    correct + 1
                ),
                theme.warn(),
            )
        };
        lines.push(verdict);
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

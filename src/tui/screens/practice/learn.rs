//! A new card: read the question, what to listen for and why it matters, before any test.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::view::step_heading;
use crate::core::drills::Lesson;
use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::theme::Theme;

pub fn view(frame: &mut Frame, area: Rect, lesson: &Lesson, theme: &Theme) {
    let mut lines = vec![
        step_heading(lesson.step_number, &lesson.step_title, theme),
        Line::raw(""),
        Line::styled(format!("“{}”", lesson.text), theme.ask()),
        Line::raw(""),
    ];
    for (label, text) in &lesson.points {
        lines.push(Line::from(vec![
            Span::styled(format!("{label}: "), theme.key()),
            Span::raw(text.clone()),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!(
            "New: read it now; it is tested from your next session. {} goes on.",
            key_for(Scope::PracticeLearn, Action::Open)
        ),
        theme.dim(),
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

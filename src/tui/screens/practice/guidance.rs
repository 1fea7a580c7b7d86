//! "Step guidance": a yes-or-no claim about how to run a step, graded at once with the reason.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::view::next_card_line;
use super::view::step_heading;
use crate::core::bank::YesNo;
use crate::core::drills::{GuidanceCheck, yes_no};
use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::theme::Theme;

pub fn view(
    frame: &mut Frame,
    area: Rect,
    check: &GuidanceCheck,
    picked: Option<YesNo>,
    back_in: Option<&str>,
    theme: &Theme,
) {
    let mut lines = vec![
        step_heading(check.step_number, &check.step_title, theme),
        Line::raw(""),
        Line::styled(check.ask.clone(), theme.ask()),
        Line::raw(""),
    ];
    match picked {
        None => lines.push(Line::styled(
            format!(
                "{} yes   {} no",
                key_for(Scope::PracticeYesNo, Action::Pick(0)),
                key_for(Scope::PracticeYesNo, Action::Pick(1))
            ),
            theme.key(),
        )),
        Some(answer) => {
            let (verdict, style) = if answer == check.answer {
                ("Right", theme.done())
            } else {
                ("Not quite", theme.warn())
            };
            lines.push(Line::styled(
                format!("{verdict}: {}. {}", yes_no(check.answer), check.why),
                style,
            ));
            lines.push(Line::raw(""));
            lines.push(Line::styled(next_card_line(back_in), theme.dim()));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
}

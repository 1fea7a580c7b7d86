//! Jump to any question: customers answer out of order.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::keymap::{Action, Scope, key_for, up_down};
use crate::tui::screens::call::CallState;
use crate::tui::theme::Theme;
use crate::tui::widgets::{centered, truncate};

pub fn view(frame: &mut Frame, area: Rect, state: &CallState, selected: usize, theme: &Theme) {
    let count = state.bank.question_refs().count() as u16;
    let area = centered(area, 76, count + state.bank.steps.len() as u16 + 2);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(format!(
            " Go to question · {} {} ",
            up_down(Scope::Picker),
            key_for(Scope::Picker, Action::Open)
        ))
        .border_style(theme.focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines = Vec::new();
    let mut selected_line = 0;
    let mut index = 0;
    for (s, step) in state.bank.steps.iter().enumerate() {
        lines.push(Line::styled(
            truncate(&format!("Step {} · {}", s + 1, step.title), width),
            theme.title(),
        ));
        for (q, question) in step.questions.iter().enumerate() {
            let mark = if state.account.is_answered(&question.id) {
                "✓"
            } else {
                " "
            };
            let text = truncate(
                &format!(" {mark} {}.{} {}", s + 1, q + 1, question.ask),
                width,
            );
            if index == selected {
                selected_line = lines.len();
                lines.push(Line::styled(text, theme.selected()));
            } else {
                lines.push(Line::raw(text));
            }
            index += 1;
        }
    }
    let height = inner.height as usize;
    let scroll = (selected_line + 1).saturating_sub(height) as u16;
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

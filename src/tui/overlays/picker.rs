//! Jump to any question: customers answer out of order.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::tui::keymap::Scope;
use crate::tui::screens::call::CallState;
use crate::tui::theme::Theme;
use crate::tui::widgets::{pick_box, pick_list, truncate};

pub fn view(frame: &mut Frame, area: Rect, state: &CallState, selected: usize, theme: &Theme) {
    let count = state.bank.question_refs().count() as u16;
    let height = count + state.bank.steps.len() as u16 + 2;
    let inner = pick_box(
        frame,
        area,
        (76, height),
        "Go to question",
        Scope::Picker,
        theme,
    );
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
            }
            lines.push(Line::raw(text));
            index += 1;
        }
    }
    pick_list(
        frame,
        inner,
        lines,
        Some(selected_line),
        None,
        theme.selected(),
    );
}

//! Jump to any question: customers answer out of order. Typing filters: a number ("2.3", or
//! "2" for a step) keeps questions by position, words keep the questions that hold them.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::core::{Bank, QuestionRef};
use crate::tui::keymap::{Scope, is_typing};
use crate::tui::screens::call::CallState;
use crate::tui::theme::Theme;
use crate::tui::widgets::{pick_box, pick_list, truncate};

/// The questions `filter` keeps, in script order.
pub fn matches(bank: &Bank, filter: &str) -> Vec<QuestionRef> {
    let filter = filter.trim().to_lowercase();
    let by_number = !filter.is_empty() && filter.chars().all(|c| c.is_ascii_digit() || c == '.');
    let words: Vec<&str> = filter.split_whitespace().collect();
    bank.question_refs()
        .filter(|&at| {
            let Some(question) = bank.question(at) else {
                return false;
            };
            if by_number {
                // "2" keeps step 2, "2.3" its third question (and a "2.30" if a bank has one).
                let number = format!("{}.{}", at.step + 1, at.question + 1);
                let wanted = if filter.contains('.') {
                    filter.clone()
                } else {
                    format!("{filter}.")
                };
                return number.starts_with(&wanted);
            }
            let text = format!("{} {}", question.ask, question.topic()).to_lowercase();
            words.iter().all(|w| text.contains(w))
        })
        .collect()
}

/// Types into the filter (characters, Backspace); true when it changed.
pub fn edit_filter(filter: &mut String, key: &KeyEvent) -> bool {
    match key.code {
        KeyCode::Char(c) if is_typing(key) => {
            filter.push(c);
            true
        }
        KeyCode::Backspace => filter.pop().is_some(),
        _ => false,
    }
}

pub fn view(
    frame: &mut Frame,
    area: Rect,
    state: &CallState,
    selected: usize,
    filter: &str,
    theme: &Theme,
) {
    let kept = matches(&state.bank, filter);
    let steps = {
        let mut steps: Vec<usize> = kept.iter().map(|at| at.step).collect();
        steps.dedup();
        steps.len() as u16
    };
    let height = kept.len() as u16 + steps + 3;
    let inner = pick_box(
        frame,
        area,
        (76, height),
        "Go to question",
        Scope::Picker,
        theme,
    );
    let [filter_row, list] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(inner);
    let prompt = if filter.is_empty() {
        Line::from(vec![
            Span::styled("Filter ", theme.key()),
            Span::styled("type 2.3 or words", theme.dim()),
        ])
    } else {
        Line::from(vec![
            Span::styled("Filter ", theme.key()),
            Span::raw(format!("{filter}▏")),
            Span::styled(
                format!("  {} of {}", kept.len(), state.bank.question_refs().count()),
                theme.dim(),
            ),
        ])
    };
    frame.render_widget(Paragraph::new(prompt), filter_row);
    let width = list.width as usize;
    let mut lines = Vec::new();
    let mut selected_line = None;
    let mut last_step = None;
    for (index, &at) in kept.iter().enumerate() {
        let (Some(step), Some(question)) = (state.bank.steps.get(at.step), state.bank.question(at))
        else {
            continue;
        };
        if last_step != Some(at.step) {
            last_step = Some(at.step);
            lines.push(Line::styled(
                truncate(&format!("Step {} · {}", at.step + 1, step.title), width),
                theme.title(),
            ));
        }
        let mark = if state.account.is_answered(&question.id) {
            "✓"
        } else {
            " "
        };
        if index == selected {
            selected_line = Some(lines.len());
        }
        lines.push(Line::raw(truncate(
            &format!(
                " {mark} {}.{} {}",
                at.step + 1,
                at.question + 1,
                question.ask
            ),
            width,
        )));
    }
    if kept.is_empty() {
        lines.push(Line::styled(
            "No question matches. Backspace widens the filter.",
            theme.dim(),
        ));
    }
    pick_list(frame, list, lines, selected_line, None, theme.selected());
}

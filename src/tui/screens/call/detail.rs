//! One record read in full: every field on its own lines, wrapped, so nothing long is cut.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::CallState;
use crate::core::guard::check;
use crate::core::{CaptureList, Record};
use crate::tui::keymap::{Action, Scope, key_for, up_down};
use crate::tui::theme::Theme;
use crate::tui::widgets::centered;

/// The record's text as lines before wrapping: a label, then its value, for every field in
/// the form's order, then any the form does not show.
fn lines(list: &CaptureList, record: &Record, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let printable = |text: &str| -> String {
        text.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    };
    // One line a field, its label in front, wrapped: short fields take a row, long ones
    // as many as they need.
    for field in &list.fields {
        let value = match record.get(&field.id).filter(|v| !v.trim().is_empty()) {
            Some(value) => Span::raw(printable(value)),
            None => Span::styled("—", theme.dim()),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", field.label), theme.key()),
            value,
        ]));
    }
    for (key, value) in &record.fields {
        if list.fields.iter().any(|f| &f.id == key) || key == crate::core::bank::SHEET_ITEM_KEY {
            continue;
        }
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", printable(key)), theme.dim()),
            Span::raw(printable(value)),
        ]));
    }
    lines
}

pub fn view(frame: &mut Frame, area: Rect, state: &CallState, scroll: u16, theme: &Theme) {
    let Some(list) = state.current_list() else {
        return;
    };
    let Some(record) = state.account.records(&list.id).get(state.selected_record) else {
        return;
    };
    let mut text = lines(list, record, theme);
    if let Some(concern) = state.company.as_ref().and_then(|c| check(list, record, c)) {
        text.insert(
            0,
            Line::styled(format!("⚠ {}", concern.message()), theme.warn()),
        );
        text.insert(1, Line::raw(""));
    }
    let width = area.width.min(72);
    let paragraph = Paragraph::new(text).wrap(Wrap { trim: false });
    let total = u16::try_from(paragraph.line_count(width.saturating_sub(2))).unwrap_or(u16::MAX);
    // As tall as the record, within the screen.
    let wanted = total
        .saturating_add(2)
        .min(area.height.saturating_sub(2))
        .max(4);
    let area = centered(area, width, wanted);
    frame.render_widget(Clear, area);
    let height = area.height.saturating_sub(2);
    let scroll = scroll.min(total.saturating_sub(height));
    let count = state.account.records(&list.id).len();
    let mut block = Block::bordered()
        .title(format!(
            " {} {} of {count} · {} edits · {} back ",
            list.title,
            state.selected_record + 1,
            key_for(Scope::Detail, Action::Edit),
            key_for(Scope::Detail, Action::Back),
        ))
        .border_style(theme.focused_border());
    if total > height {
        block = block.title_bottom(Line::styled(
            format!(
                " lines {}–{} of {total} · {} scrolls ",
                scroll + 1,
                (scroll + height).min(total),
                up_down(Scope::Detail)
            ),
            theme.dim(),
        ));
    }
    frame.render_widget(paragraph.block(block).scroll((scroll, 0)), area);
}

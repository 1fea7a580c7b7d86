//! The step's capture list (people, criteria, commitments) beside the answer.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Block;

use super::{CallState, Focus};
use crate::core::guard::check;
use crate::core::summary::record_line;
use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::theme::Theme;
use crate::tui::widgets::{pick_list, truncate};

pub fn view(frame: &mut Frame, area: Rect, state: &CallState, theme: &Theme) {
    let Some(list) = state.current_list() else {
        return;
    };
    let records = state.account.records(&list.id);
    let focused = matches!(state.focus, Focus::Captures { .. } | Focus::Form(_));
    let hint = if focused {
        String::new()
    } else {
        format!(" · {}", key_for(Scope::Call, Action::Captures))
    };
    let mut block = Block::bordered()
        .title(format!(" {} ({}){hint} ", list.title, records.len()))
        .border_style(if focused {
            theme.focused_border()
        } else {
            theme.dim()
        });
    let width = area.width.saturating_sub(2) as usize;
    // On the frame, not in the list: it stays in sight however far the list is scrolled.
    if let Focus::Captures {
        confirm_delete: true,
    } = state.focus
        && let Some(record) = records.get(state.selected_record)
    {
        let name = record
            .get(&list.label_field)
            .cloned()
            .unwrap_or_else(|| record_line(list, record));
        let name = truncate(&name, width.saturating_sub(30).max(8));
        block = block.title_bottom(Line::styled(
            format!(
                " Delete “{name}”? {} deletes · {} keeps it ",
                key_for(Scope::ConfirmDelete, Action::Confirm),
                key_for(Scope::ConfirmDelete, Action::Back)
            ),
            theme.warn(),
        ));
    }
    let rows = usize::from(area.height.saturating_sub(2)).max(1);
    let scroll = (state.selected_record + 1).saturating_sub(rows);
    let confirming = matches!(
        state.focus,
        Focus::Captures {
            confirm_delete: true
        }
    );
    if records.len() > rows && !confirming {
        // More records than rows: which ones are in sight.
        block = block.title_bottom(
            Line::styled(
                format!(
                    " {}–{} of {} ",
                    scroll + 1,
                    (scroll + rows).min(records.len()),
                    records.len()
                ),
                theme.dim(),
            )
            .right_aligned(),
        );
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = records
        .iter()
        .map(|record| {
            let flagged = state
                .company
                .as_ref()
                .and_then(|c| check(list, record, c))
                .is_some();
            let mark = if flagged { "⚠ " } else { "" };
            // Commitments lead with can / can't: that is what the rep must not get wrong.
            let status = list
                .company_sheet
                .as_ref()
                .and_then(|link| record.get(&link.status_field))
                .map(|s| format!("{s:<5} "))
                .unwrap_or_default();
            let text = truncate(
                &format!("{mark}{status}{}", record_line(list, record)),
                width,
            );
            if flagged {
                Line::styled(text, theme.warn())
            } else {
                Line::raw(text)
            }
        })
        .collect();
    if records.is_empty() {
        let add = key_for(Scope::Captures, Action::Add);
        let how = if focused {
            format!("{add} adds one")
        } else {
            format!("{} adds", key_for(Scope::Call, Action::AddRecord))
        };
        lines.push(Line::styled(format!("None yet · {how}"), theme.dim()));
    }
    // Unfocused, the list still shows the row the rep last had, unmarked.
    let selected = (!records.is_empty()).then_some(state.selected_record);
    let highlight = if focused {
        theme.selected()
    } else {
        Style::default()
    };
    pick_list(frame, inner, lines, selected, None, highlight);
}

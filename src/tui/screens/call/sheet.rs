//! The company sheet on the call screen: a reference panel beside the commitments, and the
//! list to copy a can or can't item from.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::{CallState, clipped};
use crate::core::company::Side;
use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::theme::Theme;
use crate::tui::widgets::{POINTER, pick_box, pick_list, truncate};

fn side_label(side: Side) -> &'static str {
    match side {
        Side::Can => "can  ",
        Side::Cannot => "can't",
    }
}

/// The sheet's lines, whole: the rep reads them aloud, so they wrap instead of being cut.
pub fn lines(state: &CallState, theme: &Theme) -> Vec<Line<'static>> {
    let Some(company) = &state.company else {
        return vec![Line::styled(state.setup.no_sheet_message(), theme.dim())];
    };
    let items = state.sheet_items().into_iter().map(|(side, item)| {
        let style = if side == Side::Cannot {
            theme.warn()
        } else {
            theme.done()
        };
        Line::from(vec![
            Span::styled(format!("{} ", side_label(side)), style),
            Span::raw(item.statement.clone()),
        ])
    });
    let strengths = company
        .strengths
        .iter()
        .map(|i| Line::styled(format!("★ {}", i.statement), theme.done()));
    items.chain(strengths).collect()
}

/// Rows the panel needs at `width`, borders included.
pub fn wanted_height(state: &CallState, theme: &Theme, width: u16) -> u16 {
    clipped::height(lines(state, theme), width.saturating_sub(2)) + 2
}

/// The reference panel: what we can and can't do, always in view on the commitments step.
pub fn panel(frame: &mut Frame, area: Rect, state: &CallState, theme: &Theme) {
    let widen = if state.sheet_wide {
        "narrows"
    } else {
        "widens"
    };
    let title = match &state.company {
        // The key first: a narrow panel cuts its title from the end.
        Some(company) => format!(
            " {} {widen} · {} · {}, {} copies ",
            key_for(Scope::Call, Action::WidenSheet),
            company.name,
            key_for(Scope::Call, Action::Captures),
            key_for(Scope::Captures, Action::FromSheet)
        ),
        None => " Company sheet ".into(),
    };
    let block = Block::bordered().title(title).border_style(theme.dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    clipped::render(frame, inner, lines(state, theme), theme);
}

/// The pick list opened with C from the commitments.
pub fn picker(frame: &mut Frame, area: Rect, state: &CallState, selected: usize, theme: &Theme) {
    let items = state.sheet_items();
    let height = items.len() as u16 + 2;
    let what = "Copy from the company sheet";
    let inner = pick_box(frame, area, (90, height), what, Scope::Sheet, theme);
    // Two columns go to the pointer.
    let width = (inner.width as usize).saturating_sub(2);
    let rows = items.iter().map(|(side, item)| {
        Line::raw(truncate(
            &format!("{} {}", side_label(*side), item.statement),
            width,
        ))
    });
    pick_list(
        frame,
        inner,
        rows,
        Some(selected),
        Some(POINTER),
        theme.selected(),
    );
}

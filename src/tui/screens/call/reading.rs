//! Everything the panels may have cut, in full and scrollable: the current question with all
//! its follow-ups and tips, the company sheet, and the last call.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{CallState, last_time_panel, question, sheet};
use crate::tui::keymap::{Action, Scope, key_for, up_down};
use crate::tui::theme::Theme;

pub fn lines(state: &CallState, theme: &Theme) -> Vec<Line<'static>> {
    let mut out = vec![Line::styled(
        format!("Question {}.{}", state.at.step + 1, state.at.question + 1),
        theme.title(),
    )];
    out.extend(question::lines(state, theme));
    if state
        .current_list()
        .is_some_and(|l| l.company_sheet.is_some())
    {
        out.push(Line::raw(""));
        let name = state
            .company
            .as_ref()
            .map_or("Company sheet", |c| c.name.as_str());
        out.push(Line::styled(name.to_string(), theme.title()));
        out.extend(sheet::lines(state, theme));
    }
    if let Some(last) = &state.last_time {
        out.push(Line::raw(""));
        out.push(Line::styled("Last time", theme.title()));
        out.extend(last_time_panel::lines(state, last, theme, true));
    }
    out
}

pub fn view(frame: &mut Frame, area: Rect, state: &CallState, scroll: u16, theme: &Theme) {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(format!(
            " Read in full · {} {} {} scroll · {} back ",
            up_down(Scope::Reading),
            key_for(Scope::Reading, Action::PageUp),
            key_for(Scope::Reading, Action::PageDown),
            key_for(Scope::Reading, Action::Back)
        ))
        .border_style(theme.focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let paragraph = Paragraph::new(lines(state, theme)).wrap(Wrap { trim: true });
    let rows = u16::try_from(paragraph.line_count(inner.width.max(1))).unwrap_or(u16::MAX);
    // Scrolled past the end shows the last page, not an empty box.
    let scroll = scroll.min(rows.saturating_sub(inner.height));
    frame.render_widget(paragraph.scroll((scroll, 0)), inner);
}

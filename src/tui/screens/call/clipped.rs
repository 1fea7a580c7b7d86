//! Wrapped text in a panel that may be too short for it: what does not fit ends in a marked
//! ellipsis naming the key that shows it all, never a silent cut mid-sentence.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::theme::Theme;

fn paragraph(lines: Vec<Line<'static>>) -> Paragraph<'static> {
    Paragraph::new(lines).wrap(Wrap { trim: true })
}

/// Rows `lines` take wrapped at `width`.
pub fn height(lines: Vec<Line<'static>>, width: u16) -> u16 {
    u16::try_from(paragraph(lines).line_count(width.max(1))).unwrap_or(u16::MAX)
}

/// Draws `lines` wrapped into `area`; when they need more rows, the last row says so.
pub fn render(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>, theme: &Theme) {
    let needed = height(lines.clone(), area.width);
    render_measured(frame, area, lines, needed, theme);
}

/// `render` of lines already measured: they take `needed` rows at `area`'s width. Wrapping
/// is the dearest part of a frame; the layout has measured the question already.
pub fn render_measured(
    frame: &mut Frame,
    area: Rect,
    lines: Vec<Line<'static>>,
    needed: u16,
    theme: &Theme,
) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    // Kept for a one-row panel; taken before the lines go to the paragraph.
    let first: String = lines
        .first()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .unwrap_or_default();
    let text = paragraph(lines);
    if needed <= area.height {
        frame.render_widget(text, area);
        return;
    }
    if area.height == 1 {
        // No room for the ellipsis on a row of its own: the first line, cut, with it.
        let width = area.width as usize;
        let cut = if first.width() < width {
            first + "…"
        } else {
            crate::tui::widgets::truncate(&first, width)
        };
        frame.render_widget(Paragraph::new(cut), area);
        return;
    }
    let shown = Rect {
        height: area.height - 1,
        ..area
    };
    frame.render_widget(text, shown);
    let marker = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    let more = crate::tui::widgets::truncate(
        &format!(
            "… {} more · {} reads all",
            needed - shown.height,
            key_for(Scope::Call, Action::ReadAll)
        ),
        area.width as usize,
    );
    frame.render_widget(Paragraph::new(Line::styled(more, theme.dim())), marker);
}

//! Small drawing helpers shared by the screens.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::keymap::{Scope, footer};
use super::theme::Theme;

/// A rectangle of at most `width`×`height`, centered in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// The key hints of a scope, from the keymap table, as many as fit in `width`. The global
/// ones (quit, help) are always kept, at the end, so the way out is never cut off.
pub fn hints_line(scopes: &[Scope], theme: &Theme, width: u16) -> Line<'static> {
    let width = width as usize;
    let cost = |keys: &str, label: &str| keys.width() + label.width() + 3;
    let total =
        |hints: &[(String, &str, bool)]| hints.iter().map(|h| cost(&h.0, h.1)).sum::<usize>();
    let full = footer(scopes, false);
    let hints = if total(&full) <= width {
        full
    } else {
        footer(scopes, true)
    };
    let global_cost: usize = hints.iter().filter(|h| h.2).map(|h| cost(&h.0, h.1)).sum();
    let mut budget = width.saturating_sub(global_cost);
    let mut spans = Vec::new();
    for (keys, label, global) in hints {
        let c = cost(&keys, label);
        if !global && c > budget {
            continue;
        }
        if !global {
            budget -= c;
        }
        spans.push(Span::styled(format!(" {keys}"), theme.key()));
        spans.push(Span::raw(format!(" {label} ")));
    }
    Line::from(spans)
}

/// Cuts `text` to `width` terminal columns, ending with an ellipsis when cut. Wide
/// characters are never split.
pub fn truncate(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    let total: usize = text.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return text.to_string();
    }
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// First line of a possibly multi-line text, for one-line previews.
pub fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_respects_wide_characters() {
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("日本語です", 6), "日本…");
        assert_eq!(truncate("abc", 0), "");
    }
}

//! Small drawing helpers shared by the screens.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, HighlightSpacing, List, ListItem, ListState};
use unicode_truncate::UnicodeTruncateStr;
use unicode_width::UnicodeWidthStr;

use super::keymap::{Action, Scope, footer, key_for, up_down};
use super::theme::Theme;

/// A rectangle of at most `width`×`height`, centered in `area`.
pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    area.centered(Constraint::Length(width), Constraint::Length(height))
}

/// A box of `width`×`height` (at most `area`) centered over the screen, cleared and framed as
/// an overlay to pick from in `scope`: titled `what` and the keys that move and pick. Returns
/// the area inside it.
pub(crate) fn pick_box(
    frame: &mut Frame,
    area: Rect,
    (width, height): (u16, u16),
    what: &str,
    scope: Scope,
    theme: &Theme,
) -> Rect {
    let area = centered(area, width, height);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(format!(
            " {what} · {} {} ",
            up_down(scope),
            key_for(scope, Action::Open)
        ))
        .border_style(theme.focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// What marks the chosen row of a list that has no other mark.
pub(crate) const POINTER: &str = "▶ ";

/// Rows to pick from, row `selected` drawn in `highlight` and kept in sight (ratatui's `List`
/// scrolls to it), each behind `pointer` when one is given ("▶ " on the selected row, blanks on
/// the others). The list's state is made afresh each frame: screens keep only the selected index,
/// and view code only reads state.
pub(crate) fn pick_list<'a>(
    frame: &mut Frame,
    area: Rect,
    rows: impl IntoIterator<Item = impl Into<ListItem<'a>>>,
    selected: Option<usize>,
    pointer: Option<&'a str>,
    highlight: Style,
) {
    let mut list = List::new(rows).highlight_style(highlight);
    if let Some(pointer) = pointer {
        list = list
            .highlight_symbol(pointer)
            .highlight_spacing(HighlightSpacing::Always);
    }
    frame.render_stateful_widget(
        list,
        area,
        &mut ListState::default().with_selected(selected),
    );
}

/// The key hints of a scope, from the keymap table, as many as fit in `width`, shown in the
/// table's order. When not all fit, the most needed are kept (`keymap::footer`'s rank: quit
/// and help always, then the way back and the summary, then what the place is for), so the way
/// out is never cut off.
pub(crate) fn hints_line(scopes: &[Scope], theme: &Theme, width: u16) -> Line<'static> {
    hints_line_picking(scopes, theme, width, None)
}

/// `hints_line` where only `picks` number keys tick something (`keymap::footer`).
pub(crate) fn hints_line_picking(
    scopes: &[Scope],
    theme: &Theme,
    width: u16,
    picks: Option<usize>,
) -> Line<'static> {
    let width = width as usize;
    let cost = |keys: &str, label: &str| keys.width() + label.width() + 3;
    let total = |hints: &[(String, &str, u8)]| hints.iter().map(|h| cost(&h.0, h.1)).sum::<usize>();
    let full = footer(scopes, false, picks);
    let hints = if total(&full) <= width {
        full
    } else {
        footer(scopes, true, picks)
    };
    let mut by_need: Vec<usize> = (0..hints.len()).collect();
    by_need.sort_by_key(|&i| hints[i].2);
    let mut budget = width;
    let mut kept = vec![false; hints.len()];
    for i in by_need {
        let c = cost(&hints[i].0, hints[i].1);
        if hints[i].2 == 0 || c <= budget {
            budget = budget.saturating_sub(c);
            kept[i] = true;
        }
    }
    let mut spans = Vec::new();
    for ((keys, label, _), _) in hints.into_iter().zip(kept).filter(|(_, kept)| *kept) {
        spans.push(Span::styled(format!(" {keys}"), theme.key()));
        spans.push(Span::raw(format!(" {label} ")));
    }
    Line::from(spans)
}

/// `text` in `width` columns, cut at a word's end with an ellipsis when it does not fit: a
/// footer never shows half a word. A first word too long alone (a path) is cut inside.
pub(crate) fn fit_words(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let cut = truncate(text, width);
    let kept = cut.trim_end_matches('…');
    match kept.rfind(' ') {
        Some(space) if !kept[..space].trim().is_empty() => {
            format!("{}…", kept[..space].trim_end())
        }
        _ => cut,
    }
}

/// Cuts `text` to `width` terminal columns, ending with an ellipsis when cut. Wide
/// characters and graphemes (an accent and its letter, a family emoji) are never split.
pub(crate) fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let (kept, _) = text.unicode_truncate(width - 1);
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_cut_between_words() {
        let text = " Recap written to ~/disco/recaps/Acme.md (⚠ 2 to check)";
        assert_eq!(fit_words(text, 80), text);
        assert_eq!(
            fit_words(text, 50),
            " Recap written to ~/disco/recaps/Acme.md (⚠ 2 to…"
        );
        assert_eq!(
            fit_words(text, 44),
            " Recap written to ~/disco/recaps/Acme.md…"
        );
        assert_eq!(
            fit_words(" /a/very/long/path/with/no/spaces", 10),
            " /a/very/…"
        );
    }

    #[test]
    fn the_footer_drops_whole_hints_and_never_cuts_one() {
        let theme = Theme { color: false };
        let scopes: &[&[Scope]] = &[
            &[Scope::Call],
            &[Scope::Captures, Scope::Call],
            &[Scope::Form],
            &[Scope::Summary],
            &[Scope::Home],
            &[Scope::Practice],
        ];
        for scopes in scopes {
            let hints: Vec<String> = footer(scopes, false, None)
                .into_iter()
                .chain(footer(scopes, true, None))
                .map(|(keys, label, _)| format!("{keys} {label}"))
                .collect();
            for width in 24..140u16 {
                let line = hints_line(scopes, &theme, width).to_string();
                assert!(line.width() <= width as usize, "{line:?} in {width}");
                for piece in line.split("  ").map(str::trim).filter(|p| !p.is_empty()) {
                    assert!(
                        hints.iter().any(|h| h == piece),
                        "{piece:?} cut in {width}: {line:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn at_60_columns_the_footer_keeps_the_keys_a_rep_needs() {
        let theme = Theme { color: false };
        let cases: &[(&[Scope], &[&str])] = &[
            (
                &[Scope::Call],
                &["^S summary", "Tab next", "^Q quit", "F1 help"],
            ),
            (
                &[Scope::Summary],
                &["Esc back", "Alt+N next step", "Alt+C copy", "^Q quit"],
            ),
            (&[Scope::Form], &["Esc cancel", "Enter save", "^Q quit"]),
            (
                &[Scope::Captures, Scope::Call],
                &["Esc back", "Ins add", "Alt+S from sheet", "F1 help"],
            ),
        ];
        for (scopes, needed) in cases {
            let line = hints_line(scopes, &theme, 60).to_string();
            assert!(line.width() <= 60, "{line:?}");
            for hint in *needed {
                assert!(line.contains(hint), "{hint:?} missing at 60: {line:?}");
            }
        }
        // Wide enough, every hint shows, in the table's order.
        let wide = hints_line(&[Scope::Call], &theme, 200).to_string();
        assert!(wide.contains("Ctrl+T recap"), "{wide:?}");
        assert!(
            wide.find("Tab next") < wide.find("Ctrl+S summary"),
            "{wide:?}"
        );
    }

    #[test]
    fn truncation_respects_wide_characters() {
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("日本語です", 6), "日本…");
        assert_eq!(truncate("abc", 0), "");
        // A flag is two code points and one grapheme: kept or cut whole (cutting per code
        // point left a lone regional indicator on screen).
        assert_eq!(truncate("ab\u{1F1EB}\u{1F1F7}cd", 4), "ab…");
    }
}

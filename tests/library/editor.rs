//! The answer and note editor (ratatui-textarea, patched in vendor/ to rewrap only the line an
//! edit touched): after any edits, it must draw and move its cursor exactly like an editor
//! built afresh from the same text, which wraps everything from scratch.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

#[derive(Debug, Clone)]
enum Edit {
    Type(char),
    Paste(String),
    Enter,
    Backspace,
    Delete,
    DeleteWord,
    DeleteToEnd,
    Move(CursorMove),
    Undo,
    Redo,
}

fn edit() -> impl Strategy<Value = Edit> {
    let typed = prop::sample::select(vec!['a', 'b', ' ', ' ', '-', 'é', '世', '界', '\t']);
    let moves = prop::sample::select(vec![
        CursorMove::Forward,
        CursorMove::Back,
        CursorMove::Up,
        CursorMove::Down,
        CursorMove::Head,
        CursorMove::End,
        CursorMove::WordForward,
        CursorMove::WordBack,
        CursorMove::Top,
        CursorMove::Bottom,
    ]);
    prop_oneof![
        12 => typed.prop_map(Edit::Type),
        2 => "[a-z 世\n]{0,30}".prop_map(Edit::Paste),
        2 => Just(Edit::Enter),
        3 => Just(Edit::Backspace),
        1 => Just(Edit::Delete),
        1 => Just(Edit::DeleteWord),
        1 => Just(Edit::DeleteToEnd),
        4 => moves.prop_map(Edit::Move),
        1 => Just(Edit::Undo),
        1 => Just(Edit::Redo),
    ]
}

fn apply(area: &mut TextArea<'_>, edit: &Edit) {
    match edit {
        Edit::Type(c) => area.insert_char(*c),
        Edit::Paste(text) => {
            area.insert_str(text);
        }
        Edit::Enter => area.insert_newline(),
        Edit::Backspace => {
            area.delete_char();
        }
        Edit::Delete => {
            area.delete_next_char();
        }
        Edit::DeleteWord => {
            area.delete_word();
        }
        Edit::DeleteToEnd => {
            area.delete_line_by_end();
        }
        Edit::Move(m) => area.move_cursor(*m),
        Edit::Undo => {
            area.undo();
        }
        Edit::Redo => {
            area.redo();
        }
    }
}

fn drawn(area: &TextArea<'_>, rect: Rect) -> Buffer {
    let mut buffer = Buffer::empty(rect);
    area.render(rect, &mut buffer);
    buffer
}

fn fresh_copy(edited: &TextArea<'_>, mode: WrapMode) -> TextArea<'static> {
    let mut fresh = TextArea::new(edited.lines().to_vec());
    fresh.set_wrap_mode(mode);
    let ratatui_textarea::DataCursor(row, col) = edited.cursor();
    fresh.move_cursor(CursorMove::Jump(row as u16, col as u16));
    fresh
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn an_edited_editor_wraps_like_a_fresh_one(
        start in "[a-z 世\n]{0,80}",
        edits in prop::collection::vec(edit(), 1..120),
        width in 3u16..16,
        word_wrap in any::<bool>(),
    ) {
        let mode = if word_wrap { WrapMode::WordOrGlyph } else { WrapMode::Glyph };
        // Tall enough that nothing scrolls: both editors then draw from their first line.
        let rect = Rect::new(0, 0, width, 600);
        let mut edited = TextArea::new(start.split('\n').map(str::to_string).collect());
        edited.set_wrap_mode(mode);
        // The first draw tells the editor its width; every edit after it rewraps at that width.
        drawn(&edited, rect);
        for (i, e) in edits.iter().enumerate() {
            apply(&mut edited, e);
            let fresh = fresh_copy(&edited, mode);
            let fresh_drawn = drawn(&fresh, rect);
            prop_assert_eq!(
                drawn(&edited, rect), fresh_drawn,
                "after edit {} ({:?}) of {:?}", i, e, edits
            );
            prop_assert_eq!(edited.screen_cursor(), fresh.screen_cursor(), "after edit {}", i);
            // Up and down move by screen line, through the wrapped map.
            let mut a = fresh_copy(&edited, mode);
            drawn(&a, rect);
            for m in [CursorMove::Up, CursorMove::Down, CursorMove::Down] {
                edited.move_cursor(m);
                a.move_cursor(m);
                prop_assert_eq!(edited.cursor(), a.cursor(), "moving {:?} after edit {}", m, i);
            }
        }
    }
}

//! The one place that decides how text from account data is shown outside the TUI: terminal
//! output and files meant for people. A stored escape sequence must never change a title, write
//! the clipboard or clear a screen, and a direction mark must never make text read as other text.

use std::borrow::Cow;

/// True for what a terminal or viewer may act on instead of showing: C0 controls other than
/// line break and tab, DEL, C1 controls, and the bidi marks that reorder what follows.
fn is_hidden_effect(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every such character written out as `\u{…}`, so nothing is hidden and nothing
/// acts. Text without any is returned as is. A carriage return that ends a line (CSV's CRLF)
/// is a line break, not an effect.
pub(crate) fn printable(text: &str) -> Cow<'_, str> {
    let hidden = |(i, c): (usize, char)| {
        is_hidden_effect(c) && !(c == '\r' && text[i + 1..].starts_with('\n'))
    };
    if !text.char_indices().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.char_indices() {
        if hidden((i, c)) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Like [`printable`], for a single line: line breaks and tabs are written out too.
pub(crate) fn printable_line(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| c == '\n' || c == '\t' || is_hidden_effect(c))
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c == '\n' || c == '\t' || is_hidden_effect(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_are_written_out_and_plain_text_kept() {
        assert_eq!(
            printable("Acme\u{1b}]0;pwned\u{7}"),
            "Acme\\u{1b}]0;pwned\\u{7}"
        );
        assert_eq!(printable("a\u{9b}2Jb\u{7f}"), "a\\u{9b}2Jb\\u{7f}");
        assert_eq!(printable("x\u{202e}y\r"), "x\\u{202e}y\\u{d}");
        assert_eq!(printable("a,b\r\nc\rd\r\n"), "a,b\r\nc\\u{d}d\r\n");
        let plain = "Zoë 日本 👨\u{200d}👩 line one\nline two\tcol";
        assert!(matches!(printable(plain), Cow::Borrowed(_)));
        assert_eq!(printable_line("a\nb\tc"), "a\\u{a}b\\u{9}c");
    }
}

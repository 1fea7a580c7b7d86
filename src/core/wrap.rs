//! Text printed for people, wrapped to the terminal's width: lines break between words, never
//! inside one, and a wrapped line goes on under its own text (its indent and two spaces more),
//! so a debrief's points stay readable at 60 columns.

use unicode_width::UnicodeWidthStr;

/// `text` with every line longer than `width` broken between words. A word wider than the
/// width stays whole on a line of its own. `width` 0 leaves the text as it is.
pub(crate) fn wrap_to_width(text: &str, width: usize) -> String {
    if width == 0 {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + text.len() / width.max(1));
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&wrap_line(line, width));
    }
    out
}

fn wrap_line(line: &str, width: usize) -> String {
    if line.width() <= width {
        return line.to_string();
    }
    let indent = &line[..line.len() - line.trim_start().len()];
    let hanging = format!("{indent}  ");
    // An indent that leaves no room is dropped on wrapped lines rather than squeezing words.
    let hanging = if hanging.width() * 2 > width {
        String::new()
    } else {
        hanging
    };
    let mut out = String::new();
    let mut current = indent.to_string();
    let mut has_word = false;
    for word in line.split_whitespace() {
        let needed = current.width() + usize::from(has_word) + word.width();
        if has_word && needed > width {
            out.push_str(&current);
            out.push('\n');
            current = hanging.clone();
            has_word = false;
        }
        if has_word {
            current.push(' ');
        }
        current.push_str(word);
        has_word = true;
    }
    out.push_str(&current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_between_words_and_go_on_under_their_own_text() {
        let text = "Facts\n  ✗ She is on net 90 with the distributor and expects the same from new suppliers.";
        let wrapped = wrap_to_width(text, 40);
        for line in wrapped.lines() {
            assert!(line.width() <= 40, "{line:?}");
        }
        assert_eq!(
            wrapped,
            "Facts\n  ✗ She is on net 90 with the\n    distributor and expects the same\n    from new suppliers."
        );
        let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        assert_eq!(words(&wrapped), words(text), "no word split or lost");
    }

    #[test]
    fn a_word_wider_than_the_line_stays_whole_and_short_text_is_untouched() {
        assert_eq!(
            wrap_to_width("see https://example.com/a/long/path now", 12),
            "see\n  https://example.com/a/long/path\n  now"
        );
        assert_eq!(wrap_to_width("short\n\nlines", 10), "short\n\nlines");
        assert_eq!(wrap_to_width("anything at all", 0), "anything at all");
    }
}

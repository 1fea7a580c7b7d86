//! Counts in words: "1 account", "2 accounts", "3 stories".

pub fn plural(n: usize, noun: &str) -> String {
    // "story" → "stories", but "day" → "days".
    let consonant_y = noun
        .strip_suffix('y')
        .filter(|stem| stem.ends_with(|c: char| !"aeiou".contains(c)));
    match (n, consonant_y) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::plural;

    #[test]
    fn plurals_follow_english_spelling() {
        assert_eq!(plural(1, "day"), "1 day");
        assert_eq!(plural(2, "day"), "2 days");
        assert_eq!(plural(2, "story"), "2 stories");
        assert_eq!(plural(0, "review"), "0 reviews");
    }
}

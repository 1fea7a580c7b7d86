//! Numbers written in words or digits: "ninety-five", "95" and "twenty four" all read as numbers.

/// The value of a number written in digits ("60", "2.5").
pub(crate) fn digits(word: &str) -> Option<f64> {
    let first = word.chars().next()?;
    if !first.is_ascii_digit() {
        return None;
    }
    word.parse::<f64>().ok().filter(|n| n.is_finite())
}

enum Part {
    Unit(u32),
    Ten(u32),
    Scale(u32),
}

fn part(word: &str) -> Option<Part> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(n) = UNITS.iter().position(|u| *u == word) {
        return Some(Part::Unit(n as u32));
    }
    if let Some(n) = TENS.iter().position(|t| *t == word) {
        return Some(Part::Ten(20 + 10 * n as u32));
    }
    match word {
        "hundred" => Some(Part::Scale(100)),
        "thousand" => Some(Part::Scale(1000)),
        _ => None,
    }
}

/// Whether `word` is a number word ("sixty", "hundred").
pub(crate) fn is_number_word(word: &str) -> bool {
    part(word).is_some()
}

/// Reads the number spelled by a run of number words, e.g. ["twenty", "four"] → 24 or
/// ["one", "hundred", "twenty"] → 120. `None` when the words don't form a number.
pub(crate) fn words_value(words: &[&str]) -> Option<f64> {
    let mut total = 0u32;
    let mut current = 0u32;
    let mut seen = false;
    for word in words {
        match part(word)? {
            Part::Unit(n) | Part::Ten(n) => current = current.checked_add(n)?,
            Part::Scale(scale) => {
                let base = if current == 0 { 1 } else { current };
                if scale >= 1000 {
                    total = total.checked_add(base.checked_mul(scale)?)?;
                    current = 0;
                } else {
                    current = base.checked_mul(scale)?;
                }
            }
        }
        seen = true;
    }
    seen.then(|| f64::from(total + current))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_digits_read_as_the_same_numbers() {
        assert_eq!(words_value(&["ninety", "five"]), Some(95.0));
        assert_eq!(words_value(&["sixty"]), Some(60.0));
        assert_eq!(words_value(&["twelve"]), Some(12.0));
        assert_eq!(words_value(&["one", "hundred", "twenty"]), Some(120.0));
        assert_eq!(words_value(&["two", "thousand"]), Some(2000.0));
        assert_eq!(words_value(&["hundred"]), Some(100.0));
        assert_eq!(words_value(&["sixty", "days"]), None);
        assert_eq!(words_value(&[]), None);
        assert_eq!(digits("95"), Some(95.0));
        assert_eq!(digits("2.5"), Some(2.5));
        assert_eq!(digits("net"), None);
        assert!(is_number_word("forty") && !is_number_word("fourty-ish"));
    }
}

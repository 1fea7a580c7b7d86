//! Words that never carry a question's intent, for the practice drills.
//!
//! A stand-in: the promise guard's shared text module (`src/core/text/`, branch `guard`) will
//! own word lists and stemming. When it lands, replace this module's two functions with calls
//! into it; nothing else in practice reads a word list directly.

/// Function words, plus the conversational fillers of a sales script ("sounds", "sure",
/// "happened", "right") that a learner should never be asked to recall. Sorted, for lookups.
#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    "a", "about", "above", "across", "actually", "after", "again", "against", "all", "almost",
    "also", "although", "always", "am", "among", "an", "and", "another", "any", "anyone",
    "anything", "are", "aren't", "around", "as", "aside", "ask", "at", "away", "back", "be",
    "became", "because", "become", "been", "before", "being", "below", "besides", "best", "better",
    "between", "both", "but", "by", "can", "can't", "cannot", "come", "could", "couldn't", "did",
    "didn't", "do", "does", "doesn't", "doing", "don't", "done", "down", "during", "each",
    "either", "else", "enough", "even", "ever", "every", "exactly", "few", "first", "for", "from",
    "further", "get", "gets", "getting", "give", "given", "go", "goes", "going", "gone", "got",
    "guess", "had", "hadn't", "happen", "happened", "has", "hasn't", "have", "haven't", "having",
    "he", "help", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i",
    "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "isn't", "it", "it's", "its", "itself",
    "just", "keep", "kind", "know", "last", "let", "let's", "like", "little", "lot", "made",
    "make", "makes", "making", "many", "may", "maybe", "me", "mean", "might", "mind", "more",
    "most", "much", "must", "my", "myself", "need", "needs", "never", "new", "no", "nor", "not",
    "now", "of", "off", "often", "on", "once", "one", "only", "or", "other", "others", "our",
    "ours", "ourselves", "out", "over", "own", "perhaps", "please", "put", "quite", "rather",
    "really", "right", "said", "same", "say", "see", "seem", "seems", "shall", "she", "should",
    "shouldn't", "since", "so", "some", "someone", "something", "sometimes", "sound", "sounds",
    "start", "still", "such", "sure", "take", "tell", "than", "that", "that's", "the", "their",
    "theirs", "them", "themselves", "then", "there", "there's", "these", "they", "they're",
    "thing", "things", "think", "this", "those", "though", "through", "to", "too", "toward",
    "under", "understand", "until", "up", "upon", "us", "use", "used", "very", "want", "was",
    "wasn't", "way", "we", "we'd", "we'll", "we're", "we've", "well", "went", "were", "weren't",
    "what", "what's", "when", "where", "whether", "which", "while", "who", "who's", "whom",
    "whose", "why", "will", "with", "within", "without", "won't", "work", "worked", "would",
    "wouldn't", "yes", "yet", "you", "you'd", "you'll", "you're", "you've", "your", "yours",
    "yourself", "yourselves",
];

/// Lower-case letters, digits and apostrophes of a word, so "Right?" and "right" are one word.
/// Apostrophes at the ends are quotes or possessives ("vendors'"), not part of the word.
pub(crate) fn bare(word: &str) -> String {
    word.chars()
        .map(|c| if c == '’' { '\'' } else { c })
        .filter(|c| c.is_alphanumeric() || *c == '\'')
        .collect::<String>()
        .trim_matches('\'')
        .to_lowercase()
}

pub(crate) fn is_stopword(word: &str) -> bool {
    let bare = bare(word);
    bare.is_empty() || STOPWORDS.binary_search(&bare.as_str()).is_ok()
}

/// A plural and its singular share a stem: "suppliers", "supplier"; "deliveries", "delivery".
pub(crate) fn stem(word: &str) -> String {
    let word = bare(word);
    if word.len() > 4
        && let Some(base) = word.strip_suffix("ies")
    {
        return format!("{base}y");
    }
    for ending in ["sses", "shes", "ches", "xes", "zes"] {
        if word.ends_with(ending) {
            return word[..word.len() - 2].to_string();
        }
    }
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("us") {
        return word[..word.len() - 1].to_string();
    }
    word
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_so_lookups_find_every_word() {
        assert!(
            STOPWORDS.windows(2).all(|w| w[0] < w[1]),
            "sorted, no repeats"
        );
        for word in STOPWORDS {
            assert!(is_stopword(word), "{word}");
        }
    }

    #[test]
    fn fillers_are_stopwords_and_content_words_are_not() {
        for filler in [
            "Made", "sure", "sounds", "before", "happened", "right?", "worked",
        ] {
            assert!(is_stopword(filler), "{filler}");
        }
        for content in [
            "vendor",
            "Performance?",
            "suppliers",
            "price",
            "engineering",
        ] {
            assert!(!is_stopword(content), "{content}");
        }
    }

    #[test]
    fn plurals_share_a_stem_with_their_singular() {
        assert_eq!(stem("Suppliers"), "supplier");
        assert_eq!(stem("deliveries"), "delivery");
        assert_eq!(stem("processes"), "process");
        assert_eq!(stem("process"), "process");
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("approvals,"), "approval");
    }
}

//! From typed text to words a judgement can rest on: sentences and clauses, lowercase words with
//! contractions spelled out, shorthand and typos read as meant, numbers read from words, each word
//! stemmed, negation scoped to its clause, and who is speaking. Every word keeps its place in the
//! original text, so a verdict can quote exactly what it rests on.

use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};

use super::lexicon::{Lexicon, Phrase};
use super::numbers::{digits, is_number_word, words_value};

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The word as read: lowercase, spelled out ("can't" gives "can" and "not").
    pub word: String,
    /// The word's stem ("shipping" → "ship"); a number's digits ("sixty" → "60").
    pub stem: String,
    pub number: Option<f64>,
    /// Where the word stands in the original text, in bytes.
    pub span: Range<usize>,
    pub clause: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    /// "we", "I", or a rep's fragment starting with a commitment verb ("promised overnight").
    Us,
    /// Someone else: "their old supplier promised overnight".
    Other,
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    pub sentence: usize,
    pub tokens: Range<usize>,
    /// The first token a negator denies: from there to the clause's end is negated.
    pub negated_from: Option<usize>,
    /// The clause's verdict is denied ("next day is not ok"): all of it is, words before the
    /// negator too.
    pub verdict_denied: bool,
    pub speaker: Speaker,
    /// A question or a to-do ("ask Sam whether overnight is possible"), not a statement.
    pub hedged: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Analysis<'t> {
    pub text: &'t str,
    pub tokens: Vec<Token>,
    pub clauses: Vec<Clause>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    None,
    Clause,
    Sentence,
}

struct Raw {
    word: String,
    span: Range<usize>,
    before: Break,
    sentence_is_question: bool,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Words with the break before each, splitting letters from digits ("24hr", "net60").
fn raw_words(text: &str) -> Vec<Raw> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out: Vec<Raw> = Vec::new();
    let mut pending = Break::None;
    let mut start: Option<usize> = None;
    let mut questions: Vec<usize> = Vec::new();
    let mut sentence = 0usize;
    let mut sentence_of: Vec<usize> = Vec::new();
    let close = |out: &mut Vec<Raw>,
                 sentence_of: &mut Vec<usize>,
                 start: &mut Option<usize>,
                 end: usize,
                 pending: &mut Break,
                 sentence: &mut usize| {
        if let Some(s) = start.take() {
            if *pending == Break::Sentence && !out.is_empty() {
                *sentence += 1;
            }
            out.push(Raw {
                word: text[s..end].to_lowercase(),
                span: s..end,
                before: *pending,
                sentence_is_question: false,
            });
            sentence_of.push(*sentence);
            *pending = Break::None;
        }
    };
    for (i, &(at, c)) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(i + 1).map(|n| n.1);
        let in_word = start.is_some();
        let word_char = c.is_alphanumeric()
            || (in_word
                && is_apostrophe(c)
                && prev.is_some_and(char::is_alphabetic)
                && next.is_some_and(char::is_alphabetic))
            || (in_word
                && c == '.'
                && prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit()));
        if word_char {
            let switches = in_word
                && c.is_alphanumeric()
                && prev.is_some_and(|p| {
                    p.is_alphanumeric() && p.is_ascii_digit() != c.is_ascii_digit()
                })
                && prev != Some('.');
            if switches {
                close(
                    &mut out,
                    &mut sentence_of,
                    &mut start,
                    at,
                    &mut pending,
                    &mut sentence,
                );
            }
            if start.is_none() {
                start = Some(at);
            }
            continue;
        }
        close(
            &mut out,
            &mut sentence_of,
            &mut start,
            at,
            &mut pending,
            &mut sentence,
        );
        let this = match c {
            '.' | '!' | '?' | '\n' => Break::Sentence,
            ',' | ';' | ':' | '(' | ')' | '[' | ']' | '"' | '“' | '”' | '–' | '—' | '…' => {
                Break::Clause
            }
            '-' if prev.is_none_or(char::is_whitespace) || next.is_none_or(char::is_whitespace) => {
                Break::Clause
            }
            _ => Break::None,
        };
        if c == '?' && !out.is_empty() {
            questions.push(sentence);
        }
        pending = pending.max(this);
    }
    close(
        &mut out,
        &mut sentence_of,
        &mut start,
        text.len(),
        &mut pending,
        &mut sentence,
    );
    for (raw, s) in out.iter_mut().zip(&sentence_of) {
        raw.sentence_is_question = questions.contains(s);
    }
    out
}

/// "can't" → ["can", "not"], "we'll" → ["we", "will"], "dont" → ["do", "not"].
fn spell_out(word: &str) -> Vec<String> {
    let plain: String = word.chars().filter(|c| !is_apostrophe(*c)).collect();
    let negated = |base: &str| vec![base.to_string(), "not".to_string()];
    match plain.as_str() {
        "cant" | "cannot" => return negated("can"),
        "wont" => return negated("will"),
        "shant" => return negated("shall"),
        "dont" | "doesnt" | "didnt" | "couldnt" | "wouldnt" | "shouldnt" | "isnt" | "arent"
        | "wasnt" | "werent" | "havent" | "hasnt" | "hadnt" | "mustnt" | "neednt" => {
            return negated(&plain[..plain.len() - 2]);
        }
        _ => {}
    }
    let Some(cut) = word.find(is_apostrophe) else {
        return vec![plain];
    };
    let base = &word[..cut];
    let suffix: String = word[cut..].chars().filter(|c| !is_apostrophe(*c)).collect();
    let with = |second: &str| vec![base.to_string(), second.to_string()];
    match suffix.as_str() {
        "ll" => with("will"),
        "d" if base == "ok" => vec![plain],
        "d" => with("would"),
        "re" => with("are"),
        "ve" => with("have"),
        "m" => with("am"),
        "s" => vec![base.to_string()],
        _ => vec![plain],
    }
}

/// Whether `typed` is one slip away from `known`: a letter dropped, doubled or swapped with the
/// next. Substitutions are left out: "shopping" is a word, not a typo of "shipping".
fn one_slip(typed: &str, known: &str) -> bool {
    // Most words are ASCII: compare bytes then, without allocating.
    if typed.is_ascii() && known.is_ascii() {
        return one_slip_in(typed.as_bytes(), known.as_bytes());
    }
    let a: Vec<char> = typed.chars().collect();
    let b: Vec<char> = known.chars().collect();
    one_slip_in(&a, &b)
}

fn one_slip_in<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a.first() != b.first() {
        return false;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    match long.len() - short.len() {
        0 => {
            let mut diffs = (0..a.len()).filter(|&i| a[i] != b[i]);
            match (diffs.next(), diffs.next(), diffs.next()) {
                (Some(i), Some(j), None) => j == i + 1 && a[i] == b[j] && a[j] == b[i],
                _ => false,
            }
        }
        1 => {
            let split = (0..short.len())
                .find(|&i| short[i] != long[i])
                .unwrap_or(short.len());
            short[split..] == long[split + 1..]
        }
        _ => false,
    }
}

fn read_typo(word: &str, lexicon: &Lexicon) -> Option<String> {
    let length = word.chars().count();
    if length < 5
        || !word.chars().all(char::is_alphabetic)
        || lexicon.known.contains(word)
        || is_number_word(word)
    {
        return None;
    }
    let first = word.chars().next()?;
    (length - 1..=length + 1)
        .filter_map(|l| lexicon.vocabulary.get(&l))
        .flatten()
        .filter(|known| known.starts_with(first))
        .find(|known| one_slip(word, known))
        .cloned()
}

fn number_stem(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

struct Word {
    word: String,
    span: Range<usize>,
    before: Break,
    question: bool,
}

fn normalized_words(text: &str, lexicon: Option<&Lexicon>) -> Vec<Word> {
    let mut words = Vec::new();
    for raw in raw_words(text) {
        let mut before = raw.before;
        for spelled in spell_out(&raw.word) {
            let read: Vec<String> = match lexicon {
                Some(lex) => match lex.spellings.get(&spelled) {
                    Some(meant) => meant.clone(),
                    None => vec![read_typo(&spelled, lex).unwrap_or(spelled)],
                },
                None => vec![spelled],
            };
            for word in read {
                words.push(Word {
                    word,
                    span: raw.span.clone(),
                    before,
                    question: raw.sentence_is_question,
                });
                before = Break::None;
            }
        }
    }
    words
}

thread_local! {
    static STEMMER: Stemmer = Stemmer::create(Algorithm::English);
}

/// Tokens without clause structure: numbers merged, words stemmed.
fn tokens_of(words: &[Word]) -> Vec<(Token, Break, bool)> {
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    STEMMER.with(|stemmer| {
        while i < words.len() {
            let w = &words[i];
            let mut end = i + 1;
            while end < words.len()
                && is_number_word(&words[end - 1].word)
                && is_number_word(&words[end].word)
                && words[end].before == Break::None
            {
                end += 1;
            }
            let run: Vec<&str> = words[i..end].iter().map(|w| w.word.as_str()).collect();
            let number = digits(&w.word).or_else(|| words_value(&run));
            let (stem, last) = match number {
                Some(n) => (number_stem(n), end - 1),
                None => (stemmer.stem(&w.word).into_owned(), i),
            };
            out.push((
                Token {
                    word: if last > i {
                        run.join(" ")
                    } else {
                        w.word.clone()
                    },
                    stem,
                    number,
                    span: w.span.start..words[last].span.end,
                    clause: 0,
                },
                w.before,
                w.question,
            ));
            i = last + 1;
        }
    });
    out
}

/// The stems of a lexicon or sheet phrase, read the way text is read.
pub fn phrase_stems(phrase: &str) -> Phrase {
    tokens_of(&normalized_words(phrase, None))
        .into_iter()
        .map(|(t, _, _)| t.stem)
        .collect()
}

/// Reads `text` with `lexicon`.
pub fn analyze<'t>(text: &'t str, lexicon: &Lexicon) -> Analysis<'t> {
    let words = normalized_words(text, Some(lexicon));
    let mut tokens = Vec::with_capacity(words.len());
    let mut clauses: Vec<Clause> = Vec::new();
    let mut questions: Vec<bool> = Vec::new();
    let mut sentence = 0;
    for (mut token, before, question) in tokens_of(&words) {
        let breaks_here = lexicon.clause_breaks.contains(&token.stem);
        if before == Break::Sentence && !tokens.is_empty() {
            sentence += 1;
        }
        if clauses.is_empty() || before != Break::None || breaks_here {
            clauses.push(Clause {
                sentence,
                tokens: tokens.len()..tokens.len(),
                negated_from: None,
                verdict_denied: false,
                speaker: Speaker::Unknown,
                hedged: false,
            });
            questions.push(question);
        }
        let at = clauses.len() - 1;
        token.clause = at;
        tokens.push(token);
        clauses[at].tokens.end = tokens.len();
    }
    let mut analysis = Analysis {
        text,
        tokens,
        clauses,
    };
    for (c, question) in questions.iter().enumerate() {
        let range = analysis.clauses[c].tokens.clone();
        let negated_from = range.clone().find(|&i| {
            lexicon.negators.contains(&analysis.tokens[i].stem)
                && !lexicon
                    .not_negations
                    .iter()
                    .any(|p| analysis.phrase_at(p, i, range.end))
        });
        // "next day not ok", "no can do on next day": denying the verdict denies the clause.
        let verdict_denied = negated_from.is_some_and(|n| {
            lexicon
                .acceptances
                .iter()
                .any(|p| analysis.phrase_at(p, n + 1, range.end))
        });
        let stems = || analysis.tokens[range.clone()].iter().map(|t| &t.stem);
        let words = || analysis.tokens[range.clone()].iter().map(|t| &t.word);
        // "can do next day" is ours; "will need overnight" and "yes they need overnight" are
        // the customer's: a wish, or another speaker, straight after the first word.
        let second_is_others = analysis.tokens[range.clone()].get(1).is_some_and(|t| {
            lexicon.wishes.contains(&t.stem) || lexicon.third_person.contains(&t.word)
        });
        let first_is_verb = !second_is_others
            && stems()
                .next()
                .is_some_and(|s| lexicon.commitment_verbs.contains(s));
        // "net 60 is fine": our word unless someone else is named before it ("they said next
        // day is fine") or it is asked about ("wanted to know if net 60 is fine").
        let accepted = range.clone().find(|&i| {
            negated_from.is_none_or(|n| i < n)
                && lexicon
                    .acceptances
                    .iter()
                    .any(|p| analysis.phrase_at(p, i, range.end))
                && analysis
                    .find_any(&lexicon.open_questions, range.start..i)
                    .is_none()
        });
        // Someone else named anywhere makes the acceptance theirs ("next day was fine with the
        // old supplier"), except in a condition ("net 90 is doable if they sign").
        let condition_at = analysis
            .find_any(&lexicon.conditions, range.clone())
            .map_or(range.end, |r| r.start);
        let other_at = range
            .clone()
            .find(|&i| lexicon.third_person.contains(&analysis.tokens[i].word));
        let others_word = other_at.is_some_and(|o| o < condition_at);
        let ours = first_is_verb
            || words().any(|w| lexicon.first_person.contains(w))
            || (accepted.is_some() && !others_word);
        let mut speaker = if ours {
            Speaker::Us
        } else if other_at.is_some() {
            Speaker::Other
        } else {
            Speaker::Unknown
        };
        let sentence = analysis.clauses[c].sentence;
        if speaker == Speaker::Unknown && c > 0 {
            let before = &analysis.clauses[c - 1];
            if before.sentence == sentence && before.speaker == Speaker::Us {
                speaker = Speaker::Us;
            }
        }
        let hedged = *question || analysis.find_any(&lexicon.hedges, range.clone()).is_some();
        let clause = &mut analysis.clauses[c];
        clause.negated_from = negated_from;
        clause.verdict_denied = verdict_denied;
        clause.speaker = speaker;
        clause.hedged = hedged;
    }
    // "custom machining: yes", "delivery in 1 day, promised": a short clause that is only a
    // verdict answers the clause before it. "overnight? sure": a verdict alone in its sentence
    // answers the question before it, which is then no longer only asked.
    for c in 1..analysis.clauses.len() {
        let (before, verdict) = (&analysis.clauses[c - 1], &analysis.clauses[c]);
        let is_verdict = verdict.tokens.len() <= VERDICT_CLAUSE_WORDS
            && verdict.negated_from.is_none()
            && !questions[c]
            && analysis.is_verdict_at(lexicon, verdict.tokens.start, verdict.tokens.end);
        let alone = analysis
            .clauses
            .get(c + 1)
            .is_none_or(|next| next.sentence != verdict.sentence);
        let answers_question = before.sentence + 1 == verdict.sentence
            && questions[c - 1]
            && alone
            && before.speaker != Speaker::Other
            && analysis
                .find_any(&lexicon.hedges, before.tokens.clone())
                .is_none();
        let answers_clause =
            before.sentence == verdict.sentence && before.speaker == Speaker::Unknown;
        if is_verdict && (answers_clause || answers_question) {
            let before = &mut analysis.clauses[c - 1];
            before.speaker = Speaker::Us;
            before.hedged &= !answers_question;
        }
    }
    analysis
}

/// The most words a clause that only gives a verdict has ("can do", "no problem at all").
const VERDICT_CLAUSE_WORDS: usize = 4;

impl Analysis<'_> {
    /// Whether token `token` is only asked about: between "if" or "whether" and an acceptance
    /// after it in its clause ("if next day is ok with Sam we will call back").
    pub fn is_asked(&self, lexicon: &Lexicon, token: usize) -> bool {
        let range = self.clause_of(token).tokens.clone();
        self.find_any(&lexicon.open_questions, range.start..token)
            .is_some()
            && (token + 1..range.end).any(|a| {
                lexicon
                    .acceptances
                    .iter()
                    .any(|p| self.phrase_at(p, a, range.end))
            })
    }

    /// Whether a verdict starts at token `at`: an acceptance ("ok", "no problem") or a
    /// commitment verb ("promised", "can").
    fn is_verdict_at(&self, lexicon: &Lexicon, at: usize, end: usize) -> bool {
        at < end
            && (lexicon.commitment_verbs.contains(&self.tokens[at].stem)
                || lexicon
                    .acceptances
                    .iter()
                    .any(|p| self.phrase_at(p, at, end)))
    }

    /// Whether `phrase` starts at token `at` and ends before `end`.
    pub fn phrase_at(&self, phrase: &[String], at: usize, end: usize) -> bool {
        at + phrase.len() <= end
            && self.tokens[at..at + phrase.len()]
                .iter()
                .zip(phrase)
                .all(|(t, p)| t.stem == *p)
    }

    /// Every place `phrase` occurs within `range` of tokens.
    pub fn find(
        &self,
        phrase: &[String],
        range: Range<usize>,
    ) -> impl Iterator<Item = Range<usize>> {
        let end = range.end;
        range
            .filter(move |&at| !phrase.is_empty() && self.phrase_at(phrase, at, end))
            .map(move |at| at..at + phrase.len())
    }

    /// The first of `phrases` found within `range`.
    pub fn find_any(&self, phrases: &[Phrase], range: Range<usize>) -> Option<Range<usize>> {
        phrases
            .iter()
            .filter_map(|p| self.find(p, range.clone()).next())
            .min_by_key(|r| r.start)
    }

    pub fn clause_of(&self, token: usize) -> &Clause {
        &self.clauses[self.tokens[token].clause]
    }

    /// Whether a negator in its clause denies token `token`.
    pub fn is_negated(&self, token: usize) -> bool {
        self.clause_of(token)
            .negated_from
            .is_some_and(|from| token >= from)
    }

    /// The original text of a run of tokens, exactly as typed.
    pub fn words(&self, tokens: Range<usize>) -> &str {
        match (
            self.tokens.get(tokens.start),
            tokens.end.checked_sub(1).and_then(|l| self.tokens.get(l)),
        ) {
            (Some(first), Some(last)) if tokens.start < tokens.end => {
                &self.text[first.span.start..last.span.end.max(first.span.start)]
            }
            _ => "",
        }
    }

    /// The token range of a sentence.
    pub fn sentence_tokens(&self, sentence: usize) -> Range<usize> {
        let mut clauses = self.clauses.iter().filter(|c| c.sentence == sentence);
        let start = clauses.next().map_or(0, |c| c.tokens.start);
        let end = self
            .clauses
            .iter()
            .filter(|c| c.sentence == sentence)
            .map(|c| c.tokens.end)
            .max()
            .unwrap_or(start);
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon::builtin()
    }

    fn stems(text: &str) -> Vec<String> {
        analyze(text, &lexicon())
            .tokens
            .into_iter()
            .map(|t| t.stem)
            .collect()
    }

    #[test]
    fn words_are_lowercased_stemmed_and_split_at_hyphens_and_digits() {
        assert_eq!(
            stems("Custom-Machined spacers"),
            ["custom", "machin", "spacer"]
        );
        assert_eq!(stems("24hr delivery"), ["24", "hour", "deliveri"]);
        assert_eq!(stems("net60"), ["net", "60"]);
        assert_eq!(stems("2.5 days"), ["2.5", "day"]);
    }

    #[test]
    fn contractions_shorthand_and_typos_are_read_as_meant() {
        assert_eq!(stems("we can't"), ["we", "can", "not"]);
        assert_eq!(stems("We’ll ship"), ["we", "will", "ship"]);
        assert_eq!(stems("dont"), ["do", "not"]);
        assert_eq!(stems("OK'd overnite"), ["okd", "overnight"]);
        assert_eq!(stems("tmrw"), ["tomorrow"]);
        assert_eq!(stems("next mornign"), ["next", "morn"]);
        assert_eq!(stems("cusotm"), ["custom"]);
        assert_eq!(stems("shopping"), ["shop"], "a real word is not a typo");
    }

    #[test]
    fn numbers_in_words_merge_and_keep_their_place() {
        let lexicon = lexicon();
        let a = analyze("net ninety-five days", &lexicon);
        assert_eq!(a.tokens[1].number, Some(95.0));
        assert_eq!(a.words(1..2), "ninety-five");
        assert_eq!(a.tokens[1].stem, "95");
    }

    #[test]
    fn negation_reaches_to_the_end_of_its_clause_only() {
        let lexicon = lexicon();
        let a = analyze("no overnight, but 2 day shipping", &lexicon);
        let overnight = a.tokens.iter().position(|t| t.stem == "overnight").unwrap();
        let two = a.tokens.iter().position(|t| t.stem == "2").unwrap();
        assert!(a.is_negated(overnight));
        assert!(!a.is_negated(two));
        let b = analyze("overnight is not a problem", &lexicon);
        assert!(
            b.clauses[0].negated_from.is_none(),
            "an idiom denies nothing"
        );
        let c = analyze("We don't do custom machining - we source it", &lexicon);
        assert_eq!(c.clauses.len(), 2);
        assert!(c.clauses[0].negated_from.is_some() && c.clauses[1].negated_from.is_none());
        let d = analyze("ship overnight without a deposit", &lexicon);
        assert!(!d.is_negated(1), "only words after the negator are denied");
    }

    fn speakers(text: &str) -> Vec<Speaker> {
        analyze(text, &lexicon())
            .clauses
            .iter()
            .map(|c| c.speaker)
            .collect()
    }

    #[test]
    fn the_speaker_is_us_only_with_we_i_or_a_commitment_verb() {
        assert_eq!(
            speakers("their old supplier promised overnight"),
            [Speaker::Other]
        );
        assert_eq!(
            speakers("I said sure, next morning"),
            [Speaker::Us, Speaker::Us]
        );
        assert_eq!(speakers("promised them next-day"), [Speaker::Us]);
        assert_eq!(
            speakers("Finance wants longer terms, I told her"),
            [Speaker::Unknown, Speaker::Us]
        );
        assert_eq!(speakers("He asked. we ship"), [Speaker::Other, Speaker::Us]);
    }

    #[test]
    fn an_acceptance_or_a_verdict_after_it_makes_a_fragment_ours() {
        let lexicon = lexicon();
        assert_eq!(speakers("net 60 is fine for us"), [Speaker::Us]);
        assert_eq!(speakers("can do next day"), [Speaker::Us]);
        assert_eq!(
            speakers("custom machining: yes"),
            [Speaker::Us, Speaker::Us]
        );
        assert_eq!(
            speakers("delivery in 1 day, promised"),
            [Speaker::Us, Speaker::Us]
        );
        assert_eq!(speakers("they said next day is fine"), [Speaker::Other]);
        assert_eq!(
            speakers("wanted to know if net 60 is fine"),
            [Speaker::Unknown]
        );
        assert_eq!(speakers("next day not ok"), [Speaker::Unknown]);
        assert_eq!(
            speakers("custom machining: no"),
            [Speaker::Unknown, Speaker::Unknown]
        );
        // Someone else's word or wish.
        assert_eq!(
            speakers("will need overnight on spares"),
            [Speaker::Unknown]
        );
        assert_eq!(speakers("yes they need overnight"), [Speaker::Other]);
        assert_eq!(
            speakers("next day was fine with the old supplier"),
            [Speaker::Other]
        );
        assert_eq!(
            speakers("Grainger does next day no problem"),
            [Speaker::Other]
        );
        assert_eq!(
            speakers("net 90 is doable if they sign"),
            [Speaker::Us],
            "a condition names them, the acceptance is ours"
        );
        let answered = analyze("overnight? sure", &lexicon);
        assert_eq!(answered.clauses[0].speaker, Speaker::Us);
        assert!(!answered.clauses[0].hedged, "answered, no longer asked");
        let asked = analyze("overnight? ask Sam", &lexicon);
        assert!(asked.clauses[0].hedged);
        let asked = analyze("if next day is ok with Sam we will call back", &lexicon);
        assert!(asked.is_asked(&lexicon, 1) && !asked.is_asked(&lexicon, 7));
        let denied = analyze("we said next day is not ok", &lexicon);
        assert!(denied.clauses[0].verdict_denied);
        assert!(!analyze("we don't approve it", &lexicon).clauses[0].verdict_denied);
    }

    #[test]
    fn questions_and_to_dos_are_hedged() {
        let lexicon = lexicon();
        let a = analyze(
            "overnight? Check with Sam whether overnight works. We ship",
            &lexicon,
        );
        let hedged: Vec<bool> = a.clauses.iter().map(|c| c.hedged).collect();
        assert_eq!(hedged, [true, true, false]);
    }

    #[test]
    fn words_quote_the_original_text() {
        let lexicon = lexicon();
        let a = analyze("Ship  TOMORROW, ok?", &lexicon);
        assert_eq!(a.words(0..2), "Ship  TOMORROW");
        assert_eq!(a.words(2..2), "");
        assert_eq!(a.sentence_tokens(0), 0..3);
    }

    #[test]
    fn one_slip_means_one_dropped_doubled_or_swapped_letter() {
        assert!(one_slip("mornign", "morning"));
        assert!(one_slip("overnigt", "overnight"));
        assert!(one_slip("delivvery", "delivery"));
        assert!(!one_slip("shopping", "shipping"));
        assert!(!one_slip("ovrnght", "overnight"));
    }
}

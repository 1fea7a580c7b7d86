//! Whether captured words show a scenario's fact, judged as a trainer reads a note: stems,
//! shorthand and typos through `core::text`, the fact's words together in one or two adjacent
//! sentences, and never when a negation in their clause denies them ("engineering not involved"
//! does not show "engineering approves"). Every verdict quotes the words it rests on.
//!
//! A fact's evidence is a list of patterns; one pattern is groups joined by `+` that must all
//! appear, each group a choice of phrases joined by `|`:
//! `"engineering | eng + approve | sign off | avl"`. A negator written into a pattern
//! (`"no cert | without cert"`) is part of the fact, so it denies nothing.

use std::ops::Range;

use super::text::{Analysis, Lexicon, analyze};

/// One pattern, compiled: per group, the stems of each phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    pub source: String,
    groups: Vec<Vec<Vec<String>>>,
}

/// What a note shows, with the words it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The matched words as typed, joined by " … ".
    pub words: String,
    /// The sentence (or two) holding them, as typed.
    pub quote: String,
    /// The pattern that matched, as the scenario wrote it.
    pub pattern: String,
}

/// Sentences looked at together: a fact said over two short sentences
/// ("The certificates, mostly. Without them quality won't release the parts.") still counts.
const SENTENCE_WINDOW: usize = 2;

/// How many combinations of occurrences to try for one pattern in one window; notes are short,
/// this only bounds pathological input.
const MAX_TRIES: usize = 256;

impl Pattern {
    /// Reads a pattern with the lexicon the notes are read with, so shorthand reads the same.
    pub fn compile(source: &str, lexicon: &Lexicon) -> Pattern {
        let groups = source
            .split('+')
            .map(|group| {
                group
                    .split('|')
                    .map(|phrase| {
                        analyze(phrase, lexicon)
                            .tokens
                            .into_iter()
                            .map(|t| t.stem)
                            .collect::<Vec<_>>()
                    })
                    .filter(|p| !p.is_empty())
                    .collect::<Vec<_>>()
            })
            .filter(|g| !g.is_empty())
            .collect();
        Pattern {
            source: source.trim().to_string(),
            groups,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Where this pattern shows in `analysis`, or `None`.
    pub fn find(&self, analysis: &Analysis) -> Option<Shown> {
        if self.groups.is_empty() {
            return None;
        }
        let sentences = analysis.clauses.last().map_or(0, |c| c.sentence + 1);
        for first in 0..sentences {
            let last = (first + SENTENCE_WINDOW).min(sentences) - 1;
            let range = analysis.sentence_tokens(first).start..analysis.sentence_tokens(last).end;
            if let Some(found) = self.find_in(analysis, range.clone()) {
                let words = found
                    .iter()
                    .map(|r| analysis.words(r.clone()))
                    .collect::<Vec<_>>()
                    .join(" … ");
                let start = found.iter().map(|r| r.start).min().unwrap_or(range.start);
                let end = found.iter().map(|r| r.end).max().unwrap_or(range.end);
                let from = analysis.tokens[start].clause;
                let to = analysis.tokens[end.saturating_sub(1).max(start)].clause;
                let quote_from = analysis
                    .sentence_tokens(analysis.clauses[from].sentence)
                    .start;
                let quote_to = analysis.sentence_tokens(analysis.clauses[to].sentence).end;
                // The sentence as typed, with its closing punctuation ("95%."), up to the next.
                let begin = analysis.tokens[quote_from].span.start;
                let finish = analysis
                    .tokens
                    .get(quote_to)
                    .map_or(analysis.text.len(), |t| t.span.start);
                return Some(Shown {
                    words,
                    quote: analysis.text[begin..finish].trim().to_string(),
                    pattern: self.source.clone(),
                });
            }
        }
        None
    }

    /// One occurrence per group within `range`, none of them denied.
    fn find_in(&self, analysis: &Analysis, range: Range<usize>) -> Option<Vec<Range<usize>>> {
        let candidates: Vec<Vec<Range<usize>>> = self
            .groups
            .iter()
            .map(|group| {
                let mut found: Vec<Range<usize>> = group
                    .iter()
                    .flat_map(|phrase| analysis.find(phrase, range.clone()))
                    .collect();
                found.sort_by_key(|r| (r.start, std::cmp::Reverse(r.end)));
                found
            })
            .collect();
        if candidates.iter().any(Vec::is_empty) {
            return None;
        }
        let mut index = vec![0usize; candidates.len()];
        for _ in 0..MAX_TRIES {
            let pick: Vec<Range<usize>> = index
                .iter()
                .zip(&candidates)
                .map(|(&i, c)| c[i].clone())
                .collect();
            if !denied(analysis, &pick) {
                return Some(pick);
            }
            // The next combination, like an odometer.
            let mut g = 0;
            loop {
                if g == index.len() {
                    return None;
                }
                index[g] += 1;
                if index[g] < candidates[g].len() {
                    break;
                }
                index[g] = 0;
                g += 1;
            }
        }
        None
    }
}

/// A match is denied when a clause it touches has a negator the match itself does not hold.
fn denied(analysis: &Analysis, pick: &[Range<usize>]) -> bool {
    pick.iter().any(|r| {
        r.clone().any(|t| {
            analysis
                .clause_of(t)
                .negated_from
                .is_some_and(|n| !pick.iter().any(|p| p.contains(&n)))
        })
    })
}

/// A fact's patterns, compiled once.
#[derive(Debug, Clone, PartialEq)]
pub struct FactEvidence {
    pub patterns: Vec<Pattern>,
}

impl FactEvidence {
    pub fn compile(sources: &[String], lexicon: &Lexicon) -> FactEvidence {
        FactEvidence {
            patterns: sources
                .iter()
                .map(|s| Pattern::compile(s, lexicon))
                .filter(|p| !p.is_empty())
                .collect(),
        }
    }

    /// Whether `text` shows the fact, and the words it rests on.
    pub fn shown_in(&self, text: &str, lexicon: &Lexicon) -> Option<Shown> {
        let analysis = analyze(text, lexicon);
        self.shown_in_analysis(&analysis)
    }

    pub fn shown_in_analysis(&self, analysis: &Analysis) -> Option<Shown> {
        self.patterns.iter().find_map(|p| p.find(analysis))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shows(patterns: &[&str], text: &str) -> Option<String> {
        let lexicon = Lexicon::builtin();
        let sources: Vec<String> = patterns.iter().map(|s| s.to_string()).collect();
        FactEvidence::compile(&sources, &lexicon)
            .shown_in(text, &lexicon)
            .map(|s| s.words)
    }

    #[test]
    fn every_group_must_appear_and_the_verdict_quotes_the_words() {
        let engineering = ["engineering | eng + approve | sign off | avl"];
        assert_eq!(
            shows(&engineering, "Eng. approves vendors (AVL)").as_deref(),
            Some("Eng … approves")
        );
        assert_eq!(shows(&engineering, "sent engineering drawings"), None);
    }

    #[test]
    fn a_negation_in_the_clause_denies_the_fact_unless_the_pattern_holds_it() {
        let engineering = ["engineering + approve | involved"];
        assert_eq!(shows(&engineering, "engineering not involved"), None);
        assert_eq!(
            shows(&engineering, "engineering doesn't approve vendors"),
            None
        );
        assert!(shows(&engineering, "not purchasing. Engineering approves").is_some());
        let certs = ["no cert | without cert", "without + certificate"];
        assert_eq!(
            shows(&certs, "shipped without material certificates").as_deref(),
            Some("without … certificates")
        );
        assert!(shows(&certs, "no certs, batch on hold").is_some());
    }

    #[test]
    fn two_adjacent_sentences_count_together() {
        let certs = ["certificate + release"];
        assert!(
            shows(
                &certs,
                "The certificates, mostly. Quality won't release the parts"
            )
            .is_none()
        );
        assert!(
            shows(
                &certs,
                "The certificates, mostly. Quality holds the release"
            )
            .is_some()
        );
        assert!(shows(&certs, "Certificates. Other. Release").is_none());
    }
}

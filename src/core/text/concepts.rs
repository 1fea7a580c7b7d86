//! Finding the lexicon's concepts in analysed text, each match with the words it rests on.

use std::ops::Range;

use super::analyze::Analysis;
use super::lexicon::{Concept, Lexicon};

#[derive(Debug, Clone, PartialEq)]
pub struct ConceptMatch<'l> {
    pub concept: &'l Concept,
    /// The runs of tokens that matched: one for a term, one per group for `together`.
    pub tokens: Vec<Range<usize>>,
}

impl ConceptMatch<'_> {
    #[cfg(test)]
    /// The matched words, as typed.
    pub(crate) fn words(&self, analysis: &Analysis) -> String {
        self.tokens
            .iter()
            .map(|r| analysis.words(r.clone()))
            .collect::<Vec<_>>()
            .join(" … ")
    }
}

/// Where `concept` occurs in `range` of tokens (one clause): a term, or a word of every
/// `together` group.
pub(crate) fn concept_in(
    analysis: &Analysis,
    concept: &Concept,
    range: Range<usize>,
) -> Option<Vec<Range<usize>>> {
    if let Some(found) = analysis.find_any(&concept.terms, range.clone()) {
        return Some(vec![found]);
    }
    if concept.together.len() < 2 {
        return None;
    }
    concept
        .together
        .iter()
        .map(|group| analysis.find_any(group, range.clone()))
        .collect()
}

/// Every concept of `lexicon` found in `analysis`, clause by clause.
pub fn concept_matches<'l>(analysis: &Analysis, lexicon: &'l Lexicon) -> Vec<ConceptMatch<'l>> {
    let mut out = Vec::new();
    for clause in &analysis.clauses {
        for concept in &lexicon.concepts {
            if let Some(tokens) = concept_in(analysis, concept, clause.tokens.clone()) {
                out.push(ConceptMatch { concept, tokens });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::analyze::analyze;
    use super::*;

    fn found(text: &str) -> Vec<(String, String)> {
        let lexicon = Lexicon::builtin();
        let analysis = analyze(text, &lexicon);
        concept_matches(&analysis, &lexicon)
            .into_iter()
            .map(|m| (m.concept.id.clone(), m.words(&analysis)))
            .collect()
    }

    #[test]
    fn every_match_says_which_words_matched_which_concept() {
        assert_eq!(
            found("We will machine the custom spacer"),
            [(
                "custom-manufacturing".to_string(),
                "will machine".to_string()
            )]
        );
        assert_eq!(
            found("machining of custom flanges"),
            [(
                "custom-manufacturing".to_string(),
                "custom … machining".to_string()
            )]
        );
        assert_eq!(
            found("MOQ is 500 pcs"),
            [("minimum-order".to_string(), "MOQ".to_string())]
        );
    }

    #[test]
    fn groups_must_meet_in_one_clause() {
        assert!(found("Their CNC machine is down half the time").is_empty());
        assert!(found("custom spacers, the machine is down").is_empty());
    }
}

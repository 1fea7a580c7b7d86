//! The concept lexicon: the words text judgements rest on, loaded from data
//! (`question-banks/lexicon.yaml`) so a team can extend it without a new build.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::analyze::phrase_stems;
use crate::core::validate::{Issue, Issues};

/// The lexicon as written in YAML.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LexiconFile {
    #[serde(default)]
    pub spellings: BTreeMap<String, String>,
    #[serde(default)]
    pub negators: Vec<String>,
    #[serde(default)]
    pub not_negations: Vec<String>,
    #[serde(default)]
    pub clause_breaks: Vec<String>,
    #[serde(default)]
    pub first_person: Vec<String>,
    #[serde(default)]
    pub commitment_verbs: Vec<String>,
    #[serde(default)]
    pub third_person: Vec<String>,
    #[serde(default)]
    pub acceptances: Vec<String>,
    #[serde(default)]
    pub open_questions: Vec<String>,
    #[serde(default)]
    pub wishes: Vec<String>,
    #[serde(default)]
    pub hedges: Vec<String>,
    #[serde(default)]
    pub conditions: Vec<String>,
    #[serde(default)]
    pub exception_reversers: Vec<String>,
    #[serde(default)]
    pub units: BTreeMap<String, f64>,
    #[serde(default)]
    pub quantities: QuantitiesFile,
    #[serde(default)]
    pub concepts: Vec<ConceptFile>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuantitiesFile {
    #[serde(default)]
    pub delivery_days: QuantityWords,
    #[serde(default)]
    pub payment_days: QuantityWords,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct QuantityWords {
    #[serde(default)]
    pub cues: Vec<String>,
    #[serde(default)]
    pub fixed: BTreeMap<String, f64>,
    #[serde(default)]
    pub with_cue: BTreeMap<String, f64>,
    #[serde(default)]
    pub prefixes: Vec<String>,
    #[serde(default)]
    pub non_cues: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConceptFile {
    pub id: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub terms: Vec<String>,
    #[serde(default)]
    pub together: Vec<Vec<String>>,
}

impl LexiconFile {
    /// Adds a team's lexicon to this one: lists grow, a concept with a known id gains terms.
    pub fn extend(&mut self, other: LexiconFile) {
        self.spellings.extend(other.spellings);
        self.negators.extend(other.negators);
        self.not_negations.extend(other.not_negations);
        self.clause_breaks.extend(other.clause_breaks);
        self.first_person.extend(other.first_person);
        self.commitment_verbs.extend(other.commitment_verbs);
        self.third_person.extend(other.third_person);
        self.acceptances.extend(other.acceptances);
        self.open_questions.extend(other.open_questions);
        self.wishes.extend(other.wishes);
        self.hedges.extend(other.hedges);
        self.conditions.extend(other.conditions);
        self.exception_reversers.extend(other.exception_reversers);
        self.units.extend(other.units);
        for (mine, theirs) in [
            (
                &mut self.quantities.delivery_days,
                other.quantities.delivery_days,
            ),
            (
                &mut self.quantities.payment_days,
                other.quantities.payment_days,
            ),
        ] {
            mine.cues.extend(theirs.cues);
            mine.fixed.extend(theirs.fixed);
            mine.with_cue.extend(theirs.with_cue);
            mine.prefixes.extend(theirs.prefixes);
            mine.non_cues.extend(theirs.non_cues);
        }
        for concept in other.concepts {
            match self.concepts.iter_mut().find(|c| c.id == concept.id) {
                Some(known) => {
                    known.terms.extend(concept.terms);
                    known.together.extend(concept.together);
                }
                None => self.concepts.push(concept),
            }
        }
    }

    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = Issues::default();
        let mut ids = HashSet::new();
        for (i, concept) in self.concepts.iter().enumerate() {
            let at = format!("concepts[{i}]");
            issues.unique_id(&format!("{at}.id"), &concept.id, &mut ids);
            if concept.terms.is_empty() && concept.together.is_empty() {
                issues.push(&at, "list terms or together groups");
            }
            for (t, term) in concept.terms.iter().enumerate() {
                issues.not_empty(&format!("{at}.terms[{t}]"), term);
            }
            if concept.together.len() == 1 {
                issues.push(format!("{at}.together"), "needs at least two groups");
            }
        }
        for (unit, hours) in &self.units {
            if !(hours.is_finite() && *hours > 0.0) {
                issues.push(
                    format!("units.{unit}"),
                    "must be a positive number of hours",
                );
            }
        }
        issues.0
    }
}

/// Words reduced to stems, ready to compare with analysed text.
pub type Phrase = Vec<String>;

#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    pub id: String,
    pub label: String,
    pub terms: Vec<Phrase>,
    pub together: Vec<Vec<Phrase>>,
}

#[derive(Debug, Clone, Default)]
pub struct QuantityLexicon {
    pub cues: Vec<Phrase>,
    pub fixed: Vec<(Phrase, f64)>,
    pub with_cue: Vec<(Phrase, f64)>,
    pub prefixes: HashSet<String>,
    pub non_cues: Vec<Phrase>,
}

/// The lexicon compiled for matching: every phrase as stems.
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub(crate) spellings: HashMap<String, Vec<String>>,
    pub(crate) negators: HashSet<String>,
    pub(crate) not_negations: Vec<Phrase>,
    pub(crate) clause_breaks: HashSet<String>,
    pub(crate) first_person: HashSet<String>,
    pub(crate) commitment_verbs: HashSet<String>,
    pub(crate) third_person: HashSet<String>,
    pub(crate) acceptances: Vec<Phrase>,
    pub(crate) open_questions: Vec<Phrase>,
    pub(crate) wishes: HashSet<String>,
    pub(crate) hedges: Vec<Phrase>,
    pub(crate) conditions: Vec<Phrase>,
    pub(crate) exception_reversers: Vec<Phrase>,
    pub(crate) units: Vec<(Phrase, f64)>,
    pub(crate) delivery: QuantityLexicon,
    pub(crate) payment: QuantityLexicon,
    pub concepts: Vec<Concept>,
    /// Known words of five letters or more, by length, to read a typo as the word meant.
    pub(crate) vocabulary: HashMap<usize, Vec<String>>,
    pub(crate) known: HashSet<String>,
    /// Identifies what the lexicon says, for caches of verdicts made with it.
    pub source: u64,
}

/// The lexicon shipped with disco.
pub const BUILTIN_LEXICON: &str = include_str!("../../../question-banks/lexicon.yaml");

impl Lexicon {
    /// The built-in lexicon. It is part of the build and checked by tests, so it always parses;
    /// should it not, matching falls back to an empty lexicon rather than failing a call.
    pub fn builtin() -> Lexicon {
        Lexicon::compile(&builtin_file())
    }

    pub fn compile(file: &LexiconFile) -> Lexicon {
        let stems = |words: &[String]| -> Vec<Phrase> {
            words
                .iter()
                .map(|w| phrase_stems(w))
                .filter(|p| !p.is_empty())
                .collect()
        };
        // One word each; an entry that reads as several words ("cannot") would add each part.
        let single = |words: &[String]| -> HashSet<String> {
            stems(words)
                .into_iter()
                .filter(|p| p.len() == 1)
                .flatten()
                .collect()
        };
        // Pronouns compared as written: "customer" must not stem to "custom".
        let plain = |words: &[String]| -> HashSet<String> {
            words.iter().map(|w| w.trim().to_lowercase()).collect()
        };
        let valued = |map: &BTreeMap<String, f64>| -> Vec<(Phrase, f64)> {
            map.iter()
                .map(|(w, v)| (phrase_stems(w), *v))
                .filter(|(p, _)| !p.is_empty())
                .collect()
        };
        let quantity = |q: &QuantityWords| QuantityLexicon {
            cues: stems(&q.cues),
            fixed: valued(&q.fixed),
            with_cue: valued(&q.with_cue),
            prefixes: single(&q.prefixes),
            non_cues: stems(&q.non_cues),
        };
        let spellings = file
            .spellings
            .iter()
            .map(|(from, to)| {
                let words = to.split_whitespace().map(str::to_lowercase).collect();
                (from.to_lowercase(), words)
            })
            .collect();
        let concepts = file
            .concepts
            .iter()
            .map(|c| Concept {
                id: c.id.clone(),
                label: if c.label.is_empty() {
                    c.id.clone()
                } else {
                    c.label.clone()
                },
                terms: stems(&c.terms),
                together: c.together.iter().map(|g| stems(g)).collect(),
            })
            .collect();
        let mut known = HashSet::new();
        let mut every_word = |text: &str| {
            for word in text.split(|c: char| !c.is_alphanumeric()) {
                if !word.is_empty() {
                    known.insert(word.to_lowercase());
                }
            }
        };
        let lists = [
            &file.negators,
            &file.not_negations,
            &file.clause_breaks,
            &file.first_person,
            &file.commitment_verbs,
            &file.third_person,
            &file.acceptances,
            &file.open_questions,
            &file.wishes,
            &file.hedges,
            &file.conditions,
            &file.exception_reversers,
            &file.quantities.delivery_days.cues,
            &file.quantities.payment_days.cues,
        ];
        for word in lists.into_iter().flatten() {
            every_word(word);
        }
        for concept in &file.concepts {
            concept.terms.iter().for_each(|t| every_word(t));
            concept
                .together
                .iter()
                .flatten()
                .for_each(|t| every_word(t));
        }
        for q in [
            &file.quantities.delivery_days,
            &file.quantities.payment_days,
        ] {
            q.fixed
                .keys()
                .chain(q.with_cue.keys())
                .for_each(|t| every_word(t));
        }
        file.units.keys().for_each(|t| every_word(t));
        file.spellings.values().for_each(|t| every_word(t));
        let mut vocabulary: HashMap<usize, Vec<String>> = HashMap::new();
        for word in &known {
            let length = word.chars().count();
            if length >= 5 && word.chars().all(char::is_alphabetic) {
                vocabulary.entry(length).or_default().push(word.clone());
            }
        }
        Lexicon {
            spellings,
            negators: single(&file.negators),
            not_negations: stems(&file.not_negations),
            clause_breaks: single(&file.clause_breaks),
            first_person: plain(&file.first_person),
            commitment_verbs: single(&file.commitment_verbs),
            third_person: plain(&file.third_person),
            acceptances: stems(&file.acceptances),
            open_questions: stems(&file.open_questions),
            wishes: single(&file.wishes),
            hedges: stems(&file.hedges),
            conditions: stems(&file.conditions),
            exception_reversers: stems(&file.exception_reversers),
            units: valued(&file.units),
            delivery: quantity(&file.quantities.delivery_days),
            payment: quantity(&file.quantities.payment_days),
            concepts,
            vocabulary,
            known,
            source: stable_hash(&serde_json::to_string(file).unwrap_or_default()),
        }
    }

    pub fn concept(&self, id: &str) -> Option<&Concept> {
        self.concepts.iter().find(|c| c.id == id)
    }
}

/// A hash that stays the same from run to run (std's SipHash with its fixed keys), for caches
/// kept on disk. A new Rust may change it; a cache then simply misses once.
pub fn stable_hash(text: &str) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// The built-in lexicon as data, for a team's file to extend.
pub fn builtin_file() -> LexiconFile {
    crate::yaml::from_str(BUILTIN_LEXICON).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_lexicon_parses_and_is_valid() {
        let file: LexiconFile = crate::yaml::from_str(BUILTIN_LEXICON).unwrap();
        assert_eq!(file.validate(), vec![]);
        assert!(file.concepts.len() >= 7, "the issue names seven concepts");
        let lexicon = Lexicon::compile(&file);
        assert!(lexicon.concept("custom-manufacturing").is_some());
        assert_eq!(lexicon.units.len(), file.units.len());
    }

    #[test]
    fn a_team_file_extends_lists_and_concepts() {
        let mut file = builtin_file();
        let team: LexiconFile = crate::yaml::from_str(
            "spellings: {ovrnt: overnight}\nconcepts:\n  - id: minimum-order\n    terms: [smallest order]\n  - id: hazmat\n    terms: [hazmat, dangerous goods]\n",
        )
        .unwrap();
        let concepts = file.concepts.len();
        file.extend(team);
        assert_eq!(file.concepts.len(), concepts + 1);
        let minimum = file
            .concepts
            .iter()
            .find(|c| c.id == "minimum-order")
            .unwrap();
        assert!(minimum.terms.contains(&"smallest order".to_string()));
        assert!(minimum.terms.contains(&"moq".to_string()), "ours are kept");
        assert_eq!(file.spellings["ovrnt"], "overnight");
    }

    #[test]
    fn bad_concepts_are_reported_with_their_place() {
        let file: LexiconFile =
            crate::yaml::from_str("concepts:\n  - id: Bad Id\n  - id: half\n    together: [[a]]\n")
                .unwrap();
        let paths: Vec<String> = file.validate().into_iter().map(|i| i.path).collect();
        assert!(paths.contains(&"concepts[0].id".to_string()), "{paths:?}");
        assert!(paths.contains(&"concepts[0]".to_string()), "{paths:?}");
        assert!(
            paths.contains(&"concepts[1].together".to_string()),
            "{paths:?}"
        );
    }
}

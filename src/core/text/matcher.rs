//! Taking what someone typed for one of a set of known questions: each candidate is known by a
//! few phrasings; typed text and phrasings are read the same way (stems, spellings, concepts as
//! synonyms) and compared word by word, rarer words weighing more. A ranking comes back with the
//! words each candidate rests on, and a threshold below which nothing is taken as meant.

use std::collections::{HashMap, HashSet};

use super::analyze::{Analysis, analyze};
use super::concepts::concept_in;
use super::lexicon::{Lexicon, LexiconFile, builtin_file};
use crate::core::stopwords::is_stopword;

/// The words question matching adds to the built-in lexicon: synonyms as concepts.
pub(crate) const MATCHING_LEXICON: &str = include_str!("../../../question-banks/matching.yaml");

/// The built-in lexicon with the matching words added.
pub(crate) fn matching_lexicon_file() -> LexiconFile {
    let mut file = builtin_file();
    if let Ok(extra) = crate::yaml::from_str::<LexiconFile>(MATCHING_LEXICON) {
        file.extend(extra);
    }
    file
}

/// Something a line can be taken for, and the ways it is usually said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: String,
    pub phrasings: Vec<String>,
}

/// One meaningful unit of a text: a word's stem, or a concept standing for its synonyms.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Feature {
    Stem(String),
    Concept(String),
}

/// Function words that still tell questions apart: "who" asks about people, not things.
const QUESTION_WORDS: &[&str] = &["who"];
/// Words nearly every sales question can hold: they tell no question apart, so a match resting
/// on them alone ("who else has a say on this account" → "what makes a supplier valuable to
/// you? … new account") is no match.
const GENERIC: &[&str] = &["supplier", "vendor", "account", "customer"];
/// Conversational filler that carries no question's meaning ("walk me through", "look after").
const FILLER: &[&str] = &[
    "look", "walk", "bit", "quick", "guys", "ok", "okay", "exactly", "ever",
];

/// The features of a text, each with the words it came from.
fn features(analysis: &Analysis, lexicon: &Lexicon) -> Vec<(Feature, String)> {
    let mut found: Vec<(&str, Vec<std::ops::Range<usize>>)> = Vec::new();
    for clause in &analysis.clauses {
        for concept in &lexicon.concepts {
            if let Some(runs) = concept_in(analysis, concept, clause.tokens.clone()) {
                found.push((&concept.id, runs));
            }
        }
    }
    // The longest reading of a word wins: "number one" is a priority, not a number.
    let length = |runs: &[std::ops::Range<usize>]| runs.iter().map(|r| r.len()).sum::<usize>();
    found.sort_by_key(|(_, runs)| std::cmp::Reverse(length(runs)));
    // Token → the length of the reading that took it; readings as long share it.
    let mut covered: HashMap<usize, usize> = HashMap::new();
    let mut out: Vec<(Feature, String)> = Vec::new();
    for (id, runs) in found {
        let len = length(&runs);
        let tokens = || runs.iter().flat_map(|r| r.clone());
        if tokens().any(|t| covered.get(&t).is_some_and(|&l| l > len)) {
            continue;
        }
        let words: Vec<&str> = runs.iter().map(|r| analysis.words(r.clone())).collect();
        for t in tokens() {
            covered.insert(t, len);
        }
        out.push((Feature::Concept(id.to_string()), words.join(" … ")));
    }
    for (i, token) in analysis.tokens.iter().enumerate() {
        let kept = QUESTION_WORDS.contains(&token.word.as_str());
        if covered.contains_key(&i)
            || (is_stopword(&token.word) && !kept)
            || FILLER.contains(&token.word.as_str())
            || token.stem.is_empty()
        {
            continue;
        }
        out.push((
            Feature::Stem(token.stem.clone()),
            analysis.words(i..i + 1).to_string(),
        ));
    }
    let mut seen = HashSet::new();
    out.retain(|(f, _)| seen.insert(f.clone()));
    out
}

struct Phrasing {
    candidate: usize,
    features: Vec<Feature>,
    weight: f64,
}

/// The candidates compiled once; matching a line reads only that line.
pub struct Matcher {
    lexicon: Lexicon,
    ids: Vec<String>,
    phrasings: Vec<Phrasing>,
    /// Phrasings holding each feature, for looking up only the phrasings a line shares words with.
    index: HashMap<Feature, Vec<usize>>,
    idf: HashMap<Feature, f64>,
    /// The features of `GENERIC`, read as the lexicon reads them.
    generic: HashSet<Feature>,
    unknown_weight: f64,
    pub threshold: f64,
}

/// A candidate a line may mean, how well it fits (0 to 1), and the words that fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub id: String,
    pub score: f64,
    pub words: Vec<String>,
}

/// The weight of the line's coverage against the phrasing's, in the geometric mean of the two.
const COVERAGE: f64 = 0.6;

/// Below this, a line is taken for nothing.
pub(crate) const DEFAULT_THRESHOLD: f64 = 0.3;

impl Matcher {
    pub(crate) fn new(candidates: &[Candidate], lexicon: Lexicon) -> Self {
        let mut phrasings = Vec::new();
        let mut document_frequency: HashMap<Feature, usize> = HashMap::new();
        for (c, candidate) in candidates.iter().enumerate() {
            let mut of_candidate: HashSet<Feature> = HashSet::new();
            for text in &candidate.phrasings {
                let analysis = analyze(text, &lexicon);
                let found: Vec<Feature> = features(&analysis, &lexicon)
                    .into_iter()
                    .map(|(f, _)| f)
                    .collect();
                if found.is_empty() {
                    continue;
                }
                of_candidate.extend(found.iter().cloned());
                phrasings.push(Phrasing {
                    candidate: c,
                    features: found,
                    weight: 0.0,
                });
            }
            for feature in of_candidate {
                *document_frequency.entry(feature).or_default() += 1;
            }
        }
        let n = candidates.len().max(1) as f64;
        let idf: HashMap<Feature, f64> = document_frequency
            .into_iter()
            .map(|(f, df)| (f, (1.0 + n / df as f64).ln()))
            .collect();
        let mut index: HashMap<Feature, Vec<usize>> = HashMap::new();
        for (p, phrasing) in phrasings.iter_mut().enumerate() {
            phrasing.weight = phrasing
                .features
                .iter()
                .map(|f| idf.get(f).copied().unwrap_or(0.0))
                .sum();
            for feature in &phrasing.features {
                index.entry(feature.clone()).or_default().push(p);
            }
        }
        let generic = GENERIC
            .iter()
            .flat_map(|word| features(&analyze(word, &lexicon), &lexicon))
            .map(|(f, _)| f)
            .collect();
        Self {
            lexicon,
            ids: candidates.iter().map(|c| c.id.clone()).collect(),
            phrasings,
            index,
            idf,
            generic,
            unknown_weight: 1.0,
            threshold: DEFAULT_THRESHOLD,
        }
    }

    /// Every candidate the line shares a word with, best first.
    pub(crate) fn rank(&self, text: &str) -> Vec<Match> {
        let analysis = analyze(text, &self.lexicon);
        let found = features(&analysis, &self.lexicon);
        let line_weight: f64 = found
            .iter()
            .map(|(f, _)| self.idf.get(f).copied().unwrap_or(self.unknown_weight))
            .sum();
        let mut best: HashMap<usize, (f64, Vec<String>)> = HashMap::new();
        let mut shared: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, (feature, _)) in found.iter().enumerate() {
            for &p in self.index.get(feature).into_iter().flatten() {
                shared.entry(p).or_default().push(i);
            }
        }
        for (p, features) in shared {
            if features.iter().all(|&i| self.generic.contains(&found[i].0)) {
                continue;
            }
            let phrasing = &self.phrasings[p];
            let common: f64 = features
                .iter()
                .map(|&i| self.idf.get(&found[i].0).copied().unwrap_or(0.0))
                .sum();
            if line_weight <= 0.0 || phrasing.weight <= 0.0 {
                continue;
            }
            // How much of the line the phrasing explains counts more than how much of the
            // phrasing the line repeats: trainees say less than the script, in other words.
            let score = ((common / line_weight).powf(COVERAGE)
                * (common / phrasing.weight).powf(1.0 - COVERAGE))
            .min(1.0);
            let entry = best.entry(phrasing.candidate).or_insert((0.0, Vec::new()));
            if score > entry.0 {
                let mut words: Vec<String> = Vec::new();
                for &i in &features {
                    if !words.contains(&found[i].1) {
                        words.push(found[i].1.clone());
                    }
                }
                *entry = (score, words);
            }
        }
        let mut ranking: Vec<Match> = best
            .into_iter()
            .map(|(c, (score, words))| Match {
                id: self.ids[c].clone(),
                score,
                words,
            })
            .collect();
        ranking.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
        ranking
    }

    #[cfg(test)]
    /// The candidate the line is taken for, if any fits well enough.
    pub(crate) fn best(&self, text: &str) -> Option<Match> {
        self.rank(text)
            .into_iter()
            .next()
            .filter(|m| m.score >= self.threshold)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher() -> Matcher {
        let candidates = vec![
            Candidate {
                id: "approvals".into(),
                phrasings: vec!["Does engineering approve vendors first?".into()],
            },
            Candidate {
                id: "problems".into(),
                phrasings: vec!["What problems did you have with other vendors?".into()],
            },
        ];
        Matcher::new(&candidates, Lexicon::compile(&matching_lexicon_file()))
    }

    #[test]
    fn the_best_match_names_the_words_it_rests_on() {
        let best = matcher()
            .best("do the engineers have to approve a supplier?")
            .unwrap();
        assert_eq!(best.id, "approvals");
        assert!(best.words.iter().any(|w| w == "approve"), "{best:?}");
    }

    #[test]
    fn generic_words_alone_carry_no_match() {
        let candidates = vec![Candidate {
            id: "valued".into(),
            phrasings: vec![
                "When I start with a new account, what makes a supplier valuable?".into(),
            ],
        }];
        let matcher = Matcher::new(&candidates, Lexicon::compile(&matching_lexicon_file()));
        assert_eq!(matcher.best("who else has a say on this account"), None);
        assert_eq!(matcher.best("what happened with other suppliers"), None);
        assert!(matcher.best("what makes a vendor valuable").is_some());
    }

    #[test]
    fn nothing_in_common_matches_nothing() {
        assert_eq!(matcher().best("lovely weather today"), None);
        assert!(matcher().rank("").is_empty());
    }
}

//! Drills made from a bank's own questions, so any bank a team writes is practice material.

use std::collections::BTreeSet;

use super::bank::{Bank, QuestionRef};
use super::practice::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DrillKind {
    WhatNext,
    WhichStep,
    FillGap,
    RunScript,
}

impl DrillKind {
    pub const ALL: [DrillKind; 4] = [
        DrillKind::WhatNext,
        DrillKind::WhichStep,
        DrillKind::FillGap,
        DrillKind::RunScript,
    ];
    /// The drills that review one card at a time, rotated through in a mixed session.
    pub const PER_CARD: [DrillKind; 3] = [
        DrillKind::WhatNext,
        DrillKind::WhichStep,
        DrillKind::FillGap,
    ];

    pub fn id(self) -> &'static str {
        match self {
            DrillKind::WhatNext => "what-next",
            DrillKind::WhichStep => "which-step",
            DrillKind::FillGap => "fill-gap",
            DrillKind::RunScript => "run-script",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            DrillKind::WhatNext => "What comes next",
            DrillKind::WhichStep => "Which step",
            DrillKind::FillGap => "Fill the gap",
            DrillKind::RunScript => "Run the script",
        }
    }

    pub fn parse(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.id() == id)
    }
}

/// "What comes next": the step and the question before; recall the question itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatNext {
    pub step_number: usize,
    pub step_title: String,
    /// The question before this one in its step; `None` when it opens the step.
    pub previous: Option<String>,
    pub answer: String,
}

pub fn what_next(bank: &Bank, at: QuestionRef) -> Option<WhatNext> {
    let step = bank.steps.get(at.step)?;
    Some(WhatNext {
        step_number: at.step + 1,
        step_title: step.title.clone(),
        previous: at
            .question
            .checked_sub(1)
            .and_then(|q| step.questions.get(q))
            .map(|q| q.ask.clone()),
        answer: step.questions.get(at.question)?.ask.clone(),
    })
}

const STOP_WORDS: &[&str] = &[
    "about", "also", "could", "does", "from", "have", "into", "just", "like", "make", "more",
    "other", "some", "such", "than", "that", "their", "them", "then", "there", "these", "they",
    "this", "what", "when", "where", "which", "while", "with", "would", "your", "yours",
];

fn bare(word: &str) -> String {
    word.chars()
        .filter(|c| c.is_alphanumeric() || *c == '\'')
        .collect::<String>()
        .to_lowercase()
}

fn is_key_word(word: &str) -> bool {
    let bare = bare(word);
    bare.chars().filter(|c| c.is_alphabetic()).count() >= 4 && !STOP_WORDS.contains(&bare.as_str())
}

/// A question with a key phrase (one to three key words in a row) blanked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub before: String,
    pub missing: String,
    pub after: String,
}

pub fn fill_gap(ask: &str, rng: &mut Rng) -> Gap {
    let words: Vec<&str> = ask.split_whitespace().collect();
    let candidates: Vec<usize> = (0..words.len())
        .filter(|&i| is_key_word(words[i]))
        .collect();
    let (start, len) = if candidates.is_empty() {
        let longest = (0..words.len())
            .max_by_key(|&i| bare(words[i]).len())
            .unwrap_or(0);
        (longest, 1.min(words.len()))
    } else {
        let start = candidates[rng.below(candidates.len())];
        let run = (start..words.len())
            .take_while(|&i| is_key_word(words[i]))
            .count()
            .min(3);
        (start, 1 + rng.below(run))
    };
    // Punctuation stays outside the gap, so the learner types only words.
    let mut missing = words[start..start + len].join(" ");
    let trailing: String = missing
        .chars()
        .rev()
        .take_while(|c| !c.is_alphanumeric())
        .collect();
    let trailing: String = trailing.chars().rev().collect();
    missing.truncate(missing.len() - trailing.len());
    let leading: String = missing
        .chars()
        .take_while(|c| !c.is_alphanumeric())
        .collect();
    missing.drain(..leading.len());
    Gap {
        before: format!(
            "{}{}{leading}",
            words[..start].join(" "),
            if start > 0 { " " } else { "" }
        ),
        missing,
        after: format!(
            "{trailing}{}{}",
            if start + len < words.len() { " " } else { "" },
            words[start + len..].join(" ")
        ),
    }
}

fn normalize(text: &str) -> String {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `typed` fills the gap: case and punctuation don't matter, and one slip per five
/// letters is forgiven (none in very short words).
pub fn grade_gap(expected: &str, typed: &str) -> bool {
    let (expected, typed) = (normalize(expected), normalize(typed));
    if typed.is_empty() {
        return false;
    }
    let tolerance = expected.chars().count() / 5;
    strsim::levenshtein(&expected, &typed) <= tolerance
}

/// One line the learner typed in "Run the script", and the question it was taken for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecitedLine {
    pub typed: String,
    /// Index in script order of the question this line recalls.
    pub matched: Option<usize>,
    /// Recalled, but after a question that comes later in the script.
    pub out_of_order: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunResult {
    pub lines: Vec<RecitedLine>,
    /// Script questions (index, text) nobody recalled.
    pub missing: Vec<(usize, String)>,
    pub in_order: usize,
    pub total: usize,
}

fn key_words(text: &str) -> BTreeSet<String> {
    text.split_whitespace()
        .filter(|w| is_key_word(w))
        .map(|w| {
            let b = bare(w);
            // A crude stem: "vendors" and "vendor" are the same idea.
            b.strip_suffix('s').map(str::to_string).unwrap_or(b)
        })
        .collect()
}

/// Matches each recited gist to the script question it shares most key words with, then marks
/// what came out of order and what was left out.
pub fn check_run(bank: &Bank, recited: &[String]) -> RunResult {
    let script: Vec<String> = bank
        .question_refs()
        .filter_map(|q| bank.question(q))
        .map(|q| q.ask.clone())
        .collect();
    let script_words: Vec<BTreeSet<String>> = script.iter().map(|s| key_words(s)).collect();
    let mut used = vec![false; script.len()];
    let mut lines = Vec::new();
    let mut highest: Option<usize> = None;
    let mut in_order = 0;
    for typed in recited.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        let words = key_words(typed);
        let best = (0..script.len())
            .filter(|&i| !used[i])
            .map(|i| (script_words[i].intersection(&words).count(), i))
            .filter(|&(shared, _)| shared > 0)
            // Most shared words; on a tie, the earliest question still open.
            .max_by_key(|&(shared, i)| (shared, std::cmp::Reverse(i)))
            .map(|(_, i)| i);
        let out_of_order = match (best, highest) {
            (Some(i), Some(h)) => i < h,
            _ => false,
        };
        if let Some(i) = best {
            used[i] = true;
            if !out_of_order {
                in_order += 1;
                highest = Some(i);
            }
        }
        lines.push(RecitedLine {
            typed: typed.to_string(),
            matched: best,
            out_of_order,
        });
    }
    let missing = script
        .iter()
        .enumerate()
        .filter(|(i, _)| !used[*i])
        .map(|(i, s)| (i, s.clone()))
        .collect();
    RunResult {
        lines,
        missing,
        in_order,
        total: script.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::builtin_bank_for_tests as bank;

    #[test]
    fn grading_forgives_case_punctuation_and_small_typos() {
        assert!(grade_gap("vendor performance", "Vendor Performance"));
        assert!(grade_gap("vendor performance", "vendor performance!"));
        assert!(grade_gap("vendor performance", "vendr performance"));
        assert!(grade_gap("suppliers", "supliers"));
        assert!(!grade_gap("suppliers", "buyers"));
        assert!(!grade_gap("vendor performance", "vendor"));
        assert!(!grade_gap("role", "rule"), "no slips in short words");
        assert!(!grade_gap("role", ""));
    }

    #[test]
    fn gaps_blank_key_words_and_rebuild_the_question() {
        let ask = "How does your company measure vendor performance?";
        for seed in 0..20 {
            let gap = fill_gap(ask, &mut Rng::new(seed));
            assert!(!gap.missing.is_empty());
            assert!(gap.missing.split(' ').all(is_key_word), "{gap:?}");
            assert_eq!(
                format!("{}{}{}", gap.before, gap.missing, gap.after),
                ask,
                "{gap:?}"
            );
        }
        let same = |s| fill_gap(ask, &mut Rng::new(s));
        assert_eq!(same(3), same(3), "the same seed gives the same gap");
    }

    #[test]
    fn what_next_names_the_step_and_the_question_before() {
        let bank = bank();
        let first = what_next(
            &bank,
            QuestionRef {
                step: 1,
                question: 0,
            },
        )
        .unwrap();
        assert_eq!((first.step_number, first.previous.clone()), (2, None));
        let second = what_next(
            &bank,
            QuestionRef {
                step: 1,
                question: 1,
            },
        )
        .unwrap();
        assert_eq!(second.previous.as_deref(), Some(first.answer.as_str()));
    }

    #[test]
    fn a_recited_script_shows_slips() {
        let bank = bank();
        let recited: Vec<String> = [
            "your business, your role, who else has a say",
            "purchasing alone or other departments",
            "what makes a supplier valuable",
            "who else will judge our service",
            "something about the weather",
        ]
        .map(String::from)
        .to_vec();
        let result = check_run(&bank, &recited);
        let matched: Vec<Option<usize>> = result.lines.iter().map(|l| l.matched).collect();
        assert_eq!(matched, [Some(0), Some(1), Some(5), Some(3), None]);
        assert!(
            result.lines[3].out_of_order,
            "step 1 question after a step 2 one"
        );
        assert_eq!(result.in_order, 3);
        assert_eq!(result.total, 11);
        assert_eq!(result.missing.len(), 7);
    }
}

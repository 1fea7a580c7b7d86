//! Drills made from a bank's own questions, so any bank a team writes is practice material.

use std::collections::BTreeSet;

use super::bank::{Bank, Question, QuestionRef, YesNo, find_phrase};
use super::practice::Rng;
use super::stopwords::{bare, is_stopword, stem};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DrillKind {
    WhatNext,
    WhichStep,
    FillGap,
    ListenFor,
    FollowUps,
    Guidance,
    RunScript,
}

impl DrillKind {
    pub const ALL: [DrillKind; 7] = [
        DrillKind::WhatNext,
        DrillKind::WhichStep,
        DrillKind::FillGap,
        DrillKind::ListenFor,
        DrillKind::FollowUps,
        DrillKind::Guidance,
        DrillKind::RunScript,
    ];

    pub fn id(self) -> &'static str {
        match self {
            DrillKind::WhatNext => "what-next",
            DrillKind::WhichStep => "which-step",
            DrillKind::FillGap => "fill-gap",
            DrillKind::ListenFor => "listen-for",
            DrillKind::FollowUps => "follow-ups",
            DrillKind::Guidance => "guidance",
            DrillKind::RunScript => "run-script",
        }
    }

    pub(crate) fn title(self) -> &'static str {
        match self {
            DrillKind::WhatNext => "What comes next",
            DrillKind::WhichStep => "Which step",
            DrillKind::FillGap => "Fill the gap",
            DrillKind::ListenFor => "Listen for",
            DrillKind::FollowUps => "Follow-ups",
            DrillKind::Guidance => "Step guidance",
            DrillKind::RunScript => "Run the script",
        }
    }

    pub(crate) fn parse(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.id() == id)
    }
}

/// The drills that can review card `id`, rotated through in a mixed session: a question's
/// drills (follow-ups only when it has some), or the yes-or-no drill of a guidance check.
pub(crate) fn drills_for(bank: &Bank, id: &str) -> Vec<DrillKind> {
    if bank.check(id).is_some() {
        return vec![DrillKind::Guidance];
    }
    let Some(question) = bank.find_question(id).and_then(|at| bank.question(at)) else {
        return Vec::new();
    };
    let mut drills = vec![
        DrillKind::WhatNext,
        DrillKind::WhichStep,
        DrillKind::FillGap,
        DrillKind::ListenFor,
    ];
    if !question.follow_ups.is_empty() {
        drills.push(DrillKind::FollowUps);
    }
    drills
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

pub(crate) fn what_next(bank: &Bank, at: QuestionRef) -> Option<WhatNext> {
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

/// What a learner is shown the first time they meet a card: the question or guidance claim,
/// and what to know about it. Tested from the next session on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lesson {
    pub step_number: usize,
    pub step_title: String,
    pub text: String,
    /// Label and text, in the order to read them.
    pub points: Vec<(&'static str, String)>,
}

pub(crate) fn lesson(bank: &Bank, id: &str) -> Option<Lesson> {
    if let Some((step, check)) = bank.check(id) {
        return Some(Lesson {
            step_number: step + 1,
            step_title: bank.steps.get(step)?.title.clone(),
            text: check.ask.clone(),
            points: vec![
                ("Answer", yes_no(check.answer).to_string()),
                ("Why", check.why.clone()),
            ],
        });
    }
    let at = bank.find_question(id)?;
    let question = bank.question(at)?;
    let mut points = vec![("Listen for", question.listen_for.clone())];
    if !question.why.is_empty() {
        points.push(("Why it matters", question.why.clone()));
    }
    points.extend(question.follow_ups.iter().map(|f| ("Follow up", f.clone())));
    Some(Lesson {
        step_number: at.step + 1,
        step_title: bank.steps.get(at.step)?.title.clone(),
        text: question.ask.clone(),
        points,
    })
}

pub(crate) fn yes_no(answer: YesNo) -> &'static str {
    match answer {
        YesNo::Yes => "Yes",
        YesNo::No => "No",
    }
}

/// A self-rated drill: recall what to listen for after a question, or its follow-ups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recall {
    pub step_number: usize,
    pub step_title: String,
    pub ask: String,
    pub task: &'static str,
    pub answer: Vec<String>,
}

pub(crate) fn recall(bank: &Bank, id: &str, drill: DrillKind) -> Option<Recall> {
    let at = bank.find_question(id)?;
    let question = bank.question(at)?;
    let (task, answer) = match drill {
        DrillKind::ListenFor => (
            "What do you listen for in the answer?",
            vec![question.listen_for.clone()],
        ),
        DrillKind::FollowUps if !question.follow_ups.is_empty() => {
            ("What do you ask to follow up?", question.follow_ups.clone())
        }
        _ => return None,
    };
    Some(Recall {
        step_number: at.step + 1,
        step_title: bank.steps.get(at.step)?.title.clone(),
        ask: question.ask.clone(),
        task,
        answer,
    })
}

/// A guidance check to answer yes or no.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuidanceCheck {
    pub step_number: usize,
    pub step_title: String,
    pub ask: String,
    pub answer: YesNo,
    pub why: String,
}

pub(crate) fn guidance_check(bank: &Bank, id: &str) -> Option<GuidanceCheck> {
    let (step, check) = bank.check(id)?;
    Some(GuidanceCheck {
        step_number: step + 1,
        step_title: bank.steps.get(step)?.title.clone(),
        ask: check.ask.clone(),
        answer: check.answer,
        why: check.why.clone(),
    })
}

/// A word a learner can be asked to recall: not a stopword, and more than two letters.
fn is_content_word(word: &str) -> bool {
    !is_stopword(word) && bare(word).chars().filter(|c| c.is_alphabetic()).count() >= 3
}

/// A question with a key phrase blanked out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    pub before: String,
    pub missing: String,
    pub after: String,
}

/// Blanks what carries the question: one of the bank's `key_phrases` when it marks some;
/// otherwise a run of one to three content words, preferring words the step's title, goal or
/// the question's "listen for" also use (they name the intent). Never a stopword.
pub(crate) fn fill_gap(question: &Question, intent: &str, rng: &mut Rng) -> Gap {
    let words: Vec<&str> = question.ask.split_whitespace().collect();
    let marked: Vec<(usize, usize)> = question
        .key_phrases
        .iter()
        .filter_map(|p| find_phrase(&question.ask, p))
        .collect();
    let (start, len) = if !marked.is_empty() {
        marked[rng.below(marked.len())]
    } else {
        let content: Vec<usize> = (0..words.len())
            .filter(|&i| is_content_word(words[i]))
            .collect();
        let intent: BTreeSet<String> = format!("{intent} {}", question.listen_for)
            .split_whitespace()
            .filter(|w| is_content_word(w))
            .map(stem)
            .collect();
        let on_topic: Vec<usize> = content
            .iter()
            .copied()
            .filter(|&i| intent.contains(&stem(words[i])))
            .collect();
        let candidates = if on_topic.is_empty() {
            content
        } else {
            on_topic
        };
        match candidates.get(rng.below(candidates.len())) {
            Some(&start) => {
                let run = (start..words.len())
                    .take_while(|&i| is_content_word(words[i]))
                    .count()
                    .min(3);
                (start, 1 + rng.below(run))
            }
            // Only stopwords: blank the longest word rather than show no gap at all.
            None => (
                (0..words.len())
                    .max_by_key(|&i| bare(words[i]).len())
                    .unwrap_or(0),
                1.min(words.len()),
            ),
        }
    };
    gap_at(&words, start, len)
}

fn gap_at(words: &[&str], start: usize, len: usize) -> Gap {
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

/// The words a bank uses, by stem: a typed word that is one of these but not the expected
/// word is a different word, however close its spelling.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary(BTreeSet<String>);

impl Vocabulary {
    pub fn of_bank(bank: &Bank) -> Self {
        let mut texts: Vec<&str> = vec![&bank.title, &bank.description];
        for step in &bank.steps {
            texts.extend([step.title.as_str(), step.goal.as_str()]);
            texts.extend(step.guidance.iter().map(String::as_str));
            texts.extend(
                step.checks
                    .iter()
                    .flat_map(|c| [c.ask.as_str(), c.why.as_str()]),
            );
            for q in &step.questions {
                texts.extend([q.ask.as_str(), q.listen_for.as_str(), q.why.as_str()]);
                texts.extend(q.follow_ups.iter().map(String::as_str));
            }
        }
        Self(
            texts
                .iter()
                .flat_map(|t| words_of(t))
                .map(|w| stem(&w))
                .collect(),
        )
    }

    fn contains(&self, stem: &str) -> bool {
        self.0.contains(stem)
    }
}

fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(bare)
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether `typed` is the word `expected`: the same stem (case, punctuation and plurals don't
/// matter), or a slip of one edit (a typo or two swapped letters) per five letters, unless
/// it spells another word the bank uses.
fn same_word(expected: &str, typed: &str, known: &Vocabulary) -> bool {
    let (expected_stem, typed_stem) = (stem(expected), stem(typed));
    if expected_stem == typed_stem {
        return true;
    }
    if known.contains(&typed_stem) {
        return false;
    }
    let allowed = bare(expected).chars().count() / 5;
    // Stems and whole words both: a slip can make a word look plural ("busines" stems to
    // "busine") or hide that it was ("suppliers" typed "supplirs").
    let slips = strsim::damerau_levenshtein(&expected_stem, &typed_stem)
        .min(strsim::damerau_levenshtein(&bare(expected), &bare(typed)));
    slips <= allowed
}

/// Whether `typed` fills the gap: word for word, each the same word as expected (see
/// [`same_word`]).
pub fn grade_gap(expected: &str, typed: &str, known: &Vocabulary) -> bool {
    let (expected, typed) = (words_of(expected), words_of(typed));
    !typed.is_empty()
        && expected.len() == typed.len()
        && expected
            .iter()
            .zip(&typed)
            .all(|(e, t)| same_word(e, t, known))
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
        .filter(|w| is_content_word(w))
        .map(stem)
        .collect()
}

/// Matches each recited gist to the script question it shares most key words with, then marks
/// what came out of order and what was left out.
pub(crate) fn check_run(bank: &Bank, recited: &[String]) -> RunResult {
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

    fn known() -> Vocabulary {
        Vocabulary::of_bank(&bank())
    }

    #[test]
    fn grading_forgives_case_punctuation_plurals_and_a_slip_per_five_letters() {
        let known = known();
        for (expected, typed) in [
            ("vendor performance", "Vendor Performance"),
            ("vendor performance", "vendor performance!"),
            ("vendor performance", "vendors' performances"),
            ("vendor performance", "vendr performance"),
            ("suppliers", "supplier"),
            ("suppliers", "supliers"),
            ("procurement", "procuremnet"),
            // Swapped letters in short words: the "rihgt" and "problme".
            ("right", "rihgt"),
            ("problem", "problme"),
            ("deliveries", "delivery"),
            // A dropped letter that leaves a word ending in one "s".
            ("business", "busines"),
            ("success", "succes"),
        ] {
            assert!(
                grade_gap(expected, typed, &known),
                "{typed:?} for {expected:?}"
            );
        }
    }

    #[test]
    fn grading_never_takes_a_different_word() {
        let known = known();
        for (expected, typed) in [
            ("suppliers", "buyers"),
            ("vendor performance", "vendor"),
            ("vendor", "vendor performance"),
            ("role", "rule"),
            ("role", ""),
            // One edit from "approve", but the bank uses "approved": another word.
            ("approve", "approved"),
            ("vendor", "vedor nor"),
            ("problem", "problems problems"),
        ] {
            assert!(
                !grade_gap(expected, typed, &known),
                "{typed:?} for {expected:?}"
            );
        }
        let mut bank = bank();
        bank.steps[0].goal.push_str(" Mind the prize.");
        let known = Vocabulary::of_bank(&bank);
        assert!(!grade_gap("price", "prize", &known), "a word the bank uses");
        assert!(grade_gap("price", "prcie", &known), "a slip");
    }

    #[test]
    fn gaps_blank_content_words_and_rebuild_the_question() {
        let bank = bank();
        let question = bank
            .question(QuestionRef {
                step: 1,
                question: 1,
            })
            .unwrap();
        let ask = question.ask.as_str();
        for seed in 0..20 {
            let gap = fill_gap(question, "", &mut Rng::new(seed));
            assert!(!gap.missing.is_empty());
            assert!(gap.missing.split(' ').all(is_content_word), "{gap:?}");
            assert_eq!(
                format!("{}{}{}", gap.before, gap.missing, gap.after),
                ask,
                "{gap:?}"
            );
        }
        let same = |s| fill_gap(question, "", &mut Rng::new(s));
        assert_eq!(same(3), same(3), "the same seed gives the same gap");
    }

    #[test]
    fn marked_key_phrases_are_what_gets_blanked() {
        let mut question = bank().steps[2].questions[0].clone();
        question.ask =
            "It sounds as if late deliveries have let you down before. Is that right?".into();
        question.key_phrases = vec!["late deliveries".into(), "let you down".into()];
        let gaps: BTreeSet<String> = (0..30)
            .map(|seed| fill_gap(&question, "", &mut Rng::new(seed)).missing)
            .collect();
        assert_eq!(
            gaps,
            BTreeSet::from(["late deliveries".to_string(), "let you down".to_string()])
        );
    }

    #[test]
    fn unmarked_questions_prefer_words_that_name_the_intent() {
        let mut question = bank().steps[1].questions[1].clone();
        question.key_phrases.clear();
        question.listen_for = "Scorecards.".into();
        let intent = "How they measure vendors";
        for seed in 0..30 {
            let gap = fill_gap(&question, intent, &mut Rng::new(seed));
            let first = gap.missing.split(' ').next().map(stem).unwrap_or_default();
            assert!(["measure", "vendor"].contains(&first.as_str()), "{gap:?}");
        }
    }

    /// The promise: over every question of the built-in bank and 100 seeds, a gap
    /// never holds a stopword.
    #[test]
    fn fill_the_gap_never_blanks_a_stopword_in_the_built_in_bank() {
        let bank = bank();
        let mut gaps = 0;
        for at in bank.question_refs() {
            let question = bank.question(at).unwrap();
            let step = &bank.steps[at.step];
            let intent = format!("{} {}", step.title, step.goal);
            for seed in 0..100 {
                let gap = fill_gap(question, &intent, &mut Rng::new(seed));
                for word in gap.missing.split_whitespace() {
                    assert!(!is_stopword(word), "{word:?} blanked in {:?}", question.ask);
                }
                assert!(!gap.missing.is_empty(), "{:?}", question.ask);
                gaps += 1;
            }
        }
        assert_eq!(gaps, 100 * bank.question_refs().count());
    }

    #[test]
    fn every_question_has_drills_and_checks_have_the_guidance_drill() {
        let bank = bank();
        for id in bank.card_ids() {
            let drills = drills_for(&bank, id);
            assert!(!drills.is_empty(), "{id}");
            let is_check = bank.check(id).is_some();
            assert_eq!(drills == [DrillKind::Guidance], is_check, "{id}");
        }
        assert!(drills_for(&bank, "past-problems").contains(&DrillKind::FollowUps));
        assert!(!drills_for(&bank, "purchasing-alone").contains(&DrillKind::FollowUps));
        assert!(drills_for(&bank, "no-such-card").is_empty());
    }

    #[test]
    fn a_lesson_shows_what_to_listen_for_and_why_before_any_test() {
        let bank = bank();
        let first = lesson(&bank, "past-problems").unwrap();
        assert_eq!(
            (first.step_number, first.step_title.as_str()),
            (2, "How they measure vendors")
        );
        let labels: Vec<&str> = first.points.iter().map(|(l, _)| *l).collect();
        assert_eq!(
            labels,
            ["Listen for", "Why it matters", "Follow up", "Follow up"]
        );
        let check = lesson(&bank, "open-with-price").unwrap();
        assert_eq!(check.points[0], ("Answer", "No".to_string()));
        assert!(lesson(&bank, "gone").is_none());
    }

    #[test]
    fn recall_drills_ask_for_listen_for_and_follow_ups() {
        let bank = bank();
        let listen = recall(&bank, "purchasing-alone", DrillKind::ListenFor).unwrap();
        assert_eq!(
            listen.answer,
            ["Whether purchasing decides alone or shares the decision."]
        );
        let follow = recall(&bank, "past-problems", DrillKind::FollowUps).unwrap();
        assert_eq!(follow.answer.len(), 2);
        assert!(
            recall(&bank, "purchasing-alone", DrillKind::FollowUps).is_none(),
            "none to recall"
        );
        assert!(recall(&bank, "purchasing-alone", DrillKind::FillGap).is_none());
        let check = guidance_check(&bank, "lead-time-first").unwrap();
        assert_eq!((check.step_number, check.answer), (3, YesNo::No));
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

//! The practice screen: drills from the bank, scheduled by FSRS. State and update here; each
//! drill draws in its own file.

mod done;
mod fill_gap;
mod guidance;
mod learn;
mod recall;
mod run_script;
mod view;
mod what_next;
mod which_step;

use std::collections::{BTreeSet, VecDeque};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::KeyEvent;
use jiff::Timestamp;
use ratatui_textarea::TextArea;

pub use view::view;

use crate::clock::Clock;
use crate::core::Bank;
use crate::core::bank::YesNo;
use crate::core::drills::{
    DrillKind, Gap, GuidanceCheck, Lesson, Recall, RunResult, Vocabulary, WhatNext, check_run,
    drills_for, fill_gap, grade_gap, guidance_check, lesson, recall, what_next,
};
use crate::core::practice::{Progress, Rating, Rng, interval_label};
use crate::storage::lock::AccountLock;
use crate::tui::effects::Effect;
use crate::tui::keymap::{Action, Scope, action_for, key_for};

/// How a practice session is set up, from the command line.
#[derive(Debug, Clone)]
pub struct PracticeOptions {
    pub learner: String,
    pub drill: Option<DrillKind>,
    pub seed: u64,
    pub new_per_day: usize,
    /// After the due cards, practise those due soonest.
    pub ahead: bool,
}

#[derive(Debug)]
pub enum Exercise {
    /// A new card, shown to learn before it is ever tested.
    Learn { id: String, lesson: Lesson },
    WhatNext {
        id: String,
        prompt: WhatNext,
        revealed: bool,
    },
    WhichStep {
        id: String,
        ask: String,
        correct: usize,
        /// The highlighted step, for banks with more steps than digit keys.
        cursor: usize,
        picked: Option<usize>,
    },
    FillGap {
        id: String,
        gap: Gap,
        input: Box<TextArea<'static>>,
        verdict: Option<bool>,
    },
    Recall {
        id: String,
        drill: DrillKind,
        prompt: Recall,
        revealed: bool,
    },
    Guidance {
        id: String,
        check: GuidanceCheck,
        picked: Option<YesNo>,
    },
}

impl Exercise {
    pub fn drill(&self) -> Option<DrillKind> {
        match self {
            Exercise::Learn { .. } => None,
            Exercise::WhatNext { .. } => Some(DrillKind::WhatNext),
            Exercise::WhichStep { .. } => Some(DrillKind::WhichStep),
            Exercise::FillGap { .. } => Some(DrillKind::FillGap),
            Exercise::Recall { drill, .. } => Some(*drill),
            Exercise::Guidance { .. } => Some(DrillKind::Guidance),
        }
    }

    pub(crate) fn title(&self) -> &'static str {
        self.drill().map_or("New card", DrillKind::title)
    }

    pub fn id(&self) -> &str {
        match self {
            Exercise::Learn { id, .. }
            | Exercise::WhatNext { id, .. }
            | Exercise::WhichStep { id, .. }
            | Exercise::FillGap { id, .. }
            | Exercise::Recall { id, .. }
            | Exercise::Guidance { id, .. } => id,
        }
    }

    /// Waiting for a self-rating (1-4), so the rating keys show what each would schedule.
    pub(crate) fn awaits_rating(&self) -> bool {
        matches!(
            self,
            Exercise::WhatNext { revealed: true, .. } | Exercise::Recall { revealed: true, .. }
        )
    }
}

#[derive(Debug)]
pub struct Recital {
    pub input: TextArea<'static>,
    pub started: Instant,
    pub result: Option<(RunResult, Duration)>,
}

pub struct PracticeState {
    pub bank: Bank,
    pub progress: Progress,
    pub options: PracticeOptions,
    pub current: Option<Exercise>,
    pub recital: Option<Recital>,
    /// Cards still to do this session, each with the drill it must come back as, if any.
    pub queue: VecDeque<(String, Option<DrillKind>)>,
    /// Every rating given this session, in order.
    pub done: Vec<(String, Rating)>,
    /// New cards learned this session.
    pub learned: usize,
    /// Cards shown so far this session, the current one included.
    pub shown: usize,
    pub message: Option<String>,
    /// What the last key asked the app to do (keep a rating): update code touches no file.
    pub effects: Vec<Effect>,
    pub now: Instant,
    clock: Clock,
    path: PathBuf,
    rng: Rng,
    vocabulary: Vocabulary,
    requeued: BTreeSet<String>,
    _lock: AccountLock,
}

pub use crate::tui::Outcome;

/// Cards practised ahead in one `--ahead` session.
pub(crate) const AHEAD_LIMIT: usize = 10;

fn input() -> TextArea<'static> {
    let mut area = TextArea::default();
    area.set_cursor_line_style(ratatui::style::Style::new());
    area
}

impl PracticeState {
    pub(crate) fn new(
        bank: Bank,
        (path, mut progress, lock): (PathBuf, Progress, AccountLock),
        options: PracticeOptions,
        clock: Clock,
        now: Instant,
    ) -> Self {
        progress.sync_with(&bank);
        let mut state = Self {
            queue: VecDeque::new(),
            shown: 0,
            learned: 0,
            rng: Rng::new(options.seed),
            vocabulary: Vocabulary::of_bank(&bank),
            bank,
            progress,
            options,
            current: None,
            recital: None,
            done: Vec::new(),
            message: None,
            effects: Vec::new(),
            now,
            clock,
            path,
            requeued: BTreeSet::new(),
            _lock: lock,
        };
        if state.options.drill == Some(DrillKind::RunScript) {
            state.recital = Some(Recital {
                input: input(),
                started: now,
                result: None,
            });
        } else {
            let clock = state.clock();
            let mut plan = state
                .progress
                .plan(&state.bank, clock, state.options.new_per_day);
            if state.options.ahead {
                plan.extend(state.progress.plan_ahead(&state.bank, clock, AHEAD_LIMIT));
            }
            // A chosen drill takes only the cards it can review; new cards are learned first
            // whatever the drill.
            let drill = state.options.drill;
            plan.retain(|id| {
                !state.progress.cards.contains_key(id)
                    || drill.is_none_or(|d| drills_for(&state.bank, id).contains(&d))
            });
            state.queue = plan.into_iter().map(|id| (id, None)).collect();
            state.next_card();
        }
        state
    }

    /// The calendar time of the last message.
    pub(crate) fn clock(&self) -> Timestamp {
        self.clock.at(self.now)
    }

    pub(crate) fn learner(&self) -> &str {
        &self.progress.learner
    }

    /// Keys go to a text box while one is open, so digits are typed, not taken as ratings.
    pub(crate) fn scopes(&self) -> Vec<Scope> {
        vec![match (&self.current, &self.recital) {
            (Some(Exercise::FillGap { verdict: None, .. }), _) => Scope::PracticeTyping,
            (Some(Exercise::Guidance { picked: None, .. }), _) => Scope::PracticeYesNo,
            (Some(Exercise::Learn { .. }), _) => Scope::PracticeLearn,
            (_, Some(Recital { result: None, .. })) => Scope::PracticeRecite,
            // Nothing left to reveal or rate: the footer offers only the way out.
            (None, None) => Scope::PracticeDone,
            _ => Scope::Practice,
        }]
    }

    fn next_card(&mut self) {
        self.current = None;
        while let Some((id, again_as)) = self.queue.pop_front() {
            if let Some(exercise) = self.exercise(id, again_as) {
                self.shown += 1;
                self.current = Some(exercise);
                return;
            }
        }
    }

    fn exercise(&mut self, id: String, again_as: Option<DrillKind>) -> Option<Exercise> {
        if !self.progress.cards.contains_key(&id) {
            let lesson = lesson(&self.bank, &id)?;
            return Some(Exercise::Learn { id, lesson });
        }
        let drills = drills_for(&self.bank, &id);
        let drill = match again_as.or(self.options.drill) {
            Some(drill) if drills.contains(&drill) => drill,
            Some(_) => return None,
            None => *drills.get(self.rng.below(drills.len()))?,
        };
        let at = self.bank.find_question(&id);
        Some(match drill {
            DrillKind::WhichStep => Exercise::WhichStep {
                ask: self.bank.question(at?)?.ask.clone(),
                correct: at?.step,
                cursor: 0,
                picked: None,
                id,
            },
            DrillKind::FillGap => {
                let step = self.bank.steps.get(at?.step)?;
                let intent = format!("{} {}", step.title, step.goal);
                Exercise::FillGap {
                    gap: fill_gap(self.bank.question(at?)?, &intent, &mut self.rng),
                    id,
                    input: Box::new(input()),
                    verdict: None,
                }
            }
            DrillKind::ListenFor | DrillKind::FollowUps => Exercise::Recall {
                prompt: recall(&self.bank, &id, drill)?,
                id,
                drill,
                revealed: false,
            },
            DrillKind::Guidance => Exercise::Guidance {
                check: guidance_check(&self.bank, &id)?,
                id,
                picked: None,
            },
            DrillKind::WhatNext | DrillKind::RunScript => Exercise::WhatNext {
                prompt: what_next(&self.bank, at?)?,
                id,
                revealed: false,
            },
        })
    }

    /// Asks the app to keep the progress as it is now.
    fn keep_progress(&mut self) {
        self.effects.push(Effect::SaveProgress {
            path: self.path.clone(),
            progress: self.progress.clone(),
        });
    }

    /// Records a rating, saves at once (a session can end any time), and brings a forgotten
    /// card back once at the end of the session, as the same drill.
    fn rate(&mut self, id: &str, rating: Rating, drill: DrillKind) {
        self.progress.review(id, rating, drill.id(), self.clock());
        self.done.push((id.to_string(), rating));
        if rating == Rating::Again && self.requeued.insert(id.to_string()) {
            self.queue.push_back((id.to_string(), Some(drill)));
        }
        self.keep_progress();
    }

    pub(crate) fn handle_key(&mut self, key: &KeyEvent) -> Outcome {
        self.message = None;
        let clock = self.clock();
        let action = action_for(&self.scopes(), key);
        if action == Some(Action::Quit) {
            return Outcome::Quit;
        }
        if let Some(recital) = &mut self.recital {
            match action {
                Some(Action::Done) if recital.result.is_none() => {
                    let took = self.now.saturating_duration_since(recital.started);
                    let lines: Vec<String> = recital.input.lines().to_vec();
                    let result = check_run(&self.bank, &lines);
                    self.progress.record_run(&self.bank, &result, clock);
                    recital.result = Some((result, took));
                    self.keep_progress();
                }
                None if recital.result.is_none() => {
                    recital.input.input(*key);
                }
                _ => {}
            }
            return Outcome::Stay;
        }
        let Some(exercise) = self.current.take() else {
            return Outcome::Stay;
        };
        let steps = self.bank.steps.len();
        self.current = Some(match exercise {
            Exercise::Learn { id, lesson } => {
                if action == Some(Action::Open) {
                    self.progress.learn(&id, self.clock());
                    self.learned += 1;
                    self.keep_progress();
                    self.next_card();
                    return Outcome::Stay;
                }
                Exercise::Learn { id, lesson }
            }
            Exercise::WhatNext {
                id,
                prompt,
                revealed: false,
            } => Exercise::WhatNext {
                id,
                prompt,
                revealed: action == Some(Action::Open),
            },
            Exercise::Recall {
                id,
                drill,
                prompt,
                revealed: false,
            } => Exercise::Recall {
                id,
                drill,
                prompt,
                revealed: action == Some(Action::Open),
            },
            exercise if exercise.awaits_rating() => match action {
                Some(Action::Pick(n)) if n < Rating::ALL.len() => {
                    if let Some(drill) = exercise.drill() {
                        self.rate(exercise.id(), Rating::ALL[n], drill);
                    }
                    self.next_card();
                    return Outcome::Stay;
                }
                _ => exercise,
            },
            Exercise::WhichStep {
                id,
                ask,
                correct,
                cursor,
                picked: None,
            } => {
                let pick = match action {
                    Some(Action::Pick(n)) if n < steps => Some(n),
                    Some(Action::Open) => Some(cursor),
                    _ => None,
                };
                let cursor = match action {
                    Some(Action::Up) => cursor.saturating_sub(1),
                    Some(Action::Down) => (cursor + 1).min(steps.saturating_sub(1)),
                    _ => pick.unwrap_or(cursor),
                };
                if let Some(n) = pick {
                    let rating = if n == correct {
                        Rating::Good
                    } else {
                        Rating::Again
                    };
                    self.rate(&id, rating, DrillKind::WhichStep);
                }
                Exercise::WhichStep {
                    id,
                    ask,
                    correct,
                    cursor,
                    picked: pick,
                }
            }
            Exercise::Guidance {
                id,
                check,
                picked: None,
            } => {
                let picked = match action {
                    Some(Action::Pick(0)) => Some(YesNo::Yes),
                    Some(Action::Pick(1)) => Some(YesNo::No),
                    _ => None,
                };
                if let Some(answer) = picked {
                    let rating = if answer == check.answer {
                        Rating::Good
                    } else {
                        Rating::Again
                    };
                    self.rate(&id, rating, DrillKind::Guidance);
                }
                Exercise::Guidance { id, check, picked }
            }
            Exercise::WhichStep {
                picked: Some(_), ..
            }
            | Exercise::FillGap {
                verdict: Some(_), ..
            }
            | Exercise::Guidance {
                picked: Some(_), ..
            } if action == Some(Action::Open) => {
                self.next_card();
                return Outcome::Stay;
            }
            Exercise::FillGap {
                id,
                gap,
                mut input,
                verdict: None,
            } => {
                if action == Some(Action::Open) {
                    let typed = input.lines().join(" ");
                    // An empty answer is a slip of Enter, not a miss.
                    if typed.trim().is_empty() {
                        self.message = Some(format!(
                            "Type the missing words, then {}.",
                            key_for(Scope::PracticeTyping, Action::Open)
                        ));
                        Exercise::FillGap {
                            id,
                            gap,
                            input,
                            verdict: None,
                        }
                    } else {
                        let right = grade_gap(&gap.missing, &typed, &self.vocabulary);
                        let rating = if right { Rating::Good } else { Rating::Again };
                        self.rate(&id, rating, DrillKind::FillGap);
                        Exercise::FillGap {
                            id,
                            gap,
                            input,
                            verdict: Some(right),
                        }
                    }
                } else {
                    input.input(*key);
                    Exercise::FillGap {
                        id,
                        gap,
                        input,
                        verdict: None,
                    }
                }
            }
            other => other,
        });
        Outcome::Stay
    }

    /// The interval each rating key would give the current card, for the rating line.
    pub(crate) fn rating_preview(&self) -> Option<[(Rating, String); 4]> {
        let exercise = self.current.as_ref().filter(|e| e.awaits_rating())?;
        Some(self.progress.preview(exercise.id(), self.clock()))
    }

    /// When the card just graded comes back, for the verdict line.
    pub(crate) fn next_review_label(&self) -> Option<String> {
        let card = self.progress.cards.get(self.current.as_ref()?.id())?;
        Some(interval_label(self.clock(), card.due))
    }

    pub(crate) fn paste(&mut self, text: &str) {
        let line = text.replace(['\r', '\n'], " ");
        match (&mut self.current, &mut self.recital) {
            (
                Some(Exercise::FillGap {
                    input,
                    verdict: None,
                    ..
                }),
                _,
            ) => {
                input.insert_str(line);
            }
            (
                _,
                Some(Recital {
                    input,
                    result: None,
                    ..
                }),
            ) => {
                input.insert_str(text.replace("\r\n", "\n"));
            }
            _ => {}
        }
    }

    pub(crate) fn tick(&mut self, now: Instant) {
        self.now = now;
    }
}

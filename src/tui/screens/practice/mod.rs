//! The practice screen: drills from the bank, scheduled by FSRS. State and update here; each
//! drill draws in its own file.

mod done;
mod fill_gap;
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

use crate::core::Bank;
use crate::core::drills::{
    DrillKind, Gap, RunResult, Vocabulary, WhatNext, check_run, drills_for, fill_gap, grade_gap,
    what_next,
};
use crate::core::practice::{Progress, Rating, Rng};
use crate::storage::lock::AccountLock;
use crate::storage::practice::PracticeStore;
use crate::tui::keymap::{Action, Scope, action_for};

/// How a practice session is set up, from the command line.
#[derive(Debug, Clone)]
pub struct PracticeOptions {
    pub learner: String,
    pub drill: Option<DrillKind>,
    pub seed: u64,
    pub new_per_day: usize,
    /// A fixed clock, for reproducible sessions in tests and demos.
    pub now: Option<Timestamp>,
}

#[derive(Debug)]
pub enum Exercise {
    WhatNext {
        id: String,
        prompt: WhatNext,
        revealed: bool,
    },
    WhichStep {
        id: String,
        ask: String,
        correct: usize,
        picked: Option<usize>,
    },
    FillGap {
        id: String,
        gap: Gap,
        input: Box<TextArea<'static>>,
        verdict: Option<bool>,
    },
}

impl Exercise {
    pub fn drill(&self) -> DrillKind {
        match self {
            Exercise::WhatNext { .. } => DrillKind::WhatNext,
            Exercise::WhichStep { .. } => DrillKind::WhichStep,
            Exercise::FillGap { .. } => DrillKind::FillGap,
        }
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
    /// Cards still to do this session.
    pub queue: VecDeque<String>,
    /// Every rating given this session, in order.
    pub done: Vec<(String, Rating)>,
    /// Cards shown so far this session, the current one included.
    pub shown: usize,
    pub message: Option<String>,
    pub now: Instant,
    path: PathBuf,
    store: PracticeStore,
    rng: Rng,
    requeued: BTreeSet<String>,
    _lock: AccountLock,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Quit,
}

fn input() -> TextArea<'static> {
    let mut area = TextArea::default();
    area.set_cursor_line_style(ratatui::style::Style::new());
    area
}

impl PracticeState {
    pub fn new(
        bank: Bank,
        store: PracticeStore,
        options: PracticeOptions,
        now: Instant,
    ) -> anyhow::Result<Self> {
        let (path, mut progress, lock) = store.open(&options.learner)?;
        progress.sync_with(&bank);
        let mut state = Self {
            queue: VecDeque::new(),
            shown: 0,
            rng: Rng::new(options.seed),
            bank,
            progress,
            options,
            current: None,
            recital: None,
            done: Vec::new(),
            message: None,
            now,
            path,
            store,
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
            state.queue = state
                .progress
                .plan(&state.bank, state.clock(), state.options.new_per_day)
                .into();
            state.next_card();
        }
        Ok(state)
    }

    pub fn clock(&self) -> Timestamp {
        self.options.now.unwrap_or_else(crate::core::account::now)
    }

    pub fn learner(&self) -> &str {
        &self.progress.learner
    }

    pub fn finished(&self) -> bool {
        self.current.is_none() && self.recital.is_none()
    }

    /// Keys go to a text box while one is open, so digits are typed, not taken as ratings.
    pub fn scopes(&self) -> Vec<Scope> {
        vec![match (&self.current, &self.recital) {
            (Some(Exercise::FillGap { verdict: None, .. }), _) => Scope::PracticeTyping,
            (_, Some(Recital { result: None, .. })) => Scope::PracticeRecite,
            _ => Scope::Practice,
        }]
    }

    fn next_card(&mut self) {
        self.current = None;
        while let Some(id) = self.queue.pop_front() {
            let Some(at) = self.bank.find_question(&id) else {
                continue;
            };
            let Some(question) = self.bank.question(at) else {
                continue;
            };
            let drill = match self.options.drill {
                Some(drill) => drill,
                None => {
                    let drills: Vec<DrillKind> = drills_for(&self.bank, &id)
                        .into_iter()
                        .filter(|d| {
                            [
                                DrillKind::WhatNext,
                                DrillKind::WhichStep,
                                DrillKind::FillGap,
                            ]
                            .contains(d)
                        })
                        .collect();
                    drills[self.rng.below(drills.len())]
                }
            };
            self.shown += 1;
            self.current = Some(match drill {
                DrillKind::WhichStep => Exercise::WhichStep {
                    id,
                    ask: question.ask.clone(),
                    correct: at.step,
                    picked: None,
                },
                DrillKind::FillGap => Exercise::FillGap {
                    id,
                    gap: fill_gap(
                        question,
                        &format!(
                            "{} {}",
                            self.bank.steps[at.step].title, self.bank.steps[at.step].goal
                        ),
                        &mut self.rng,
                    ),
                    input: Box::new(input()),
                    verdict: None,
                },
                _ => match what_next(&self.bank, at) {
                    Some(prompt) => Exercise::WhatNext {
                        id,
                        prompt,
                        revealed: false,
                    },
                    None => continue,
                },
            });
            return;
        }
    }

    /// Records a rating, saves at once (a session can end any time), and brings a forgotten
    /// card back once at the end of the session.
    fn rate(&mut self, id: &str, rating: Rating, drill: DrillKind) {
        self.progress.review(id, rating, drill.id(), self.clock());
        self.done.push((id.to_string(), rating));
        if rating == Rating::Again && self.requeued.insert(id.to_string()) {
            self.queue.push_back(id.to_string());
        }
        if let Err(err) = self.store.save(&self.path, &self.progress) {
            self.message = Some(format!("Progress not saved: {err:#}"));
        }
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Outcome {
        self.message = None;
        let action = action_for(&self.scopes(), key);
        if action == Some(Action::Quit) {
            return Outcome::Quit;
        }
        if let Some(recital) = &mut self.recital {
            match action {
                Some(Action::Done) if recital.result.is_none() => {
                    let took = self.now.saturating_duration_since(recital.started);
                    let lines: Vec<String> = recital.input.lines().to_vec();
                    recital.result = Some((check_run(&self.bank, &lines), took));
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
        let drill = exercise.drill();
        self.current = Some(match exercise {
            Exercise::WhatNext {
                id,
                prompt,
                revealed: false,
            } => {
                let revealed = action == Some(Action::Open);
                Exercise::WhatNext {
                    id,
                    prompt,
                    revealed,
                }
            }
            Exercise::WhatNext {
                id,
                prompt,
                revealed: true,
            } => match action {
                Some(Action::Pick(n)) if n < Rating::ALL.len() => {
                    self.rate(&id, Rating::ALL[n], drill);
                    self.next_card();
                    return Outcome::Stay;
                }
                _ => Exercise::WhatNext {
                    id,
                    prompt,
                    revealed: true,
                },
            },
            Exercise::WhichStep {
                id,
                ask,
                correct,
                picked: None,
            } => match action {
                Some(Action::Pick(n)) if n < self.bank.steps.len() => {
                    self.rate(
                        &id,
                        if n == correct {
                            Rating::Good
                        } else {
                            Rating::Again
                        },
                        drill,
                    );
                    Exercise::WhichStep {
                        id,
                        ask,
                        correct,
                        picked: Some(n),
                    }
                }
                _ => Exercise::WhichStep {
                    id,
                    ask,
                    correct,
                    picked: None,
                },
            },
            Exercise::WhichStep {
                picked: Some(_), ..
            }
            | Exercise::FillGap {
                verdict: Some(_), ..
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
                    let right = grade_gap(
                        &gap.missing,
                        &input.lines().join(" "),
                        &Vocabulary::of_bank(&self.bank),
                    );
                    self.rate(&id, if right { Rating::Good } else { Rating::Again }, drill);
                    Exercise::FillGap {
                        id,
                        gap,
                        input,
                        verdict: Some(right),
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

    pub fn paste(&mut self, text: &str) {
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

    pub fn tick(&mut self, now: Instant) {
        self.now = now;
    }
}

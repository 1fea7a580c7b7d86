//! The call screen: state and update. Drawing lives in the sibling files, one panel each.

mod captures;
mod form;
mod header;
mod outline;
mod picker;
mod question;
mod summary;
mod view;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use crossterm::event::KeyEvent;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

pub use form::FormState;
pub use view::view;

use super::keymap::{Action, Scope, action_for};
use super::saver::{SaveJob, Saver};
use crate::core::{Account, Bank, CallMode, QuestionRef};
use crate::storage::lock::AccountLock;
use crate::storage::{AccountStore, OpenAccount};

/// Save this long after the last keystroke...
const IDLE_BEFORE_SAVE: Duration = Duration::from_millis(300);
/// ...but never let unsaved text get older than this while the rep keeps typing.
const MAX_UNSAVED: Duration = Duration::from_millis(700);
const RETRY_AFTER: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    Saved,
    Saving,
    Failed(String),
}

#[derive(Debug)]
pub enum Focus {
    Answer,
    Notes,
    Captures { confirm_delete: bool },
    Form(Box<FormState>),
    Picker { selected: usize },
    Summary { scroll: u16 },
}

pub struct CallState {
    pub bank: Bank,
    pub account: Account,
    pub path: PathBuf,
    pub at: QuestionRef,
    pub answer: TextArea<'static>,
    pub notes: TextArea<'static>,
    pub focus: Focus,
    pub selected_record: usize,
    pub started: Instant,
    pub now: Instant,
    pub status: SaveStatus,
    /// A short message for the rep, cleared by the next key.
    pub message: Option<String>,
    store: AccountStore,
    saver: Saver,
    dirty_since: Option<Instant>,
    last_edit: Instant,
    in_flight: bool,
    retry_at: Option<Instant>,
    _lock: AccountLock,
}

/// What the app must do after a key on the call screen.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Stay,
    Quit,
}

fn editor(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = if text.is_empty() {
        vec![String::new()]
    } else {
        text.split('\n').map(str::to_string).collect()
    };
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(ratatui::style::Style::new());
    // Reps come back to add to an answer, so start at its end.
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}

fn editor_text(area: &TextArea<'_>) -> String {
    area.lines().join("\n")
}

/// Pasted text: one kind of line break, and no tabs or control bytes that would garble
/// the screen or the file.
fn clean_paste(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .map(|c| if c == '\t' { ' ' } else { c })
        .filter(|&c| c == '\n' || !c.is_control())
        .collect()
}

impl CallState {
    pub fn open(store: AccountStore, bank: Bank, opened: OpenAccount, now: Instant) -> Self {
        let OpenAccount {
            path,
            mut account,
            lock,
            ..
        } = opened;
        account.start_call(CallMode::Live, crate::core::account::now());
        let at = bank
            .question_refs()
            .find(|&q| {
                bank.question(q)
                    .is_some_and(|q| !account.is_answered(&q.id))
            })
            .unwrap_or(QuestionRef {
                step: 0,
                question: 0,
            });
        let answer_text = bank
            .question(at)
            .map(|q| account.answer(&q.id).to_string())
            .unwrap_or_default();
        let notes = editor(&account.notes);
        let saver = Saver::spawn(store.clone());
        Self {
            answer: editor(&answer_text),
            notes,
            bank,
            account,
            path,
            at,
            focus: Focus::Answer,
            selected_record: 0,
            started: now,
            now,
            status: SaveStatus::Saving,
            message: None,
            store,
            saver,
            // The call log changed: the opening itself is saved at once.
            dirty_since: Some(now),
            last_edit: now.checked_sub(IDLE_BEFORE_SAVE).unwrap_or(now),
            in_flight: false,
            retry_at: None,
            _lock: lock,
        }
    }

    pub fn scope(&self) -> Scope {
        match self.focus {
            Focus::Answer | Focus::Notes => Scope::Call,
            Focus::Captures { .. } => Scope::Captures,
            Focus::Form(_) => Scope::Form,
            Focus::Picker { .. } => Scope::Picker,
            Focus::Summary { .. } => Scope::Summary,
        }
    }

    pub fn question_id(&self) -> String {
        self.bank
            .question(self.at)
            .map(|q| q.id.clone())
            .unwrap_or_default()
    }

    fn mark_dirty(&mut self) {
        self.dirty_since.get_or_insert(self.now);
        self.last_edit = self.now;
    }

    /// Copies the editors into the account. Done when saving or moving, not per keystroke,
    /// so a huge answer costs nothing while typing.
    pub fn sync_editors(&mut self) {
        let now = crate::core::account::now();
        let id = self.question_id();
        let text = editor_text(&self.answer);
        self.account.set_answer(&id, &text, now);
        let notes = editor_text(&self.notes);
        if self.account.notes != notes {
            self.account.notes = notes;
            self.account.updated = now;
        }
    }

    pub fn go_to(&mut self, at: QuestionRef) {
        if at == self.at || self.bank.question(at).is_none() {
            return;
        }
        self.sync_editors();
        self.at = at;
        let id = self.question_id();
        self.answer = editor(self.account.answer(&id));
        self.focus = Focus::Answer;
        self.selected_record = 0;
    }

    pub fn handle_key(&mut self, key: &KeyEvent) -> Outcome {
        self.message = None;
        let action = action_for(self.scope(), key);
        if action == Some(Action::Quit) {
            return Outcome::Quit;
        }
        match &mut self.focus {
            Focus::Answer | Focus::Notes => self.key_while_typing(action, key),
            Focus::Captures { .. } => self.key_in_captures(action, key),
            Focus::Form(_) => self.key_in_form(action, key),
            Focus::Picker { .. } => self.key_in_picker(action),
            Focus::Summary { .. } => self.key_in_summary(action),
        }
        Outcome::Stay
    }

    fn key_while_typing(&mut self, action: Option<Action>, key: &KeyEvent) {
        match action {
            Some(Action::NextQuestion) => self.go_to(self.bank.next_question(self.at)),
            Some(Action::PreviousQuestion) => self.go_to(self.bank.previous_question(self.at)),
            Some(Action::Step(step)) => {
                if step < self.bank.steps.len() {
                    self.go_to(QuestionRef { step, question: 0 });
                }
            }
            Some(Action::GoTo) => {
                let selected = self
                    .bank
                    .question_refs()
                    .position(|q| q == self.at)
                    .unwrap_or(0);
                self.focus = Focus::Picker { selected };
            }
            Some(Action::Captures) => {
                if self.current_list().is_some() {
                    self.focus = Focus::Captures {
                        confirm_delete: false,
                    };
                } else {
                    self.message = Some("This step has no capture list.".into());
                }
            }
            Some(Action::Notes) => {
                self.focus = match self.focus {
                    Focus::Notes => Focus::Answer,
                    _ => Focus::Notes,
                };
            }
            Some(Action::Summary) => {
                self.sync_editors();
                self.focus = Focus::Summary { scroll: 0 };
            }
            Some(Action::Back) => self.focus = Focus::Answer,
            Some(_) => {}
            None => {
                let area = match self.focus {
                    Focus::Notes => &mut self.notes,
                    _ => &mut self.answer,
                };
                if area.input(*key) {
                    self.mark_dirty();
                }
            }
        }
    }

    pub fn current_list(&self) -> Option<&crate::core::CaptureList> {
        self.bank.steps.get(self.at.step)?.capture.as_ref()
    }

    fn key_in_captures(&mut self, action: Option<Action>, key: &KeyEvent) {
        let Some(list) = self.current_list().cloned() else {
            self.focus = Focus::Answer;
            return;
        };
        let count = self.account.records(&list.id).len();
        if let Focus::Captures {
            confirm_delete: true,
        } = self.focus
        {
            let yes = matches!(key.code, crossterm::event::KeyCode::Char('y' | 'Y'));
            if yes && self.selected_record < count {
                self.account
                    .records_mut(&list.id)
                    .remove(self.selected_record);
                self.account.updated = crate::core::account::now();
                self.selected_record = self.selected_record.min(count.saturating_sub(2));
                self.mark_dirty();
                self.message = Some("Record deleted.".into());
            }
            self.focus = Focus::Captures {
                confirm_delete: false,
            };
            return;
        }
        match action {
            Some(Action::Up) => self.selected_record = self.selected_record.saturating_sub(1),
            Some(Action::Down) => {
                self.selected_record = (self.selected_record + 1).min(count.saturating_sub(1));
            }
            Some(Action::Add) => {
                self.focus = Focus::Form(Box::new(FormState::new(&list, None)));
            }
            Some(Action::Edit) if self.selected_record < count => {
                let record = self.account.records(&list.id)[self.selected_record].clone();
                let form = FormState::new(&list, Some((self.selected_record, record)));
                self.focus = Focus::Form(Box::new(form));
            }
            Some(Action::Delete) if self.selected_record < count => {
                self.focus = Focus::Captures {
                    confirm_delete: true,
                };
            }
            Some(Action::Back) => self.focus = Focus::Answer,
            _ => {}
        }
    }

    fn key_in_form(&mut self, action: Option<Action>, key: &KeyEvent) {
        let Focus::Form(form) = &mut self.focus else {
            return;
        };
        match action {
            Some(Action::Back) => {
                self.focus = Focus::Captures {
                    confirm_delete: false,
                };
            }
            Some(Action::Save) => match form.record() {
                Ok(record) => {
                    let list_id = form.list.id.clone();
                    let editing = form.editing;
                    let records = self.account.records_mut(&list_id);
                    match editing {
                        Some(index) if index < records.len() => records[index] = record,
                        _ => records.push(record),
                    }
                    self.selected_record = editing.unwrap_or(records.len() - 1);
                    self.account.updated = crate::core::account::now();
                    self.mark_dirty();
                    self.focus = Focus::Captures {
                        confirm_delete: false,
                    };
                }
                Err(problem) => form.error = Some(problem),
            },
            Some(Action::NextField) => form.move_focus(1),
            Some(Action::PreviousField) => form.move_focus(-1),
            Some(Action::NextOption) if form.on_choice() => form.cycle(1),
            Some(Action::PreviousOption) if form.on_choice() => form.cycle(-1),
            _ => form.input(key),
        }
    }

    fn key_in_picker(&mut self, action: Option<Action>) {
        let Focus::Picker { selected } = &mut self.focus else {
            return;
        };
        let count = self.bank.question_refs().count();
        match action {
            Some(Action::Up) => *selected = selected.saturating_sub(1),
            Some(Action::Down) => *selected = (*selected + 1).min(count.saturating_sub(1)),
            Some(Action::Open) => {
                let target = self.bank.question_refs().nth(*selected);
                self.focus = Focus::Answer;
                if let Some(target) = target {
                    self.go_to(target);
                }
            }
            Some(Action::Back) => self.focus = Focus::Answer,
            _ => {}
        }
    }

    fn key_in_summary(&mut self, action: Option<Action>) {
        let Focus::Summary { scroll } = &mut self.focus else {
            return;
        };
        match action {
            Some(Action::Up) => *scroll = scroll.saturating_sub(1),
            Some(Action::Down) => *scroll = scroll.saturating_add(1),
            Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
            Some(Action::PageDown) => *scroll = scroll.saturating_add(10),
            Some(Action::Back) => self.focus = Focus::Answer,
            _ => {}
        }
    }

    pub fn paste(&mut self, text: &str) {
        let text = clean_paste(text);
        match &mut self.focus {
            Focus::Answer => {
                self.answer.insert_str(&text);
            }
            Focus::Notes => {
                self.notes.insert_str(&text);
            }
            Focus::Form(form) => form.paste(&text),
            _ => return,
        }
        self.mark_dirty();
    }

    /// Time passes: start a background save when the rep pauses, pick up its result.
    pub fn tick(&mut self, now: Instant) {
        self.now = now;
        while let Some(outcome) = self.saver.poll() {
            self.in_flight = false;
            match outcome {
                Ok(()) => {
                    self.retry_at = None;
                    if self.dirty_since.is_none() {
                        self.status = SaveStatus::Saved;
                    }
                }
                Err(err) => {
                    self.status = SaveStatus::Failed(err);
                    self.dirty_since.get_or_insert(now);
                    self.retry_at = Some(now + RETRY_AFTER);
                }
            }
        }
        let Some(dirty_since) = self.dirty_since else {
            return;
        };
        let paused = now.saturating_duration_since(self.last_edit) >= IDLE_BEFORE_SAVE;
        let overdue = now.saturating_duration_since(dirty_since) >= MAX_UNSAVED;
        let may_retry = self.retry_at.is_none_or(|at| now >= at);
        if self.in_flight || !may_retry || !(paused || overdue) {
            return;
        }
        self.sync_editors();
        let job = SaveJob {
            path: self.path.clone(),
            account: self.account.clone(),
        };
        if self.saver.submit(job) {
            self.in_flight = true;
            self.dirty_since = None;
            if !matches!(self.status, SaveStatus::Failed(_)) {
                self.status = SaveStatus::Saving;
            }
        } else {
            self.save_now();
        }
    }

    pub fn has_unsaved_changes(&self) -> bool {
        self.dirty_since.is_some() || self.in_flight
    }

    fn save_now(&mut self) {
        self.sync_editors();
        match self.store.save(&self.path, &self.account) {
            Ok(()) => {
                self.dirty_since = None;
                self.retry_at = None;
                self.status = SaveStatus::Saved;
            }
            Err(err) => {
                self.status = SaveStatus::Failed(format!("{err:#}"));
                self.dirty_since.get_or_insert(self.now);
            }
        }
    }

    /// Ends the call: waits for the worker, then writes the final state inline.
    pub fn finish(&mut self) -> anyhow::Result<()> {
        self.saver.stop();
        self.account.end_call(crate::core::account::now());
        self.save_now();
        match &self.status {
            SaveStatus::Failed(err) => Err(anyhow::anyhow!("{err}")),
            _ => Ok(()),
        }
    }
}

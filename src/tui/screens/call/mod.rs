//! The call screen: state and update. Drawing lives in the sibling files, one panel each.

mod captures;
mod header;
mod outline;
mod question;
mod roleplay;
mod sheet;
mod summary;
mod update;
pub mod view;

use std::cell::RefCell;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use ratatui_textarea::{CursorMove, TextArea, WrapMode};

pub use crate::tui::overlays::form::{FormState, FormTarget};
pub use roleplay::RolePlay;
pub use view::view;

use crate::core::company::Company;
use crate::core::{Account, Bank, CallMode, QuestionRef, history};
use crate::storage::OpenAccount;
use crate::storage::lock::AccountLock;
use crate::tui::keymap::Scope;
use crate::tui::saver::{SaveJob, Saver};
use crate::tui::setup::Setup;

/// Save this long after the last keystroke...
const IDLE_BEFORE_SAVE: Duration = Duration::from_millis(300);
/// ...but never let unsaved text get older than this while the rep keeps typing.
const MAX_UNSAVED: Duration = Duration::from_millis(700);
const RETRY_AFTER: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveStatus {
    Ok,
    Failed(String),
}

#[derive(Debug)]
pub enum Focus {
    Answer,
    Notes,
    Captures {
        confirm_delete: bool,
    },
    Form(Box<FormState>),
    Picker {
        selected: usize,
    },
    Sheet {
        selected: usize,
    },
    Summary {
        scroll: u16,
    },
    /// The role-play brief, before the call starts.
    Brief,
    /// Picking an off-script move in a role-play.
    Moves {
        selected: usize,
    },
}

pub struct CallState {
    pub setup: Setup,
    pub bank: Bank,
    pub company: Option<Company>,
    pub account: std::sync::Arc<Account>,
    pub path: PathBuf,
    pub at: QuestionRef,
    pub answer: TextArea<'static>,
    pub notes: TextArea<'static>,
    /// The note was edited since it was last copied into the account: copying a big note
    /// on every save start held up the keys behind it (0.6 ms with 1 MB).
    notes_edited: bool,
    pub focus: Focus,
    pub selected_record: usize,
    pub started: Instant,
    pub now: Instant,
    pub status: SaveStatus,
    /// A short message for the rep, cleared by the next key.
    pub message: Option<String>,
    /// Set when this call is a role-play: the simulated customer and the transcript.
    pub roleplay: Option<Box<RolePlay>>,
    /// Printed after the terminal is restored (a role-play's debrief).
    pub farewell: Option<String>,
    /// Bumped by everything but plain typing: part of the key of a frame (`view::FrameKey`).
    frame_version: u64,
    /// Where the last full frame put the header and the answer box, so typing can redraw them
    /// alone (see `view::echo`). A memo of what drawing produced, not state.
    frame_cache: RefCell<Option<view::FrameCache>>,
    /// The account as it was before this call, to describe what the call changed.
    before: Account,
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
    pub fn open(setup: &Setup, opened: OpenAccount, now: Instant) -> Self {
        let OpenAccount {
            path,
            mut account,
            lock,
            ..
        } = opened;
        let before = account.clone();
        account.start_call(CallMode::Live, crate::core::account::now());
        let bank = setup.bank.clone();
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
        Self {
            answer: editor(&answer_text),
            notes: editor(&account.notes),
            notes_edited: false,
            setup: setup.clone(),
            roleplay: None,
            farewell: None,
            frame_version: 0,
            frame_cache: RefCell::new(None),
            company: setup.company.clone(),
            bank,
            before,
            account: account.into(),
            path,
            at,
            focus: Focus::Answer,
            selected_record: 0,
            started: now,
            now,
            status: SaveStatus::Ok,
            message: None,
            saver: Saver::spawn(setup.store.clone()),
            // The call log changed: the opening itself is saved at once.
            dirty_since: Some(now),
            last_edit: now.checked_sub(IDLE_BEFORE_SAVE).unwrap_or(now),
            in_flight: false,
            retry_at: None,
            _lock: lock,
        }
    }

    /// The key scopes in force, most specific first: a role-play adds its keys to the call's.
    pub fn scopes(&self) -> Vec<Scope> {
        let scope = match self.focus {
            Focus::Answer | Focus::Notes => Scope::Call,
            Focus::Captures { .. } => Scope::Captures,
            Focus::Form(_) => Scope::Form,
            Focus::Picker { .. } => Scope::Picker,
            Focus::Sheet { .. } => Scope::Sheet,
            Focus::Summary { .. } => Scope::Summary,
            Focus::Brief => Scope::Brief,
            Focus::Moves { .. } => Scope::Moves,
        };
        match (&self.roleplay, scope) {
            (Some(_), Scope::Call) => vec![Scope::RolePlay, Scope::Call],
            _ => vec![scope],
        }
    }

    pub fn question_id(&self) -> String {
        self.bank
            .question(self.at)
            .map(|q| q.id.clone())
            .unwrap_or_default()
    }

    pub fn current_list(&self) -> Option<&crate::core::CaptureList> {
        self.bank.steps.get(self.at.step)?.capture.as_ref()
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
        self.account_mut().set_answer(&id, &text, now);
        if std::mem::take(&mut self.notes_edited) {
            let notes = editor_text(&self.notes);
            if self.account.notes != notes {
                self.account_mut().notes = notes;
                self.account_mut().updated = now;
            }
        }
    }

    /// Brings the account fully up to date: editors copied in, the call's changes described.
    fn settle(&mut self) {
        self.sync_editors();
        let changes = history::changes(&self.before, &self.account, &self.bank);
        if let Some(call) = self.account_mut().calls.last_mut() {
            call.changes = changes;
        }
    }

    /// Whether the editor holds an answer: the outline marks it before it is saved.
    pub fn current_answered(&self) -> bool {
        self.answer.lines().iter().any(|l| !l.trim().is_empty())
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

    pub fn paste(&mut self, text: &str) {
        let text = clean_paste(text);
        if !matches!(self.focus, Focus::Answer | Focus::Notes) {
            self.frame_version += 1;
        }
        match &mut self.focus {
            Focus::Answer => {
                self.answer.insert_str(&text);
            }
            Focus::Notes => {
                self.notes.insert_str(&text);
                self.notes_edited = true;
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
                    self.status = SaveStatus::Ok;
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
        self.settle();
        let job = SaveJob {
            path: self.path.clone(),
            account: self.account.clone(),
        };
        if self.saver.submit(job) {
            self.in_flight = true;
            self.dirty_since = None;
        } else {
            self.save_now();
        }
    }

    /// The account, to change. It is shared with the save in flight, if any (copied only
    /// then): handing the saver a copy of a big account on every save start held up the keys
    /// behind it.
    fn account_mut(&mut self) -> &mut Account {
        std::sync::Arc::make_mut(&mut self.account)
    }

    pub fn has_unsaved_changes(&self) -> bool {
        self.dirty_since.is_some() || self.in_flight
    }

    fn save_now(&mut self) {
        self.settle();
        match self.setup.store.save(&self.path, &self.account) {
            Ok(()) => {
                self.dirty_since = None;
                self.retry_at = None;
                self.status = SaveStatus::Ok;
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
        self.settle();
        self.account_mut().end_call(crate::core::account::now());
        self.save_now();
        if let Some(roleplay) = &mut self.roleplay {
            self.farewell = Some(roleplay.finish(&self.account, &self.bank));
        }
        match &self.status {
            SaveStatus::Failed(err) => Err(anyhow::anyhow!("{err}")),
            SaveStatus::Ok => Ok(()),
        }
    }
}

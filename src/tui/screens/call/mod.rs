//! The call screen: state and update. Drawing lives in the sibling files, one panel each.

mod captures;
mod clipped;
mod detail;
mod header;
mod last_time_panel;
mod outline;
mod question;
mod reading;
mod roleplay;
mod sheet;
pub mod step_clock;
mod summary;
mod update;
pub mod view;

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::time::Instant;

use ratatui_textarea::{CursorMove, TextArea, WrapMode};

pub use crate::tui::overlays::form::{FormState, FormTarget};
pub use crate::tui::overlays::search::SearchState;
pub use roleplay::RolePlay;
pub use view::view;

use crate::core::account::Draft;
use crate::core::company::Company;
use crate::core::guard::{Finding, LineCache, Voice};
use crate::core::{Account, Bank, CallMode, QuestionRef, history};
use crate::storage::OpenAccount;
use crate::storage::lock::AccountLock;
use crate::tui::autosave::Autosave;
pub use crate::tui::autosave::SaveStatus;
use crate::tui::effects::Effect;
use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::saver::SaveJob;
use crate::tui::setup::Setup;

#[derive(Debug)]
pub enum Focus {
    Answer,
    Notes,
    Captures {
        confirm_delete: bool,
    },
    Form(Box<FormState>),
    /// Go to question: the highlighted one among those the filter keeps.
    Picker {
        selected: usize,
        filter: String,
    },
    Search(Box<SearchState>),
    /// A record of the current step's list, read in full.
    Detail {
        scroll: u16,
    },
    Sheet {
        selected: usize,
    },
    Summary {
        scroll: u16,
    },
    /// The question, the sheet and the last call in full, for whatever the panels had to cut.
    Reading {
        scroll: u16,
    },
    /// The role-play brief, before the call starts.
    Brief,
    /// Picking an off-script move in a role-play.
    Moves {
        selected: usize,
    },
    /// Typing a question to the customer in one's own words.
    AskLine,
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
    /// Time on each step, for the header's step timer.
    pub step_clock: step_clock::StepClock,
    /// When to save; the app's save worker does the writing.
    pub autosave: Autosave,
    /// What the last message asked the app to do (save, write the recap): update code
    /// touches no file.
    pub effects: Vec<Effect>,
    /// A short message for the rep, cleared by the next key.
    pub message: Option<String>,
    /// Ctrl+C was pressed in a role-play: the next key says whether to end it.
    pub confirm_end: bool,
    /// What the guard found in the answer box and the scratch note, read when typing pauses.
    pub text_warnings: TextWarnings,
    /// Capture lists as they were before each change of this call, newest last: Ctrl+U in a
    /// list takes back a deletion, an edit or an addition made by mistake.
    record_undo: Vec<RecordUndo>,
    /// The account as handed to the save in flight: what a merge from outside is merged
    /// against when its result comes back.
    saving: Option<std::sync::Arc<Account>>,
    /// Set when this call is a role-play: the simulated customer and the transcript.
    pub roleplay: Option<Box<RolePlay>>,
    /// Printed after the terminal is restored (a role-play's debrief).
    pub farewell: Option<String>,
    /// The recap file Ctrl+T last wrote, named again on the way out.
    pub recap_written: Option<std::path::PathBuf>,
    /// Bumped by everything but plain typing: part of the key of a frame (`view::frame_key`).
    frame_version: u64,
    /// Where the team's sync stands, in a word for the header (`None`: all is well).
    pub team_word: Option<&'static str>,
    /// The account as it was before this call, to describe what the call changed.
    before: Account,
    /// What happened on the last call, for the panel shown when an account is opened again.
    pub last_time: Option<crate::core::last_time::LastTime>,
    /// Whether that panel is unfolded.
    pub show_last_time: bool,
    /// Answers from earlier calls the rep confirmed as still true on this one.
    confirmed: Vec<String>,
    /// The company sheet gets more of the screen (Alt+E).
    pub sheet_wide: bool,
    /// What the call logged before this session continued it (a reopen a few minutes after
    /// quitting).
    earlier_changes: Vec<String>,
    _lock: AccountLock,
}

/// The guard's findings in the two editors, refreshed when typing pauses, never per key: a
/// long answer or a 1 MB note would cost more than a keystroke may.
#[derive(Debug, Default)]
pub struct TextWarnings {
    pub answer: Vec<Finding>,
    pub notes: Vec<Finding>,
    answer_lines: LineCache,
    notes_lines: LineCache,
    /// The note as it was at opening, being read on a thread of its own: a first read of a
    /// 1 MB note takes a third of a second, which no key may wait for.
    notes_reader: Option<Receiver<LineCache>>,
}

/// One capture list as it was before a change and right after it, and the change in words.
#[derive(Debug)]
struct RecordUndo {
    list: String,
    records: Vec<crate::core::Record>,
    /// What the change left: when the list holds something else by the time of the undo
    /// (a merge took in a colleague's edits), only this change is taken back.
    after: Vec<crate::core::Record>,
    what: String,
}

/// How many list changes Ctrl+U can take back: a whole call's worth.
const UNDO_DEPTH: usize = 100;

pub use crate::tui::Outcome;

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
            warnings,
            ..
        } = opened;
        let before = account.clone();
        let earlier_changes = account
            .start_or_continue_call(CallMode::Live, setup.clock.at(now))
            .unwrap_or_default();
        let last_time = last_time_panel::of(setup, &mut account, now);
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
        let mut state = Self {
            answer: editor(&answer_text),
            notes: editor(&account.notes),
            notes_edited: false,
            setup: setup.clone(),
            roleplay: None,
            confirm_end: false,
            farewell: None,
            recap_written: None,
            frame_version: 0,
            team_word: None,
            company: setup.company.clone(),
            bank,
            before,
            show_last_time: last_time.is_some(),
            last_time,
            confirmed: Vec::new(),
            sheet_wide: false,
            earlier_changes,
            account: account.into(),
            path,
            at,
            focus: Focus::Answer,
            selected_record: 0,
            started: now,
            now,
            step_clock: step_clock::StepClock::new(at.step, now),
            text_warnings: TextWarnings::default(),
            record_undo: Vec::new(),
            saving: None,
            // The call log changed: the opening itself is saved at once.
            autosave: Autosave::new(now),
            effects: Vec::new(),
            message: warnings
                .into_iter()
                .next()
                .or_else(|| setup.start_problems()),
            _lock: lock,
        };
        state.reopen_draft();
        // A reopened draft may have moved the call to its step: the clock starts there.
        state.step_clock = step_clock::StepClock::new(state.at.step, now);
        // A reopened commitment form shows what the guard says about it at once.
        state.refresh_form_guard();
        state.refresh_text_warnings(false);
        state.start_notes_reader();
        state
    }

    fn start_notes_reader(&mut self) {
        let Some(company) = &self.company else {
            return;
        };
        if self.account.notes.trim().is_empty() {
            return;
        }
        let guard = company.guard();
        // A copy of the text, not a share of the account: sharing would make the next edit
        // copy the whole account.
        let notes = self.account.notes.clone();
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("disco-note-reader".into())
            .spawn(move || {
                let mut cache = LineCache::default();
                cache.check(&guard, notes.split('\n'), Voice::Free);
                let _ = tx.send(cache);
            });
        if spawned.is_ok() {
            self.text_warnings.notes_reader = Some(rx);
        }
    }

    /// Takes the note reader's cache when it is done, and brings it up to date with the note
    /// as it is now (only lines typed since are read).
    fn collect_notes_reader(&mut self) {
        let Some(rx) = &self.text_warnings.notes_reader else {
            return;
        };
        match rx.try_recv() {
            Ok(cache) => {
                self.text_warnings.notes_reader = None;
                self.text_warnings.notes_lines = cache;
                self.refresh_text_warnings(true);
            }
            Err(mpsc::TryRecvError::Empty) => {}
            Err(mpsc::TryRecvError::Disconnected) => self.text_warnings.notes_reader = None,
        }
    }

    /// Reads the answer box (and the note, when `notes_too`) against the sheet. Bumps the
    /// frame when the findings changed, so the box's warning line is redrawn.
    pub fn refresh_text_warnings(&mut self, notes_too: bool) {
        let Some(company) = &self.company else {
            return;
        };
        let guard = company.guard();
        let warnings = &mut self.text_warnings;
        let answer = warnings.answer_lines.check(
            &guard,
            self.answer.lines().iter().map(String::as_str),
            Voice::Free,
        );
        let mut changed = answer != warnings.answer;
        warnings.answer = answer;
        if notes_too && warnings.notes_reader.is_none() {
            let notes = warnings.notes_lines.check(
                &guard,
                self.notes.lines().iter().map(String::as_str),
                Voice::Free,
            );
            changed |= notes != warnings.notes;
            warnings.notes = notes;
        }
        if changed {
            self.frame_version += 1;
        }
    }

    /// A form left open when the last call ended comes back as it was, on its step.
    fn reopen_draft(&mut self) {
        let Some(draft) = self.account.draft.clone() else {
            return;
        };
        let mut form = if draft.list == Draft::NEXT_STEP {
            FormState::for_next_step(self.account.next_step.as_ref())
        } else {
            let Some(step) = self
                .bank
                .steps
                .iter()
                .position(|s| s.capture.as_ref().is_some_and(|c| c.id == draft.list))
            else {
                // The bank no longer has that list: the draft stays in the file, untouched.
                return;
            };
            // On that step, at its first open question, as a new call would be.
            let question = self.bank.steps[step]
                .questions
                .iter()
                .position(|q| !self.account.is_answered(&q.id))
                .unwrap_or(0);
            self.at = QuestionRef { step, question };
            let id = self.question_id();
            self.answer = editor(self.account.answer(&id));
            let Some(list) = self.current_list().cloned() else {
                return;
            };
            // Editing a record that has changed since (or gone) becomes adding a new one:
            // saving the draft must never overwrite what is there now.
            let editing = draft.editing.filter(|&index| {
                draft.original.is_some()
                    && self.account.records(&list.id).get(index) == draft.original.as_ref()
            });
            match editing {
                Some(index) => {
                    let record = self.account.records(&list.id)[index].clone();
                    self.selected_record = index;
                    FormState::new(&list, Some((index, record)))
                }
                None => self.new_record_form(&list),
            }
        };
        form.restore(&draft);
        self.focus = Focus::Form(Box::new(form));
        self.message = Some(format!(
            "What you were typing is back. {} saves it; {} twice discards it.",
            key_for(Scope::Form, Action::Save),
            key_for(Scope::Form, Action::Back),
        ));
    }

    /// The key scopes in force, most specific first: a role-play adds its keys to the call's.
    pub fn scopes(&self) -> Vec<Scope> {
        let scope = match self.focus {
            Focus::Answer | Focus::Notes => Scope::Call,
            Focus::Captures {
                confirm_delete: true,
            } => Scope::ConfirmDelete,
            // The call's keys work from a list as from the answer (Tab, Alt+1…3, Ctrl+S…).
            Focus::Captures { .. } => return vec![Scope::Captures, Scope::Call],
            Focus::Form(_) => Scope::Form,
            Focus::Picker { .. } => Scope::Picker,
            Focus::Search(_) => Scope::Search,
            Focus::Detail { .. } => Scope::Detail,
            Focus::Sheet { .. } => Scope::Sheet,
            Focus::Summary { .. } => Scope::Summary,
            Focus::Reading { .. } => Scope::Reading,
            Focus::Brief => Scope::Brief,
            Focus::Moves { .. } => Scope::Moves,
            Focus::AskLine => Scope::AskLine,
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

    /// A form for a new record of `list`, which one key can send to another step's list.
    pub fn new_record_form(&self, list: &crate::core::CaptureList) -> FormState {
        let mut form = FormState::new(list, None);
        form.switch_to = self
            .bank
            .steps
            .iter()
            .map(|s| {
                s.capture
                    .as_ref()
                    .map(|c| c.title.clone())
                    .unwrap_or_default()
            })
            .collect();
        form
    }

    pub fn current_list(&self) -> Option<&crate::core::CaptureList> {
        self.bank.steps.get(self.at.step)?.capture.as_ref()
    }

    /// The calendar time of the last message: what an edit made now is stamped with.
    pub fn timestamp(&self) -> jiff::Timestamp {
        self.setup.clock.at(self.now)
    }

    fn mark_dirty(&mut self) {
        self.autosave.mark_dirty(self.now);
    }

    /// Copies the editors into the account. Done when saving or moving, not per keystroke,
    /// so a huge answer costs nothing while typing.
    pub fn sync_editors(&mut self) {
        let now = self.timestamp();
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

    fn push_undo(&mut self, list: &str, records: Vec<crate::core::Record>, what: String) {
        if self.record_undo.len() == UNDO_DEPTH {
            self.record_undo.remove(0);
        }
        self.record_undo.push(RecordUndo {
            list: list.to_string(),
            records,
            after: Vec::new(),
            what,
        });
    }

    fn pop_undo(&mut self) -> Option<RecordUndo> {
        self.record_undo.pop()
    }

    /// Notes what the last change left, for its undo.
    fn note_undo_result(&mut self, list: &str) {
        let after = self.account.records(list).to_vec();
        if let Some(last) = self.record_undo.last_mut() {
            last.after = after;
        }
    }

    /// Brings the account fully up to date: editors copied in, the form being typed kept as a
    /// draft, the call's changes described.
    fn settle(&mut self) {
        self.sync_editors();
        let draft = match &self.focus {
            // A form opened and left untouched holds nothing to keep.
            Focus::Form(form) if form.changed() => Some(form.draft()),
            _ => None,
        };
        if self.account.draft != draft {
            self.account_mut().draft = draft;
        }
        let mut changes = history::changes(&self.before, &self.account, &self.bank);
        changes.extend(crate::core::last_time::confirmations(
            &self.before,
            &self.account,
            &self.bank,
            &self.confirmed,
        ));
        let changes = history::continued(&self.earlier_changes, changes);
        if let Some(call) = self.account_mut().calls.last_mut() {
            call.changes = changes;
        }
    }

    /// The rep heard that the answer from an earlier call still holds: it counts as given on
    /// this call, and the call's changes say so.
    pub fn confirm_answer(&mut self) {
        let id = self.question_id();
        let unchanged = self
            .answer
            .lines()
            .iter()
            .map(String::as_str)
            .eq(self.account.answer(&id).split('\n'));
        if self.account.answer_is_from_earlier_call(&id).is_none() {
            self.message = Some(if self.confirmed.contains(&id) {
                "Already confirmed on this call.".into()
            } else {
                "Nothing to confirm: this answer is not from an earlier call.".into()
            });
            return;
        }
        if !unchanged {
            self.message = Some("You changed this answer: the change is logged instead.".into());
            return;
        }
        let now = self.timestamp();
        if self.account_mut().confirm_answer(&id, now) {
            self.confirmed.push(id);
            self.mark_dirty();
            self.message = Some("Confirmed: still true, noted in this call's changes.".into());
        }
    }

    /// Whether the rep confirmed the earlier answer to `question_id` on this call.
    pub fn is_confirmed(&self, question_id: &str) -> bool {
        self.confirmed.iter().any(|id| id == question_id)
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
        self.step_clock.enter(at.step, self.now);
        self.at = at;
        let id = self.question_id();
        self.answer = editor(self.account.answer(&id));
        self.focus = Focus::Answer;
        self.selected_record = 0;
        self.refresh_text_warnings(false);
    }

    /// Goes to what a search found: the answer or the note with the cursor on the match, or
    /// the record highlighted in its step's list.
    pub fn jump_to(&mut self, hit: &crate::core::search::Hit) {
        use crate::core::search::Place;
        let cursor = CursorMove::Jump(
            u16::try_from(hit.line).unwrap_or(u16::MAX),
            u16::try_from(hit.column).unwrap_or(u16::MAX),
        );
        match &hit.place {
            Place::Answer { at } => {
                self.go_to(*at);
                self.focus = Focus::Answer;
                self.answer.move_cursor(cursor);
            }
            Place::Record { step, index, .. } => {
                if self.at.step != *step {
                    self.go_to(QuestionRef {
                        step: *step,
                        question: 0,
                    });
                }
                self.selected_record = *index;
                self.focus = Focus::Captures {
                    confirm_delete: false,
                };
            }
            Place::Note => {
                self.focus = Focus::Notes;
                self.notes.move_cursor(cursor);
            }
        }
    }

    pub fn paste(&mut self, text: &str) {
        let text = clean_paste(text);
        if !matches!(self.focus, Focus::Answer | Focus::Notes) {
            self.frame_version += 1;
        }
        // Pasted over what only shows (the summary, a list, the sheet, a record read in
        // full), text goes to the answer, as a letter typed there does.
        if matches!(
            self.focus,
            Focus::Summary { .. }
                | Focus::Captures { .. }
                | Focus::Sheet { .. }
                | Focus::Detail { .. }
        ) {
            self.focus = Focus::Answer;
        }
        match &mut self.focus {
            Focus::Answer => {
                self.answer.insert_str(&text);
            }
            Focus::AskLine => {
                if let Some(roleplay) = &mut self.roleplay {
                    // One line: a pasted question's line breaks are spaces.
                    roleplay.ask_line.insert_str(text.replace('\n', " "));
                }
            }
            Focus::Notes => {
                self.notes.insert_str(&text);
                self.notes_edited = true;
            }
            Focus::Form(form) => form.paste(&text),
            Focus::Search(search) => {
                search.paste(&text);
                return;
            }
            Focus::Picker { selected, filter } => {
                filter.push_str(&text.replace('\n', " "));
                *selected = 0;
                return;
            }
            _ => return,
        }
        self.refresh_form_guard();
        self.mark_dirty();
    }

    /// Time passes: when the rep pauses, ask the app to save a snapshot.
    pub fn tick(&mut self, now: Instant) {
        self.now = now;
        self.collect_notes_reader();
        if self.autosave.tick(now) {
            // Read before settling, which clears it: the note is re-read only when it changed.
            let notes_changed = self.notes_edited;
            let job = self.save_job();
            self.refresh_text_warnings(notes_changed);
            self.effects.push(Effect::Save(job));
        }
    }

    /// A snapshot of the account, brought fully up to date, to save.
    fn save_job(&mut self) -> SaveJob {
        self.settle();
        self.saving = Some(self.account.clone());
        SaveJob {
            path: self.path.clone(),
            account: self.account.clone(),
        }
    }

    /// How a save went, from whichever worker made it: changes it merged from outside are
    /// taken in before the status is shown.
    pub fn report_save(&mut self, outcome: crate::tui::autosave::SaveOutcome, now: Instant) {
        if let Ok(saved) = &outcome
            && let Some(merged) = &saved.merged
        {
            self.adopt_merged(merged);
        }
        self.autosave.report(outcome, now);
    }

    /// The save just made merged changes from outside (a hand edit, a colleague's sync): the
    /// screen takes them in, with whatever was typed since that save started. The answer being
    /// typed stays as typed (the other version goes to its history); the note's cursor stays.
    pub fn adopt_merged(&mut self, merged: &Account) {
        let Some(snapshot) = self.saving.take() else {
            return;
        };
        self.sync_editors();
        let now = self.timestamp();
        let typed = editor_text(&self.answer);
        let adopted = if *self.account == *snapshot {
            merged.clone()
        } else {
            crate::core::merge(&snapshot, &self.account, merged)
        };
        self.account = adopted.into();
        let id = self.question_id();
        if self.account.answer(&id) != typed {
            self.account_mut().set_answer(&id, &typed, now);
        }
        if editor_text(&self.notes) != self.account.notes {
            let ratatui_textarea::DataCursor(row, col) = self.notes.cursor();
            self.notes = editor(&self.account.notes);
            let row = row.min(self.notes.lines().len().saturating_sub(1));
            let col = self.notes.lines()[row].chars().count().min(col);
            self.notes.move_cursor(CursorMove::Jump(
                u16::try_from(row).unwrap_or(u16::MAX),
                u16::try_from(col).unwrap_or(u16::MAX),
            ));
        }
        // The list undo stays: an undo now takes back only its own change (`undo_record_change`).
        // The other side's note is read against the sheet like one typed here.
        self.refresh_text_warnings(true);
        self.frame_version += 1;
    }

    /// The account, to change. It is shared with the save in flight, if any (copied only
    /// then): handing the saver a copy of a big account on every save start held up the keys
    /// behind it.
    fn account_mut(&mut self) -> &mut Account {
        std::sync::Arc::make_mut(&mut self.account)
    }

    /// The team's state for the header.
    pub fn set_team_word(&mut self, word: Option<&'static str>) {
        if self.team_word != word {
            self.team_word = word;
            self.frame_version += 1;
        }
    }

    /// The file changed on disk (a team sync merged into it): a save is asked for, which
    /// merges the change with what is typed here and shows it (`adopt_merged`).
    pub fn outside_change(&mut self) {
        self.autosave.mark_dirty(self.now);
        self.frame_version += 1;
    }

    pub fn has_unsaved_changes(&self) -> bool {
        self.autosave.has_unsaved_changes()
    }

    pub fn status(&self) -> &SaveStatus {
        self.autosave.status()
    }

    /// Ends the call: the last save, to be made at once by the app after the worker stops.
    pub fn end(&mut self) -> SaveJob {
        self.settle();
        let now = self.timestamp();
        let updated = self.before.updated;
        if !self.account_mut().forget_unchanged_call(updated) {
            self.account_mut().end_call(now);
        }
        self.autosave.start_now();
        SaveJob {
            path: self.path.clone(),
            account: self.account.clone(),
        }
    }
}

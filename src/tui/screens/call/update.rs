//! The call screen's key handling, one function per focus.

use crossterm::event::KeyEvent;

use super::{CallState, Focus, FormState, FormTarget, Outcome, SearchState};
use crate::core::company::Side;
use crate::core::guard::{Proposal, Voice, check, record_from_item};
use crate::core::recap;
use crate::tui::effects::Effect;
use crate::tui::keymap::{Action, Scope, action_for, is_typing, key_for, key_label, keys_for};
use crate::tui::overlays::form::{GuardLine, Origin, take_proposal_keys};
use crate::tui::overlays::picker;

impl CallState {
    pub(crate) fn handle_key(&mut self, key: &KeyEvent) -> Outcome {
        let had_message = self.message.take().is_some();
        if self.confirm_end {
            self.confirm_end = false;
            self.frame_version += 1;
            return match action_for(&[Scope::ConfirmEnd], key) {
                Some(Action::Confirm) => Outcome::Quit,
                _ => Outcome::Stay,
            };
        }
        let action = action_for(&self.scopes(), key);
        if action == Some(Action::Quit) {
            // Quitting is pressed by reflex (Ctrl+C, Ctrl+Q alike): a role-play under way asks
            // before it ends, naming every key that ends it.
            if self
                .roleplay
                .as_ref()
                .is_some_and(|r| !r.is_empty(&self.account))
            {
                self.confirm_end = true;
                self.frame_version += 1;
                self.message = Some(format!(
                    "End the role-play? {} ends it; any other key goes on.",
                    keys_for(Scope::ConfirmEnd, Action::Confirm).join(" or ")
                ));
                return Outcome::Stay;
            }
            return Outcome::Quit;
        }
        // Plain typing changes only the editor; anything else may change any panel, so the
        // next frame must be drawn in full.
        let typing = matches!(self.focus, Focus::Answer | Focus::Notes) && action.is_none();
        if !typing || had_message {
            self.frame_version += 1;
        }
        match self.focus {
            Focus::Answer | Focus::Notes => self.key_while_typing(action, key),
            Focus::Captures { .. } => self.key_in_captures(action, key),
            Focus::Form(_) => self.key_in_form(action, key),
            // A letter typed at a list of choices is not dropped: it goes to the answer.
            Focus::Sheet { .. } | Focus::Reading { .. } if action.is_none() && is_typing(key) => {
                self.focus = Focus::Answer;
                self.key_while_typing(None, key);
            }
            // The summary is a glance away from the call: a key it does not take is the
            // call's, as if it were closed first. Typing (Enter, Backspace too) goes to the
            // answer, never lost and never a command; Ctrl+L opens the list.
            Focus::Summary { .. } if action.is_none() => {
                self.focus = Focus::Answer;
                let call_action = action_for(&self.scopes(), key);
                self.key_while_typing(call_action, key);
            }
            Focus::Picker { .. } => self.key_in_picker(action, key),
            Focus::Search(_) => self.key_in_search(action, key),
            Focus::Detail { .. } => self.key_in_detail(action, key),
            Focus::Sheet { .. } => self.key_in_sheet(action),
            Focus::Summary { .. } => self.key_in_summary(action),
            Focus::Reading { .. } => self.key_in_reading(action),
            Focus::Brief => {
                if action == Some(Action::Open) {
                    self.focus = Focus::Answer;
                    let now = self.timestamp();
                    if let Some(roleplay) = &mut self.roleplay {
                        roleplay.open(now);
                    }
                }
            }
            Focus::Moves { selected } => self.key_in_moves(action, selected),
            Focus::AskLine => self.key_in_ask_line(action, key),
        }
        self.keep_notes_then();
        Outcome::Stay
    }

    /// When the customer has just revealed something, keeps the notes as they stand, so the
    /// debrief counts only what the trainee writes after hearing it.
    fn keep_notes_then(&mut self) {
        if !self
            .roleplay
            .as_ref()
            .is_some_and(|r| r.conversation.transcript.wants_notes())
        {
            return;
        }
        self.sync_editors();
        let notes = crate::core::debrief::captured(&self.account, &self.bank);
        if let Some(roleplay) = &mut self.roleplay {
            roleplay.conversation.transcript.keep_notes_then(&notes);
        }
    }

    fn key_while_typing(&mut self, action: Option<Action>, key: &KeyEvent) {
        match action {
            Some(Action::NextQuestion) => self.go_to(self.bank.next_question(self.at)),
            Some(Action::PreviousQuestion) => self.go_to(self.bank.previous_question(self.at)),
            Some(Action::Step(step)) if step < self.bank.steps.len() => {
                self.go_to(crate::core::QuestionRef { step, question: 0 });
            }
            Some(Action::GoTo) => {
                let selected = self
                    .bank
                    .question_refs()
                    .position(|q| q == self.at)
                    .unwrap_or(0);
                self.focus = Focus::Picker {
                    selected,
                    filter: String::new(),
                };
            }
            Some(Action::Search) => {
                self.sync_editors();
                let mut search = SearchState::new(&self.account, &self.bank);
                search.from_notes = matches!(self.focus, Focus::Notes);
                self.focus = Focus::Search(Box::new(search));
            }
            Some(Action::AddRecord) => {
                // A step without a list: the first list, another one key away.
                let list = self
                    .current_list()
                    .or_else(|| self.bank.capture_lists().next())
                    .cloned();
                self.open_new_record(list, "This script has no capture lists.");
            }
            Some(Action::AddPerson) => {
                let people = self.bank.steps.first().and_then(|s| s.capture.clone());
                self.open_new_record(people, "Step 1 has no list of people in this script.");
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
            Some(Action::Recap) => self.ask_for_recap(),
            Some(Action::CopyRecap) => self.ask_to_copy_recap(),
            Some(Action::Back) => self.focus = Focus::Answer,
            Some(Action::ReadAll) => self.focus = Focus::Reading { scroll: 0 },
            Some(Action::ConfirmAnswer) => {
                self.focus = Focus::Answer;
                self.confirm_answer();
            }
            Some(Action::LastTime) => match self.last_time {
                Some(_) => self.show_last_time = !self.show_last_time,
                None => {
                    self.message =
                        Some("This is the first call with this account: no last time yet.".into());
                }
            },
            Some(Action::WidenSheet) => {
                if self
                    .current_list()
                    .is_some_and(|l| l.company_sheet.is_some())
                {
                    self.sheet_wide = !self.sheet_wide;
                } else {
                    let step = self.bank.steps.iter().position(|s| {
                        s.capture
                            .as_ref()
                            .is_some_and(|c| c.company_sheet.is_some())
                    });
                    self.message = Some(match step {
                        Some(step) => format!("The company sheet shows on step {}.", step + 1),
                        None => "This script shows no company sheet.".into(),
                    });
                }
            }
            Some(Action::Ask) => {
                let question = self
                    .bank
                    .question(self.at)
                    .map(|q| (q.id.clone(), q.ask.clone()));
                let now = self.timestamp();
                if let (Some(roleplay), Some((id, _))) = (&mut self.roleplay, question) {
                    roleplay.ask(now, &id);
                }
            }
            Some(Action::AskLine) if self.roleplay.is_some() => self.focus = Focus::AskLine,
            Some(Action::PageUp | Action::PageDown) => self.scroll_conversation(action),
            Some(Action::Moves) => {
                if self
                    .roleplay
                    .as_ref()
                    .is_some_and(|r| !r.scenario.moves.is_empty())
                {
                    self.focus = Focus::Moves { selected: 0 };
                }
            }
            Some(_) => {}
            None => {
                let area = match self.focus {
                    Focus::Notes => &mut self.notes,
                    _ => &mut self.answer,
                };
                if area.input(*key) {
                    self.notes_edited |= matches!(self.focus, Focus::Notes);
                    self.mark_dirty();
                }
            }
        }
    }

    /// A form for a new record of `list`, which closes back to where the rep was; `missing`
    /// says why not when there is no such list.
    fn open_new_record(&mut self, list: Option<crate::core::CaptureList>, missing: &str) {
        let Some(list) = list else {
            self.message = Some(missing.into());
            return;
        };
        let mut form = self.new_record_form(&list);
        form.origin = match self.focus {
            Focus::Notes => Origin::Notes,
            Focus::Captures { .. } => Origin::List,
            _ => Origin::Answer,
        };
        self.focus = Focus::Form(Box::new(form));
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
            self.focus = Focus::Captures {
                confirm_delete: false,
            };
            match action {
                Some(Action::Confirm) if self.selected_record < count => {
                    let selected = self.selected_record;
                    let label = record_label(&list, &self.account.records(&list.id)[selected]);
                    self.change_records(&list.id, format!("deleted “{label}”"), |records| {
                        records.remove(selected);
                    });
                    self.selected_record = self.selected_record.min(count.saturating_sub(2));
                    self.message = Some(format!(
                        "Deleted “{label}”. {} in the list brings it back.",
                        key_for(Scope::Captures, Action::Undo)
                    ));
                }
                Some(Action::Confirm | Action::Back) => {
                    self.message = Some("Kept.".into());
                }
                // Any other key keeps the record and does what it does in the list: a letter
                // typed on goes to the answer, never lost.
                _ => self.key_in_captures(action_for(&self.scopes(), key), key),
            }
            return;
        }
        match action {
            Some(Action::Up) => self.selected_record = self.selected_record.saturating_sub(1),
            Some(Action::Down) => {
                self.selected_record = (self.selected_record + 1).min(count.saturating_sub(1));
            }
            Some(Action::Add) => {
                self.focus = Focus::Form(Box::new(self.new_record_form(&list)));
            }
            Some(Action::Edit) if self.selected_record < count => {
                let record = self.account.records(&list.id)[self.selected_record].clone();
                let form = FormState::new(&list, Some((self.selected_record, record)));
                self.focus = Focus::Form(Box::new(form));
                self.refresh_form_guard();
            }
            Some(Action::Detail) if self.selected_record < count => {
                self.focus = Focus::Detail { scroll: 0 };
            }
            Some(Action::Delete) if self.selected_record < count => {
                self.focus = Focus::Captures {
                    confirm_delete: true,
                };
            }
            Some(Action::Edit | Action::Delete | Action::Detail) => {
                self.message = Some(format!(
                    "The list is empty. {} adds a record.",
                    key_for(Scope::Captures, Action::Add)
                ));
            }
            Some(Action::Undo) => self.undo_record_change(),
            Some(Action::FromSheet) => match (&list.company_sheet, &self.company) {
                (None, _) => {
                    self.message =
                        Some("This list does not take items from the company sheet.".into());
                }
                (Some(_), None) => self.message = Some(self.setup.no_sheet_message()),
                (Some(_), Some(_)) => self.focus = Focus::Sheet { selected: 0 },
            },
            Some(Action::Back) => self.focus = Focus::Answer,
            // The call's own keys (Tab, Alt+1…3, Ctrl+G, Ctrl+S, Ctrl+O, Ctrl+T) work here too.
            Some(action) => self.key_while_typing(Some(action), key),
            None if is_typing(key) => {
                self.focus = Focus::Answer;
                self.key_while_typing(None, key);
            }
            None => {
                self.message = Some(format!(
                    "{} does nothing in the list. {} goes back to the answer.",
                    key_name(key),
                    key_for(Scope::Captures, Action::Back)
                ));
            }
        }
    }

    /// Changes one capture list, remembering how it was so Ctrl+U can take the change back.
    fn change_records(
        &mut self,
        list_id: &str,
        what: String,
        change: impl FnOnce(&mut Vec<crate::core::Record>),
    ) {
        let before = self.account.records(list_id).to_vec();
        self.push_undo(list_id, before, what);
        let now = self.timestamp();
        change(self.account_mut().records_mut(list_id));
        self.note_undo_result(list_id);
        self.account_mut().updated = now;
        self.mark_dirty();
    }

    fn undo_record_change(&mut self) {
        let Some(undo) = self.pop_undo() else {
            self.message = Some("Nothing to undo in the lists on this call.".into());
            return;
        };
        let now = self.timestamp();
        let current = self.account.records(&undo.list);
        // Changes merged in since (a colleague's, a hand edit) stay: the undo is merged with
        // them as if it were made on the list as the change left it.
        let records = if current == undo.after.as_slice() {
            undo.records
        } else {
            crate::core::merge::merge_records(&undo.after, &undo.records, current)
        };
        let count = records.len();
        *self.account_mut().records_mut(&undo.list) = records;
        self.account_mut().updated = now;
        self.selected_record = self.selected_record.min(count.saturating_sub(1));
        self.mark_dirty();
        self.message = Some(format!("Undone: {}.", undo.what));
    }

    /// Tells the rep at once when a record just saved contradicts the company sheet.
    fn warn_about(&mut self, list_id: &str, index: usize) {
        let (Some(company), Some(list)) = (&self.company, self.bank.capture_list(list_id)) else {
            return;
        };
        if let Some(record) = self.account.records(list_id).get(index)
            && let Some(concern) = check(list, record, company)
        {
            // The footer is one line: the brief fits it whole even at 60 columns; the record's
            // detail and the summary give the sheet's statement.
            self.message = Some(format!("⚠ {}", concern.brief()));
        }
    }

    fn key_in_form(&mut self, action: Option<Action>, key: &KeyEvent) {
        let current_list = self.current_list().map(|l| l.id.clone());
        let Focus::Form(form) = &mut self.focus else {
            return;
        };
        // A form opened from the list of this step closes back to it; any other, to typing.
        let back_to_list =
            form.origin == Origin::List && current_list.as_deref() == Some(form.list.id.as_str());
        let typing = match form.origin {
            Origin::Notes => Focus::Notes,
            _ => Focus::Answer,
        };
        let confirming = std::mem::take(&mut form.confirm_discard);
        match action {
            Some(Action::Back) if form.changed() && !confirming => {
                form.confirm_discard = true;
                form.error = Some(format!(
                    "{} again discards what you typed; {} saves it.",
                    key_for(Scope::Form, Action::Back),
                    key_for(Scope::Form, Action::Save)
                ));
            }
            Some(Action::Back) => {
                self.focus = match form.target {
                    FormTarget::NextStep => Focus::Summary { scroll: 0 },
                    FormTarget::Record { .. } if back_to_list => Focus::Captures {
                        confirm_delete: false,
                    },
                    FormTarget::Record { .. } => typing,
                };
                // The draft in the file goes with the form.
                self.mark_dirty();
            }
            Some(Action::Save) => match form.target {
                FormTarget::NextStep => match form.next_step(
                    self.setup.today(self.now),
                    self.account.next_step.as_ref().and_then(|n| n.date),
                ) {
                    Ok(next) => {
                        let now = self.timestamp();
                        self.account_mut().set_next_step(next, now);
                        self.mark_dirty();
                        self.focus = Focus::Summary { scroll: 0 };
                    }
                    Err(problem) => form.error = Some(problem),
                },
                FormTarget::Record { editing } => match form.record() {
                    Ok(record) => {
                        let list = form.list.clone();
                        let count = self.account.records(&list.id).len();
                        let label = record_label(&list, &record);
                        let index = match editing {
                            Some(index) if index < count => index,
                            _ => count,
                        };
                        let what = if index < count {
                            format!("changed “{label}”")
                        } else {
                            format!("added “{label}”")
                        };
                        self.change_records(&list.id, what, |records| {
                            if index < records.len() {
                                records[index] = record;
                            } else {
                                records.push(record);
                            }
                        });
                        if current_list.as_deref() == Some(list.id.as_str()) {
                            self.selected_record = index;
                        }
                        if back_to_list {
                            self.focus = Focus::Captures {
                                confirm_delete: false,
                            };
                        } else {
                            // Back to typing where the rep was, told where the record went.
                            self.focus = typing;
                            // Ctrl+U undoes in the answer box: the list's undo is one key away.
                            self.message = Some(format!(
                                "Added “{label}” to {}. Undo: {}, {}.",
                                list.title,
                                key_for(Scope::Call, Action::Captures),
                                key_for(Scope::Captures, Action::Undo)
                            ));
                        }
                        self.warn_about(&list.id, index);
                    }
                    Err(problem) => form.error = Some(problem),
                },
            },
            Some(Action::SwitchList(step)) if form.can_switch_list() => {
                match self.bank.steps.get(step).and_then(|s| s.capture.as_ref()) {
                    Some(list) => {
                        form.switch_list(list);
                        self.mark_dirty();
                    }
                    None => form.error = Some(format!("Step {} has no list.", step + 1)),
                }
            }
            Some(Action::SwitchList(_)) => {
                form.error = Some("An edited record stays in its list.".into());
            }
            Some(Action::NextField) => form.move_focus(1),
            Some(Action::PreviousField) => form.move_focus(-1),
            Some(Action::NextOption) if form.on_choice() => {
                form.cycle(1);
                self.mark_dirty();
            }
            Some(Action::PreviousOption) if form.on_choice() => {
                form.cycle(-1);
                self.mark_dirty();
            }
            _ => {
                if form.input(key) {
                    // The half-typed record is saved as a draft like any answer.
                    self.mark_dirty();
                }
            }
        }
        self.refresh_form_guard();
    }

    /// Reads the form as typed against the sheet, on every key: a commitment line is short, so
    /// this stays far below a frame (BENCHMARKS.md: guard on one keystroke).
    pub(crate) fn refresh_form_guard(&mut self) {
        let (Focus::Form(form), Some(company)) = (&mut self.focus, &self.company) else {
            return;
        };
        let guard = company.guard();
        let draft = form.typed();
        let findings: Vec<_> = match form.target {
            FormTarget::NextStep => guard.check_text(
                draft.get("text").map_or("", String::as_str),
                Voice::NextStep,
            ),
            FormTarget::Record { .. } => guard
                .check_record(&form.list, &draft)
                .into_iter()
                .map(|(_, f)| f)
                .collect(),
        };
        let link = form.list.company_sheet.clone();
        form.proposal = None;
        form.guard_line = findings.first().map(|f| GuardLine::Warning(f.message()));
        let Some(link) = link else {
            return;
        };
        let unchosen = draft.get(&link.status_field).is_none();
        let label = draft.get(&form.list.label_field);
        if unchosen && let Some(proposal) = label.and_then(|l| guard.propose_status(l)) {
            let option = match proposal {
                Proposal::Can => link.can.clone(),
                Proposal::Cannot => link.cannot.clone(),
                Proposal::Conditional => form
                    .list
                    .fields
                    .iter()
                    .find(|f| f.id == link.status_field)
                    .and_then(|f| {
                        f.options
                            .iter()
                            .find(|o| **o != link.can && **o != link.cannot)
                            .cloned()
                    })
                    .unwrap_or_else(|| link.can.clone()),
            };
            if form.guard_line.is_none() {
                form.guard_line = Some(GuardLine::Proposal(format!(
                    "Status not chosen · suggested: {option} ({} on it takes it)",
                    take_proposal_keys()
                )));
            }
            form.proposal = Some(option);
        }
    }

    fn key_in_picker(&mut self, action: Option<Action>, key: &KeyEvent) {
        let Focus::Picker { selected, filter } = &mut self.focus else {
            return;
        };
        let kept = picker::matches(&self.bank, filter);
        match action {
            Some(Action::Up) => *selected = selected.saturating_sub(1),
            Some(Action::Down) => *selected = (*selected + 1).min(kept.len().saturating_sub(1)),
            Some(Action::Open) => match kept.get(*selected) {
                Some(&target) => {
                    self.focus = Focus::Answer;
                    self.go_to(target);
                }
                None => self.message = Some("No question matches; Backspace widens it.".into()),
            },
            Some(Action::Back) => self.focus = Focus::Answer,
            _ => {
                // Typing filters: "2.3" keeps that question, words keep the questions with them.
                if picker::edit_filter(filter, key) {
                    *selected = 0;
                }
            }
        }
    }

    fn key_in_detail(&mut self, action: Option<Action>, key: &KeyEvent) {
        let Focus::Detail { scroll } = &mut self.focus else {
            return;
        };
        match action {
            Some(Action::Up) => *scroll = scroll.saturating_sub(1),
            Some(Action::Down) => *scroll = scroll.saturating_add(1),
            Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
            Some(Action::PageDown) => *scroll = scroll.saturating_add(10),
            Some(Action::Edit) => {
                self.focus = Focus::Captures {
                    confirm_delete: false,
                };
                self.key_in_captures(Some(Action::Edit), key);
            }
            Some(Action::Back) => {
                self.focus = Focus::Captures {
                    confirm_delete: false,
                }
            }
            // A letter is never lost: it goes to the answer, as from the list.
            None if is_typing(key) => {
                self.focus = Focus::Answer;
                self.key_while_typing(None, key);
            }
            _ => {}
        }
    }

    fn key_in_search(&mut self, action: Option<Action>, key: &KeyEvent) {
        let Focus::Search(search) = &mut self.focus else {
            return;
        };
        match action {
            Some(Action::Up) => search.move_selection(-1),
            Some(Action::Down) => search.move_selection(1),
            Some(Action::Open) => match search.chosen().cloned() {
                Some(hit) => self.jump_to(&hit),
                None => self.message = Some("Nothing to go to: type what to find.".into()),
            },
            Some(Action::Back) if search.from_notes => self.focus = Focus::Notes,
            Some(Action::Back) => self.focus = Focus::Answer,
            _ => {
                search.input(key);
            }
        }
    }

    /// The sheet items that can be copied, in the order the sheet panel lists them.
    pub(crate) fn sheet_items(&self) -> Vec<(Side, &crate::core::company::Item)> {
        self.company
            .iter()
            .flat_map(|c| {
                c.can
                    .iter()
                    .map(|i| (Side::Can, i))
                    .chain(c.cannot.iter().map(|i| (Side::Cannot, i)))
            })
            .collect()
    }

    fn key_in_sheet(&mut self, action: Option<Action>) {
        let Focus::Sheet { selected } = self.focus else {
            return;
        };
        let count = self.sheet_items().len();
        match action {
            Some(Action::Up) => {
                self.focus = Focus::Sheet {
                    selected: selected.saturating_sub(1),
                }
            }
            Some(Action::Down) => {
                self.focus = Focus::Sheet {
                    selected: (selected + 1).min(count.saturating_sub(1)),
                };
            }
            Some(Action::Open) => {
                let list = self.current_list().cloned();
                let record = self
                    .sheet_items()
                    .get(selected)
                    .zip(list.as_ref())
                    .and_then(|((side, item), list)| record_from_item(list, *side, item));
                if let (Some(record), Some(list)) = (record, list) {
                    let label = record_label(&list, &record);
                    self.change_records(&list.id, format!("copied “{label}”"), |records| {
                        records.push(record);
                    });
                    self.selected_record = self.account.records(&list.id).len() - 1;
                    self.message = Some(format!(
                        "Copied from the company sheet. {} edits it.",
                        key_for(Scope::Captures, Action::Edit)
                    ));
                }
                self.focus = Focus::Captures {
                    confirm_delete: false,
                };
            }
            Some(Action::Back) => {
                self.focus = Focus::Captures {
                    confirm_delete: false,
                }
            }
            _ => {}
        }
    }

    fn key_in_summary(&mut self, action: Option<Action>) {
        let Focus::Summary { scroll } = &mut self.focus else {
            return;
        };
        if scroll_by(scroll, action) {
            return;
        }
        match action {
            Some(Action::NextStep) => {
                self.focus = Focus::Form(Box::new(FormState::for_next_step(
                    self.account.next_step.as_ref(),
                )));
                self.refresh_form_guard();
            }
            Some(Action::Recap) => self.ask_for_recap(),
            Some(Action::CopyRecap) => self.ask_to_copy_recap(),
            Some(Action::Back) => self.focus = Focus::Answer,
            _ => {}
        }
    }

    fn key_in_reading(&mut self, action: Option<Action>) {
        let Focus::Reading { scroll } = &mut self.focus else {
            return;
        };
        if !scroll_by(scroll, action) && action == Some(Action::Back) {
            self.focus = Focus::Answer;
        }
    }

    /// The ask line: typing goes to it; Enter sends the question, the customer answers, and
    /// the answer box of the question it was taken for has the keys again, to note the reply.
    /// A page of the role-play's conversation back or on.
    fn scroll_conversation(&mut self, action: Option<Action>) {
        const PAGE: i32 = 3;
        if let Some(roleplay) = &mut self.roleplay {
            roleplay.scroll(if action == Some(Action::PageUp) {
                PAGE
            } else {
                -PAGE
            });
        }
    }

    fn key_in_ask_line(&mut self, action: Option<Action>, key: &KeyEvent) {
        let now = self.timestamp();
        let Some(roleplay) = &mut self.roleplay else {
            self.focus = Focus::Answer;
            return;
        };
        match action {
            Some(Action::Open) => match roleplay.send_ask_line(now) {
                None => self.message = Some("Type a question first.".into()),
                Some(meaning) => {
                    let question = roleplay.conversation.question_of(&meaning);
                    self.focus = Focus::Answer;
                    if let Some(at) = question.and_then(|q| self.bank.find_question(&q)) {
                        self.go_to(at);
                    }
                }
            },
            Some(Action::Back) => self.focus = Focus::Answer,
            Some(Action::PageUp | Action::PageDown) => self.scroll_conversation(action),
            Some(_) => {}
            None => {
                roleplay.ask_line.input(*key);
            }
        }
    }

    fn key_in_moves(&mut self, action: Option<Action>, selected: usize) {
        let count = self.roleplay.as_ref().map_or(0, |r| r.scenario.moves.len());
        match action {
            Some(Action::Up) => {
                self.focus = Focus::Moves {
                    selected: selected.saturating_sub(1),
                }
            }
            Some(Action::Down) => {
                self.focus = Focus::Moves {
                    selected: (selected + 1).min(count.saturating_sub(1)),
                }
            }
            Some(Action::Open) => {
                let now = self.timestamp();
                if let Some(roleplay) = &mut self.roleplay {
                    roleplay.make_move(now, selected);
                }
                self.focus = Focus::Answer;
            }
            Some(Action::Back) => self.focus = Focus::Answer,
            _ => {}
        }
    }

    /// Asks for the customer's recap, in the format the rep chose, in the recaps folder; the
    /// app says where it went.
    fn ask_for_recap(&mut self) {
        self.sync_editors();
        let options = &self.setup.recap;
        let company = self.company.as_ref();
        let text = recap::sendable(
            &self.account,
            &self.bank,
            company,
            options.format,
            self.timestamp(),
            options.from.as_deref(),
            &self.setup.zone,
        );
        self.effects.push(Effect::WriteRecap {
            account_name: self.account.name.clone(),
            extension: options.format.extension(),
            text,
            to_check: recap::warnings(&self.account, &self.bank, company).len(),
        });
    }

    /// Asks for the customer's recap, as plain text, on the terminal's clipboard (OSC 52).
    fn ask_to_copy_recap(&mut self) {
        self.sync_editors();
        let text = recap::render(
            &self.account,
            &self.bank,
            self.company.as_ref(),
            recap::Format::Text,
            recap::Audience::Customer,
            &self.setup.zone,
        );
        self.effects.push(Effect::CopyRecap(text));
    }
}

/// Moves a scrolled text for the scrolling keys; returns whether `action` was one.
fn scroll_by(scroll: &mut u16, action: Option<Action>) -> bool {
    *scroll = match action {
        Some(Action::Up) => scroll.saturating_sub(1),
        Some(Action::Down) => scroll.saturating_add(1),
        Some(Action::PageUp) => scroll.saturating_sub(10),
        Some(Action::PageDown) => scroll.saturating_add(10),
        _ => return false,
    };
    true
}

/// A record's name as the rep typed it, for confirmations and messages.
fn record_label(list: &crate::core::CaptureList, record: &crate::core::Record) -> String {
    let label = record
        .get(&list.label_field)
        .cloned()
        .unwrap_or_else(|| crate::core::summary::record_line(list, record));
    let label: String = label.chars().filter(|c| !c.is_control()).collect();
    if label.trim().is_empty() {
        "this record".into()
    } else {
        // Cut where it shows: "“Bartholomew Fitzgerald-Worthington the…”", never mid-word unmarked.
        crate::tui::widgets::fit_words(label.trim(), 40)
    }
}

fn key_name(key: &KeyEvent) -> String {
    key_label(
        &crate::tui::keymap::Key {
            code: key.code,
            modifiers: key.modifiers,
        },
        false,
    )
}

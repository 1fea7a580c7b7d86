//! The call screen's key handling, one function per focus.

use crossterm::event::{KeyCode, KeyEvent};

use super::{CallState, Focus, FormState, FormTarget, Outcome};
use crate::core::account::now;
use crate::core::company::Side;
use crate::core::guard::{check, record_from_item};
use crate::core::recap;
use crate::tui::keymap::{Action, action_for};

impl CallState {
    pub fn handle_key(&mut self, key: &KeyEvent) -> Outcome {
        let had_message = self.message.take().is_some();
        let action = action_for(&self.scopes(), key);
        if action == Some(Action::Quit) {
            return Outcome::Quit;
        }
        // Plain typing changes only the editor; anything else may change any panel, so the
        // cached frame must be redrawn in full.
        let typing = matches!(self.focus, Focus::Answer | Focus::Notes) && action.is_none();
        if !typing || had_message {
            self.frame_version += 1;
        }
        match self.focus {
            Focus::Answer | Focus::Notes => self.key_while_typing(action, key),
            Focus::Captures { .. } => self.key_in_captures(action, key),
            Focus::Form(_) => self.key_in_form(action, key),
            Focus::Picker { .. } => self.key_in_picker(action),
            Focus::Sheet { .. } => self.key_in_sheet(action),
            Focus::Summary { .. } => self.key_in_summary(action),
            Focus::Brief => {
                if action == Some(Action::Open) {
                    self.focus = Focus::Answer;
                    if let Some(roleplay) = &mut self.roleplay {
                        roleplay.open();
                    }
                }
            }
            Focus::Moves { selected } => self.key_in_moves(action, selected),
        }
        Outcome::Stay
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
            Some(Action::Recap) => self.write_recap(),
            Some(Action::Back) => self.focus = Focus::Answer,
            Some(Action::Ask) => {
                let question = self
                    .bank
                    .question(self.at)
                    .map(|q| (q.id.clone(), q.ask.clone()));
                if let (Some(roleplay), Some((id, ask))) = (&mut self.roleplay, question) {
                    roleplay.ask(&id, &ask);
                }
            }
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
            if matches!(key.code, KeyCode::Char('y' | 'Y')) && self.selected_record < count {
                let selected = self.selected_record;
                self.account_mut().records_mut(&list.id).remove(selected);
                self.account_mut().updated = now();
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
            Some(Action::FromSheet) => match (&list.company_sheet, &self.company) {
                (None, _) => {
                    self.message =
                        Some("This list does not take items from the company sheet.".into());
                }
                (Some(_), None) => self.message = Some(self.setup.no_sheet_message()),
                (Some(_), Some(_)) => self.focus = Focus::Sheet { selected: 0 },
            },
            Some(Action::Back) => self.focus = Focus::Answer,
            _ => {}
        }
    }

    /// Tells the rep at once when a record just saved contradicts the company sheet.
    fn warn_about(&mut self, list_id: &str, index: usize) {
        let (Some(company), Some(list)) = (&self.company, self.bank.capture_list(list_id)) else {
            return;
        };
        if let Some(record) = self.account.records(list_id).get(index)
            && let Some(concern) = check(list, record, company)
        {
            self.message = Some(format!("⚠ {}", concern.message()));
        }
    }

    fn key_in_form(&mut self, action: Option<Action>, key: &KeyEvent) {
        let Focus::Form(form) = &mut self.focus else {
            return;
        };
        match action {
            Some(Action::Back) => {
                self.focus = match form.target {
                    FormTarget::NextStep => Focus::Summary { scroll: 0 },
                    FormTarget::Record { .. } => Focus::Captures {
                        confirm_delete: false,
                    },
                };
            }
            Some(Action::Save) => match form.target {
                FormTarget::NextStep => match form.next_step() {
                    Ok(next) => {
                        self.account_mut().next_step = next;
                        self.account_mut().updated = now();
                        self.mark_dirty();
                        self.focus = Focus::Summary { scroll: 0 };
                    }
                    Err(problem) => form.error = Some(problem),
                },
                FormTarget::Record { editing } => match form.record() {
                    Ok(record) => {
                        let list_id = form.list.id.clone();
                        let records = self.account_mut().records_mut(&list_id);
                        let index = match editing {
                            Some(index) if index < records.len() => {
                                records[index] = record;
                                index
                            }
                            _ => {
                                records.push(record);
                                records.len() - 1
                            }
                        };
                        self.selected_record = index;
                        self.account_mut().updated = now();
                        self.mark_dirty();
                        self.focus = Focus::Captures {
                            confirm_delete: false,
                        };
                        self.warn_about(&list_id, index);
                    }
                    Err(problem) => form.error = Some(problem),
                },
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

    /// The sheet items that can be copied, in the order the sheet panel lists them.
    pub fn sheet_items(&self) -> Vec<(Side, &crate::core::company::Item)> {
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
                    let records = self.account_mut().records_mut(&list.id);
                    records.push(record);
                    self.selected_record = records.len() - 1;
                    self.account_mut().updated = now();
                    self.mark_dirty();
                    self.message = Some("Copied from the company sheet. E edits it.".into());
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
        match action {
            Some(Action::Up) => *scroll = scroll.saturating_sub(1),
            Some(Action::Down) => *scroll = scroll.saturating_add(1),
            Some(Action::PageUp) => *scroll = scroll.saturating_sub(10),
            Some(Action::PageDown) => *scroll = scroll.saturating_add(10),
            Some(Action::NextStep) => {
                self.focus = Focus::Form(Box::new(FormState::for_next_step(
                    self.account.next_step.as_ref(),
                )));
            }
            Some(Action::Recap) => self.write_recap(),
            Some(Action::Back) => self.focus = Focus::Answer,
            _ => {}
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
                if let Some(roleplay) = &mut self.roleplay {
                    roleplay.make_move(selected);
                }
                self.focus = Focus::Answer;
            }
            Some(Action::Back) => self.focus = Focus::Answer,
            _ => {}
        }
    }

    /// Writes the markdown recap beside the account file. Rare and small, so done inline.
    fn write_recap(&mut self) {
        self.sync_editors();
        let text = recap::markdown(&self.account, &self.bank, self.company.as_ref());
        self.message = Some(match self.setup.store.write_recap(&self.path, &text) {
            Ok(path) => format!("Recap written to {}", path.display()),
            Err(err) => format!("Recap not written: {err:#}"),
        });
    }
}

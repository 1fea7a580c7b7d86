//! The small inline form that adds or edits one record of a capture list.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use ratatui_textarea::{CursorMove, TextArea};

use crate::core::account::{Draft, NextStep};
use crate::core::{CaptureList, Field, FieldKind, Record};
use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::theme::Theme;
use crate::tui::widgets::centered;

#[derive(Debug)]
pub enum Value {
    Text(Box<TextArea<'static>>),
    Choice(String),
}

/// What the form fills in when saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormTarget {
    /// A record of the capture list: the one at this index, or a new one.
    Record {
        editing: Option<usize>,
    },
    NextStep,
}

#[derive(Debug)]
pub struct FormState {
    pub list: CaptureList,
    pub target: FormTarget,
    /// Keys of the original record this form does not show (a newer bank, a hand edit).
    kept: Record,
    pub values: Vec<Value>,
    pub focus: usize,
    pub error: Option<String>,
    /// What the promise guard says about the record as typed: a warning, or the status it
    /// proposes for a new commitment. Set by the screen that owns the sheet.
    pub guard_line: Option<GuardLine>,
    /// The status the guard proposes while none is chosen: ← or → on the status takes it.
    pub proposal: Option<String>,
    /// The record being edited as it was opened: a draft keeps it, so reopening never
    /// mistakes someone else's change to that record for this one.
    original: Option<Record>,
    /// What the fields held when the form opened: Esc discards without asking only if nothing
    /// was typed since.
    pristine: Record,
    /// Esc was pressed once on a form with typing in it: the next Esc discards it.
    pub confirm_discard: bool,
    /// Where the form was opened from, and so where closing it goes back to.
    pub origin: Origin,
    /// Each step's list title (empty for a step without one): a new record can move to
    /// another with one key, named in the title.
    pub switch_to: Vec<String>,
}

/// Where a record form was opened: from its list, or with the add-a-record key while typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    List,
    Answer,
    Notes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GuardLine {
    Warning(String),
    Proposal(String),
}

/// "← or →": the keys that take the status the guard proposes.
/// "can, can't or conditional".
fn spoken_list(options: &[String]) -> String {
    match options.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => "a value".to_string(),
    }
}

pub fn take_proposal_keys() -> String {
    format!(
        "{} or {}",
        key_for(Scope::Form, Action::PreviousOption),
        key_for(Scope::Form, Action::NextOption)
    )
}

fn single_line(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![text.to_string()]);
    // One paragraph, wrapped: a long note is read whole, never scrolled sideways.
    area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    area.set_cursor_line_style(ratatui::style::Style::new());
    area.move_cursor(CursorMove::End);
    area
}

impl FormState {
    pub fn new(list: &CaptureList, existing: Option<(usize, Record)>) -> Self {
        let original = existing.as_ref().map(|(_, record)| record.clone());
        let (editing, mut kept) = match existing {
            Some((index, record)) => (Some(index), record),
            None => (None, Record::new()),
        };
        // A choice is the rep's, never assumed: a default of "can" put "We don't do custom
        // machining" under "We can", and one of "decides" made everyone a decision maker.
        let values = list
            .fields
            .iter()
            .map(|field| {
                let current = kept.remove(&field.id).unwrap_or_default();
                match field.kind {
                    FieldKind::Text => Value::Text(Box::new(single_line(&current))),
                    FieldKind::Choice => Value::Choice(current),
                }
            })
            .collect();
        let mut form = Self {
            list: list.clone(),
            target: FormTarget::Record { editing },
            kept,
            values,
            focus: 0,
            error: None,
            guard_line: None,
            proposal: None,
            original,
            pristine: Record::new(),
            confirm_discard: false,
            origin: Origin::List,
            switch_to: Vec::new(),
        };
        form.pristine = form.fields();
        form
    }

    /// The form as a draft to keep in the account file while it is open.
    pub fn draft(&self) -> Draft {
        let (list, editing) = match self.target {
            FormTarget::Record { editing } => (self.list.id.clone(), editing),
            FormTarget::NextStep => (Draft::NEXT_STEP.to_string(), None),
        };
        Draft {
            list,
            editing,
            original: editing.and(self.original.clone()),
            fields: self.fields(),
            field: self.focus,
        }
    }

    /// Puts a draft's text back into the fields, the cursor where it was.
    pub fn restore(&mut self, draft: &Draft) {
        for (field, value) in self.list.fields.iter().zip(&mut self.values) {
            let Some(text) = draft.fields.get(&field.id) else {
                continue;
            };
            match value {
                Value::Text(area) => **area = single_line(text),
                Value::Choice(choice) => choice.clone_from(text),
            }
        }
        self.focus = draft.field.min(self.values.len().saturating_sub(1));
    }

    /// Whether anything was typed or chosen since the form opened.
    pub fn changed(&self) -> bool {
        self.fields() != self.pristine
    }

    /// What the fields hold now, unchecked, with the record's other keys.
    fn fields(&self) -> Record {
        let mut record = self.kept.clone();
        for (field, value) in self.list.fields.iter().zip(&self.values) {
            let text = match value {
                Value::Text(area) => area.lines().join(" "),
                Value::Choice(choice) => choice.clone(),
            };
            if !text.is_empty() {
                record.insert(field.id.clone(), text);
            }
        }
        record
    }

    /// The next-step form: what was agreed, and by when.
    pub fn for_next_step(current: Option<&NextStep>) -> Self {
        let field = |id: &str, label: &str, required| Field {
            id: id.into(),
            label: label.into(),
            kind: FieldKind::Text,
            options: Vec::new(),
            required,
        };
        let list = CaptureList {
            id: "next-step".into(),
            title: "Next step".into(),
            label_field: "text".into(),
            fields: vec![
                field("text", "Next step", true),
                field("date", "Date (YYYY-MM-DD)", false),
            ],
            company_sheet: None,
            gone: None,
        };
        let mut record = Record::new();
        if let Some(next) = current {
            record.insert("text".into(), next.text.clone());
            if let Some(date) = next.date {
                record.insert("date".into(), date.to_string());
            }
        }
        let mut form = Self::new(&list, Some((0, record)));
        form.target = FormTarget::NextStep;
        form.original = None;
        form
    }

    /// The next step as entered, or what is wrong with it. `today` is the rep's day: a date
    /// before it would reach the customer's recap as a promise already broken, so it is
    /// refused, unless it is the date the step already had (its text can still be edited).
    pub fn next_step(
        &self,
        today: jiff::civil::Date,
        current: Option<jiff::civil::Date>,
    ) -> Result<Option<NextStep>, String> {
        let record = self.record()?;
        let text = record.get("text").cloned().unwrap_or_default();
        let date = match record
            .get("date")
            .map(|d| d.trim())
            .filter(|d| !d.is_empty())
        {
            Some(raw) => Some(
                raw.parse::<jiff::civil::Date>()
                    .map_err(|_| format!("{raw:?} is not a date like 2026-12-01."))?,
            ),
            None => None,
        };
        if let Some(date) = date
            && date < today
            && Some(date) != current
        {
            return Err(format!(
                "{date} is in the past; today is {today}. Give a date from today on, or none."
            ));
        }
        Ok(Some(NextStep::new(text, date)))
    }

    pub fn move_focus(&mut self, by: isize) {
        let n = self.values.len() as isize;
        if n > 0 {
            self.focus = (self.focus as isize + by).rem_euclid(n) as usize;
        }
    }

    pub fn on_choice(&self) -> bool {
        matches!(self.values.get(self.focus), Some(Value::Choice(_)))
    }

    pub fn cycle(&mut self, by: isize) {
        let Some(field) = self.list.fields.get(self.focus) else {
            return;
        };
        let Some(Value::Choice(value)) = self.values.get_mut(self.focus) else {
            return;
        };
        let n = field.options.len() as isize;
        if n == 0 {
            return;
        }
        // Nothing chosen yet: the first press takes the proposal. A value not among the
        // options (hand-edited) starts the cycle from the first one.
        let proposed = self
            .proposal
            .as_ref()
            .and_then(|p| field.options.iter().position(|o| o == p));
        let next = match field.options.iter().position(|o| o == value) {
            Some(pos) => (pos as isize + by).rem_euclid(n),
            None if value.is_empty() && by < 0 => proposed.unwrap_or(n as usize - 1) as isize,
            None if value.is_empty() => proposed.unwrap_or(0) as isize,
            None => 0,
        };
        *value = field.options[next as usize].clone();
        // "Choose …" is answered.
        self.error = None;
    }

    /// Types into the focused text field; true when the text changed. Backspace or Del on a
    /// choice takes the choice back, to none.
    pub fn input(&mut self, key: &KeyEvent) -> bool {
        match self.values.get_mut(self.focus) {
            Some(Value::Text(area)) => {
                self.error = None;
                area.input(*key)
            }
            Some(Value::Choice(choice))
                if matches!(key.code, KeyCode::Backspace | KeyCode::Delete)
                    && !choice.is_empty() =>
            {
                choice.clear();
                true
            }
            _ => false,
        }
    }

    /// Whether a record can move to another list: a new one, not yet tied to a record.
    pub fn can_switch_list(&self) -> bool {
        self.target == FormTarget::Record { editing: None }
    }

    /// The same new record, for another list: text under the same field id carries over,
    /// and so does the name (the old list's label field becomes the new one's).
    pub fn switch_list(&mut self, list: &CaptureList) {
        let typed = self.typed();
        let label = typed.get(&self.list.label_field).cloned();
        let mut carried = Record::new();
        for field in &list.fields {
            let value = typed
                .get(&field.id)
                .filter(|_| field.kind == FieldKind::Text)
                .cloned()
                .or_else(|| {
                    (field.id == list.label_field)
                        .then(|| label.clone())
                        .flatten()
                });
            if let Some(value) = value {
                carried.insert(field.id.clone(), value);
            }
        }
        let origin = self.origin;
        let switch_to = std::mem::take(&mut self.switch_to);
        *self = Self::new(list, None);
        self.switch_to = switch_to;
        self.restore(&Draft {
            list: list.id.clone(),
            editing: None,
            original: None,
            fields: carried,
            field: 0,
        });
        self.origin = origin;
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(Value::Text(area)) = self.values.get_mut(self.focus) {
            area.insert_str(text.replace('\n', " "));
        }
    }

    /// The record as typed so far, complete or not: what the guard reads on every key.
    pub fn typed(&self) -> Record {
        let mut record = Record::new();
        for (field, value) in self.list.fields.iter().zip(&self.values) {
            let text = match value {
                Value::Text(area) => area.lines().join(" "),
                Value::Choice(choice) => choice.clone(),
            };
            if !text.trim().is_empty() {
                record.insert(field.id.clone(), text);
            }
        }
        if let Some(item) = self.kept.get(crate::core::bank::SHEET_ITEM_KEY) {
            record.insert(crate::core::bank::SHEET_ITEM_KEY.into(), item.clone());
        }
        record
    }

    /// The record as it will be saved, or what is missing.
    pub fn record(&self) -> Result<Record, String> {
        let mut record = self.kept.clone();
        for (field, value) in self.list.fields.iter().zip(&self.values) {
            let text = match value {
                Value::Text(area) => area.lines().join(" ").trim().to_string(),
                Value::Choice(choice) => choice.clone(),
            };
            if field.required && text.is_empty() {
                return Err(format!("{} is required.", field.label));
            }
            let status = self.list.company_sheet.as_ref().map(|l| &l.status_field);
            if text.is_empty() && status == Some(&field.id) {
                // Every option by name (the label may name only two), short enough for a
                // 60-column form.
                let hint = match &self.proposal {
                    Some(p) => format!("; {} takes {p}", take_proposal_keys()),
                    None => String::new(),
                };
                return Err(format!("Choose {}{hint}.", spoken_list(&field.options)));
            }
            if !text.is_empty() {
                record.insert(field.id.clone(), text);
            }
        }
        Ok(record)
    }
}

/// How many rows a text field may take: long notes wrap and stay readable while typed.
const FOCUSED_ROWS: u16 = 5;
const OTHER_ROWS: u16 = 3;
/// The form's width, in columns, where the window is wide enough.
const FORM_WIDTH: u16 = 64;

pub fn view(frame: &mut Frame, area: Rect, form: &FormState, theme: &Theme) {
    let guard = match &form.guard_line {
        Some(GuardLine::Warning(text)) => Some(Line::styled(format!("⚠ {text}"), theme.warn())),
        Some(GuardLine::Proposal(text)) => Some(Line::styled(text.clone(), theme.dim())),
        None => None,
    };
    // The warning whole, on as many rows as it wraps to in the box: its end names the limit.
    let guard = guard.map(|line| Paragraph::new(line).wrap(Wrap { trim: true }));
    let guard_rows = guard.as_ref().map_or(0, |p| {
        let inner_width = area.width.min(FORM_WIDTH).saturating_sub(2);
        // Two rows at least: a one-line warning keeps a blank row before the hints.
        u16::try_from(p.line_count(inner_width))
            .unwrap_or(u16::MAX)
            .max(2)
    });
    let label_width = form
        .list
        .fields
        .iter()
        .map(|f| f.label.chars().count())
        .max()
        .unwrap_or(0) as u16
        + 3;
    let value_width = area
        .width
        .min(FORM_WIDTH)
        .saturating_sub(2 + label_width)
        .max(1);
    // Each field as many rows as its text wraps to, within a bound; one row each when the
    // window is too short for that.
    let wrapped = |i: usize, value: &Value| -> u16 {
        let Value::Text(text) = value else {
            return 1;
        };
        let rows = Paragraph::new(text.lines().join(" "))
            .wrap(Wrap { trim: false })
            .line_count(value_width);
        let cap = if i == form.focus {
            FOCUSED_ROWS
        } else {
            OTHER_ROWS
        };
        u16::try_from(rows).unwrap_or(cap).clamp(1, cap)
    };
    let mut field_rows: Vec<u16> = form
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| wrapped(i, v))
        .collect();
    // A blank row after each field while there is room; without them, and then with every
    // field but the one being typed in on one row, when the window is short.
    let fields = form.values.len() as u16;
    let mut gap = 1;
    if fields + 4 + guard_rows + field_rows.iter().sum::<u16>() > area.height {
        gap = 0;
        if 4 + guard_rows + field_rows.iter().sum::<u16>() > area.height {
            let others = fields.saturating_sub(1);
            let room = area.height.saturating_sub(4 + guard_rows + others).max(1);
            for (i, rows) in field_rows.iter_mut().enumerate() {
                *rows = if i == form.focus {
                    (*rows).min(room)
                } else {
                    1
                };
            }
        }
    }
    let height = fields * gap + 4 + guard_rows + field_rows.iter().sum::<u16>();
    let area = centered(area, FORM_WIDTH, height);
    frame.render_widget(Clear, area);
    let title = match form.target {
        FormTarget::Record { editing: Some(_) } => {
            format!(" Edit {} ", form.list.title.to_lowercase())
        }
        FormTarget::Record { editing: None } => {
            let others: String = form
                .switch_to
                .iter()
                .enumerate()
                .filter(|(_, title)| !title.is_empty() && **title != form.list.title)
                .map(|(step, title)| {
                    format!(
                        "· {} {} ",
                        key_for(Scope::Form, Action::SwitchList(step)),
                        title.to_lowercase()
                    )
                })
                .collect();
            format!(" Add to {} {others}", form.list.title.to_lowercase())
        }
        FormTarget::NextStep => " Next step ".to_string(),
    };
    let block = Block::bordered()
        .title(title)
        .border_style(theme.focused_border());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut rows: Vec<Constraint> = field_rows
        .iter()
        .map(|rows| Constraint::Length(rows + gap))
        .collect();
    rows.push(Constraint::Min(1));
    let cells = Layout::vertical(rows).split(inner);
    for (i, (field, value)) in form.list.fields.iter().zip(&form.values).enumerate() {
        let focused = i == form.focus;
        let [label_area, value_area] =
            Layout::horizontal([Constraint::Length(label_width), Constraint::Min(1)])
                .areas(cells[i]);
        let marker = if focused { "▶ " } else { "  " };
        let required = if field.required { "*" } else { "" };
        let label_style = if focused { theme.key() } else { theme.dim() };
        frame.render_widget(
            Paragraph::new(Line::styled(
                format!("{marker}{}{required}", field.label),
                label_style,
            )),
            label_area,
        );
        let value_rows = Rect {
            height: field_rows[i],
            ..value_area
        };
        match value {
            Value::Text(text) if focused => frame.render_widget(&**text, value_rows),
            Value::Text(text) => frame.render_widget(
                Paragraph::new(text.lines().join(" ")).wrap(Wrap { trim: false }),
                value_rows,
            ),
            Value::Choice(choice) => {
                let must = field.required
                    || form
                        .list
                        .company_sheet
                        .as_ref()
                        .is_some_and(|l| l.status_field == field.id);
                let line = choice_line(
                    &field.options,
                    choice,
                    must,
                    value_rows.width as usize,
                    theme,
                );
                frame.render_widget(Paragraph::new(line), value_rows);
            }
        }
    }
    let last = cells[cells.len() - 1];
    let [guard_area, last] =
        Layout::vertical([Constraint::Length(guard_rows), Constraint::Min(1)]).areas(last);
    if let Some(paragraph) = guard {
        frame.render_widget(paragraph, guard_area);
    }
    // The form's keys are in the screen's footer, below; one footer, spelled one way.
    if let Some(error) = &form.error {
        frame.render_widget(
            Paragraph::new(Line::styled(error.clone(), theme.warn())),
            last,
        );
    }
}

/// All options when they fit, the current one with arrows when they don't.
fn choice_line(
    options: &[String],
    choice: &str,
    must: bool,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
    let all: usize = options.iter().map(|o| o.chars().count() + 2).sum();
    if choice.is_empty() {
        // Nothing chosen: every option shown as not taken, and a mark when one must be.
        let mark = if must {
            Span::styled("? ", theme.warn())
        } else {
            Span::styled("– ", theme.dim())
        };
        if all + 2 > width {
            return Line::from(vec![
                mark,
                Span::styled(
                    format!(
                        "not chosen · {} picks",
                        key_for(Scope::Form, Action::NextOption)
                    ),
                    theme.dim(),
                ),
            ]);
        }
        let mut spans = vec![mark];
        spans.extend(
            options
                .iter()
                .map(|o| Span::styled(format!(" {o} "), theme.dim())),
        );
        return Line::from(spans);
    }
    if all <= width && options.iter().any(|o| o == choice) {
        let spans: Vec<Span> = options
            .iter()
            .map(|o| {
                let style = if o == choice {
                    theme.selected()
                } else {
                    theme.dim()
                };
                Span::styled(format!(" {o} "), style)
            })
            .collect();
        return Line::from(spans);
    }
    let position = options
        .iter()
        .position(|o| o == choice)
        .map(|p| format!("  {} of {}", p + 1, options.len()))
        .unwrap_or_default();
    Line::from(vec![
        Span::styled("◀ ", theme.key()),
        Span::styled(format!(" {choice} "), theme.selected()),
        Span::styled(" ▶", theme.key()),
        Span::styled(position, theme.dim()),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_past_date_is_refused_unless_the_step_already_had_it() {
        let overdue = NextStep::new("Send the quote".into(), Some(date(2026, 11, 20)));
        let form = FormState::for_next_step(Some(&overdue));
        let today = date(2026, 11, 25);
        // Editing an overdue step keeps its date.
        let kept = form.next_step(today, overdue.date).unwrap().unwrap();
        assert_eq!(kept.date, overdue.date);
        let problem = form.next_step(today, None).unwrap_err();
        assert!(problem.contains("2026-11-20 is in the past"), "{problem}");
    }
}

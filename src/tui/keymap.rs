//! The one table of command keys. Key handling, the footer and the help overlay all read it,
//! so what the help says is what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a key can ask the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    Back,
    NextQuestion,
    PreviousQuestion,
    Step(usize),
    GoTo,
    Captures,
    Notes,
    Summary,
    Up,
    Down,
    PageUp,
    PageDown,
    Open,
    Add,
    Edit,
    Delete,
    NextField,
    PreviousField,
    NextOption,
    PreviousOption,
    Save,
    FromSheet,
    Recap,
    CopyRecap,
    NextStep,
    /// A digit in practice: a rating, or a step.
    Pick(usize),
    Done,
    Ask,
    Moves,
    /// Role-play: move to the line where the trainee asks in their own words.
    AskLine,
    /// Yes to a question the app asked (delete this record?).
    Confirm,
    /// Take back the last change to a capture list.
    Undo,
    /// Ctrl+Z: give the shell back, like vim; `fg` returns.
    Suspend,
    /// Show or fold away what happened on the last call.
    LastTime,
    /// Mark an answer from an earlier call as still true on this one.
    ConfirmAnswer,
    /// Give the company sheet more of the screen, or less.
    WidenSheet,
    /// Read the question, the sheet and the last call in full.
    ReadAll,
    /// Find text across the account's answers, records and note.
    Search,
    /// Add a record to a capture list from anywhere on the call.
    AddRecord,
    /// Add a person (step 1's list) from anywhere on the call: one key for a name just heard.
    AddPerson,
    /// In the record form: add to another step's list instead.
    SwitchList(usize),
    /// Read the whole record, every field wrapped.
    Detail,
    /// The report's next or previous part (reps, accounts, trainees, files not read).
    NextSection,
    PreviousSection,
}

/// Which part of the screen has the keyboard; bindings of [`Scope::Global`] apply everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Global,
    Home,
    Call,
    Captures,
    /// A capture list asking whether to delete the selected record.
    ConfirmDelete,
    Form,
    Picker,
    Search,
    /// A record shown whole, read-only.
    Detail,
    Sheet,
    Summary,
    Help,
    Practice,
    PracticeTyping,
    PracticeRecite,
    PracticeYesNo,
    PracticeLearn,
    /// The end of a practice session: nothing left to reveal or rate.
    PracticeDone,
    RolePlay,
    /// The role-play's ask line: a question in the trainee's own words.
    AskLine,
    Brief,
    Moves,
    Trainer,
    /// The question, the sheet and the last call, in full.
    Reading,
    /// The trainer typing a note on the card.
    TrainerNote,
    /// Ctrl+C in a role-play: end it now?
    ConfirmEnd,
    Report,
}

impl Scope {
    pub fn title(self) -> &'static str {
        match self {
            Scope::Global => "Everywhere",
            Scope::Home => "Accounts",
            Scope::Call => "Call: typing an answer or note",
            Scope::Captures => "Call: capture list (letters typed here go to the answer)",
            Scope::ConfirmDelete => "Call: deleting a record",
            Scope::Form => "Call: record form",
            Scope::Picker => "Go to question (type 2.3 or words to filter)",
            Scope::Search => "Search (everything typed is searched for)",
            Scope::Detail => "Call: a record in full",
            Scope::Sheet => "Call: company sheet",
            Scope::Practice => "Practice",
            Scope::PracticeTyping => "Practice: filling a gap",
            Scope::PracticeRecite => "Practice: running the script (Enter starts a new line)",
            Scope::PracticeYesNo => "Practice: step guidance",
            Scope::PracticeLearn => "Practice: a new card",
            Scope::PracticeDone => "Practice: session done",
            Scope::RolePlay => "Role-play (on top of the call keys)",
            Scope::AskLine => "Role-play: own words",
            Scope::Brief => "Role-play brief",
            Scope::Moves => "Role-play: off-script moves",
            Scope::Trainer => "Trainer's card",
            Scope::Reading => "Call: reading in full (letters typed here go to the answer)",
            Scope::TrainerNote => "Trainer's card: typing a note",
            Scope::ConfirmEnd => "Role-play: Ctrl+C asks before ending",
            Scope::Report => "Team report",
            Scope::Summary => "Summary (other keys are the call's; typing goes to the answer)",
            Scope::Help => "This help (any other key closes it)",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::ALT,
    }
}

const fn plain(c: char) -> Key {
    key(KeyCode::Char(c))
}

pub struct Binding {
    pub scope: Scope,
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
    /// Short label for the footer; empty keeps the binding out of the footer.
    pub footer: &'static str,
}

const fn bind(
    scope: Scope,
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    footer: &'static str,
) -> Binding {
    Binding {
        scope,
        keys,
        action,
        help,
        footer,
    }
}

use Action as A;
use Scope as S;

/// Command keys avoid the answer editor's own keys (Ctrl+A/E/B/N/P/H/D/K/J/W/U/R/Y/X/V,
/// Alt+B/F/D/H/N/P/V/</>), except Ctrl+C, which quits here instead of copying so it can never
/// lose a call by surprise, and Ctrl+F, which searches (→ moves the cursor forward the same).
/// Order matters: the footer shows hints in this order while they fit.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(S::Global, &[ctrl('q'), ctrl('c')], A::Quit, "Save and quit", "quit"),
    bind(S::Global, &[key(KeyCode::F(1))], A::Help, "Show or hide this help", "help"),
    bind(S::Global, &[ctrl('z')], A::Suspend, "Pause disco and go back to the shell (fg returns)", ""),
    bind(S::Call, &[key(KeyCode::Tab)], A::NextQuestion, "Next question (crosses steps)", "next"),
    bind(S::Call, &[key(KeyCode::BackTab)], A::PreviousQuestion, "Previous question", ""),
    bind(S::Call, &[ctrl('g')], A::GoTo, "Go to any question", "go to"),
    bind(S::Call, &[ctrl('l')], A::Captures, "Capture list of this step (people, criteria…)", "list"),
    bind(S::Call, &[key(KeyCode::Insert), alt('a')], A::AddRecord, "Add a record (to this step's list; Alt+1…3 in the form picks another)", "add"),
    bind(S::Call, &[alt('w')], A::AddPerson, "Add a person (to step 1's list) from anywhere on the call", ""),
    bind(S::Call, &[ctrl('o')], A::Notes, "Scratch note / back to the answer", "note"),
    bind(S::Call, &[ctrl('s')], A::Summary, "Summary of the call", "summary"),
    bind(S::Call, &[ctrl('f')], A::Search, "Search the account's answers, records and note", "find"),
    bind(S::Call, &[alt('1')], A::Step(0), "Jump to step 1", ""),
    bind(S::Call, &[alt('2')], A::Step(1), "Jump to step 2", ""),
    bind(S::Call, &[alt('3')], A::Step(2), "Jump to step 3", "step"),
    bind(S::Call, &[ctrl('t')], A::Recap, "Write the customer's recap to the recaps folder", "recap"),
    bind(S::Call, &[alt('r')], A::ReadAll, "Read the question, the company sheet and the last call in full", "read all"),
    bind(S::Call, &[alt('c')], A::ConfirmAnswer, "Confirm an answer from an earlier call: still true (logged in this call)", ""),
    bind(S::Call, &[alt('l')], A::LastTime, "Show or fold away the last call (date, next step, warnings, changes)", ""),
    bind(S::Call, &[alt('e')], A::WidenSheet, "Widen the company sheet on the commitments step, or narrow it", ""),
    bind(S::Call, &[key(KeyCode::Esc)], A::Back, "Back to the answer", ""),
    bind(S::Captures, &[key(KeyCode::Up)], A::Up, "Previous record", ""),
    bind(S::Captures, &[key(KeyCode::Down)], A::Down, "Next record", ""),
    bind(S::Captures, &[key(KeyCode::Insert)], A::Add, "Add a record", "add"),
    bind(S::Captures, &[key(KeyCode::Enter)], A::Edit, "Edit the record", "edit"),
    bind(S::Captures, &[key(KeyCode::Right)], A::Detail, "Read the whole record", "read"),
    bind(S::Captures, &[key(KeyCode::Delete)], A::Delete, "Delete the record (asks first)", "delete"),
    bind(S::Captures, &[ctrl('u')], A::Undo, "Undo the last record added, changed or deleted on this call", "undo"),
    bind(S::Captures, &[alt('s')], A::FromSheet, "Copy a can or can't item from the company sheet", "from sheet"),
    bind(S::Captures, &[key(KeyCode::Esc), ctrl('l')], A::Back, "Back to the answer", "back"),
    bind(S::ConfirmDelete, &[key(KeyCode::Delete), key(KeyCode::Enter)], A::Confirm, "Delete the record", "delete"),
    bind(S::ConfirmDelete, &[key(KeyCode::Esc)], A::Back, "Keep it", "keep"),
    bind(S::Detail, &[key(KeyCode::Up)], A::Up, "Scroll the record up", ""),
    bind(S::Detail, &[key(KeyCode::Down)], A::Down, "Scroll the record down", "scroll"),
    bind(S::Detail, &[key(KeyCode::PageUp)], A::PageUp, "Page the record up", ""),
    bind(S::Detail, &[key(KeyCode::PageDown)], A::PageDown, "Page the record down", ""),
    bind(S::Detail, &[key(KeyCode::Enter)], A::Edit, "Edit this record", "edit"),
    bind(S::Detail, &[key(KeyCode::Esc), key(KeyCode::Left)], A::Back, "Back to the list", "back"),
    bind(S::Sheet, &[key(KeyCode::Up)], A::Up, "Previous item", ""),
    bind(S::Sheet, &[key(KeyCode::Down)], A::Down, "Next item", ""),
    bind(S::Sheet, &[key(KeyCode::Enter)], A::Open, "Copy the item into the list", "copy"),
    bind(S::Sheet, &[key(KeyCode::Esc)], A::Back, "Close the sheet", "close"),
    bind(S::Form, &[key(KeyCode::Tab), key(KeyCode::Down)], A::NextField, "Next field", "next field"),
    bind(S::Form, &[key(KeyCode::BackTab), key(KeyCode::Up)], A::PreviousField, "Previous field", ""),
    bind(S::Form, &[key(KeyCode::Right), plain(' ')], A::NextOption, "Next option (choice fields)", "option"),
    bind(S::Form, &[key(KeyCode::Left)], A::PreviousOption, "Previous option (choice fields)", ""),
    bind(S::Form, &[key(KeyCode::Enter)], A::Save, "Save the record", "save"),
    bind(S::Form, &[alt('1')], A::SwitchList(0), "A new record goes to step 1's list (people) instead", ""),
    bind(S::Form, &[alt('2')], A::SwitchList(1), "A new record goes to step 2's list instead", ""),
    bind(S::Form, &[alt('3')], A::SwitchList(2), "A new record goes to step 3's list instead", ""),
    bind(S::Form, &[key(KeyCode::Esc)], A::Back, "Cancel (asks first if you typed anything)", "cancel"),
    bind(S::Picker, &[key(KeyCode::Up)], A::Up, "Previous question", ""),
    bind(S::Picker, &[key(KeyCode::Down)], A::Down, "Next question", ""),
    bind(S::Picker, &[key(KeyCode::Enter)], A::Open, "Go there", "go"),
    bind(S::Picker, &[key(KeyCode::Esc), ctrl('g')], A::Back, "Close", "close"),
    bind(S::Reading, &[key(KeyCode::Up)], A::Up, "Scroll up", ""),
    bind(S::Reading, &[key(KeyCode::Down)], A::Down, "Scroll down", ""),
    bind(S::Reading, &[key(KeyCode::PageUp)], A::PageUp, "Page up", ""),
    bind(S::Reading, &[key(KeyCode::PageDown)], A::PageDown, "Page down", "scroll"),
    bind(S::Reading, &[key(KeyCode::Esc), alt('r')], A::Back, "Back to the answer", "back"),
    bind(S::Search, &[key(KeyCode::Up), key(KeyCode::BackTab)], A::Up, "Previous match", ""),
    bind(S::Search, &[key(KeyCode::Down), key(KeyCode::Tab)], A::Down, "Next match", ""),
    bind(S::Search, &[key(KeyCode::Enter)], A::Open, "Go to the match", "go"),
    bind(S::Search, &[key(KeyCode::Esc), ctrl('f')], A::Back, "Close the search", "close"),
    bind(S::Help, &[key(KeyCode::Up)], A::Up, "Scroll the help up", ""),
    bind(S::Help, &[key(KeyCode::Down)], A::Down, "Scroll the help down", ""),
    bind(S::Help, &[key(KeyCode::PageUp)], A::PageUp, "Page the help up", ""),
    bind(S::Help, &[key(KeyCode::PageDown)], A::PageDown, "Page the help down", ""),
    bind(S::Summary, &[key(KeyCode::Up)], A::Up, "Scroll up", ""),
    bind(S::Summary, &[key(KeyCode::Down)], A::Down, "Scroll down", ""),
    bind(S::Summary, &[key(KeyCode::PageUp)], A::PageUp, "Page up", ""),
    bind(S::Summary, &[key(KeyCode::PageDown)], A::PageDown, "Page down", "scroll"),
    bind(S::Summary, &[alt('n')], A::NextStep, "Set the next step and its date", "next step"),
    bind(S::Summary, &[alt('c')], A::CopyRecap, "Copy the customer's recap (plain text) to the clipboard", "copy"),
    bind(S::Summary, &[ctrl('t')], A::Recap, "Write the customer's recap to the recaps folder", "recap"),
    bind(S::Summary, &[key(KeyCode::Esc), ctrl('s')], A::Back, "Back to the call", "back"),
    bind(S::Practice, &[key(KeyCode::Enter), plain(' ')], A::Open, "Reveal the answer, or go on to the next card", "reveal / next"),
    bind(S::Practice, &[plain('1')], A::Pick(0), "Rate Again, or pick step 1", ""),
    bind(S::Practice, &[plain('2')], A::Pick(1), "Rate Hard, or pick step 2", ""),
    bind(S::Practice, &[plain('3')], A::Pick(2), "Rate Good, or pick step 3", ""),
    bind(S::Practice, &[plain('4')], A::Pick(3), "Rate Easy, or pick step 4", "rate / pick"),
    bind(S::Practice, &[plain('5')], A::Pick(4), "Pick step 5", ""),
    bind(S::Practice, &[plain('6')], A::Pick(5), "Pick step 6", ""),
    bind(S::Practice, &[plain('7')], A::Pick(6), "Pick step 7", ""),
    bind(S::Practice, &[plain('8')], A::Pick(7), "Pick step 8", ""),
    bind(S::Practice, &[plain('9')], A::Pick(8), "Pick step 9", ""),
    bind(S::Practice, &[key(KeyCode::Up)], A::Up, "Highlight the step above (Enter picks it)", ""),
    bind(S::Practice, &[key(KeyCode::Down)], A::Down, "Highlight the step below", ""),
    bind(S::Practice, &[key(KeyCode::Esc)], A::Quit, "Stop practising (progress is saved)", ""),
    bind(S::PracticeTyping, &[key(KeyCode::Enter)], A::Open, "Check the answer", "check"),
    bind(S::PracticeYesNo, &[plain('y')], A::Pick(0), "Answer yes", "yes"),
    bind(S::PracticeYesNo, &[plain('n')], A::Pick(1), "Answer no", "no"),
    bind(S::PracticeYesNo, &[key(KeyCode::Esc)], A::Quit, "Stop practising (progress is saved)", ""),
    bind(S::PracticeLearn, &[key(KeyCode::Enter), plain(' ')], A::Open, "Learned: on to the next card", "next"),
    bind(S::PracticeLearn, &[key(KeyCode::Esc)], A::Quit, "Stop practising (progress is saved)", ""),
    bind(S::PracticeDone, &[key(KeyCode::Esc), key(KeyCode::Enter)], A::Quit, "Leave practice (progress is saved)", "leave"),
    bind(S::PracticeRecite, &[ctrl('g')], A::Done, "Finish reciting and compare with the script", "done"),
    bind(S::RolePlay, &[key(KeyCode::F(2))], A::Ask, "Ask the customer the current question", "ask"),
    bind(S::RolePlay, &[key(KeyCode::F(3))], A::Moves, "Make an off-script move (quote a price…)", "move"),
    bind(S::RolePlay, &[key(KeyCode::F(4))], A::AskLine, "Ask the customer in your own words", "own words"),
    bind(S::RolePlay, &[key(KeyCode::PageUp)], A::PageUp, "Scroll the conversation back", ""),
    bind(S::RolePlay, &[key(KeyCode::PageDown)], A::PageDown, "Scroll the conversation on", ""),
    bind(S::AskLine, &[key(KeyCode::Enter)], A::Open, "Send the question to the customer", "send"),
    bind(S::AskLine, &[key(KeyCode::PageUp)], A::PageUp, "Scroll the conversation back", ""),
    bind(S::AskLine, &[key(KeyCode::PageDown)], A::PageDown, "Scroll the conversation on", ""),
    bind(S::AskLine, &[key(KeyCode::Esc)], A::Back, "Back to the answer (what you typed stays)", "back"),
    bind(S::Brief, &[key(KeyCode::Enter)], A::Open, "Start the call", "start"),
    bind(S::Moves, &[key(KeyCode::Up)], A::Up, "Previous move", ""),
    bind(S::Moves, &[key(KeyCode::Down)], A::Down, "Next move", ""),
    bind(S::Moves, &[key(KeyCode::Enter)], A::Open, "Make the move", "make it"),
    bind(S::Moves, &[key(KeyCode::Esc)], A::Back, "Back to the call", "back"),
    bind(S::Trainer, &[key(KeyCode::Up)], A::Up, "Previous row: question, move, push or fact", ""),
    bind(S::Trainer, &[key(KeyCode::Down)], A::Down, "Next row: your reply or reaction in full", "next"),
    bind(S::Trainer, &[plain('1')], A::Pick(0), "Tick fact 1 as uncovered", ""),
    bind(S::Trainer, &[plain('2')], A::Pick(1), "Tick fact 2", ""),
    bind(S::Trainer, &[plain('3')], A::Pick(2), "Tick fact 3", ""),
    bind(S::Trainer, &[plain('4')], A::Pick(3), "Tick fact 4", ""),
    bind(S::Trainer, &[plain('5')], A::Pick(4), "Tick fact 5", ""),
    bind(S::Trainer, &[plain('6')], A::Pick(5), "Tick fact 6", "tick fact"),
    bind(S::Trainer, &[plain('n')], A::Notes, "Write a note for the debrief", "note"),
    bind(S::Trainer, &[key(KeyCode::Esc)], A::Quit, "End the role-play, save it and print the checklist", ""),
    bind(S::ConfirmEnd, &[plain('y'), key(KeyCode::Enter)], A::Confirm, "End the role-play and see the debrief", "end it"),
    bind(S::ConfirmEnd, &[key(KeyCode::Esc)], A::Back, "Keep playing (so does any other key)", "keep playing"),
    bind(S::TrainerNote, &[key(KeyCode::Enter)], A::Save, "Keep the note", "keep"),
    bind(S::TrainerNote, &[key(KeyCode::Esc)], A::Back, "Drop the note", "drop"),
    bind(S::Home, &[key(KeyCode::Up)], A::Up, "Previous account", ""),
    bind(S::Home, &[key(KeyCode::Down)], A::Down, "Next account", ""),
    bind(S::Home, &[key(KeyCode::Enter)], A::Open, "Open the account, or create the one typed", "open"),
    bind(S::Home, &[key(KeyCode::Esc)], A::Back, "Clear the name typed; quit when there is none", ""),
    bind(S::Report, &[key(KeyCode::Tab), key(KeyCode::Right)], A::NextSection, "Next part: reps, accounts, trainees, files not read", "part"),
    bind(S::Report, &[key(KeyCode::BackTab), key(KeyCode::Left)], A::PreviousSection, "Previous part", ""),
    bind(S::Report, &[key(KeyCode::Enter)], A::Open, "On a rep: their accounts", "accounts"),
    bind(S::Report, &[key(KeyCode::Up)], A::Up, "Previous row: its charts show below", ""),
    bind(S::Report, &[key(KeyCode::Down)], A::Down, "Next row", "row"),
    bind(S::Report, &[key(KeyCode::PageUp)], A::PageUp, "Page up", ""),
    bind(S::Report, &[key(KeyCode::PageDown)], A::PageDown, "Page down", ""),
    bind(S::Report, &[key(KeyCode::Esc)], A::Quit, "Close the report", ""),
];

/// What the answer editor does with its own keys, for the help overlay.
pub(crate) const EDITOR_KEYS: &[(&str, &str)] = &[
    ("Enter", "New line in the answer"),
    (
        "Tab",
        "Moves to the next question; it does not insert a tab",
    ),
    ("Ctrl+C", "Saves and quits; it does not copy"),
    ("Ctrl+A / Ctrl+E", "Start / end of line"),
    ("Ctrl+W, Alt+Backspace", "Delete the word before the cursor"),
    ("Ctrl+K / Ctrl+J", "Delete to end / start of line"),
    ("Ctrl+U / Ctrl+R", "Undo / redo"),
    ("Ctrl+X / Ctrl+Y", "Cut / paste the selection"),
    ("Arrows, Home, End", "Move the cursor"),
];

/// The keys of `binding` as the rep's config file set them (the table's when it did not).
pub(crate) fn keys_of(binding: &Binding) -> Vec<Key> {
    super::settings::with(|settings| {
        settings
            .keys
            .get(&(binding.scope, binding.action))
            .cloned()
            .unwrap_or_else(|| binding.keys.to_vec())
    })
}

fn normalize(event: &KeyEvent) -> Key {
    let mut modifiers = event.modifiers;
    let code = match event.code {
        // Terminals differ in whether Shift+Tab carries SHIFT; BackTab alone says it.
        KeyCode::BackTab => {
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        KeyCode::Char(c) if modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::Char(c.to_ascii_lowercase())
        }
        // A letter is named in capitals ("Y yes"), so either case is the key the label names.
        KeyCode::Char(c) => {
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::Char(c.to_ascii_lowercase())
        }
        code => code,
    };
    Key { code, modifiers }
}

/// The action bound to `event` in the first of `scopes` that binds it, falling back to the
/// global bindings. Several scopes layer one mode on another (a role-play over a call).
pub(crate) fn action_for(scopes: &[Scope], event: &KeyEvent) -> Option<Action> {
    let pressed = normalize(event);
    super::settings::with(|settings| {
        let keys = |b: &Binding| match settings.keys.get(&(b.scope, b.action)) {
            Some(keys) => keys.contains(&pressed),
            None => b.keys.contains(&pressed),
        };
        scopes.iter().copied().chain([Scope::Global]).find_map(|s| {
            BINDINGS
                .iter()
                .filter(|b| b.scope == s)
                .find(|b| keys(b))
                .map(|b| b.action)
        })
    })
}

/// `compact` gives the footer's short form (`^L` for Ctrl+L) when the full one doesn't fit.
pub(crate) fn key_label(key: &Key, compact: bool) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_ascii_uppercase().to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::BackTab if compact => "S-Tab".into(),
        KeyCode::BackTab => "Shift+Tab".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Insert => "Ins".into(),
        KeyCode::Delete => "Del".into(),
        other => format!("{other:?}"),
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        if compact {
            format!("^{name}")
        } else {
            format!("Ctrl+{name}")
        }
    } else if key.modifiers.contains(KeyModifiers::ALT) {
        format!("Alt+{name}")
    } else {
        name
    }
}

/// A key that types a character (no Ctrl or Alt): it belongs to whatever takes text, never to
/// a command; lists, pickers and the help hand it on instead of dropping it.
pub(crate) fn is_typing(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// The first key bound to `action` in `scope`, named as the help names it. Text that names a
/// key takes it from here, so a hint can never drift from what the key does.
pub(crate) fn key_for(scope: Scope, action: Action) -> String {
    BINDINGS
        .iter()
        .find(|b| b.scope == scope && b.action == action)
        .and_then(|b| keys_of(b).first().map(|k| key_label(k, false)))
        .unwrap_or_default()
}

/// Every key bound to `action` in `scope`, named as the help names them (a letter bound in both
/// cases once), for text that must say exactly which keys do it.
pub(crate) fn keys_for(scope: Scope, action: Action) -> Vec<String> {
    let mut labels: Vec<String> = BINDINGS
        .iter()
        .filter(|b| b.scope == scope && b.action == action)
        .flat_map(|b| keys_of(b).into_iter().map(|k| key_label(&k, false)))
        .collect();
    labels.dedup();
    labels
}

/// `↑↓`, or whatever moves up and down in `scope`.
pub(crate) fn up_down(scope: Scope) -> String {
    key_for(scope, Action::Up) + &key_for(scope, Action::Down)
}

pub(crate) fn keys_label(binding: &Binding) -> String {
    let mut labels: Vec<String> = keys_of(binding)
        .iter()
        .map(|k| key_label(k, false))
        .collect();
    // A letter bound in both cases is named once.
    labels.dedup();
    labels.join(", ")
}

/// `Alt+1-3`, or the step keys as the rep's config set them (`F7/F8/F9`).
fn step_keys(scope: Scope, compact: bool) -> String {
    let steps: Vec<&Binding> = BINDINGS
        .iter()
        .filter(|b| b.scope == scope && matches!(b.action, Action::Step(_)))
        .collect();
    if steps.iter().all(|b| keys_of(b) == b.keys) {
        return "Alt+1-3".into();
    }
    steps
        .iter()
        .filter_map(|b| keys_of(b).first().map(|k| key_label(k, compact)))
        .collect::<Vec<_>>()
        .join("/")
}

/// How much a footer hint matters when not all fit, most first: 0 is never dropped (quit,
/// help); then the way back and the summary; then what the place is for; then moving around
/// and what the help tells anyway. A hint of a scope underneath (the call's, under a list or a
/// role-play) counts one kind less than the top scope's.
fn footer_rank(binding: &Binding, underneath: bool) -> u8 {
    let rank = match binding.action {
        _ if binding.scope == Scope::Global => return 0,
        Action::Back | Action::Summary | Action::Save => 1,
        // Mid-call the recap waits for the summary, whose footer has room for it.
        Action::Recap if binding.scope == Scope::Call => 4,
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::NextField
        | Action::PreviousField
        | Action::NextOption
        | Action::PreviousOption
        | Action::Step(_)
        | Action::GoTo
        | Action::Search
        | Action::Edit
        | Action::Detail
        | Action::Delete
        | Action::Undo => 4,
        _ => 2,
    };
    rank + u8::from(underneath)
}

/// Footer hints for scopes: their own bindings first, then the global ones; each with its
/// rank (`footer_rank`: 0 is kept whatever the width). `picks` is how many of the trainer's
/// number keys tick something (a scenario's facts), so the hint shows only those; `None` shows
/// every one the table binds.
pub(crate) fn footer(
    scopes: &[Scope],
    compact: bool,
    picks: Option<usize>,
) -> Vec<(String, &'static str, u8)> {
    let own = scopes.iter().enumerate().flat_map(|(i, s)| {
        BINDINGS
            .iter()
            .filter(move |b| b.scope == *s)
            .map(move |b| (b, i > 0))
    });
    let global = BINDINGS
        .iter()
        .filter(|b| b.scope == Scope::Global)
        .map(|b| (b, false));
    own.chain(global)
        .filter(|(b, _)| !b.footer.is_empty())
        .filter_map(|(b, underneath)| {
            let label = match b.action {
                // The three step keys share one hint.
                Action::Step(_) => step_keys(b.scope, compact),
                Action::Pick(_) if b.scope == Scope::Trainer => {
                    let bound = picks_bound(Scope::Trainer);
                    match picks.unwrap_or(bound).min(bound) {
                        0 => return None,
                        1 => "1".to_string(),
                        n => format!("1-{n}"),
                    }
                }
                Action::Pick(_) => "1-4".to_string(),
                _ => keys_of(b)
                    .first()
                    .map(|k| key_label(k, compact))
                    .unwrap_or_default(),
            };
            Some((label, b.footer, footer_rank(b, underneath)))
        })
        .collect()
}

/// How many number keys `scope` binds to a pick.
fn picks_bound(scope: Scope) -> usize {
    BINDINGS
        .iter()
        .filter(|b| b.scope == scope && matches!(b.action, Action::Pick(_)))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEvent;

    #[test]
    fn the_trainer_footer_names_only_the_fact_keys_that_tick_a_fact() {
        let tick = |picks| {
            footer(&[Scope::Trainer], false, picks)
                .into_iter()
                .find(|(_, label, _)| *label == "tick fact")
                .map(|(keys, _, _)| keys)
        };
        assert_eq!(tick(Some(4)).as_deref(), Some("1-4"));
        assert_eq!(tick(Some(1)).as_deref(), Some("1"));
        assert_eq!(tick(Some(9)).as_deref(), Some("1-6"), "six keys are bound");
        assert_eq!(tick(None).as_deref(), Some("1-6"));
        assert_eq!(tick(Some(0)), None);
    }

    #[test]
    fn scoped_bindings_win_and_globals_apply_everywhere() {
        let tab = KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE);
        assert_eq!(action_for(&[Scope::Call], &tab), Some(Action::NextQuestion));
        assert_eq!(action_for(&[Scope::Form], &tab), Some(Action::NextField));
        let quit = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert_eq!(action_for(&[Scope::Form], &quit), Some(Action::Quit));
        let shift_tab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(
            action_for(&[Scope::Call], &shift_tab),
            Some(Action::PreviousQuestion)
        );
    }

    #[test]
    fn plain_letters_are_never_commands_while_typing_or_in_a_list() {
        // A rep types at a capture list as often as at an answer: "dyson" once deleted a person.
        for scopes in [
            &[Scope::Call][..],
            &[Scope::Captures, Scope::Call],
            &[Scope::ConfirmDelete],
            &[Scope::Form],
            &[Scope::Summary],
        ] {
            for c in ('a'..='z').chain('0'..='9') {
                let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
                assert_eq!(action_for(scopes, &event), None, "{c} in {scopes:?}");
                let shifted =
                    KeyEvent::new(KeyCode::Char(c.to_ascii_uppercase()), KeyModifiers::SHIFT);
                assert_eq!(action_for(scopes, &shifted), None, "{c} in {scopes:?}");
            }
        }
    }

    #[test]
    fn a_letter_named_in_capitals_works_in_either_case() {
        // The footer says "Y yes"; a rep with Caps Lock on or Shift held pressed Y and nothing
        // happened.
        for c in ['y', 'Y'] {
            let event = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            assert_eq!(
                action_for(&[Scope::PracticeYesNo], &event),
                Some(Action::Pick(0))
            );
        }
        assert_eq!(key_for(Scope::PracticeYesNo, Action::Pick(0)), "Y");
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                let clash = a.keys.iter().any(|k| b.keys.contains(k));
                let shared =
                    a.scope == b.scope || a.scope == Scope::Global || b.scope == Scope::Global;
                assert!(
                    !(clash && shared),
                    "{:?} and {:?} share a key",
                    a.action,
                    b.action
                );
            }
        }
    }
}

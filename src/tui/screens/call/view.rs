//! Lays out the call screen's panels. Reads state only.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{
    CallState, Focus, captures, detail, header, outline, question, roleplay, sheet, summary,
};
use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::overlays::{form, picker, search};
use crate::tui::terminal::screen::{FrameKey, Parts, Spots};
use crate::tui::theme::Theme;
use crate::tui::widgets::{fit_words, hints_line};

/// Wide enough for the capture list to get its own column.
const THREE_COLUMNS: u16 = 110;

/// What a full frame was drawn from; while it stays the same, a keystroke can only have
/// changed the header and the answer box. The screen layer keeps it as an opaque `FrameKey`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct DrawnFrom {
    version: u64,
    area: Rect,
    failed: bool,
    current_answered: bool,
    editor_title: EditorTitle,
    /// The cursor's line and the line count of the box being typed in: its scroll position,
    /// shown on its border when the text is taller than the box.
    position: Option<(usize, usize)>,
}

/// Which title the answer box has; worked out for every key, so no text is made for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum EditorTitle {
    Notes,
    Answer,
    /// What the customer said on an earlier call, not yet changed: confirm it or change it.
    /// The day, where the rep is, the answer was given.
    Earlier(jiff::civil::Date),
}

impl EditorTitle {
    fn text(self) -> String {
        match self {
            EditorTitle::Notes => format!(
                " Scratch note · {} back to the answer ",
                key_for(Scope::Call, Action::Notes)
            ),
            EditorTitle::Answer => " Answer · type as you listen ".to_string(),
            EditorTitle::Earlier(when) => format!(
                " Answer from {} · confirm or change ",
                when.strftime("%-d %b %Y")
            ),
        }
    }
}

/// The key of a frame whose typing parts can later be redrawn alone; `None` when the rep is
/// not typing (every key may then change any panel).
pub fn frame_key(area: Rect, state: &CallState) -> Option<FrameKey> {
    matches!(state.focus, Focus::Answer | Focus::Notes).then(|| {
        FrameKey::of(&DrawnFrom {
            version: state.frame_version,
            area,
            failed: matches!(state.status(), super::SaveStatus::Failed(_)),
            current_answered: state.current_answered(),
            editor_title: editor_title(state),
            position: editor_position(state),
        })
    })
}

/// Draws only the answer box, and the header if it changed, each into a buffer of `parts`, when
/// the last full frame was drawn from `drawn` (with its typing parts at `spots`) and nothing else
/// has changed since. Laying out and wrapping every panel, then diffing the whole screen, for
/// each key made disco echo slower than vim (BENCHMARKS.md); the terminal layer writes just
/// these cells.
pub fn echo(
    area: Rect,
    state: &CallState,
    drawn: &FrameKey,
    spots: &mut Spots,
    parts: &mut Parts,
    theme: &Theme,
) -> bool {
    if frame_key(area, state).as_ref() != Some(drawn) {
        return false;
    }
    editor(state).render(spots.typing, parts.next(spots.typing));
    // The header changes once a second, and when a save starts or ends; not with every key.
    let head_shows = FrameKey::of(&header::changing(state));
    if head_shows != spots.status_shows {
        header::render(spots.status, parts.next(spots.status), state, theme);
        spots.status_shows = head_shows;
    }
    true
}

/// Draws the whole call screen and says where the answer box and the header went (`None` when
/// the summary fills it), for the screen layer to keep until the next full frame.
pub fn view(frame: &mut Frame, area: Rect, state: &CallState, theme: &Theme) -> Option<Spots> {
    let failure = header::failure_line(state, theme);
    let [head, warning, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(u16::from(failure.is_some())),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    header::render(head, frame.buffer_mut(), state, theme);
    if let Some(line) = failure {
        frame.render_widget(Paragraph::new(line), warning);
    }
    let footer = match &state.message {
        Some(message) => Line::styled(
            fit_words(&format!(" {message}"), usize::from(foot.width)),
            theme.warn(),
        ),
        None => hints_line(&state.scopes(), theme, foot.width),
    };
    frame.render_widget(Paragraph::new(footer), foot);

    if let Focus::Summary { scroll } = state.focus {
        summary::view(frame, body, state, scroll, theme);
        return None;
    }
    let has_list = state.current_list().is_some();
    let outline_width = (body.width / 4).clamp(22, 36);
    let (outline_area, main, list_area) = if body.width >= THREE_COLUMNS && has_list {
        let [o, m, l] = Layout::horizontal([
            Constraint::Length(outline_width),
            Constraint::Min(40),
            Constraint::Length(body.width / 4),
        ])
        .areas(body);
        (o, m, Some(l))
    } else {
        let [o, m] = Layout::horizontal([Constraint::Length(outline_width), Constraint::Min(30)])
            .areas(body);
        (o, m, None)
    };
    outline::view(frame, outline_area, state, theme);

    let with_sheet = state
        .current_list()
        .is_some_and(|l| l.company_sheet.is_some());
    let list_rows = match (list_area.is_none() && has_list, with_sheet) {
        (false, _) => 0,
        (true, false) => 6,
        (true, true) => 8,
    };
    // A role-play needs the room for the conversation: the question on screen matters less
    // when the trainee asks in their own words, and a short list still shows its records.
    let (question_cap, list_rows) = match (&state.roleplay, list_rows) {
        (Some(_), 0) => (4, 0),
        (Some(_), rows) if main.height < 20 => (4, rows.min(3)),
        (Some(_), rows) => (4, rows.min(4)),
        (None, rows) => (u16::MAX, rows),
    };
    let question_rows = question::wanted_height(state, theme, main.width)
        .min(main.height.saturating_sub(list_rows + 4) * 3 / 5)
        .min(question_cap)
        .max(4);
    let [question_area, answer_area, below] = Layout::vertical([
        Constraint::Length(question_rows),
        Constraint::Min(3),
        Constraint::Length(list_rows),
    ])
    .areas(main);
    question::view(frame, question_area, state, theme);
    let editor_area = match &state.roleplay {
        Some(roleplay) => {
            let [talk, typing] =
                Layout::vertical([Constraint::Min(3), Constraint::Length(4)]).areas(answer_area);
            let asking = matches!(state.focus, Focus::AskLine);
            roleplay::transcript(frame, talk, roleplay, asking, theme);
            answer(frame, typing, state, theme)
        }
        None => answer(frame, answer_area, state, theme),
    };
    let lists_area = list_area.or((list_rows > 0).then_some(below));
    if let Some(area) = lists_area {
        if with_sheet {
            // Commitments beside (or above) the sheet they are checked against.
            let split = if list_area.is_some() {
                Layout::vertical
            } else {
                Layout::horizontal
            };
            let [records, reference] =
                split([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
            captures::view(frame, records, state, theme);
            sheet::panel(frame, reference, state, theme);
        } else {
            captures::view(frame, area, state, theme);
        }
    }
    match &state.focus {
        Focus::Form(form_state) => form::view(frame, body, form_state, theme),
        Focus::Picker { selected, filter } => {
            picker::view(frame, body, state, *selected, filter, theme)
        }
        Focus::Search(search) => {
            search::view(frame, body, search, &state.bank, &state.account, theme)
        }
        Focus::Detail { scroll } => detail::view(frame, body, state, *scroll, theme),
        Focus::Sheet { selected } => sheet::picker(frame, body, state, *selected, theme),
        Focus::Brief => {
            if let Some(r) = &state.roleplay {
                roleplay::brief(frame, body, r, theme);
            }
        }
        Focus::Moves { selected } => {
            if let Some(r) = &state.roleplay {
                roleplay::moves(frame, body, r, *selected, theme);
            }
        }
        _ => {}
    }
    Some(Spots {
        typing: editor_area,
        status: head,
        status_shows: FrameKey::of(&header::changing(state)),
    })
}

fn editor(state: &CallState) -> &ratatui_textarea::TextArea<'static> {
    match state.focus {
        Focus::Notes => &state.notes,
        _ => &state.answer,
    }
}

fn editor_title(state: &CallState) -> EditorTitle {
    if let Focus::Notes = state.focus {
        return EditorTitle::Notes;
    }
    let id = state.question_id();
    match state.account.answer_is_from_earlier_call(&id) {
        // Compared line by line, so a long answer costs no copy per key.
        Some(when)
            if state
                .answer
                .lines()
                .iter()
                .map(String::as_str)
                .eq(state.account.answer(&id).split('\n')) =>
        {
            EditorTitle::Earlier(state.setup.zone.to_datetime(when).date())
        }
        _ => EditorTitle::Answer,
    }
}

/// The guard's finding in the text being typed, on the box's lower border: beside the words.
/// The whole message when it fits in `width` columns, else its brief (the words, what to do
/// and the limit), else just the words and the limit: a narrow window still shows what to
/// change and why, never half a sentence.
fn guard_line(state: &CallState, theme: &Theme, width: usize) -> Option<Line<'static>> {
    let found = match state.focus {
        Focus::Notes => &state.text_warnings.notes,
        _ => &state.text_warnings.answer,
    };
    let first = found.first()?;
    let more = match found.len() {
        1 => Vec::new(),
        n => vec![
            format!(
                " (+{} more, {} lists them)",
                n - 1,
                key_for(Scope::Call, Action::Summary)
            ),
            format!(" (+{})", n - 1),
        ],
    };
    let (message, brief, tight) = (first.message(), first.brief(), first.tight());
    let mut forms: Vec<String> = Vec::new();
    for text in [&message, &brief, &tight] {
        forms.extend(more.iter().map(|m| format!(" ⚠ {text}{m} ")));
        forms.push(format!(" ⚠ {text} "));
    }
    let fits = forms.iter().find(|f| f.width() <= width);
    let text = fits.cloned().unwrap_or_else(|| {
        format!(
            " {} ",
            fit_words(&format!("⚠ {tight}"), width.saturating_sub(2))
        )
    });
    Some(Line::styled(text, theme.warn()))
}

/// Which line of how many the cursor is on, when the text has more than one.
fn editor_position(state: &CallState) -> Option<(usize, usize)> {
    let area = editor(state);
    let count = area.lines().len();
    (count > 1).then(|| (area.cursor().0 + 1, count))
}

/// Draws the answer (or note) box; returns the editor's inner area.
fn answer(frame: &mut Frame, area: Rect, state: &CallState, theme: &Theme) -> Rect {
    let typing = matches!(state.focus, Focus::Answer | Focus::Notes);
    let mut block = Block::bordered()
        .title(editor_title(state).text())
        .border_style(if typing {
            theme.focused_border()
        } else {
            theme.dim()
        });
    let position = editor_position(state)
        .filter(|(_, count)| *count > usize::from(area.height.saturating_sub(2)))
        .map(|(line, count)| Line::styled(format!(" line {line} of {count} "), theme.dim()));
    // Between the corners, beside the position when it shows.
    let room = usize::from(area.width.saturating_sub(2))
        .saturating_sub(position.as_ref().map_or(0, |p| p.width() + 1));
    if let Some(line) = guard_line(state, theme, room) {
        block = block.title_bottom(line);
    }
    if let Some(position) = position {
        block = block.title_bottom(position.right_aligned());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(editor(state), inner);
    inner
}

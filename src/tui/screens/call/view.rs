//! Lays out the call screen's panels. Reads state only.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget};
use unicode_width::UnicodeWidthStr;

use super::{
    CallState, Focus, captures, detail, header, last_time_panel, outline, question, reading,
    roleplay, sheet, summary,
};
use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::overlays::{form, picker, search};
use crate::tui::terminal::screen::{FrameKey, Parts, Spots};
use crate::tui::theme::Theme;
use crate::tui::widgets::{fit_words, hints_line};

/// Wide enough for the capture list to get its own column.
const THREE_COLUMNS: u16 = 110;
/// Wide enough for the script outline beside the question.
const OUTLINE_FROM: u16 = 80;
/// The question's column never gets narrower than this for the outline's sake.
const MAIN_MIN: u16 = 40;
/// Rows of the answer box (with its borders) that nothing takes away.
const ANSWER_MIN: u16 = 3;
/// A panel with fewer rows than this shows nothing but its borders: it is left out.
const PANEL_MIN: u16 = 3;
/// Rows of the question in a role-play, borders included.
const ROLEPLAY_QUESTION: u16 = 4;
/// The smallest window the call screen is drawn in; below it, the too-small notice.
pub const MIN_SIZE: (u16, u16) = (40, 12);

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
    /// An earlier answer the rep confirmed on this call.
    Confirmed,
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
                " Answer from {} · confirm ({}) or change ",
                when.strftime("%-d %b %Y"),
                key_for(Scope::Call, Action::ConfirmAnswer)
            ),
            EditorTitle::Confirmed => " Answer · confirmed on this call ".to_string(),
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
    if let Focus::Reading { scroll } = state.focus {
        reading::view(frame, body, state, scroll, theme);
        return None;
    }
    let has_list = state.current_list().is_some();
    let with_sheet = state
        .current_list()
        .is_some_and(|l| l.company_sheet.is_some());
    // The list gets a column of its own in a wide window; the widened sheet takes half of
    // any window wide enough to leave the question a readable column.
    let widened = with_sheet && state.sheet_wide && body.width >= OUTLINE_FROM;
    let side_width = match (body.width >= THREE_COLUMNS && has_list, widened) {
        (_, true) => body.width / 2,
        (true, false) => body.width / 4,
        (false, false) => 0,
    };
    let (mut outline_area, mut main, mut side) = columns(body, side_width);
    let mut rows = plan_rows(state, theme, main, has_list && side_width == 0, with_sheet);
    // A window too short for the list below the answer, but wide enough, gets it beside.
    if has_list && side_width == 0 && rows.band == 0 && body.width >= OUTLINE_FROM {
        (outline_area, main, side) = columns(body, body.width / 3);
        rows = plan_rows(state, theme, main, false, with_sheet);
    }
    if outline_area.width > 0 {
        outline::view(frame, outline_area, state, theme);
    }
    let [last_area, question_area, answer_area, below] = stack(main, &rows);
    if rows.last > 0 {
        last_time_panel::view(frame, last_area, state, theme);
    }
    question::view(frame, question_area, state, theme, rows.question_full);
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
    if side.width > 0 {
        lists(frame, side, state, theme, with_sheet, true);
    } else if rows.band > 0 {
        lists(frame, below, state, theme, with_sheet, state.sheet_wide);
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

/// The outline, the main column and a side column of `side_width`. The script outline is the
/// first to go: the header and the question's title say where the call is, and the question
/// needs the columns more.
fn columns(body: Rect, side_width: u16) -> (Rect, Rect, Rect) {
    let outline_width = (body.width / 4).clamp(22, 36);
    let show_outline = body.width >= OUTLINE_FROM
        && body.width.saturating_sub(side_width + outline_width) >= MAIN_MIN;
    let [outline, main, side] = Layout::horizontal([
        Constraint::Length(if show_outline { outline_width } else { 0 }),
        Constraint::Min(1),
        Constraint::Length(side_width),
    ])
    .areas(body);
    (outline, main, side)
}

/// Rows of the main column, top to bottom; the answer box gets the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rows {
    last: u16,
    question: u16,
    band: u16,
    /// Rows the whole question takes (borders included), already measured: the panel need
    /// not wrap it twice.
    question_full: u16,
}

/// Shares the main column's rows out in order of need: the question itself, a few rows to type
/// in, its listen-for and first follow-up, the last call (half of what is left at first), the
/// capture list and the sheet, then the rest of each; the answer box gets what remains.
fn plan_rows(
    state: &CallState,
    theme: &Theme,
    main: Rect,
    band_in_main: bool,
    with_sheet: bool,
) -> Rows {
    // Two lines to type in once the window allows it (one at the smallest sizes).
    // A role-play's box holds the conversation above the answer (`roleplay::transcript`).
    let answer_min = match (state.roleplay.is_some(), main.height >= 16) {
        (true, _) => 7,
        (false, true) => ANSWER_MIN + 1,
        (false, false) => ANSWER_MIN,
    };
    let mut left = main.height.saturating_sub(answer_min);
    let mut wanted = question::heights(state, theme, main.width);
    // What the whole question takes, before a role-play caps what it is given.
    let question_full = wanted.full;
    // A role-play needs the room for the conversation: the question on screen matters less
    // when the trainee asks in their own words.
    if state.roleplay.is_some() {
        wanted = question::Heights {
            ask: wanted.ask.min(ROLEPLAY_QUESTION),
            core: wanted.core.min(ROLEPLAY_QUESTION),
            full: wanted.full.min(ROLEPLAY_QUESTION),
        };
    }
    let mut question = take(&mut left, wanted.ask);
    question += take(&mut left, wanted.core.saturating_sub(question));
    let last_wanted = last_time_panel::wanted_height(state, theme, main.width);
    // Half of what is left, and at least a line with the ellipsis under it.
    let share = (left / 2).max(PANEL_MIN + 1);
    let mut last = take_panel(&mut left, last_wanted.min(share));
    let band_wanted = match (band_in_main, &state.roleplay) {
        (false, _) => 0,
        // A short list still shows its records beside the conversation.
        (true, Some(_)) if main.height < 20 => {
            band_height(state, theme, main.width, with_sheet).min(4)
        }
        (true, _) => band_height(state, theme, main.width, with_sheet),
    };
    let band = take_panel(&mut left, band_wanted);
    last = match last {
        0 => take_panel(&mut left, last_wanted),
        _ => last + take(&mut left, last_wanted - last),
    };
    // The goal and the tips only from rows the answer box can spare: a third stays for typing.
    let spare = left.saturating_sub((main.height / 3).saturating_sub(answer_min));
    question += wanted.full.saturating_sub(question).min(spare);
    Rows {
        last,
        question,
        band,
        question_full,
    }
}

/// Up to `want` of the rows `left`.
fn take(left: &mut u16, want: u16) -> u16 {
    let got = want.min(*left);
    *left -= got;
    got
}

/// Rows for a panel: none rather than too few to show a line.
fn take_panel(left: &mut u16, want: u16) -> u16 {
    if want.min(*left) < PANEL_MIN {
        return 0;
    }
    take(left, want)
}

/// Rows the capture list (and the sheet beside or above it) would like below the answer.
fn band_height(state: &CallState, theme: &Theme, width: u16, with_sheet: bool) -> u16 {
    // A row per record and one for "None yet", up to six rows with the borders.
    let records = state
        .current_list()
        .map_or(0, |l| state.account.records(&l.id).len());
    let list = (records.max(1) as u16 + 2).min(6);
    match (with_sheet, state.sheet_wide) {
        (false, _) => list,
        (true, false) => sheet::wanted_height(state, theme, width / 2).max(list),
        (true, true) => sheet::wanted_height(state, theme, width) + list,
    }
}

/// The main column cut into the last call, the question, the answer and the band.
fn stack(main: Rect, rows: &Rows) -> [Rect; 4] {
    let answer = main
        .height
        .saturating_sub(rows.last + rows.question + rows.band);
    let mut y = main.y;
    [rows.last, rows.question, answer, rows.band].map(|height| {
        let area = Rect { y, height, ..main };
        y += height;
        area
    })
}

/// The capture list, and the company sheet with it on the commitments step: side by side, or
/// the sheet stacked above the list when `stacked` (a column of its own, or widened).
fn lists(
    frame: &mut Frame,
    area: Rect,
    state: &CallState,
    theme: &Theme,
    with_sheet: bool,
    stacked: bool,
) {
    if !with_sheet {
        captures::view(frame, area, state, theme);
        return;
    }
    // Too short for both stacked: the one the rep is working in (the sheet, unless a record is).
    if stacked && area.height < 2 * PANEL_MIN + 1 {
        if matches!(state.focus, Focus::Captures { .. } | Focus::Form(_)) {
            captures::view(frame, area, state, theme);
        } else {
            sheet::panel(frame, area, state, theme);
        }
        return;
    }
    let [records, reference] = if stacked {
        let sheet_rows = sheet::wanted_height(state, theme, area.width)
            .min(area.height.saturating_sub(PANEL_MIN));
        let [sheet, records] =
            Layout::vertical([Constraint::Length(sheet_rows), Constraint::Min(0)]).areas(area);
        [records, sheet]
    } else {
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area)
    };
    captures::view(frame, records, state, theme);
    sheet::panel(frame, reference, state, theme);
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
    // Compared line by line, so a long answer costs no copy per key.
    let unchanged = || {
        state
            .answer
            .lines()
            .iter()
            .map(String::as_str)
            .eq(state.account.answer(&id).split('\n'))
    };
    match state.account.answer_is_from_earlier_call(&id) {
        Some(when) if unchanged() => {
            EditorTitle::Earlier(state.setup.zone.to_datetime(when).date())
        }
        None if state.is_confirmed(&id) && unchanged() => EditorTitle::Confirmed,
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

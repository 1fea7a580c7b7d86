//! The end-of-call view: what was captured per step and what is still open.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::CallState;
use crate::core::summary::{record_line, summarize};
use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::theme::Theme;

pub fn lines(state: &CallState, theme: &Theme) -> Vec<Line<'static>> {
    let summary = summarize(&state.account, &state.bank);
    let mut lines = warning_lines(state, theme);
    lines.push(match &state.account.next_step {
        Some(next) => {
            let date = next.date.map(|d| format!(" · by {d}")).unwrap_or_default();
            Line::from(vec![
                Span::styled("Next step: ", theme.key()),
                Span::raw(format!("{}{date}", next.text)),
            ])
        }
        None => Line::styled(
            format!(
                "Next step: not agreed yet · {} sets it",
                key_for(Scope::Summary, Action::NextStep)
            ),
            theme.warn(),
        ),
    });
    lines.push(Line::raw(""));
    for step in &summary.steps {
        lines.push(Line::styled(
            format!("Step {} · {}", step.number, step.title),
            theme.title(),
        ));
        for (ask, answer) in &step.answered {
            lines.push(Line::styled(format!("  ✓ {ask}"), theme.done()));
            for line in answer.lines() {
                lines.push(Line::raw(format!("      {line}")));
            }
        }
        for ask in &step.open_required {
            lines.push(Line::styled(
                format!("  • Still open (required): {ask}"),
                theme.warn(),
            ));
        }
        if step.open_optional > 0 {
            lines.push(Line::styled(
                format!(
                    "  {} not asked",
                    crate::core::plural::plural(step.open_optional, "optional question")
                ),
                theme.dim(),
            ));
        }
        if let Some((list, records)) = step.list {
            lines.push(Line::from(vec![
                Span::styled(format!("  {}: ", list.title), theme.key()),
                Span::raw(records.len().to_string()),
            ]));
            for record in records {
                lines.push(Line::raw(format!("    - {}", record_line(list, record))));
            }
        }
        lines.push(Line::raw(""));
    }
    if !summary.notes.trim().is_empty() {
        lines.push(Line::styled("Scratch note", theme.title()));
        for line in summary.notes.lines() {
            lines.push(Line::raw(format!("  {line}")));
        }
        lines.push(Line::raw(""));
    }
    if !summary.orphaned.is_empty() {
        lines.push(Line::styled(
            "Answers to questions no longer in this bank",
            theme.title(),
        ));
        for (id, text) in &summary.orphaned {
            lines.push(Line::styled(format!("  {id}"), theme.key()));
            for line in text.lines() {
                lines.push(Line::raw(format!("      {line}")));
            }
        }
    }
    lines
}

/// Everything the guard found in the account, first: this is the screen a rep checks before
/// writing the recap.
fn warning_lines(state: &CallState, theme: &Theme) -> Vec<Line<'static>> {
    let Some(company) = &state.company else {
        return Vec::new();
    };
    let warnings = company.guard().check_account(&state.bank, &state.account);
    if warnings.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![Line::styled(
        format!(
            "⚠ Check before the recap: {} from the company sheet",
            match warnings.len() {
                1 => "1 warning".to_string(),
                n => format!("{n} warnings"),
            }
        ),
        theme.warn(),
    )];
    for warning in &warnings {
        lines.push(Line::from(vec![
            Span::styled(
                format!("  {}: ", warning.place_label(&state.bank, &state.account)),
                theme.key(),
            ),
            Span::styled(warning.finding.message(), theme.warn()),
        ]));
    }
    lines.push(Line::raw(""));
    lines
}

pub fn view(frame: &mut Frame, area: Rect, state: &CallState, scroll: u16, theme: &Theme) {
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .title(format!(
            " Summary · {} · {} ends the call ",
            state.account.name,
            key_for(Scope::Global, Action::Quit)
        ))
        .border_style(theme.focused_border());
    let paragraph = Paragraph::new(lines(state, theme))
        .wrap(Wrap { trim: false })
        .block(block);
    // Never scroll past the end: the last page stays full.
    let inner_height = area.height.saturating_sub(2);
    let total = paragraph.line_count(area.width.saturating_sub(2)) as u16;
    let scroll = scroll.min(total.saturating_sub(inner_height));
    frame.render_widget(paragraph.scroll((scroll, 0)), area);
}

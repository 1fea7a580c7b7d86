//! "Run the script": recite every question in order against the clock, then see your order
//! beside the script with the slips marked.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{PracticeState, Recital};
use crate::tui::keymap::{Action, Scope, key_for};
use crate::tui::theme::Theme;
use crate::tui::widgets::truncate;

fn clock(secs: u64) -> String {
    format!("{:02}:{:02}", secs / 60, secs % 60)
}

pub fn view(
    frame: &mut Frame,
    area: Rect,
    state: &PracticeState,
    recital: &Recital,
    theme: &Theme,
) {
    let Some((result, took)) = &recital.result else {
        let [intro, input] =
            Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(area);
        let elapsed = state
            .now
            .saturating_duration_since(recital.started)
            .as_secs();
        let lines = vec![
            Line::from(vec![
                Span::styled(
                    "Type the gist of every question, in order, one per line. ",
                    theme.ask(),
                ),
                Span::styled(clock(elapsed), theme.key()),
            ]),
            Line::styled(
                format!(
                    "{} when you are done.",
                    key_for(Scope::PracticeRecite, Action::Done)
                ),
                theme.dim(),
            ),
        ];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), intro);
        let block = Block::bordered()
            .title(" Your script ")
            .border_style(theme.focused_border());
        let inner = block.inner(input);
        frame.render_widget(block, input);
        frame.render_widget(&recital.input, inner);
        return;
    };
    let [summary, columns] =
        Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(
                format!(
                    "{} of {} in order, in {}.",
                    result.in_order,
                    result.total,
                    clock(took.as_secs())
                ),
                theme.title(),
            ),
            Line::styled(
                "Saved: each question counts as a review, passed in order, failed if not.",
                theme.dim(),
            ),
        ]),
        summary,
    );
    let [mine, script] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(columns);
    let width = mine.width.saturating_sub(1) as usize;
    let numbers: Vec<String> = state
        .bank
        .question_refs()
        .map(|q| format!("{}.{}", q.step + 1, q.question + 1))
        .collect();
    let mut left = vec![Line::styled("Your order", theme.key())];
    for line in &result.lines {
        let (mark, style) = match (line.matched, line.out_of_order) {
            (None, _) => ("?  not in the script".to_string(), theme.warn()),
            (Some(i), true) => (format!("↯  {} out of order", numbers[i]), theme.warn()),
            (Some(i), false) => (format!("✓  {}", numbers[i]), theme.done()),
        };
        left.push(Line::styled(
            truncate(&format!("{mark}: {}", line.typed), width),
            style,
        ));
    }
    let mut right = vec![Line::styled("The script", theme.key())];
    let asks = state
        .bank
        .question_refs()
        .filter_map(|q| state.bank.question(q));
    for (i, question) in asks.enumerate() {
        let missed = result.missing.iter().any(|(m, _)| *m == i);
        let (mark, style) = if missed {
            ("✗", theme.warn())
        } else {
            ("✓", theme.done())
        };
        right.push(Line::styled(
            truncate(&format!("{mark} {} {}", numbers[i], question.ask), width),
            style,
        ));
    }
    frame.render_widget(Paragraph::new(left), mine);
    frame.render_widget(Paragraph::new(right), script);
}

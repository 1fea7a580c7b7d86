//! The whole script at a glance: steps, their questions, what is answered.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::CallState;
use crate::core::QuestionRef;
use crate::tui::theme::Theme;
use crate::tui::widgets::truncate;

pub fn view(frame: &mut Frame, area: Rect, state: &CallState, theme: &Theme) {
    let block = Block::bordered()
        .title(" Script ")
        .border_style(theme.dim());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let current_answered = state.current_answered();
    let mut lines = Vec::new();
    let mut current_line = 0;
    for (s, step) in state.bank.steps.iter().enumerate() {
        let answered = step
            .questions
            .iter()
            .enumerate()
            .filter(|&(q, question)| {
                if (QuestionRef {
                    step: s,
                    question: q,
                }) == state.at
                {
                    current_answered
                } else {
                    state.account.is_answered(&question.id)
                }
            })
            .count();
        let count = format!(" {answered}/{}", step.questions.len());
        let title = truncate(
            &format!("{} {}", s + 1, step.title),
            width.saturating_sub(count.len()),
        );
        let style = if s == state.at.step {
            theme.title()
        } else {
            theme.ask()
        };
        lines.push(Line::from(vec![
            Span::styled(title, style),
            Span::styled(count, theme.dim()),
        ]));
        for (q, question) in step.questions.iter().enumerate() {
            let here = QuestionRef {
                step: s,
                question: q,
            };
            let done = if here == state.at {
                current_answered
            } else {
                state.account.is_answered(&question.id)
            };
            let mark = match (here == state.at, done) {
                (true, _) => "▶",
                (false, true) => "✓",
                (false, false) if question.required => "•",
                _ => "·",
            };
            let text = truncate(
                &format!("{mark} {}.{} {}", s + 1, q + 1, question.ask),
                width,
            );
            let style = if here == state.at {
                current_line = lines.len();
                theme.selected()
            } else if done {
                theme.done()
            } else {
                theme.dim()
            };
            lines.push(Line::styled(text, style));
        }
    }
    // Keep the current question in view on short terminals.
    let height = inner.height as usize;
    let scroll = current_line.saturating_sub(height.saturating_sub(2).max(1) / 2);
    let scroll = scroll.min(lines.len().saturating_sub(height)) as u16;
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

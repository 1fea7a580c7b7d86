//! What the terminal shows, and the short way to update it while the rep types.
//!
//! ratatui redraws a frame by resetting a whole-screen buffer, drawing every widget into it and
//! diffing it cell by cell against the last one. That per-cell work, on every keystroke, made
//! disco echo a key slower than vim. While the rep only types, the app can draw just the parts a
//! keystroke changes (`Picture::echo`); they are diffed against what is on screen and written
//! straight to the backend. ratatui's own record of the screen is then out of date, so it is
//! handed the real picture before its next full frame.

use std::hash::{Hash, Hasher};

use anyhow::Result;
use ratatui::backend::Backend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::{Frame, Terminal};

/// What the screen layer shows: the app, seen only through this, so the layer knows no screen.
pub trait Picture {
    /// Draws a full frame; says where its typing parts went when `frame_key` vouches for them.
    fn view_spots(&self, frame: &mut Frame) -> Option<Spots>;
    /// The key of the frame `view_spots` would draw, when its typing parts can later be redrawn
    /// alone; `None` while every key may change anything.
    fn frame_key(&self, area: Rect) -> Option<FrameKey>;
    /// Draws only the parts a keystroke changed, each into a buffer of `parts`, when the last
    /// full frame had the key `drawn` and put its typing parts at `spots`; `false` means draw
    /// the whole frame.
    fn echo(&self, area: Rect, drawn: &FrameKey, spots: &mut Spots, parts: &mut Parts) -> bool;
}

/// What a full frame was drawn from, as far as a short redraw cares: while the app's key for
/// the screen stays equal to the one of the last full frame, only the parts `Picture::echo` draws
/// can have changed. Opaque here, so this layer knows nothing of any screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameKey(u64);

impl FrameKey {
    pub fn of(drawn_from: &impl Hash) -> Self {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        drawn_from.hash(&mut hasher);
        Self(hasher.finish())
    }
}

/// Where a full frame drew the parts that typing changes, as the view reported them. Kept here
/// until the next full frame (not in the screen's state: view code only reads state), and read
/// by each short redraw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spots {
    /// The box being typed in: drawn again by every short redraw.
    pub typing: Rect,
    /// A line that changes now and then while the rep types (a clock, a save word) ...
    pub status: Rect,
    /// ... and the key of what it shows on screen: it is drawn again only when that changes.
    pub status_shows: FrameKey,
}

/// The buffers an echo draws into, kept from one keystroke to the next: allocating and
/// filling fresh ones cost more than drawing into them.
#[derive(Debug, Default)]
pub struct Parts {
    buffers: Vec<Buffer>,
    used: usize,
}

impl Parts {
    /// A blank buffer covering `area`, for the next part.
    pub fn next(&mut self, area: Rect) -> &mut Buffer {
        if self.used == self.buffers.len() {
            self.buffers.push(Buffer::empty(area));
        } else {
            let buffer = &mut self.buffers[self.used];
            buffer.resize(area);
            buffer.reset();
        }
        self.used += 1;
        &mut self.buffers[self.used - 1]
    }

    pub fn drawn(&self) -> &[Buffer] {
        &self.buffers[..self.used]
    }

    fn clear(&mut self) {
        self.used = 0;
    }
}

pub struct Screen<B: Backend> {
    terminal: Terminal<B>,
    /// Every cell as the terminal shows it now.
    shown: Buffer,
    /// Cells were written behind ratatui's back since its last frame.
    behind: bool,
    /// The key of the last full frame and where it put its typing parts, if they may be
    /// redrawn alone.
    drawn: Option<(FrameKey, Spots)>,
    echoes: u64,
    parts: Parts,
    /// The rows of a part that changed, as shown and as drawn now.
    band_shown: Buffer,
    band_part: Buffer,
}

impl<B> Screen<B>
where
    B: Backend,
    B::Error: std::error::Error + Send + Sync + 'static,
{
    pub fn new(mut terminal: Terminal<B>) -> Self {
        let area = terminal.get_frame().area();
        Self {
            terminal,
            shown: Buffer::empty(area),
            behind: false,
            drawn: None,
            echoes: 0,
            parts: Parts::default(),
            band_shown: Buffer::default(),
            band_part: Buffer::default(),
        }
    }

    pub fn area(&self) -> Rect {
        self.shown.area
    }

    /// How many draws wrote only what typing changed.
    pub fn echoes(&self) -> u64 {
        self.echoes
    }

    pub fn backend(&self) -> &B {
        self.terminal.backend()
    }

    /// The window changed size: ratatui clears it, and the next frame is drawn in full.
    pub fn resize(&mut self, area: Rect) -> Result<()> {
        self.terminal.resize(area)?;
        self.shown = Buffer::empty(area);
        self.behind = false;
        self.drawn = None;
        Ok(())
    }

    /// Shows the app's current state: just what typing changed when that is all that changed,
    /// the whole frame otherwise.
    pub fn draw(&mut self, app: &impl Picture) -> Result<()> {
        let area = self.shown.area;
        self.parts.clear();
        if let Some((key, spots)) = &mut self.drawn
            && app.echo(area, key, spots, &mut self.parts)
            && self
                .parts
                .drawn()
                .iter()
                .all(|part| area.intersection(part.area) == part.area)
        {
            self.echoes += 1;
            self.patch()?;
            #[cfg(debug_assertions)]
            self.check_echo(app);
            return Ok(());
        }
        if self.behind {
            // ratatui diffs against the frame it drew last; give it what the screen really
            // shows, so it rewrites every cell the echoes changed.
            let current = self.terminal.current_buffer_mut();
            if current.area == self.shown.area {
                current.content.clone_from_slice(&self.shown.content);
                self.terminal.swap_buffers();
            } else {
                self.terminal.clear()?;
            }
            self.behind = false;
        }
        let key = app.frame_key(area);
        let mut spots = None;
        let frame = self.terminal.draw(|frame| spots = app.view_spots(frame))?;
        self.drawn = key.zip(spots);
        if frame.buffer.area == self.shown.area {
            self.shown.content.clone_from_slice(&frame.buffer.content);
        } else {
            self.shown = frame.buffer.clone();
        }
        Ok(())
    }

    /// The redraw rule, checked in every debug build and so by every test that draws: after a
    /// short redraw the screen must be what a full frame would show. When it is not, something
    /// a keystroke changed is missing from the key of the frame (`Picture::frame_key`), or the
    /// echo misses a part.
    #[cfg(debug_assertions)]
    fn check_echo(&self, app: &impl Picture) {
        let area = self.shown.area;
        // TestBackend cannot fail: its error type is Infallible.
        let Ok(mut full) = Terminal::new(ratatui::backend::TestBackend::new(
            area.right(),
            area.bottom(),
        ));
        let Ok(frame) = full.draw(|frame| {
            app.view_spots(frame);
        });
        let stale = area
            .positions()
            .find(|&p| frame.buffer.cell(p) != self.shown.cell(p));
        debug_assert!(
            stale.is_none(),
            "a short redraw left the screen unlike a full frame at {stale:?}: {:?} shown, {:?} in full",
            stale.and_then(|p| self.shown.cell(p)),
            stale.and_then(|p| frame.buffer.cell(p)),
        );
    }

    /// Writes the cells of `parts` that differ from the screen. disco never shows the terminal's
    /// own cursor (its editors draw theirs), so moving it here needs no restoring.
    fn patch(&mut self) -> Result<()> {
        for part in self.parts.drawn() {
            // A key changes a row or two of the answer box. ratatui's diff works out every
            // cell's display width, which cost more than drawing; rows compared whole first
            // leave it only the rows that changed.
            let Some(rows) = changed_rows(&self.shown, part) else {
                continue;
            };
            self.band_shown.resize(rows);
            copy_cells(&self.shown, &mut self.band_shown);
            self.band_part.resize(rows);
            copy_cells(part, &mut self.band_part);
            let changes = self.band_shown.diff(&self.band_part);
            self.terminal.backend_mut().draw(changes.into_iter())?;
            copy_cells(&self.band_part, &mut self.shown);
            self.behind = true;
        }
        Backend::flush(self.terminal.backend_mut())?;
        Ok(())
    }
}

/// The rows of `part` whose cells differ from `shown` (which covers at least its area), and the
/// row after them (a wide character changed at the end of a row is diffed with what follows),
/// as an area.
fn changed_rows(shown: &Buffer, part: &Buffer) -> Option<Rect> {
    let area = part.area;
    let width = usize::from(area.width);
    if shown.area.intersection(area) != area || width == 0 {
        return None;
    }
    let differs = |row: &usize| {
        let start = shown.index_of(area.x, area.y + *row as u16);
        shown.content[start..start + width] != part.content[row * width..(row + 1) * width]
    };
    let rows = usize::from(area.height);
    let first = (0..rows).find(differs)?;
    let last = (first..rows).rev().find(differs).unwrap_or(first);
    let end = (last + 2).min(rows);
    Some(Rect {
        y: area.y + first as u16,
        height: (end - first) as u16,
        ..area
    })
}

/// Copies the cells where `from` and `to` overlap.
fn copy_cells(from: &Buffer, to: &mut Buffer) {
    let overlap = from.area.intersection(to.area);
    if overlap.is_empty() {
        return;
    }
    for y in overlap.top()..overlap.bottom() {
        let source = from.index_of(overlap.x, y);
        let target = to.index_of(overlap.x, y);
        let width = usize::from(overlap.width);
        to.content[target..target + width].clone_from_slice(&from.content[source..source + width]);
    }
}

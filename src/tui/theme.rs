//! Styles in one place, so `NO_COLOR` turns every color off at once and keeps emphasis, and the
//! rep's theme (config file: default, high-contrast, light, no-color) changes them all.

use ratatui::style::{Color, Modifier, Style};

use super::settings::{self, Palette};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// False with `NO_COLOR`: then no theme brings colour back.
    pub color: bool,
}

/// The colours of one palette, by role.
struct Colors {
    title: Color,
    dim: Color,
    done: Color,
    warn: Color,
    error: (Color, Color),
    key: Color,
    border: Color,
}

const DEFAULT: Colors = Colors {
    title: Color::Cyan,
    dim: Color::DarkGray,
    done: Color::Green,
    warn: Color::Yellow,
    error: (Color::White, Color::Red),
    key: Color::Cyan,
    border: Color::Cyan,
};

/// Bright colours only, and grey text no dimmer than the terminal's own grey.
const HIGH_CONTRAST: Colors = Colors {
    title: Color::LightCyan,
    dim: Color::Gray,
    done: Color::LightGreen,
    warn: Color::LightYellow,
    error: (Color::White, Color::Red),
    key: Color::LightYellow,
    border: Color::White,
};

/// For a light background: no yellow or cyan, which vanish on white.
const LIGHT: Colors = Colors {
    title: Color::Blue,
    dim: Color::DarkGray,
    done: Color::Green,
    warn: Color::Magenta,
    error: (Color::White, Color::Red),
    key: Color::Blue,
    border: Color::Blue,
};

impl Theme {
    /// Honors <https://no-color.org>: any non-empty `NO_COLOR` disables color.
    pub fn from_env() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self { color: !no_color }
    }

    /// The rep's palette, unless colour is off.
    fn colors(&self) -> Option<&'static Colors> {
        if !self.color {
            return None;
        }
        match settings::with(|s| s.palette) {
            Palette::Default => Some(&DEFAULT),
            Palette::HighContrast => Some(&HIGH_CONTRAST),
            Palette::Light => Some(&LIGHT),
            Palette::NoColor => None,
        }
    }

    /// The palette's colour for a role (title, warning…).
    fn role(&self, role: impl Fn(&Colors) -> Color) -> Style {
        match self.colors() {
            Some(colors) => Style::new().fg(role(colors)),
            None => Style::new(),
        }
    }

    fn high_contrast(&self) -> bool {
        self.color && settings::with(|s| s.palette) == Palette::HighContrast
    }

    pub fn title(&self) -> Style {
        self.role(|c| c.title).add_modifier(Modifier::BOLD)
    }

    pub fn ask(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        self.role(|c| c.dim)
    }

    pub fn done(&self) -> Style {
        self.role(|c| c.done)
    }

    pub fn warn(&self) -> Style {
        self.role(|c| c.warn).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        match self.colors() {
            Some(colors) => Style::new()
                .fg(colors.error.0)
                .bg(colors.error.1)
                .add_modifier(Modifier::BOLD),
            None => Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        }
    }

    pub fn selected(&self) -> Style {
        let style = Style::new().add_modifier(Modifier::REVERSED);
        if self.high_contrast() {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        }
    }

    pub fn key(&self) -> Style {
        self.role(|c| c.key).add_modifier(Modifier::BOLD)
    }

    pub fn focused_border(&self) -> Style {
        self.role(|c| c.border)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::tui::settings::{Settings, install};

    fn with_palette(palette: Palette) {
        install(Arc::new(Settings {
            palette,
            ..Settings::default()
        }));
    }

    #[test]
    fn each_theme_has_its_colours_and_no_color_always_wins() {
        let colour = Theme { color: true };
        with_palette(Palette::Default);
        assert_eq!(colour.warn().fg, Some(Color::Yellow));
        with_palette(Palette::Light);
        assert_eq!(colour.warn().fg, Some(Color::Magenta));
        assert_eq!(colour.title().fg, Some(Color::Blue));
        with_palette(Palette::HighContrast);
        assert_eq!(colour.dim().fg, Some(Color::Gray));
        assert!(colour.selected().add_modifier.contains(Modifier::BOLD));
        with_palette(Palette::NoColor);
        assert_eq!(colour.warn().fg, None);
        assert!(
            colour.warn().add_modifier.contains(Modifier::BOLD),
            "emphasis stays"
        );
        // NO_COLOR: whatever the theme.
        with_palette(Palette::Light);
        assert_eq!(Theme { color: false }.title().fg, None);
        with_palette(Palette::Default);
    }
}

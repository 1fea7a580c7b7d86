//! Helix-style key strings: `"hello<ret><tab><C-q>"` becomes key events.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub fn parse(spec: &str) -> Vec<KeyEvent> {
    let mut events = Vec::new();
    let mut chars = spec.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '<' {
            events.push(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            continue;
        }
        let name: String = chars.by_ref().take_while(|&c| c != '>').collect();
        events.push(named(&name));
    }
    events
}

fn named(name: &str) -> KeyEvent {
    let (mods, key) = match name.split_once('-') {
        Some(("C", key)) => (KeyModifiers::CONTROL, key),
        Some(("A", key)) => (KeyModifiers::ALT, key),
        Some(("S", key)) => (KeyModifiers::SHIFT, key),
        _ => (KeyModifiers::NONE, name),
    };
    let code = match key {
        "ret" => KeyCode::Enter,
        "tab" if mods == KeyModifiers::SHIFT => KeyCode::BackTab,
        "tab" => KeyCode::Tab,
        "esc" => KeyCode::Esc,
        "bs" => KeyCode::Backspace,
        "del" => KeyCode::Delete,
        "ins" => KeyCode::Insert,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "pgup" => KeyCode::PageUp,
        "pgdn" => KeyCode::PageDown,
        "lt" => KeyCode::Char('<'),
        f if f.starts_with('F') && f[1..].parse::<u8>().is_ok() => {
            KeyCode::F(f[1..].parse().unwrap_or(1))
        }
        key if key.chars().count() == 1 => KeyCode::Char(key.chars().next().unwrap_or(' ')),
        other => panic!("unknown key <{other}>"),
    };
    KeyEvent::new(code, mods)
}

//! The rep's settings from the config file: keys remapped per action and the colour theme.
//! Parsed here from the file's text (pure: `cli` reads the file); installed for the thread
//! that runs the screens by `App`, so the keymap, footer, help and theme all follow them
//! without every caller passing them along.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crossterm::event::{KeyCode, KeyModifiers};
use serde::Deserialize;

use super::keymap::{BINDINGS, Binding, Key, Scope, key_label};

/// The colours of a theme. `NO_COLOR` still wins over any of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Palette {
    #[default]
    Default,
    HighContrast,
    /// For terminals with a light background: no yellow or cyan on white.
    Light,
    NoColor,
}

impl Palette {
    pub const NAMES: &[(&str, Palette)] = &[
        ("default", Palette::Default),
        ("high-contrast", Palette::HighContrast),
        ("light", Palette::Light),
        ("no-color", Palette::NoColor),
    ];
}

/// Why the config file was not used: the line the first screen shows, and how many problems
/// it had (a line about the company sheet too has room for the count only).
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigProblem {
    pub line: String,
    pub count: usize,
}

/// What the config file changed; the default changes nothing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// The keys of each remapped binding, by its scope and action.
    pub keys: HashMap<(Scope, super::keymap::Action), Vec<Key>>,
    pub palette: Palette,
}

thread_local! {
    static ACTIVE: RefCell<Arc<Settings>> = RefCell::new(Arc::default());
}

/// Makes `settings` the ones this thread's screens follow.
pub fn install(settings: Arc<Settings>) {
    ACTIVE.with(|active| *active.borrow_mut() = settings);
}

/// Reads the settings this thread's screens follow.
pub fn with<R>(f: impl FnOnce(&Settings) -> R) -> R {
    ACTIVE.with(|active| f(&active.borrow()))
}

/// The name a binding has in the config file: `call.summary`, `captures.add`, `call.step-1`.
/// Made from the enums' names, so a new action is named without a line here.
pub fn binding_name(binding: &Binding) -> String {
    format!(
        "{}.{}",
        kebab(&format!("{:?}", binding.scope)),
        action_name(binding.action)
    )
}

fn action_name(action: super::keymap::Action) -> String {
    let debug = format!("{action:?}");
    // `Step(0)` is step-1: numbered as the rep counts.
    match debug.split_once('(') {
        Some((name, rest)) => {
            let n: usize = rest.trim_end_matches(')').parse().unwrap_or(0);
            format!("{}-{}", kebab(name), n + 1)
        }
        None => kebab(&debug),
    }
}

fn kebab(camel: &str) -> String {
    let mut out = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// Scopes where the rep types: a plain letter there is text, never a command.
fn types_text(scope: Scope) -> bool {
    matches!(
        scope,
        Scope::Global
            | Scope::Home
            | Scope::Call
            | Scope::Captures
            | Scope::ConfirmDelete
            | Scope::Form
            | Scope::Picker
            | Scope::Search
            | Scope::Detail
            | Scope::Sheet
            | Scope::Reading
            | Scope::Summary
            | Scope::PracticeTyping
            | Scope::PracticeRecite
            | Scope::RolePlay
    )
}

/// Whether keys of `a` and `b` can be in force at once: the same place, everywhere, or one
/// laid over the other (a role-play's keys over the call's).
fn in_force_together(a: Scope, b: Scope) -> bool {
    let layered = |x: Scope, y: Scope| (a == x && b == y) || (a == y && b == x);
    a == b || a == Scope::Global || b == Scope::Global || layered(Scope::RolePlay, Scope::Call)
}

/// The answer box's own editing keys: a command there would take them from the rep.
const EDITOR_CTRL: &str = "aefbnphdkjwuryxv";
const EDITOR_ALT: &str = "bfdhnpv";

fn editor_key(key: &Key) -> bool {
    let KeyCode::Char(c) = key.code else {
        return false;
    };
    (key.modifiers == KeyModifiers::CONTROL && EDITOR_CTRL.contains(c))
        || (key.modifiers == KeyModifiers::ALT && EDITOR_ALT.contains(c))
}

/// Reads a key as the help names it: `Ctrl+S`, `Alt+1`, `F5`, `Esc`, `Shift+Tab`, `n`.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text.trim();
    loop {
        let lower = rest.to_ascii_lowercase();
        let (modifier, len) = if lower.starts_with("ctrl+") {
            (KeyModifiers::CONTROL, 5)
        } else if lower.starts_with("alt+") {
            (KeyModifiers::ALT, 4)
        } else if lower.starts_with("shift+") {
            (KeyModifiers::SHIFT, 6)
        } else {
            break;
        };
        modifiers |= modifier;
        rest = &rest[len..];
    }
    let lower = rest.to_ascii_lowercase();
    let code = match lower.as_str() {
        "esc" | "escape" => KeyCode::Esc,
        "enter" | "return" => KeyCode::Enter,
        "tab" if modifiers.contains(KeyModifiers::SHIFT) => {
            modifiers.remove(KeyModifiers::SHIFT);
            KeyCode::BackTab
        }
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "up" | "↑" => KeyCode::Up,
        "down" | "↓" => KeyCode::Down,
        "left" | "←" => KeyCode::Left,
        "right" | "→" => KeyCode::Right,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "ins" | "insert" => KeyCode::Insert,
        "del" | "delete" => KeyCode::Delete,
        "backspace" => KeyCode::Backspace,
        f if f.starts_with('f') && f.len() > 1 && f[1..].chars().all(|c| c.is_ascii_digit()) => {
            match f[1..].parse::<u8>() {
                Ok(n @ 1..=12) => KeyCode::F(n),
                _ => return Err(format!("{text:?} is not a key: function keys go F1 to F12")),
            }
        }
        _ => {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                // The help writes letters as capitals; the key is the letter as typed.
                (Some(c), None) if !c.is_control() => KeyCode::Char(c.to_ascii_lowercase()),
                _ => {
                    return Err(format!(
                        "{text:?} is not a key (try Ctrl+S, Alt+1, F5, Esc, Enter, Tab, PgDn)"
                    ));
                }
            }
        }
    };
    // Shift with a letter is the capital letter: the keymap reads it so.
    if matches!(code, KeyCode::Char(_)) {
        modifiers.remove(KeyModifiers::SHIFT);
    }
    Ok(Key { code, modifiers })
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    theme: Option<String>,
    #[serde(default)]
    keys: std::collections::BTreeMap<String, OneOrMany>,
    /// Names the file should not have (`themes:`): each is a problem of its own, and the
    /// rest of the file is still checked, so one typo does not hide the other mistakes.
    #[serde(flatten)]
    unknown: std::collections::BTreeMap<String, crate::yaml::Value>,
}

const SETTING_NAMES: &[&str] = &["theme", "keys"];

/// A key as the rep presses it: a bare letter as typed (`o`), others as the help names them.
fn as_pressed(key: &Key) -> String {
    match key.code {
        KeyCode::Char(c) if c != ' ' && key.modifiers.is_empty() => c.to_string(),
        _ => key_label(key, false),
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// The line and column (1-based) of the value of `name:` in the file, or of the name itself
/// when the value is on the lines below it (a list).
fn locate(text: &str, name: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let unquoted = trimmed.trim_start_matches(['"', '\'']);
        let quote = trimmed.len() - unquoted.len();
        if let Some(after) = unquoted.strip_prefix(name)
            && let Some(value) = after.trim_start_matches(['"', '\'']).strip_prefix(':')
        {
            let at_name = indent + 1;
            let value_start = value.len() - value.trim_start().len();
            if value.trim().is_empty() || value.trim_start().starts_with('#') {
                return (i + 1, at_name);
            }
            let column = indent + quote + name.len() + (after.len() - value.len()) + value_start;
            return (i + 1, column + 1);
        }
    }
    (1, 1)
}

/// Reads the config file's text. Every problem is returned, each as `file:line:column:
/// message`; with any problem the settings are the defaults, so a mistake never leaves the
/// rep with half the keys they expect.
pub fn parse(text: &str, path: &Path) -> Result<Settings, Vec<String>> {
    let file: File = if text.trim().is_empty() {
        File {
            theme: None,
            keys: Default::default(),
            unknown: Default::default(),
        }
    } else {
        crate::yaml::from_str(text).map_err(|err| vec![err.in_file(path)])?
    };
    let mut problems: Vec<((usize, usize), String)> = Vec::new();
    let mut settings = Settings::default();
    for name in file.unknown.keys() {
        let near = SETTING_NAMES
            .iter()
            .find(|known| strsim::damerau_levenshtein(&name.to_lowercase(), known) <= 2);
        let hint = match near {
            Some(known) => format!("did you mean {known}?"),
            None => format!("the settings are {}", SETTING_NAMES.join(" and ")),
        };
        problems.push((
            locate(text, name),
            format!("no setting named {name:?}; {hint}"),
        ));
    }
    if let Some(theme) = &file.theme {
        // Written as the rep likes: `Light` is `light`, as key names are case-blind too.
        match Palette::NAMES
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(theme.trim()))
        {
            Some((_, palette)) => settings.palette = *palette,
            None => {
                let names: Vec<&str> = Palette::NAMES.iter().map(|(n, _)| *n).collect();
                problems.push((
                    locate(text, "theme"),
                    format!("no theme named {theme:?}; there are {}", names.join(", ")),
                ));
            }
        }
    }
    let by_name: HashMap<String, &Binding> =
        BINDINGS.iter().map(|b| (binding_name(b), b)).collect();
    let mut remapped: Vec<(&String, &Binding)> = Vec::new();
    for (name, keys) in &file.keys {
        let at = locate(text, name);
        let Some(binding) = by_name.get(name) else {
            problems.push((
                at,
                format!("no action named {name:?}; `disco config example` lists them all"),
            ));
            continue;
        };
        let texts = match keys {
            OneOrMany::One(one) => vec![one.as_str()],
            OneOrMany::Many(many) => many.iter().map(String::as_str).collect(),
        };
        if texts.is_empty() {
            problems.push((at, format!("{name} needs at least one key")));
            continue;
        }
        let mut parsed = Vec::new();
        for text in texts {
            match parse_key(text) {
                Ok(key) => parsed.push(key),
                Err(err) => problems.push((at, err)),
            }
        }
        for key in parsed.iter().filter(|k| !binding.keys.contains(k)) {
            let typing = matches!(key.code, KeyCode::Char(_))
                && !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
            if typing && types_text(binding.scope) {
                problems.push((
                    at,
                    format!(
                        "{} types text here; use Ctrl, Alt or a function key for {name}",
                        as_pressed(key)
                    ),
                ));
            } else if editor_key(key) && matches!(binding.scope, Scope::Call | Scope::Global) {
                problems.push((
                    at,
                    format!(
                        "{} edits the answer (see the help, {}); pick another key for {name}",
                        as_pressed(key),
                        super::keymap::key_for(Scope::Global, super::keymap::Action::Help)
                    ),
                ));
            }
        }
        settings
            .keys
            .insert((binding.scope, binding.action), parsed);
        remapped.push((name, binding));
    }
    // A remapped key may not be one another binding of the same place (or everywhere) has.
    let keys_of = |b: &Binding| -> Vec<Key> {
        settings
            .keys
            .get(&(b.scope, b.action))
            .cloned()
            .unwrap_or_else(|| b.keys.to_vec())
    };
    for (name, binding) in &remapped {
        for key in keys_of(binding) {
            let clash = BINDINGS.iter().find(|other| {
                !std::ptr::eq(*other, *binding)
                    && in_force_together(other.scope, binding.scope)
                    && keys_of(other).contains(&key)
            });
            if let Some(other) = clash {
                problems.push((
                    locate(text, name),
                    format!(
                        "{} is already {} ({}); one key, one action",
                        as_pressed(&key),
                        binding_name(other),
                        other.help
                    ),
                ));
            }
        }
    }
    if problems.is_empty() {
        return Ok(settings);
    }
    problems.sort_by_key(|(at, _)| *at);
    problems.dedup();
    Err(problems
        .into_iter()
        .map(|((line, column), message)| format!("{}:{line}:{column}: {message}", path.display()))
        .collect())
}

/// The commented default config: `disco config example` prints it.
pub fn example() -> String {
    let mut out = String::from(
        "# disco's settings. Every line is optional: delete what you do not change.\n\
         # A mistake here never keeps you out of a call: disco opens with the defaults and\n\
         # says why (`disco config check` lists every problem).\n\
         \n\
         # Colours: default, high-contrast, light (for light terminals) or no-color.\n\
         # NO_COLOR in the environment turns colour off whatever this says.\n\
         theme: default\n\
         \n\
         # Keys, by place and action. One key or a list: [Ctrl+G, F5]. Keys are written as the\n\
         # help (F1) shows them: Ctrl+S, Alt+1, F5, Esc, Enter, Tab, Shift+Tab, PgDn, Del.\n\
         # Where you type, a command needs Ctrl, Alt or a function key. Uncomment to change.\n\
         keys:\n",
    );
    for binding in BINDINGS {
        let keys: Vec<String> = binding.keys.iter().map(|k| key_label(k, false)).collect();
        let value = match keys.as_slice() {
            [one] => one.clone(),
            many => format!("[{}]", many.join(", ")),
        };
        out += &format!(
            "  # {}: {}    # {}\n",
            binding_name(binding),
            yaml_key(&value),
            binding.help
        );
    }
    out
}

/// Key names YAML would read as something else (`[`, `#`, `:`) are quoted.
fn yaml_key(value: &str) -> String {
    if value.starts_with('[') {
        return value.to_string();
    }
    // One character (a digit, y, n) would read as a number or a yes/no.
    if value.chars().count() == 1
        || value.chars().any(|c| "#:,[]{}&*!|>'\"%@`".contains(c))
        || value.trim() != value
    {
        format!("{value:?}")
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::Action;

    fn parse_here(text: &str) -> Result<Settings, Vec<String>> {
        parse(text, Path::new("config.yaml"))
    }

    #[test]
    fn every_binding_has_a_distinct_name() {
        let mut names: Vec<String> = BINDINGS.iter().map(binding_name).collect();
        assert!(names.contains(&"call.summary".to_string()));
        assert!(names.contains(&"call.step-1".to_string()));
        assert!(names.contains(&"confirm-delete.confirm".to_string()));
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count);
    }

    #[test]
    fn keys_read_as_the_help_writes_them() {
        let k = |t: &str| parse_key(t).unwrap();
        assert_eq!(
            k("Ctrl+S"),
            Key {
                code: KeyCode::Char('s'),
                modifiers: KeyModifiers::CONTROL
            }
        );
        assert_eq!(
            k("alt+1"),
            Key {
                code: KeyCode::Char('1'),
                modifiers: KeyModifiers::ALT
            }
        );
        assert_eq!(
            k("F5"),
            Key {
                code: KeyCode::F(5),
                modifiers: KeyModifiers::NONE
            }
        );
        assert_eq!(k("Shift+Tab").code, KeyCode::BackTab);
        assert_eq!(k("PgDn").code, KeyCode::PageDown);
        assert!(parse_key("F13").is_err());
        assert!(parse_key("Ctrl+Banana").is_err());
        for binding in BINDINGS {
            for key in binding.keys {
                assert_eq!(
                    parse_key(&key_label(key, false)).as_ref(),
                    Ok(key),
                    "{key:?}"
                );
            }
        }
    }

    #[test]
    fn a_remap_and_a_theme_are_read() {
        let settings =
            parse_here("theme: light\nkeys:\n  call.summary: F5\n  call.go-to: [Ctrl+G, F6]\n")
                .unwrap();
        assert_eq!(settings.palette, Palette::Light);
        assert_eq!(
            settings.keys[&(Scope::Call, Action::Summary)],
            [parse_key("F5").unwrap()]
        );
        assert_eq!(settings.keys[&(Scope::Call, Action::GoTo)].len(), 2);
    }

    #[test]
    fn every_mistake_is_reported_with_its_line_and_column() {
        let text = "\
theme: dark
keys:
  call.summary: Ctrl+G
  call.sumary: F5
  call.notes: n
  call.recap: Ctrl+W
  summary.next-step: F13
";
        let errors = parse_here(text).unwrap_err();
        assert_eq!(
            errors,
            [
                "config.yaml:1:8: no theme named \"dark\"; there are default, high-contrast, light, no-color",
                "config.yaml:3:17: Ctrl+G is already call.go-to (Go to any question); one key, one action",
                "config.yaml:4:16: no action named \"call.sumary\"; `disco config example` lists them all",
                "config.yaml:5:15: n types text here; use Ctrl, Alt or a function key for call.notes",
                "config.yaml:6:15: Ctrl+W edits the answer (see the help, F1); pick another key for call.recap",
                "config.yaml:7:22: \"F13\" is not a key: function keys go F1 to F12",
            ]
        );
        // A role-play's keys lie over the call's.
        let errors = parse_here("keys:\n  call.summary: F2\n").unwrap_err();
        assert!(
            errors[0].contains("F2 is already role-play.ask"),
            "{errors:?}"
        );
        // A letter typed on the summary goes to the answer, so it can't be a command there.
        let errors = parse_here("keys:\n  summary.next-step: x\n").unwrap_err();
        assert!(errors[0].contains("x types text here"), "{errors:?}");
    }

    #[test]
    fn a_misspelled_setting_hides_none_of_the_other_mistakes() {
        let errors =
            parse_here("themes: light\ntheme: dark\nkeys:\n  call.nope: F5\n").unwrap_err();
        assert_eq!(
            errors,
            [
                "config.yaml:1:9: no setting named \"themes\"; did you mean theme?",
                "config.yaml:2:8: no theme named \"dark\"; there are default, high-contrast, light, no-color",
                "config.yaml:4:14: no action named \"call.nope\"; `disco config example` lists them all",
            ]
        );
    }

    #[test]
    fn theme_names_are_read_whatever_their_case() {
        assert_eq!(
            parse_here("theme: Light\n").unwrap().palette,
            Palette::Light
        );
        assert_eq!(
            parse_here("theme: High-Contrast\n").unwrap().palette,
            Palette::HighContrast
        );
    }

    #[test]
    fn broken_yaml_is_reported_at_its_place() {
        let errors = parse_here("keys:\n  call.summary: [F5\n").unwrap_err();
        assert!(errors[0].starts_with("config.yaml:"), "{errors:?}");
        let errors = parse_here("colour: red\n").unwrap_err();
        assert!(errors[0].contains("colour"), "{errors:?}");
    }

    #[test]
    fn the_example_reads_back_as_the_defaults() {
        let example = example();
        assert_eq!(parse_here(&example), Ok(Settings::default()));
        // Uncommented, every line is the default binding again.
        let uncommented = example.replace("\n  # ", "\n  ");
        let settings = parse_here(&uncommented).unwrap();
        for binding in BINDINGS {
            assert_eq!(
                settings.keys[&(binding.scope, binding.action)],
                binding.keys,
                "{}",
                binding_name(binding)
            );
        }
    }
}

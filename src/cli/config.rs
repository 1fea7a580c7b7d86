//! `disco config path|example|check`, and the rep's settings for the screens.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use super::context;
use super::render::{plural, print_line, report_errors, write_data_out};
use crate::core::printable::{printable, printable_line};
use crate::storage::bounded::read_bounded;
use crate::storage::datafile::FileErrors;
use crate::tui::settings::{self, ConfigProblem, Settings};

/// `DISCO_CONFIG` names another file (a test's, a second setup).
pub const DISCO_CONFIG: &str = "DISCO_CONFIG";

/// The config file: `DISCO_CONFIG`, else config.yaml in the platform config folder.
pub(super) fn path() -> Option<PathBuf> {
    std::env::var_os(DISCO_CONFIG)
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| context::config_dir().map(|dir| dir.join("config.yaml")))
}

/// The file's settings; none there is the defaults. `Err` holds every problem.
fn load() -> Result<Settings, Vec<String>> {
    let Some(path) = path() else {
        return Ok(Settings::default());
    };
    match read_bounded(&path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            settings::parse(&text, &path)
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
        Err(err) => Err(vec![format!("{}: cannot read: {err}", path.display())]),
    }
}

/// For the screens: a config with a mistake never keeps the rep out of a call. Every
/// problem is printed (still there after the call); the screen opens with the defaults and
/// says why in a line.
pub(super) fn for_screens() -> Result<Settings, ConfigProblem> {
    load().map_err(|problems| {
        for problem in &problems {
            eprintln!("disco: {}", printable(problem));
        }
        let folder = path()
            .and_then(|p| p.parent().map(|d| format!("{}/", d.display())))
            .unwrap_or_default();
        ConfigProblem {
            line: screen_line(&problems, &folder),
            count: problems.len(),
        }
    })
}

/// One problem whole (the file's name, not its folder: the place is what matters); more
/// than one as their count and where to read them all, short enough for 60 columns.
fn screen_line(problems: &[String], folder: &str) -> String {
    match problems {
        [one] => format!(
            "Default keys and colours: {}",
            printable_line(one.strip_prefix(folder).unwrap_or(one))
        ),
        many => format!(
            "Config: {}; defaults in use (disco config check)",
            plural(many.len(), "problem")
        ),
    }
}

pub(super) fn print_path() -> Result<ExitCode> {
    match path() {
        Some(path) => {
            print_line(&path.display().to_string());
            Ok(ExitCode::SUCCESS)
        }
        None => {
            print_line("No config folder on this system; set DISCO_CONFIG to a file.");
            Ok(ExitCode::FAILURE)
        }
    }
}

pub(super) fn example() -> Result<ExitCode> {
    write_data_out(&settings::example())
}

pub(super) fn check() -> Result<ExitCode> {
    let shown = path().map_or_else(|| "(none)".into(), |p| p.display().to_string());
    match load() {
        Ok(_) if path().is_some_and(|p| p.exists()) => {
            print_line(&format!("{shown}: fine"));
            Ok(ExitCode::SUCCESS)
        }
        Ok(_) => {
            print_line(&format!(
                "No config file: disco uses its defaults. Start one with: disco config example > {shown}"
            ));
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => Ok(report_errors(&FileErrors(problems))),
    }
}

#[cfg(test)]
mod tests {
    use super::screen_line;

    #[test]
    fn the_screens_line_counts_the_problems_and_fits_60_columns() {
        let one = ["/home/r/.config/disco/config.yaml:1:8: no theme named \"dark\"".to_string()];
        assert_eq!(
            screen_line(&one, "/home/r/.config/disco/"),
            "Default keys and colours: config.yaml:1:8: no theme named \"dark\""
        );
        let seven =
            vec!["/c/config.yaml:1:1: a long problem, cut on a narrow screen".to_string(); 7];
        let line = screen_line(&seven, "/c/");
        assert_eq!(
            line,
            "Config: 7 problems; defaults in use (disco config check)"
        );
        assert!(line.chars().count() <= 58);
    }
}

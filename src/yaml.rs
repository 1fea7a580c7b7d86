//! Every YAML read and write in disco goes through here, so the YAML crate can be swapped in one place.

use std::fmt;
use std::path::Path;

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use serde_yaml::Value;

/// Files larger than this are refused before parsing: nothing disco writes comes close, and a
/// runaway file should fail fast with a clear message instead of eating memory.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// A YAML document that could not be read, with the place the parser stopped at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl ParseError {
    pub fn whole_file(message: impl Into<String>) -> Self {
        Self {
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// `file:line:column: message`, the form editors and terminals make clickable.
    pub fn in_file(&self, file: &Path) -> String {
        match (self.line, self.column) {
            (Some(line), Some(column)) => {
                format!("{}:{line}:{column}: {}", file.display(), self.message)
            }
            _ => format!("{}: {}", file.display(), self.message),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(f, "{line}:{column}: {}", self.message),
            _ => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ParseError {}

/// Parses one YAML document from raw bytes, rejecting what a hand edit or a bad copy can produce
/// before the parser sees it, so every failure has a plain explanation.
pub fn from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ParseError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ParseError::whole_file(format!(
            "file is too large ({} MB); the limit is {} MB",
            bytes.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let (line, column) = line_column_at(bytes, err.valid_up_to());
            return Err(ParseError {
                line: Some(line),
                column: Some(column),
                message: "not valid UTF-8 text".into(),
            });
        }
    };
    // A byte-order mark is harmless for YAML but trips some parsers; Windows editors add it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let only_comments = text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    });
    if only_comments {
        return Err(ParseError::whole_file("file is empty"));
    }
    from_str(text)
}

pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    serde_yaml::from_str(text).map_err(|err| {
        let location = err.location();
        let mut message = err.to_string();
        // The crate appends the position to its message; we report it in front instead.
        if let Some(cut) = message.find(" at line ") {
            message.truncate(cut);
        }
        // The parser's words for its safety limits mean little to a rep; say what they guard.
        if message.contains("repetition limit exceeded") {
            message = "too many repeated aliases: the whole file is refused (it looks like a YAML alias bomb)".into();
        } else if message.contains("recursion limit exceeded") {
            message = format!("{message}: nested too deeply to be a disco file");
        }
        ParseError {
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
            message,
        }
    })
}

pub fn to_string<T: Serialize>(value: &T) -> anyhow::Result<String> {
    Ok(serde_yaml::to_string(value)?)
}

fn line_column_at(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |pos| pos + 1);
    (line, offset - line_start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn syntax_errors_carry_line_and_column() {
        let err = from_str::<BTreeMap<String, String>>("a: b\nc: [d\n").unwrap_err();
        assert!(err.line.is_some() && err.column.is_some(), "{err:?}");
        assert!(!err.message.contains(" at line "), "{}", err.message);
    }

    #[test]
    fn invalid_utf8_points_at_the_bad_byte() {
        let err = from_bytes::<Value>(b"a: ok\nb: \xff\n").unwrap_err();
        assert_eq!((err.line, err.column), (Some(2), Some(4)));
    }

    #[test]
    fn byte_order_mark_and_empty_files() {
        let value: BTreeMap<String, String> = from_bytes(b"\xef\xbb\xbfa: b\n").unwrap();
        assert_eq!(value["a"], "b");
        assert_eq!(
            from_bytes::<Value>(b"  \n").unwrap_err().message,
            "file is empty"
        );
    }
}

//! Collecting every problem in a data file at once, each located by the path of the element.

use std::collections::HashSet;
use std::fmt;

/// One problem found in a data file, located by the path of the offending element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

#[derive(Default)]
pub(crate) struct Issues(pub Vec<Issue>);

impl Issues {
    pub(crate) fn push(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Issue {
            path: path.into(),
            message: message.into(),
        });
    }

    pub(crate) fn not_empty(&mut self, path: &str, value: &str) {
        if value.trim().is_empty() {
            self.push(path, "must not be empty");
        }
    }

    /// Ids key the answers in account files, so they must stay plain and stable.
    pub(crate) fn check_id(&mut self, path: &str, id: &str) -> bool {
        if id.is_empty() {
            self.push(path, "must not be empty");
            return false;
        }
        let plain = id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !plain {
            self.push(
                path,
                format!("id {id:?} may use only a-z, 0-9, '-' and '_'"),
            );
        }
        plain
    }

    pub(crate) fn unique_id<'a>(&mut self, path: &str, id: &'a str, seen: &mut HashSet<&'a str>) {
        if self.check_id(path, id) && !seen.insert(id) {
            self.push(path, format!("duplicate id {id:?}"));
        }
    }
}

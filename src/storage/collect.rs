//! Reading a hand-written data file and reporting every problem in it at once, each at its
//! `file:line:column`: a value of the wrong type is reported, patched with a stand-in of the
//! right type, and the file read again, so one mistake never hides the next one or the checks
//! that follow. Problems the stand-ins would cause are not reported.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use super::datafile::FileErrors;
use super::locate::{Segment, locate, segments};
use crate::core::validate::Issue;
use crate::yaml;

/// Type errors reported at most, before the rest is left for the next run.
const MAX_TYPE_ERRORS: usize = 50;

fn node_mut<'v>(root: &'v mut Value, path: &[Segment]) -> Option<&'v mut Value> {
    let mut node = root;
    for step in path {
        node = match (step, node) {
            (Segment::Key(k), Value::Mapping(map)) => map.get_mut(k.as_str())?,
            (Segment::Index(i), Value::Sequence(seq)) => seq.get_mut(*i)?,
            (Segment::Key(k), Value::Tagged(tagged)) => match &mut tagged.value {
                Value::Mapping(map) => map.get_mut(k.as_str())?,
                _ => return None,
            },
            _ => return None,
        };
    }
    Some(node)
}

/// A serde message split into the path it names and what it says.
fn split(message: &str) -> (String, String) {
    match message.split_once(": ") {
        Some((path, rest))
            if !path.is_empty()
                && path
                    .chars()
                    .all(|c| c.is_alphanumeric() || "-_.[]".contains(c)) =>
        {
            (path.to_string(), rest.to_string())
        }
        _ => (String::new(), message.to_string()),
    }
}

fn between_backticks(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// A value of the type the message expects, or `None` when the node should go.
fn stand_in(message: &str) -> Option<Value> {
    if message.starts_with("unknown variant") {
        return between_backticks(message)
            .get(1)
            .map(|v| Value::String(v.to_string()));
    }
    let expected = message.split("expected ").nth(1).unwrap_or("");
    let value = if expected.contains("string") || expected.contains("timestamp") {
        Value::String("?".into())
    } else if expected.contains("sequence") {
        Value::Sequence(Vec::new())
    } else if [
        "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "f32", "f64",
    ]
    .iter()
    .any(|t| expected.starts_with(t))
        || expected.contains("integer")
        || expected.contains("number")
    {
        Value::Number(1.into())
    } else if expected.contains("bool") {
        Value::Bool(false)
    } else if expected.contains("map") || expected.contains("struct") {
        Value::Mapping(Mapping::new())
    } else {
        return None;
    };
    Some(value)
}

/// Patches `root` where `message` says it is wrong. Returns the path patched, or `None` when
/// nothing could be done.
fn patch(root: &mut Value, path: &str, message: &str) -> Option<String> {
    let at = segments(path);
    if message.starts_with("missing field") {
        let field = between_backticks(message).first()?.to_string();
        let map = match node_mut(root, &at)? {
            Value::Mapping(map) => map,
            _ => return None,
        };
        map.insert(Value::String(field.clone()), Value::String("?".into()));
        return Some(join(path, &field));
    }
    if message.starts_with("unknown field") {
        let field = between_backticks(message).first()?.to_string();
        if let Some(Value::Mapping(map)) = node_mut(root, &at)
            && map.remove(field.as_str()).is_some()
        {
            return Some(join(path, &field));
        }
    }
    let (last, parent) = at.split_last()?;
    match stand_in(message) {
        Some(value) => {
            *node_mut(root, &at)? = value;
        }
        None => match (last, node_mut(root, parent)?) {
            (Segment::Key(k), Value::Mapping(map)) => {
                map.remove(k.as_str())?;
            }
            (Segment::Index(i), Value::Sequence(seq)) if *i < seq.len() => {
                // Keep the later items' places: the next problems are located by index.
                seq[*i] = seq.get(i.wrapping_sub(1)).cloned().unwrap_or(Value::Null);
            }
            _ => return None,
        },
    }
    Some(path.to_string())
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}

fn under(path: &str, patched: &[String]) -> bool {
    patched.iter().any(|p| {
        path == p
            || path
                .strip_prefix(p.as_str())
                .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
    })
}

/// `file:line:column: path: message`, placed by the path.
pub(crate) fn at(file: &Path, text: &str, path: &str, message: &str) -> String {
    let shown = if path.is_empty() {
        message.to_string()
    } else {
        format!("{path}: {message}")
    };
    // An unknown field is shown where it is written, not where its map starts.
    let place = match between_backticks(message).first() {
        Some(field) if message.starts_with("unknown field") => join(path, field),
        _ => path.to_string(),
    };
    match locate(text, &place).filter(|_| !path.is_empty()) {
        Some((line, column)) => format!("{}:{line}:{column}: {shown}", file.display()),
        None => format!("{}: {shown}", file.display()),
    }
}

/// Parses `bytes` as `T` and validates it, reporting every problem, each located.
pub(crate) fn parse_collecting<T: DeserializeOwned>(
    bytes: &[u8],
    file: &Path,
    validate: impl Fn(&T) -> Vec<Issue>,
) -> Result<T, FileErrors> {
    let first = match yaml::from_bytes::<T>(bytes) {
        Ok(value) => {
            let issues = validate(&value);
            if issues.is_empty() {
                return Ok(value);
            }
            let text = String::from_utf8_lossy(bytes);
            return Err(FileErrors(
                issues
                    .iter()
                    .map(|i| at(file, &text, &i.path, &i.message))
                    .collect(),
            ));
        }
        Err(err) => err,
    };
    let text = String::from_utf8_lossy(bytes).into_owned();
    // Not even YAML: the parser's place is all there is.
    let Ok(mut tree) = yaml::from_str::<Value>(&text) else {
        return Err(FileErrors(vec![first.in_file(file)]));
    };
    let mut problems = vec![first.in_file(file)];
    let mut patched = Vec::new();
    let mut message = first.message.clone();
    let mut value = None;
    for _ in 0..MAX_TYPE_ERRORS {
        let (path, what) = split(&message);
        match patch(&mut tree, &path, &what) {
            Some(p) => patched.push(p),
            None => break,
        }
        let Ok(again) = serde_yaml::to_string(&tree) else {
            break;
        };
        match yaml::from_str::<T>(&again) {
            Ok(parsed) => {
                value = Some(parsed);
                break;
            }
            Err(err) => {
                message = err.message.clone();
                let (path, what) = split(&message);
                if !under(&path, &patched) {
                    problems.push(at(file, &text, &path, &what));
                }
            }
        }
    }
    if let Some(value) = value {
        problems.extend(
            validate(&value)
                .iter()
                .filter(|i| !under(&i.path, &patched))
                .map(|i| at(file, &text, &i.path, &i.message)),
        );
    }
    problems.dedup();
    Err(FileErrors(problems))
}

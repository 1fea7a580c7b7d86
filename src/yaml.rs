//! Every YAML read and write in disco goes through here, so the YAML crate can be swapped in one place.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use serde::de::{
    DeserializeOwned, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor,
};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};

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
    pub(crate) fn whole_file(message: impl Into<String>) -> Self {
        Self {
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// `file:line:column: message`, the form editors and terminals make clickable.
    pub(crate) fn in_file(&self, file: &Path) -> String {
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
pub(crate) fn from_bytes<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ParseError> {
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

/// Any YAML value, kept as read so a file written by a newer disco or by hand comes back with
/// the same meaning: tags stay, and integers too big for 64 bits stay exact (the YAML crate's
/// own value type refuses those, which made the whole file unreadable).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i128),
    /// Above `i128::MAX`: rare, but nothing read may be refused or rounded.
    BigUint(u128),
    Float(f64),
    String(String),
    Sequence(Vec<Value>),
    /// In file order; keys may be any value.
    Mapping(Vec<(Value, Value)>),
    /// `!tag value`; the tag as the parser gave it.
    Tagged(String, Box<Value>),
}

impl Value {
    /// The value under a string key, when this is a mapping.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Mapping(entries) => entries
                .iter()
                .find(|(k, _)| matches!(k, Value::String(s) if s == key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The items, when this is a sequence.
    pub fn items(&self) -> &[Value] {
        match self {
            Value::Sequence(items) => items,
            _ => &[],
        }
    }
}

/// The entries of the mapping `raw` whose keys are not `known`: what a newer disco or a hand
/// edit added, to be written back untouched.
pub(crate) fn unknown_entries(raw: Option<&Value>, known: &[&str]) -> BTreeMap<String, Value> {
    let Some(Value::Mapping(entries)) = raw else {
        return BTreeMap::new();
    };
    entries
        .iter()
        .filter_map(|(key, value)| match key {
            Value::String(key) if !known.contains(&key.as_str()) => {
                Some((key.clone(), value.clone()))
            }
            _ => None,
        })
        .collect()
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Int(v.into()))
    }

    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Int(v))
    }

    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(i128::try_from(v).map_or(Value::BigUint(v), Value::Int))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Sequence(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Value::Mapping(entries))
    }

    // The YAML crate hands a tagged node over as an enum: the tag, then the value.
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        let (tag, contents): (String, _) = data.variant()?;
        let value = contents.newtype_variant::<Value>()?;
        Ok(Value::Tagged(tag, Box::new(value)))
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(v) => serializer.serialize_bool(*v),
            Value::Int(v) => match i64::try_from(*v) {
                Ok(small) => serializer.serialize_i64(small),
                Err(_) => serializer.serialize_i128(*v),
            },
            Value::BigUint(v) => serializer.serialize_u128(*v),
            Value::Float(v) => serializer.serialize_f64(*v),
            Value::String(v) => serializer.serialize_str(v),
            Value::Sequence(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Mapping(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
            // The YAML crate writes a one-entry map whose key starts with `!` as a tag.
            // (it spots the tag by the `!` arriving as a piece of its own, as from its own Tag).
            Value::Tagged(tag, value) => {
                let mut map = serializer.serialize_map(Some(1))?;
                map.serialize_entry(&TagKey(tag.strip_prefix('!').unwrap_or(tag)), value)?;
                map.end()
            }
        }
    }
}

struct TagKey<'a>(&'a str);

impl fmt::Display for TagKey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("!")?;
        f.write_str(self.0)
    }
}

impl Serialize for TagKey<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
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

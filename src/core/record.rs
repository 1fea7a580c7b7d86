//! One item of a capture list (a person, a criterion, a commitment): its fields as typed, plus a
//! stable id so two copies of an account can be merged record by record.

use std::collections::BTreeMap;
use std::collections::hash_map::RandomState;
use std::fmt;
use std::hash::{BuildHasher, Hasher};

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::yaml::Value;

/// The key the id is written under. Banks may not name a field so.
pub(crate) const ID_KEY: &str = "id";

#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// Never changes once saved. Empty only between reading an older file and
    /// [`super::Account::assign_record_ids`].
    pub id: String,
    /// Field id to text, as typed.
    pub fields: BTreeMap<String, String>,
    /// Keys whose values are not text (a newer disco's, a hand edit's): kept as they are.
    pub extra: BTreeMap<String, Value>,
    /// Numbers and yes/no values read into `fields` as text: written back as they were read
    /// while their text is unchanged, so they keep their type.
    pub typed: BTreeMap<String, Value>,
}

impl Default for Record {
    fn default() -> Self {
        Self::new()
    }
}

impl Record {
    /// An empty record with a fresh random id, so records added on two copies of an account
    /// at once never share one.
    pub fn new() -> Self {
        Self {
            id: fresh_id(),
            fields: BTreeMap::new(),
            extra: BTreeMap::new(),
            typed: BTreeMap::new(),
        }
    }

    pub fn get(&self, field: &str) -> Option<&String> {
        self.fields.get(field)
    }

    /// Sets a field; a non-text value kept under the same key gives way to the text.
    pub fn insert(&mut self, field: String, text: String) -> Option<String> {
        self.extra.remove(&field);
        self.fields.insert(field, text)
    }

    pub(crate) fn remove(&mut self, field: &str) -> Option<String> {
        self.fields.remove(field)
    }

    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.fields.values()
    }
}

/// `record["field"]`, as with the map records used to be; panics on a missing field, so only
/// for tests and known fields.
impl std::ops::Index<&str> for Record {
    type Output = String;

    fn index(&self, field: &str) -> &String {
        &self.fields[field]
    }
}

impl FromIterator<(String, String)> for Record {
    fn from_iter<I: IntoIterator<Item = (String, String)>>(fields: I) -> Self {
        let mut record = Self::new();
        record.fields = fields.into_iter().collect();
        record
    }
}

/// 64 random bits from the standard library's per-process random hash keys: enough to never
/// collide in one account, and no dependency for it.
fn fresh_id() -> String {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(0x5eed);
    format!("r-{:016x}", hasher.finish())
}

/// FNV-1a over a list id and a record's fields: the same on every machine and every Rust
/// version, unlike the standard hasher, because ids derived from it end up in files.
pub(crate) fn stable_hash(list_id: &str, fields: &BTreeMap<String, String>) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for byte in bytes.iter().chain([&0xff]) {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    eat(list_id.as_bytes());
    for (key, value) in fields {
        eat(key.as_bytes());
        eat(value.as_bytes());
    }
    hash
}

/// How a number or a yes/no reads as text in a field.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::Int(n) => Some(n.to_string()),
        Value::BigUint(n) => Some(n.to_string()),
        Value::Float(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Serialize for Record {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.in_order(None).serialize(serializer)
    }
}

/// A record written with its fields in a form's order (field id to place); fields the form
/// does not have come after, by name.
pub(crate) struct InOrder<'a> {
    record: &'a Record,
    places: Option<&'a std::collections::HashMap<String, usize>>,
}

impl Record {
    pub(crate) fn in_order<'a>(
        &'a self,
        places: Option<&'a std::collections::HashMap<String, usize>>,
    ) -> InOrder<'a> {
        InOrder {
            record: self,
            places,
        }
    }
}

impl Serialize for InOrder<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let record = self.record;
        // A hand-written id that is not text stays in `extra`, and wins.
        let write_id = !record.id.is_empty() && !record.extra.contains_key(ID_KEY);
        let extra = record
            .extra
            .iter()
            .filter(|(key, _)| !record.fields.contains_key(*key));
        let mut map = serializer.serialize_map(None)?;
        if write_id {
            map.serialize_entry(ID_KEY, &record.id)?;
        }
        let mut fields: Vec<(&String, &String)> = record.fields.iter().collect();
        if let Some(places) = self.places {
            fields.sort_by_key(|(key, _)| places.get(*key).map_or((1, 0), |i| (0, *i)));
        }
        let typed = &record.typed;
        for (key, text) in fields {
            match typed.get(key) {
                Some(value) if scalar_text(value).as_deref() == Some(text.as_str()) => {
                    map.serialize_entry(key, value)?;
                }
                _ => map.serialize_entry(key, text)?,
            }
        }
        for (key, value) in extra {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RecordVisitor)
    }
}

struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a record: a map of field names to text")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Record, A::Error> {
        let mut record = Record {
            id: String::new(),
            fields: BTreeMap::new(),
            extra: BTreeMap::new(),
            typed: BTreeMap::new(),
        };
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value::<Value>()?;
            let text = match &value {
                Value::String(text) => Some(text.clone()),
                other => scalar_text(other),
            };
            match text {
                Some(text) if key == ID_KEY => record.id = text,
                Some(text) => {
                    if !matches!(value, Value::String(_)) {
                        record.typed.insert(key.clone(), value);
                    }
                    record.fields.insert(key, text);
                }
                None => {
                    record.extra.insert(key, value);
                }
            }
        }
        Ok(record)
    }
}

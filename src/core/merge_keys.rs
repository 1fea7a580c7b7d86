//! Three-way merge of any YAML data file by its keys: banks, scenarios, the company sheet.
//! Mappings merge key by key, lists of entries with an `id` merge entry by entry, lists of plain
//! values as sets; only one value changed differently on both sides is a conflict, which the
//! caller settles (git's line merge, else ours, saying so).

use crate::yaml::Value;

/// Where two sides changed one value differently: the key path, e.g. `steps[decide].title`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyConflict {
    pub at: String,
}

/// What came of a merge: the value, and every place where `ours` was kept over `theirs`.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyMerge {
    pub value: Value,
    pub conflicts: Vec<KeyConflict>,
}

/// Merges `ours` and `theirs`, both descendants of `base` (`None`: both added the file).
pub fn merge_values(base: Option<&Value>, ours: &Value, theirs: &Value) -> KeyMerge {
    let mut conflicts = Vec::new();
    let value = merge_at(base, Some(ours), Some(theirs), "", &mut conflicts)
        .unwrap_or_else(|| ours.clone());
    KeyMerge { value, conflicts }
}

fn merge_at(
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
    at: &str,
    conflicts: &mut Vec<KeyConflict>,
) -> Option<Value> {
    if ours == theirs || theirs == base {
        return ours.cloned();
    }
    if ours == base {
        return theirs.cloned();
    }
    match (ours, theirs) {
        (Some(Value::Mapping(o)), Some(Value::Mapping(t))) => {
            let b = match base {
                Some(Value::Mapping(b)) => b.as_slice(),
                _ => &[],
            };
            Some(Value::Mapping(merge_entries(b, o, t, at, conflicts)))
        }
        (Some(Value::Sequence(o)), Some(Value::Sequence(t))) => {
            let b = base.map(Value::items).unwrap_or(&[]);
            if [b, o, t]
                .iter()
                .all(|items| items.iter().all(|i| id_of(i).is_some()))
            {
                let keyed = |items: &[Value]| -> Vec<(Value, Value)> {
                    items
                        .iter()
                        .filter_map(|i| id_of(i).map(|id| (id.clone(), i.clone())))
                        .collect()
                };
                let merged = merge_entries(&keyed(b), &keyed(o), &keyed(t), at, conflicts);
                Some(Value::Sequence(
                    merged.into_iter().map(|(_, v)| v).collect(),
                ))
            } else {
                Some(Value::Sequence(merge_sets(b, o, t)))
            }
        }
        // One side deleted what the other changed: the change is kept.
        (Some(kept), None) | (None, Some(kept)) => Some(kept.clone()),
        (ours, _) => {
            conflicts.push(KeyConflict {
                at: if at.is_empty() {
                    "(the whole file)".into()
                } else {
                    at.to_string()
                },
            });
            ours.cloned()
        }
    }
}

/// Key-value pairs merged key by key, in `ours`' order, then what only `theirs` added.
fn merge_entries(
    base: &[(Value, Value)],
    ours: &[(Value, Value)],
    theirs: &[(Value, Value)],
    at: &str,
    conflicts: &mut Vec<KeyConflict>,
) -> Vec<(Value, Value)> {
    let find = |list: &[(Value, Value)], key: &Value| {
        list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    };
    let mut keys: Vec<&Value> = ours.iter().map(|(k, _)| k).collect();
    for (key, _) in theirs.iter().chain(base) {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys.into_iter()
        .filter_map(|key| {
            let (b, o, t) = (find(base, key), find(ours, key), find(theirs, key));
            let path = format!("{at}{}", step_name(at, key));
            merge_at(b.as_ref(), o.as_ref(), t.as_ref(), &path, conflicts).map(|v| (key.clone(), v))
        })
        .collect()
}

/// A list of plain values merged as a set: what either side added is in, what one side removed
/// (and the other kept) is out, in `ours`' order.
fn merge_sets(base: &[Value], ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    let removed_by_theirs = |v: &Value| base.contains(v) && !theirs.contains(v);
    let mut merged: Vec<Value> = ours
        .iter()
        .filter(|v| !removed_by_theirs(v))
        .cloned()
        .collect();
    for item in theirs {
        if !base.contains(item) && !merged.contains(item) {
            merged.push(item.clone());
        }
    }
    merged
}

fn id_of(item: &Value) -> Option<&Value> {
    item.get("id")
        .filter(|id| matches!(id, Value::String(_) | Value::Int(_)))
}

fn step_name(at: &str, key: &Value) -> String {
    let dot = if at.is_empty() { "" } else { "." };
    match key {
        Value::String(s) => format!("{dot}{s}"),
        Value::Int(i) => format!("[{i}]"),
        other => format!("{dot}{other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    fn v(text: &str) -> Value {
        yaml::from_str(text).unwrap()
    }

    #[test]
    fn questions_added_on_both_sides_are_both_kept() {
        let base = v("steps:\n- id: a\n  title: One\n");
        let ours = v("steps:\n- id: a\n  title: One\n- id: b\n  title: Two\n");
        let theirs = v("steps:\n- id: a\n  title: One, retitled\n- id: c\n  title: Three\n");
        let merged = merge_values(Some(&base), &ours, &theirs);
        assert!(merged.conflicts.is_empty());
        assert_eq!(
            merged.value,
            v(
                "steps:\n- id: a\n  title: One, retitled\n- id: b\n  title: Two\n- id: c\n  title: Three\n"
            )
        );
    }

    #[test]
    fn one_value_changed_differently_keeps_ours_and_names_the_place() {
        let base = v("limits:\n  delivery_days: 5\n");
        let ours = v("limits:\n  delivery_days: 3\n");
        let theirs = v("limits:\n  delivery_days: 4\n");
        let merged = merge_values(Some(&base), &ours, &theirs);
        assert_eq!(merged.value, ours);
        assert_eq!(merged.conflicts[0].at, "limits.delivery_days");
    }

    #[test]
    fn plain_lists_merge_as_sets_and_deletions_are_honoured() {
        let base = v("words: [a, b, c]\n");
        let ours = v("words: [a, b, c, d]\n");
        let theirs = v("words: [a, c, e]\n");
        let merged = merge_values(Some(&base), &ours, &theirs);
        assert_eq!(merged.value, v("words: [a, c, d, e]\n"));
    }

    #[test]
    fn both_added_without_a_base_unites_keys() {
        let merged = merge_values(None, &v("a: 1\nb: 2\n"), &v("a: 1\nc: 3\n"));
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.value, v("a: 1\nb: 2\nc: 3\n"));
    }
}

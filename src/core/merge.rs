//! Three-way merge of two copies of one account that changed apart from a common version: this
//! call's edits and a change made on disk meanwhile (a hand edit, `git pull`, a sync tool), or
//! two reps' copies (the team-sharing git merge driver). Nothing either side typed is lost.

use std::collections::{BTreeMap, BTreeSet};

use similar::{Algorithm, DiffOp, capture_diff_slices};

use super::account::{Account, Answer, Call, NextStep, Version};
use super::record::{Record, stable_hash};
use crate::yaml::Value;

/// Both sides' renames, each once, in time order: a rename is a fact, never undone by a merge.
pub fn united_renames(
    ours: &[super::account::Rename],
    theirs: &[super::account::Rename],
) -> Vec<super::account::Rename> {
    let mut all: Vec<_> = ours.iter().chain(theirs).cloned().collect();
    all.sort();
    all.dedup();
    all
}

/// Merges `ours` and `theirs`, two descendants of `base`, field by field:
///
/// - a field changed on one side only takes that side's value;
/// - an answer changed on both sides keeps the newer text as current (`ours` on a tie) and the
///   other one in its history; histories are united;
/// - records pair up by id and merge field by field; a record deleted on one side and
///   untouched on the other is deleted, one deleted on one side and edited on the other is
///   kept; a field changed differently on both sides keeps `ours` in the record and `theirs`
///   as a sibling record next to it, so the rep sees both;
/// - calls are united (one per start time), their change lists too;
/// - the notes merge by lines; where both sides changed the same lines, both are kept,
///   `ours` first;
/// - the next step changed differently on both sides keeps the newer, the other in its
///   history;
/// - unknown keys merge like fields; they, the name and the bank changed differently on both
///   sides keep `ours`; `created` is the earlier, `updated` the later.
///
/// Pure: no disk, no clock. Merging with an unchanged side returns the other side.
pub fn merge(base: &Account, ours: &Account, theirs: &Account) -> Account {
    if ours == theirs || theirs == base {
        return ours.clone();
    }
    if ours == base {
        return theirs.clone();
    }
    let mut merged = ours.clone();
    merged.schema = ours.schema.max(theirs.schema);
    merged.name = pick(&base.name, &ours.name, &theirs.name).clone();
    merged.created = ours.created.min(theirs.created);
    merged.updated = ours.updated.max(theirs.updated);
    merged.bank = pick(&base.bank, &ours.bank, &theirs.bank).clone();
    merged.answers = merge_answers(&base.answers, &ours.answers, &theirs.answers);
    merged.captures = merge_keyed(
        &base.captures,
        &ours.captures,
        &theirs.captures,
        |b, o, t| {
            Some(merge_records(
                b.unwrap_or(&[]),
                o.unwrap_or(&[]),
                t.unwrap_or(&[]),
            ))
        },
    );
    merged.notes = merge_lines(&base.notes, &ours.notes, &theirs.notes);
    merged.calls = merge_calls(&base.calls, &ours.calls, &theirs.calls);
    merged.next_step = merge_next_step(&base.next_step, &ours.next_step, &theirs.next_step);
    merged.extra = merge_extra(&base.extra, &ours.extra, &theirs.extra);
    // Archiving or merging it away on one side (a teammate's, pulled mid-call) is kept.
    merged.archived = *pick(&base.archived, &ours.archived, &theirs.archived);
    merged.merged_into = pick(&base.merged_into, &ours.merged_into, &theirs.merged_into).clone();
    merged.renames = united_renames(&ours.renames, &theirs.renames);
    // A form another copy left half-typed is kept until one is typed here.
    merged.draft = pick(&base.draft, &ours.draft, &theirs.draft).clone();
    merged.assign_record_ids();
    merged
}

/// A stand-in for the common ancestor of two versions whose real one is lost (git conflict
/// markers without the base): what both have alike. Merging against it keeps everything
/// either has.
pub fn common_ancestor(ours: &Account, theirs: &Account) -> Account {
    let mut base = ours.clone();
    base.answers
        .retain(|id, a| theirs.answers.get(id) == Some(a));
    for (list, records) in &mut base.captures {
        let others = theirs.records(list);
        records.retain(|r| others.contains(r));
    }
    let (o, t): (Vec<&str>, Vec<&str>) = (
        ours.notes.split('\n').collect(),
        theirs.notes.split('\n').collect(),
    );
    let kept = matches(&o, &t);
    base.notes = o
        .iter()
        .zip(&kept)
        .filter(|(_, k)| k.is_some())
        .map(|(line, _)| *line)
        .collect::<Vec<_>>()
        .join("\n");
    base.calls.retain(|c| theirs.calls.contains(c));
    if base.next_step != theirs.next_step {
        base.next_step = None;
    }
    base.extra.retain(|k, v| theirs.extra.get(k) == Some(v));
    base
}

/// The side that changed, or `ours` when both did.
fn pick<'a, T: PartialEq>(base: &T, ours: &'a T, theirs: &'a T) -> &'a T {
    if ours == base { theirs } else { ours }
}

/// Merges two maps key by key; `resolve` sees the three versions of a key whose two sides
/// differ and both changed, and returns the merged value or `None` to drop the key.
fn merge_keyed<K: Ord + Clone, V, W: ?Sized>(
    base: &BTreeMap<K, V>,
    ours: &BTreeMap<K, V>,
    theirs: &BTreeMap<K, V>,
    mut resolve: impl FnMut(Option<&W>, Option<&W>, Option<&W>) -> Option<V>,
) -> BTreeMap<K, V>
where
    V: PartialEq + Clone + std::borrow::Borrow<W>,
{
    let keys: BTreeSet<&K> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    let mut merged = BTreeMap::new();
    for key in keys {
        let (b, o, t) = (base.get(key), ours.get(key), theirs.get(key));
        let value = if o == t || t == b {
            o.cloned()
        } else if o == b {
            t.cloned()
        } else {
            resolve(
                b.map(|v| v.borrow()),
                o.map(|v| v.borrow()),
                t.map(|v| v.borrow()),
            )
        };
        if let Some(value) = value {
            merged.insert(key.clone(), value);
        }
    }
    merged
}

fn merge_extra(
    base: &BTreeMap<String, Value>,
    ours: &BTreeMap<String, Value>,
    theirs: &BTreeMap<String, Value>,
) -> BTreeMap<String, Value> {
    merge_keyed(base, ours, theirs, |_, o: Option<&Value>, t| {
        o.or(t).cloned()
    })
}

fn merge_answers(
    base: &BTreeMap<String, Answer>,
    ours: &BTreeMap<String, Answer>,
    theirs: &BTreeMap<String, Answer>,
) -> BTreeMap<String, Answer> {
    merge_keyed(base, ours, theirs, |b, o: Option<&Answer>, t| {
        match (o, t) {
            (Some(o), Some(t)) => Some(merge_answer(b, o, t)),
            // Deleted on one side, edited on the other: the edit stays.
            (o, t) => o.or(t).cloned(),
        }
    })
}

/// Both sides changed the answer: the newer is current, the other goes into the history.
fn merge_answer(base: Option<&Answer>, ours: &Answer, theirs: &Answer) -> Answer {
    let (newer, older) = if theirs.updated > ours.updated {
        (theirs, ours)
    } else {
        (ours, theirs)
    };
    let mut merged = newer.clone();
    let mut history: Vec<Version> = ours.history.clone();
    history.extend(theirs.history.iter().cloned());
    if older.text != newer.text && !older.text.trim().is_empty() {
        history.push(Version::new(older.text.clone(), older.updated));
    }
    history.sort_by_key(|v| v.updated);
    let mut seen = BTreeSet::new();
    history.retain(|v| seen.insert((v.text.clone(), v.updated)));
    merged.history = history;
    let empty = BTreeMap::new();
    merged.extra = merge_extra(
        base.map_or(&empty, |b| &b.extra),
        &ours.extra,
        &theirs.extra,
    );
    merged
}

/// Both sides set a next step: the newer stays (`ours` on a tie, and over one with no time),
/// the other goes into its history. One cleared and one changed: the change stays.
fn merge_next_step(
    base: &Option<NextStep>,
    ours: &Option<NextStep>,
    theirs: &Option<NextStep>,
) -> Option<NextStep> {
    if ours == theirs || theirs == base {
        return ours.clone();
    }
    if ours == base {
        return theirs.clone();
    }
    let (ours, theirs) = match (ours, theirs) {
        (Some(ours), Some(theirs)) => (ours, theirs),
        (ours, theirs) => return ours.clone().or_else(|| theirs.clone()),
    };
    let (newer, older) = if theirs.updated > ours.updated {
        (theirs, ours)
    } else {
        (ours, theirs)
    };
    let mut merged = newer.clone();
    merged.history = ours.history.clone();
    for version in &theirs.history {
        if !merged.history.contains(version) {
            merged.history.push(version.clone());
        }
    }
    let replaced = older.as_version();
    if (older.text != newer.text || older.date != newer.date) && !merged.history.contains(&replaced)
    {
        merged.history.push(replaced);
    }
    merged.history.sort_by_key(|v| v.updated);
    let empty = BTreeMap::new();
    merged.extra = merge_extra(
        base.as_ref().map_or(&empty, |b| &b.extra),
        &ours.extra,
        &theirs.extra,
    );
    Some(merged)
}

/// Records pair up by id. The result keeps `ours`' order, with records only `theirs` has
/// after the one they follow there.
pub fn merge_records(base: &[Record], ours: &[Record], theirs: &[Record]) -> Vec<Record> {
    let by_id = |records: &[Record]| -> BTreeMap<String, Record> {
        records.iter().map(|r| (r.id.clone(), r.clone())).collect()
    };
    let (b, o, t) = (by_id(base), by_id(ours), by_id(theirs));
    let mut siblings: BTreeMap<String, Record> = BTreeMap::new();
    let merged = merge_keyed(&b, &o, &t, |b, o: Option<&Record>, t| match (o, t) {
        (Some(o), Some(t)) => {
            let (record, sibling) = merge_record(b, o, t);
            if let Some(sibling) = sibling {
                siblings.insert(o.id.clone(), sibling);
            }
            Some(record)
        }
        (o, t) => o.or(t).cloned(),
    });
    let mut out: Vec<Record> = Vec::with_capacity(merged.len() + siblings.len());
    let mut placed = BTreeSet::new();
    let mut place = |out: &mut Vec<Record>, id: &str| {
        if placed.insert(id.to_string())
            && let Some(record) = merged.get(id)
        {
            out.push(record.clone());
            if let Some(sibling) = siblings.get(id)
                && !merged.contains_key(&sibling.id)
                && placed.insert(sibling.id.clone())
            {
                out.push(sibling.clone());
            }
        }
    };
    for record in ours {
        place(&mut out, &record.id);
    }
    for record in theirs {
        place(&mut out, &record.id);
    }
    out
}

/// A record both sides changed. Fields changed on one side take that side's value. When a
/// field was changed differently on both, the record keeps `ours` and `theirs` is returned
/// as a sibling, under an id derived from its content so merging again adds it only once.
fn merge_record(base: Option<&Record>, ours: &Record, theirs: &Record) -> (Record, Option<Record>) {
    let empty = Record {
        id: ours.id.clone(),
        fields: BTreeMap::new(),
        extra: BTreeMap::new(),
        typed: BTreeMap::new(),
    };
    let base = base.unwrap_or(&empty);
    let mut clash = false;
    let fields = merge_keyed(
        &base.fields,
        &ours.fields,
        &theirs.fields,
        |_, o: Option<&String>, t| {
            clash = true;
            o.or(t).cloned()
        },
    );
    let extra = merge_keyed(
        &base.extra,
        &ours.extra,
        &theirs.extra,
        |_, o: Option<&Value>, t| {
            clash = true;
            o.or(t).cloned()
        },
    );
    let mut merged = ours.clone();
    merged.fields = fields;
    merged.extra = extra;
    merged.typed = merge_extra(&base.typed, &ours.typed, &theirs.typed);
    let sibling = clash.then(|| {
        let mut sibling = theirs.clone();
        sibling.id = format!(
            "{}-{:08x}",
            theirs.id,
            stable_hash(&theirs.id, &theirs.fields) & 0xffff_ffff
        );
        sibling
    });
    (merged, sibling)
}

/// Calls are united, one per start time, in start order. A call both sides changed keeps the
/// later end and every change either side listed.
fn merge_calls(base: &[Call], ours: &[Call], theirs: &[Call]) -> Vec<Call> {
    // Calls pair up by their start and their rank among calls that started in the same second:
    // calls made on a fixed clock (`DISCO_NOW`), or seconds apart, are still different calls.
    let keyed = |calls: &[Call]| -> BTreeMap<(jiff::Timestamp, usize), Call> {
        let mut rank: BTreeMap<jiff::Timestamp, usize> = BTreeMap::new();
        calls
            .iter()
            .map(|c| {
                let r = rank.entry(c.started).or_default();
                let key = (c.started, *r);
                *r += 1;
                (key, c.clone())
            })
            .collect()
    };
    let (b, o, t) = (keyed(base), keyed(ours), keyed(theirs));
    // A call each side added at the same start and rank is two calls, not one.
    let added_on_both: Vec<Call> = t
        .iter()
        .filter(|(key, call)| !b.contains_key(key) && o.get(key).is_some_and(|o| o != *call))
        .map(|(_, call)| call.clone())
        .collect();
    let merged = merge_keyed(&b, &o, &t, |b, o: Option<&Call>, t| match (b, o, t) {
        (None, Some(o), Some(_)) => Some(o.clone()),
        (b, Some(o), Some(t)) => {
            let mut call = o.clone();
            call.ended = o.ended.max(t.ended);
            for change in &t.changes {
                if !call.changes.contains(change) {
                    call.changes.push(change.clone());
                }
            }
            let empty = BTreeMap::new();
            call.extra = merge_extra(b.map_or(&empty, |b| &b.extra), &o.extra, &t.extra);
            Some(call)
        }
        // Calls are never deleted by a merge: a call happened.
        (b, o, t) => o.or(t).or(b).cloned(),
    });
    // A call one side dropped and the other left alone is still a call that happened.
    let mut merged = merged;
    for (key, call) in o.iter().chain(&t) {
        merged.entry(*key).or_insert_with(|| call.clone());
    }
    let mut calls: Vec<Call> = merged.into_values().chain(added_on_both).collect();
    calls.sort_by_key(|c| c.started);
    calls
}

/// A three-way merge of text by lines (diff3). Where both sides changed the same lines
/// differently, the lines each added are all kept, `ours` first, and a line there is removed
/// if either side removed it: nothing typed is lost, and the rep sees both versions.
pub fn merge_lines(base: &str, ours: &str, theirs: &str) -> String {
    if ours == theirs || theirs == base {
        return ours.to_string();
    }
    if ours == base {
        return theirs.to_string();
    }
    let (b, o, t): (Vec<&str>, Vec<&str>, Vec<&str>) = (
        base.split('\n').collect(),
        ours.split('\n').collect(),
        theirs.split('\n').collect(),
    );
    let in_ours = matches(&b, &o);
    let in_theirs = matches(&b, &t);
    let mut out: Vec<&str> = Vec::with_capacity(o.len().max(t.len()));
    let (mut bi, mut oi, mut ti) = (0, 0, 0);
    loop {
        // The next base line both sides kept: everything before it is one chunk.
        let stable = (bi..b.len()).find_map(|i| match (in_ours[i], in_theirs[i]) {
            (Some(oj), Some(tj)) => Some((i, oj, tj)),
            _ => None,
        });
        let (bend, oend, tend) = stable.unwrap_or((b.len(), o.len(), t.len()));
        let (bc, oc, tc) = (&b[bi..bend], &o[oi..oend], &t[ti..tend]);
        if oc == bc {
            out.extend_from_slice(tc);
        } else if tc == bc || oc == tc {
            out.extend_from_slice(oc);
        } else {
            // Both changed these lines: every line either side added stays, `ours` first; a
            // line of the base stays only if both kept it.
            out.extend(oc.iter().filter(|l| !bc.contains(l) || tc.contains(l)));
            out.extend(tc.iter().filter(|l| !bc.contains(l) && !oc.contains(l)));
        }
        match stable {
            Some((i, oj, tj)) => {
                out.push(b[i]);
                (bi, oi, ti) = (i + 1, oj + 1, tj + 1);
            }
            None => break,
        }
    }
    out.join("\n")
}

/// For each line of `base`, the line of `other` it was kept as, if it was.
fn matches(base: &[&str], other: &[&str]) -> Vec<Option<usize>> {
    let mut kept = vec![None; base.len()];
    for op in capture_diff_slices(Algorithm::Myers, base, other) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                kept[old_index + k] = Some(new_index + k);
            }
        }
    }
    kept
}

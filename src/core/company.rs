//! The company capability sheet: what we can and can't do, our strengths, and who the customer
//! will work with. The promise guard checks commitments against it.

use std::collections::HashSet;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::guard::Guard;
use super::text::{Lexicon, QuantityKind};
use super::validate::{Issue, Issues};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Company {
    pub name: String,
    #[serde(default)]
    pub strengths: Vec<Item>,
    #[serde(default)]
    pub can: Vec<Item>,
    #[serde(default)]
    pub cannot: Vec<Item>,
    #[serde(default)]
    pub people: Vec<Person>,
    /// The guard compiled from this sheet, built on first use: a sheet is read-only once
    /// loaded, and compiling it on every keystroke would cost more than the check itself.
    #[serde(skip)]
    compiled: CompiledGuard,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub statement: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Lexicon concepts whose words also name this item (e.g. custom-manufacturing).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub concepts: Vec<String>,
    /// What we can offer, as a quantity: "delivery in days, at least 2".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<Limit>,
    /// Words that put a statement outside this item ("metro area" for a limit that applies
    /// outside it). "outside the metro area" does not count as the exception.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub except: Vec<String>,
}

/// A quantity the company can offer: anything outside the bounds is a promise we can't keep.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Limit {
    pub quantity: QuantityKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<f64>,
}

impl Limit {
    pub(crate) fn allows(&self, value: f64) -> bool {
        self.at_least.is_none_or(|min| value >= min) && self.at_most.is_none_or(|max| value <= max)
    }

    /// "at least 2 days", "at most 30 days", "2 to 5 days".
    pub(crate) fn describe(&self) -> String {
        match (self.at_least, self.at_most) {
            (Some(min), Some(max)) => format!("{} to {} days", days(min), days(max)),
            (Some(min), None) => format!("at least {}", plural_days(min)),
            (None, Some(max)) => format!("at most {}", plural_days(max)),
            (None, None) => "any number of days".into(),
        }
    }
}

fn days(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// "1 day", "0.5 days", "30 days".
pub(crate) fn plural_days(value: f64) -> String {
    if value == 1.0 {
        "1 day".into()
    } else {
        format!("{} days", days(value))
    }
}

#[derive(Debug, Clone, Default)]
struct CompiledGuard(OnceLock<Arc<Guard>>);

impl PartialEq for CompiledGuard {
    /// A cache: two sheets are equal by what they say, not by what was compiled from them.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    pub name: String,
    pub role: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub contact: String,
}

/// Which list of the sheet an item comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Can,
    Cannot,
}

impl Company {
    #[cfg(test)]
    /// Problems with the sheet, reading concept ids against the built-in lexicon.
    pub(crate) fn validate(&self) -> Vec<Issue> {
        self.validate_with(&Lexicon::builtin())
    }

    /// Problems with the sheet, reading concept ids against `lexicon`.
    pub(crate) fn validate_with(&self, lexicon: &Lexicon) -> Vec<Issue> {
        let mut issues = Issues::default();
        issues.not_empty("name", &self.name);
        if self.can.is_empty() && self.cannot.is_empty() {
            issues.push("can", "list at least one thing we can or can't do");
        }
        let mut ids = HashSet::new();
        for (list, items) in [
            ("strengths", &self.strengths),
            ("can", &self.can),
            ("cannot", &self.cannot),
        ] {
            for (i, item) in items.iter().enumerate() {
                let at = format!("{list}[{i}]");
                issues.unique_id(&format!("{at}.id"), &item.id, &mut ids);
                issues.not_empty(&format!("{at}.statement"), &item.statement);
                for (k, keyword) in item.keywords.iter().enumerate() {
                    let at = format!("{at}.keywords[{k}]");
                    if keyword.trim().is_empty() {
                        issues.not_empty(&at, keyword);
                    } else if !keyword.chars().any(char::is_alphanumeric) {
                        // Matching compares words, so punctuation alone can never match.
                        issues.push(
                            at,
                            format!("{keyword:?} has no letter or digit, so it would never match"),
                        );
                    }
                }
                for (e, except) in item.except.iter().enumerate() {
                    issues.not_empty(&format!("{at}.except[{e}]"), except);
                }
                if let Some(limit) = &item.limit {
                    validate_limit(&mut issues, &format!("{at}.limit"), limit);
                }
            }
        }
        for (list, items) in [("can", &self.can), ("cannot", &self.cannot)] {
            for (i, item) in items.iter().enumerate() {
                for (c, concept) in item.concepts.iter().enumerate() {
                    if lexicon.concept(concept).is_none() {
                        let known: Vec<&str> =
                            lexicon.concepts.iter().map(|c| c.id.as_str()).collect();
                        issues.push(
                            format!("{list}[{i}].concepts[{c}]"),
                            format!("unknown concept {concept:?}; known: {}", known.join(", ")),
                        );
                    }
                }
            }
        }
        for (list, items) in [("strengths", &self.strengths)] {
            for (i, item) in items.iter().enumerate() {
                if item.limit.is_some() {
                    issues.push(
                        format!("{list}[{i}].limit"),
                        "a limit belongs on a can or cannot item",
                    );
                }
            }
        }
        for (i, person) in self.people.iter().enumerate() {
            issues.not_empty(&format!("people[{i}].name"), &person.name);
            issues.not_empty(&format!("people[{i}].role"), &person.role);
        }
        issues.0
    }

    /// The promise guard for this sheet with the built-in lexicon, compiled once.
    pub fn guard(&self) -> Arc<Guard> {
        self.compiled
            .0
            .get_or_init(|| Arc::new(Guard::new(self, Lexicon::builtin())))
            .clone()
    }

    /// Uses `lexicon` (the built-in one extended by a team's) for this sheet's guard. Only the
    /// first compilation counts: call it right after loading.
    pub(crate) fn use_lexicon(&self, lexicon: Lexicon) {
        let _ = self.compiled.0.set(Arc::new(Guard::new(self, lexicon)));
    }

    pub fn item(&self, id: &str) -> Option<(Side, &Item)> {
        self.can
            .iter()
            .map(|i| (Side::Can, i))
            .chain(self.cannot.iter().map(|i| (Side::Cannot, i)))
            .find(|(_, item)| item.id == id)
    }
}

fn validate_limit(issues: &mut Issues, at: &str, limit: &Limit) {
    if limit.at_least.is_none() && limit.at_most.is_none() {
        issues.push(at, "give at-least, at-most or both");
    }
    for (name, bound) in [("at-least", limit.at_least), ("at-most", limit.at_most)] {
        if let Some(value) = bound
            && !(value.is_finite() && value >= 0.0)
        {
            issues.push(
                format!("{at}.{name}"),
                "must be a number of days, 0 or more",
            );
        }
    }
    if let (Some(min), Some(max)) = (limit.at_least, limit.at_most)
        && min > max
    {
        issues.push(at, format!("at-least ({min}) is more than at-most ({max})"));
    }
}

#[cfg(test)]
/// Lowercase words separated by single spaces, padded, so a keyword matches whole words only:
/// "next day" matches "Next-day delivery" but "day" does not match "today".
fn words(text: &str) -> String {
    let mut out = String::from(" ");
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

#[cfg(test)]
/// Whether `keyword` appears in `text` as whole words, ignoring case and punctuation.
pub(crate) fn contains_keyword(text: &str, keyword: &str) -> bool {
    let needle = words(keyword);
    !needle.trim().is_empty() && words(text).contains(&needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_match_whole_words_in_any_case_and_punctuation() {
        assert!(contains_keyword("Promised NEXT-DAY delivery", "next day"));
        assert!(contains_keyword("overnight shipping", "overnight"));
        assert!(!contains_keyword(
            "delivery the next business day",
            "next day"
        ));
        assert!(!contains_keyword("overnightly", "overnight"));
        assert!(!contains_keyword("anything", "  "));
    }

    #[test]
    fn keywords_without_a_letter_or_digit_are_refused() {
        let mut company: Company = crate::yaml::from_str(
            "name: Us\ncan:\n  - id: fast\n    statement: Next-day delivery\n    keywords: [\"next day\", \"24/7\", \"!!!\", \"--\"]\n",
        )
        .unwrap();
        let issues: Vec<String> = company.validate().iter().map(|i| i.to_string()).collect();
        assert_eq!(issues.len(), 2, "{issues:?}");
        assert!(issues[0].contains("can[0].keywords[2]"), "{issues:?}");
        assert!(issues[0].contains("no letter or digit"), "{issues:?}");
        assert!(issues[1].contains("can[0].keywords[3]"), "{issues:?}");
        company.can[0].keywords = vec!["日本".into(), "B2B".into()];
        assert!(company.validate().is_empty());
    }

    fn sheet(yaml: &str) -> Company {
        crate::yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn limits_and_concepts_are_validated_with_their_place() {
        let company = sheet(
            "name: X\ncan:\n  - id: a\n    statement: A\n    limit: {quantity: delivery-days}\n  - id: b\n    statement: B\n    limit: {quantity: payment-days, at-least: 40, at-most: 30}\n    concepts: [no-such-thing]\nstrengths:\n  - id: c\n    statement: C\n    limit: {quantity: payment-days, at-most: -1}\n",
        );
        let paths: Vec<String> = company.validate().into_iter().map(|i| i.path).collect();
        assert_eq!(
            paths,
            [
                "strengths[0].limit.at-most",
                "can[0].limit",
                "can[1].limit",
                "can[1].concepts[0]",
                "strengths[0].limit"
            ]
        );
    }

    #[test]
    fn an_old_sheet_without_limits_still_reads_and_the_example_is_valid() {
        let old =
            sheet("name: X\ncannot:\n  - id: a\n    statement: No A\n    keywords: [a thing]\n");
        assert_eq!(old.validate(), vec![]);
        let example = sheet(include_str!("../../question-banks/company.example.yaml"));
        assert_eq!(example.validate(), vec![]);
        let limit = example.item("net-90").unwrap().1.limit.unwrap();
        assert!(limit.allows(30.0) && !limit.allows(45.0));
        assert_eq!(limit.describe(), "at most 30 days");
    }
}

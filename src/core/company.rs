//! The company capability sheet: what we can and can't do, our strengths, and who the customer
//! will work with. The promise guard checks commitments against it.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::validate::{Issue, Issues};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub statement: String,
    #[serde(default)]
    pub keywords: Vec<String>,
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
    pub fn validate(&self) -> Vec<Issue> {
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
            }
        }
        for (i, person) in self.people.iter().enumerate() {
            issues.not_empty(&format!("people[{i}].name"), &person.name);
            issues.not_empty(&format!("people[{i}].role"), &person.role);
        }
        issues.0
    }

    pub fn item(&self, id: &str) -> Option<(Side, &Item)> {
        self.can
            .iter()
            .map(|i| (Side::Can, i))
            .chain(self.cannot.iter().map(|i| (Side::Cannot, i)))
            .find(|(_, item)| item.id == id)
    }
}

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

/// Whether `keyword` appears in `text` as whole words, ignoring case and punctuation.
pub fn contains_keyword(text: &str, keyword: &str) -> bool {
    let needle = words(keyword);
    !needle.trim().is_empty() && words(text).contains(&needle)
}

/// The item whose keywords appear in `text`, if any, from `items` in sheet order.
pub fn keyword_match<'a>(items: &'a [Item], text: &str) -> Option<&'a Item> {
    let haystack = words(text);
    items.iter().find(|item| {
        item.keywords.iter().any(|k| {
            let needle = words(k);
            !needle.trim().is_empty() && haystack.contains(&needle)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn item(id: &str, keywords: &[&str]) -> Item {
        Item {
            id: id.into(),
            statement: format!("statement of {id}"),
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
        }
    }

    #[test]
    fn keywords_match_whole_words_in_any_case_and_punctuation() {
        let items = [item("next-day", &["next day", "overnight"])];
        assert!(keyword_match(&items, "Promised NEXT-DAY delivery").is_some());
        assert!(keyword_match(&items, "overnight shipping").is_some());
        assert!(keyword_match(&items, "delivery the next business day").is_none());
        assert!(keyword_match(&items, "overnightly").is_none());
        assert!(keyword_match(&[item("blank", &["  "])], "anything").is_none());
    }
}

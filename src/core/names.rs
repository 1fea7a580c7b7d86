//! Turning any account name into a file name that stays inside the accounts folder, and
//! telling when two names probably mean the same customer.

use unicode_security::confusable_detection::skeleton;

/// Longest slug kept in a file name; the hash keeps longer names apart.
const SLUG_MAX: usize = 40;

/// Marks that reorder text on screen: a name holding one can show as another name entirely.
const BIDI_CONTROLS: &[char] = &[
    '\u{061c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}',
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];

/// Words that say what kind of company it is, not which: "Acme Inc" and "Acme Ltd." are
/// offered as the same customer.
const LEGAL_SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "llc",
    "llp",
    "lp",
    "plc",
    "gmbh",
    "mbh",
    "ag",
    "kg",
    "co",
    "corp",
    "corporation",
    "company",
    "sa",
    "sas",
    "sarl",
    "srl",
    "spa",
    "bv",
    "nv",
    "oy",
    "ab",
    "as",
    "pty",
    "pte",
    "kk",
    "group",
    "holdings",
];

/// A shortened name counts as the same customer only from this many letters on, so "A" does
/// not look like every name starting with an A.
const MIN_PREFIX_LETTERS: usize = 4;

/// Trims the name and refuses what cannot name an account. Everything else is accepted,
/// including the joiners that emoji and many scripts need.
pub fn clean_account_name(raw: &str) -> Result<String, String> {
    let name = raw.trim();
    if name.is_empty() {
        return Err("account name is empty".into());
    }
    if name.chars().any(char::is_control) {
        return Err("account name contains control characters (tabs, line breaks, escapes)".into());
    }
    if name.chars().any(|c| BIDI_CONTROLS.contains(&c)) {
        return Err(
            "account name contains text-direction marks, which can make it display as a different name"
                .into(),
        );
    }
    Ok(name.to_string())
}

/// What two names are compared by: the words of the name in Unicode's confusable form, accents
/// folded, lower case, punctuation and legal suffixes dropped.
///
/// Stored (in the name index) as the words joined by spaces: compact, and read back fast.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(into = "String", from = "String")]
pub struct NameKey {
    words: Vec<String>,
    /// The words run together, kept because every comparison needs it.
    joined: String,
}

impl From<NameKey> for String {
    fn from(key: NameKey) -> Self {
        key.words.join(" ")
    }
}

impl From<String> for NameKey {
    fn from(text: String) -> Self {
        Self::from_words(
            text.split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect(),
        )
    }
}

impl NameKey {
    pub fn of(name: &str) -> Self {
        // Lower case first: the confusable table maps "m" and "M" differently.
        let confusable_form: String = skeleton(&name.to_lowercase()).collect();
        let folded = deunicode::deunicode(&confusable_form)
            .to_lowercase()
            .replace('&', " and ");
        let mut words: Vec<String> = folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        while words.len() > 1
            && words
                .last()
                .is_some_and(|w| LEGAL_SUFFIXES.contains(&w.as_str()))
        {
            words.pop();
        }
        // "Acme &" after "Co." is dropped: a dangling "and" joins nothing.
        while words.len() > 1 && words.last().is_some_and(|w| w == "and") {
            words.pop();
        }
        Self::from_words(words)
    }

    fn from_words(words: Vec<String>) -> Self {
        let joined = words.concat();
        Self { words, joined }
    }

    /// Same customer as far as a rep can tell: the same words however spaced, or one name the
    /// start of the other ("Keystone Fastener" for "Keystone Fastener & Supply Co.").
    pub fn looks_like(&self, other: &NameKey) -> bool {
        if self.words.is_empty() || other.words.is_empty() {
            return false;
        }
        if self.joined == other.joined {
            return true;
        }
        let (short, long) = if self.words.len() <= other.words.len() {
            (self, other)
        } else {
            (other, self)
        };
        short.joined.len() >= MIN_PREFIX_LETTERS && long.words.starts_with(&short.words)
    }
}

/// File stem for an account: a readable slug plus a hash of the exact name, so that names
/// differing only in case, accents or punctuation never share a file. `attempt` > 0 gives the
/// stems tried when a hash collides with another account's file.
pub fn file_stem(name: &str, attempt: u32) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
        if slug.len() >= SLUG_MAX {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "account" } else { slug };
    let hash = fnv1a(name.as_bytes());
    match attempt {
        0 => format!("{slug}-{hash:08x}"),
        n => format!("{slug}-{hash:08x}-{}", n + 1),
    }
}

/// A file name a rep can recognise for an account's recap ("Acme Corp.txt"): the name
/// itself when it is safe as a file name, else a safe version plus the hash that keeps it
/// apart from names that clean up the same way.
pub fn recap_file_name(name: &str, extension: &str) -> String {
    let mut safe = String::new();
    for c in name.trim().chars() {
        let keep = c.is_alphanumeric() || " -_.,&()'+".contains(c);
        safe.push(if keep { c } else { '-' });
        if safe.chars().count() >= SLUG_MAX {
            break;
        }
    }
    let trimmed = safe
        .trim_start_matches(['.', ' ', '-'])
        .trim_end_matches(['.', ' ']);
    let stem = if trimmed == name && !trimmed.is_empty() {
        trimmed.to_string()
    } else {
        let trimmed = if trimmed.is_empty() {
            "account"
        } else {
            trimmed
        };
        format!("{trimmed} {:08x}", fnv1a(name.as_bytes()))
    };
    format!("{stem}.{extension}")
}

/// FNV-1a folded to 32 bits: stable across Rust versions and platforms, unlike `DefaultHasher`.
fn fnv1a(bytes: &[u8]) -> u32 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    ((hash >> 32) ^ hash) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn recap_files_are_named_after_the_account_and_stay_in_their_folder() {
        assert_eq!(recap_file_name("Acme Corp", "txt"), "Acme Corp.txt");
        assert_eq!(
            recap_file_name("Müller & Söhne", "eml"),
            "Müller & Söhne.eml"
        );
        let names = [
            "../../etc/passwd",
            "..",
            "/abs",
            "a/b",
            "a\\b",
            "",
            "Zoë\u{202e}",
            &"x".repeat(500),
        ];
        let mut seen = HashSet::new();
        for name in names {
            let file = recap_file_name(name, "txt");
            assert!(
                !file.contains(['/', '\\']) && !file.starts_with('.'),
                "{file}"
            );
            assert!(!file.chars().any(char::is_control), "{file:?}");
            assert!(file.chars().count() <= SLUG_MAX + 13, "{file}");
            assert!(seen.insert(file.clone()), "{name:?} collides: {file}");
        }
        assert_ne!(recap_file_name("a/b", "txt"), recap_file_name("a-b", "txt"));
    }

    #[test]
    fn stems_are_safe_and_distinct() {
        let names = [
            "..",
            "../../etc/passwd",
            "/abs",
            "con",
            "CON",
            "NUL",
            "Zo\u{eb}",
            "Zoe\u{308}",
            "Acme Corp",
            "acme corp",
            "Acme  Corp",
            "日本の会社",
            "🚀",
            &"x".repeat(10_000),
            &"y".repeat(10_000),
        ];
        let mut seen = HashSet::new();
        for name in names {
            let stem = file_stem(name, 0);
            assert!(stem.len() <= SLUG_MAX + 9, "{stem}");
            assert!(
                stem.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{stem}"
            );
            assert!(!stem.starts_with('-') && !stem.starts_with('.'), "{stem}");
            assert!(seen.insert(stem.clone()), "collision for {name:?}: {stem}");
        }
    }

    #[test]
    fn stems_are_stable() {
        assert_eq!(file_stem("Acme Corp", 0), file_stem("Acme Corp", 0));
        assert!(file_stem("Acme Corp", 0).starts_with("acme-corp-"));
        assert!(file_stem("Acme Corp", 2).ends_with("-3"));
    }

    #[test]
    fn names_are_trimmed_and_empty_or_control_names_refused() {
        assert_eq!(clean_account_name("  Acme \t").as_deref(), Ok("Acme"));
        assert!(clean_account_name("").is_err());
        assert!(clean_account_name(" \t\n ").is_err());
        assert!(clean_account_name("a\u{1b}[2Jb").is_err());
        assert_eq!(clean_account_name("..").as_deref(), Ok(".."));
    }

    #[test]
    fn text_direction_marks_are_refused_and_joiners_kept() {
        let err = clean_account_name("Acme\u{202e}proC").unwrap_err();
        assert!(err.contains("text-direction"), "{err}");
        assert!(clean_account_name("\u{2067}Acme").is_err());
        // A family emoji is held together by zero-width joiners; Persian needs the non-joiner.
        let family = "Bakery \u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        assert_eq!(clean_account_name(family).as_deref(), Ok(family));
        assert!(clean_account_name("\u{645}\u{6cc}\u{200c}\u{634}\u{648}\u{62f}").is_ok());
    }

    fn alike(a: &str, b: &str) -> bool {
        NameKey::of(a).looks_like(&NameKey::of(b))
    }

    #[test]
    fn look_alike_names_are_recognised() {
        let same = [
            ("Acme Corp", "acme corp"),
            ("Acme Corp", "ACME  Corp."),
            ("Acme Inc", "Acme Ltd."),
            ("Acme", "Acme GmbH"),
            ("Acme", "Acme, LLC"),
            ("Zoë Design", "Zoe Design"),
            ("Zo\u{eb} Design", "Zoe\u{308} Design"),
            ("Key Stone", "Keystone"),
            ("Keystone Fastener", "Keystone Fastener & Supply Co."),
            (
                "Keystone Fastener and Supply",
                "Keystone Fastener & Supply Co.",
            ),
            // Cyrillic a and o in a Latin name, a zero-width space, a soft hyphen.
            ("Acme Foods", "\u{410}cme F\u{43e}\u{43e}ds"),
            ("Acme Foods", "Acme\u{200b} Foods"),
            ("Acme Foods", "Ac\u{ad}me Foods"),
            ("Müller Werkzeug GmbH", "MÜLLER WERKZEUG"),
        ];
        for (a, b) in same {
            assert!(alike(a, b), "{a:?} should look like {b:?}");
            assert!(alike(b, a), "{b:?} should look like {a:?}");
        }
    }

    #[test]
    fn different_customers_are_not_look_alikes() {
        let different = [
            ("Acme", "Apex"),
            ("Acme Foods", "Acme Tools"),
            ("Keystone Fastener", "Keystone Fence"),
            ("Co", "Co-op Farms"),
            ("Abc", "Abc Corp Holdings West"),
            ("日本の会社", "中国の会社"),
            ("Inc", "Ltd"),
        ];
        for (a, b) in different {
            assert!(!alike(a, b), "{a:?} should not look like {b:?}");
        }
    }
}

//! Account names: which are accepted, a readable ASCII form of one, and telling when two names
//! probably mean the same customer. File names are made from them in `storage::file_names`.

use unicode_security::confusable_detection::skeleton;

/// Longest slug kept; the fingerprint keeps longer names apart.
pub const SLUG_MAX: usize = 40;

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

/// A readable ASCII form of a name for file names and message ids: letters transliterated
/// ("Müller Café" → "muller-cafe", "東京" → "dong-jing"), lower case, runs of anything else
/// one dash, at most `SLUG_MAX` long; `None` when nothing readable is left. Never unique: the
/// callers add [`fingerprint`].
pub fn slug(name: &str) -> Option<String> {
    let mut slug = String::new();
    // Char by char, stopping once full: a 10,000-character name costs no more than a short one.
    let mut one = [0; 4];
    'name: for c in name.chars() {
        let ascii = match c {
            c if c.is_ascii() => c.encode_utf8(&mut one),
            c => deunicode::deunicode_char(c).unwrap_or("-"),
        };
        for &b in ascii.as_bytes() {
            if b.is_ascii_alphanumeric() {
                slug.push(char::from(b.to_ascii_lowercase()));
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
            if slug.len() >= SLUG_MAX {
                break 'name;
            }
        }
    }
    let slug = slug.trim_end_matches('-');
    (!slug.is_empty()).then(|| slug.to_string())
}

/// A hash of the exact name: it keeps apart names whose slugs are the same. FNV-1a folded to
/// 32 bits, stable across Rust versions and platforms (unlike `DefaultHasher`), because files
/// are named with it.
pub fn fingerprint(name: &str) -> u32 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in name.as_bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    ((hash >> 32) ^ hash) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable_ascii_and_bounded() {
        assert_eq!(slug("Acme Corp").as_deref(), Some("acme-corp"));
        assert_eq!(slug("Müller Café ÖÜ").as_deref(), Some("muller-cafe-ou"));
        assert_eq!(slug("東京 Trading").as_deref(), Some("dong-jing-trading"));
        assert_eq!(slug("../../etc/passwd").as_deref(), Some("etc-passwd"));
        assert_eq!(slug(".."), None);
        assert_eq!(slug(""), None);
        let long = slug(&"日本".repeat(10_000)).unwrap_or_default();
        assert!(long.len() <= SLUG_MAX && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn fingerprints_are_stable() {
        // Files are named with it: a change here would leave every account file unfound
        // by its name (the name index would still find it, slowly).
        assert_eq!(fingerprint("Acme Corp"), 0xa4ff_0015);
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

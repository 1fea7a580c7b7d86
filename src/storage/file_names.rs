//! What files are called: one per account (and per learner, per role-play account), named so
//! that a rep can tell which is which and no name can reach outside its folder.

use std::path::{Path, PathBuf};

use crate::core::names::{SLUG_MAX, fingerprint, slug};

/// File stem for an account: a readable slug plus a hash of the exact name, so that names
/// differing only in case, accents or punctuation never share a file ("Müller Café" →
/// `muller-cafe-1a2b3c4d`). `attempt` > 0 gives the stems tried when a hash collides with
/// another account's file.
pub fn file_stem(name: &str, attempt: u32) -> String {
    with_hash(slug(name).as_deref(), name, attempt)
}

/// The stem disco gave `name` before slugs were transliterated (letters outside ASCII were
/// dropped: "Müller" was `m-ller-…`), when it differs from [`file_stem`]: files named then
/// are still found under the name inside them, without a rename behind the rep's back.
pub fn earlier_file_stem(name: &str, attempt: u32) -> Option<String> {
    if name.is_ascii() {
        return None;
    }
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
    let earlier = with_hash((!slug.is_empty()).then_some(slug), name, attempt);
    (earlier != file_stem(name, attempt)).then_some(earlier)
}

fn with_hash(slug: Option<&str>, name: &str, attempt: u32) -> String {
    let slug = slug.unwrap_or("account");
    let hash = fingerprint(name);
    match attempt {
        0 => format!("{slug}-{hash:08x}"),
        n => format!("{slug}-{hash:08x}-{}", n + 1),
    }
}

/// The one YAML file in `dir` for `name` (a learner's progress, a role-play record): under
/// its [`earlier_file_stem`] when only that file exists, else under its [`file_stem`].
pub fn own_file(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(format!("{}.yaml", file_stem(name, 0)));
    if let Some(earlier) = earlier_file_stem(name, 0).map(|s| dir.join(format!("{s}.yaml")))
        && !path.exists()
        && earlier.exists()
    {
        return earlier;
    }
    path
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
        format!("{trimmed} {:08x}", fingerprint(name))
    };
    format!("{stem}.{extension}")
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
    fn stems_are_readable_safe_and_distinct() {
        let names = [
            "..",
            "../../etc/passwd",
            "/abs",
            "con",
            "CON",
            "NUL",
            "Zo\u{eb}",
            "Zoe\u{308}",
            "Zoe",
            "Acme Corp",
            "acme corp",
            "Acme  Corp",
            "Müller Café ÖÜ",
            "Muller Cafe OU",
            "東京 Trading",
            "日本の会社",
            "🚀",
            "\u{10ffff}",
            &"x".repeat(10_000),
            &"y".repeat(10_000),
            &"東".repeat(10_000),
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
        assert!(file_stem("Müller Café ÖÜ", 0).starts_with("muller-cafe-ou-"));
        assert!(file_stem("東京 Trading", 0).starts_with("dong-jing-trading-"));
    }

    #[test]
    fn stems_are_stable() {
        // Files already on disk are found by these names.
        assert_eq!(file_stem("Acme Corp", 0), "acme-corp-a4ff0015");
        assert!(file_stem("Acme Corp", 2).ends_with("-3"));
        assert_eq!(earlier_file_stem("Acme Corp", 0), None);
        let earlier = earlier_file_stem("Müller Café", 0).unwrap_or_default();
        assert!(earlier.starts_with("m-ller-caf-"), "{earlier}");
        assert_eq!(
            earlier.rsplit('-').next(),
            file_stem("Müller Café", 0).rsplit('-').next()
        );
    }
}

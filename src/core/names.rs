//! Turning any account name into a file name that stays inside the accounts folder.

/// Longest slug kept in a file name; the hash keeps longer names apart.
const SLUG_MAX: usize = 40;

/// Trims the name and refuses what cannot name an account. Everything else is accepted.
pub fn clean_account_name(raw: &str) -> Result<String, String> {
    let name = raw.trim();
    if name.is_empty() {
        return Err("account name is empty".into());
    }
    if name.chars().any(char::is_control) {
        return Err("account name contains control characters (tabs, line breaks, escapes)".into());
    }
    Ok(name.to_string())
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
}

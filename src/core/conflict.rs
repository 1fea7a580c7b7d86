//! Git conflict markers in a file: the two (or three) versions they hold, so the account merge
//! can put them back together.

/// The versions a conflicted file holds: each is the whole file as that side had it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Versions {
    pub ours: String,
    /// The common ancestor, when the markers carry it (`merge.conflictStyle = diff3`).
    pub base: Option<String>,
    pub theirs: String,
}

#[derive(Clone, Copy, PartialEq)]
enum In {
    Both,
    Ours,
    Base,
    Theirs,
}

fn is_marker(line: &str, mark: &str) -> bool {
    line.strip_prefix(mark)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\r']))
}

/// Splits a file with conflict markers into its versions; `Ok(None)` when it has none, an error
/// naming the line when the markers do not pair up.
pub(crate) fn split(text: &str) -> Result<Option<Versions>, String> {
    let (mut ours, mut base, mut theirs) = (String::new(), String::new(), String::new());
    let (mut state, mut found, mut with_base) = (In::Both, false, false);
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let bare = line.trim_end_matches('\n');
        let next = if is_marker(bare, "<<<<<<<") {
            (state == In::Both).then_some(In::Ours)
        } else if is_marker(bare, "|||||||") {
            (state == In::Ours).then_some(In::Base)
        } else if is_marker(bare, "=======") && matches!(state, In::Ours | In::Base) {
            Some(In::Theirs)
        } else if is_marker(bare, ">>>>>>>") {
            (state == In::Theirs).then_some(In::Both)
        } else {
            match state {
                In::Both => {
                    ours.push_str(line);
                    base.push_str(line);
                    theirs.push_str(line);
                }
                In::Ours => ours.push_str(line),
                In::Base => base.push_str(line),
                In::Theirs => theirs.push_str(line),
            }
            continue;
        };
        match next {
            Some(next) => {
                found = true;
                with_base |= next == In::Base;
                state = next;
            }
            None => return Err(format!("line {}: a conflict marker out of place", n + 1)),
        }
    }
    if state != In::Both {
        return Err("a conflict is not closed (no >>>>>>> line)".into());
    }
    Ok(found.then(|| Versions {
        ours,
        base: with_base.then_some(base),
        theirs,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_two_and_three_way_conflicts() {
        let text = "a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> main\nd\n";
        let v = split(text).unwrap().unwrap();
        assert_eq!(
            (v.ours.as_str(), v.theirs.as_str()),
            ("a\nb\nd\n", "a\nc\nd\n")
        );
        assert_eq!(v.base, None);
        let text = "<<<<<<< HEAD\nb\n||||||| base\nx\n=======\nc\n>>>>>>> main\n";
        let v = split(text).unwrap().unwrap();
        assert_eq!(v.base.as_deref(), Some("x\n"));
        assert_eq!(split("no markers\n=======\n").unwrap(), None);
        assert!(split("<<<<<<< HEAD\nb\n").is_err());
        assert!(split("a\n>>>>>>> main\n").is_err());
    }
}

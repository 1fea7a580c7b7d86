//! Where a problem's path (`facts[1].id`, `replies.other-departments.reveals[0]`) stands in a
//! hand-written YAML file, as line and column, so every problem `scenario check` reports can be
//! clicked to. Reads block YAML the way people write data files; for flow collections
//! (`rules: [a, b]`, `weights: {facts: 70}`) it finds the element on its line. A path it cannot
//! follow all the way gives the deepest place it reached.

/// One line's content, with list dashes split off: `  - id: x` gives a dash at column 3 and a
/// key `id: x` at column 5.
struct Entry {
    line: usize,
    column: usize,
    dash: bool,
    text: String,
}

/// One step of a problem's path: a key, or a list's index.
pub(super) enum Segment {
    Key(String),
    Index(usize),
}

/// `facts[1].id` as its steps: `facts`, 1, `id`. Also how `collect.rs` patches a value.
pub(super) fn segments(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let (key, mut rest) = match part.find('[') {
            Some(at) => (&part[..at], &part[at..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Segment::Key(key.to_string()));
        }
        while let Some(close) = rest.find(']') {
            if let Ok(n) = rest[1..close].parse() {
                out.push(Segment::Index(n));
            }
            rest = &rest[close + 1..];
        }
    }
    out
}

fn entries(text: &str) -> Vec<Entry> {
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let trimmed = raw.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with("---") {
            continue;
        }
        let mut column = raw.len() - trimmed.len() + 1;
        let mut rest = trimmed;
        while rest == "-" || rest.starts_with("- ") {
            out.push(Entry {
                line: n + 1,
                column,
                dash: true,
                text: String::new(),
            });
            let after = rest[1..].trim_start();
            column += rest.len() - after.len();
            rest = after;
        }
        if !rest.is_empty() {
            out.push(Entry {
                line: n + 1,
                column,
                dash: false,
                text: rest.to_string(),
            });
        }
    }
    out
}

fn key_of(text: &str) -> Option<&str> {
    let end = text.find(':')?;
    Some(text[..end].trim().trim_matches(['"', '\'']))
}

/// The place of an element inside a flow collection on one line: `[a, b]` by index,
/// `{facts: 70}` by key.
fn in_flow(entry: &Entry, segment: &Segment) -> Option<(usize, usize)> {
    let text = &entry.text;
    let open = text.find(['[', '{'])?;
    let mut offset = open + 1;
    for (i, item) in text[open + 1..].split(',').enumerate() {
        let lead = item.len() - item.trim_start().len();
        let clean = item.trim().trim_end_matches([']', '}']).trim();
        let hit = match segment {
            Segment::Index(n) => i == *n,
            Segment::Key(k) => key_of(clean) == Some(k.as_str()),
        };
        if hit {
            return Some((entry.line, entry.column + offset + lead));
        }
        offset += item.len() + 1;
    }
    None
}

/// The line and column of `path` in `text`, or the deepest place on the way to it.
pub(crate) fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let all = entries(text);
    let mut region: &[Entry] = &all;
    let mut found: Option<&Entry> = None;
    for segment in segments(path) {
        let Some(first) = region.first() else {
            // The value is inline: look for the element on the parent's line.
            return found
                .and_then(|e| in_flow(e, &segment))
                .or(found.map(|e| (e.line, e.column)));
        };
        let indent = first.column;
        let at = match &segment {
            Segment::Key(key) => region
                .iter()
                .position(|e| e.column == indent && !e.dash && key_of(&e.text) == Some(key)),
            Segment::Index(n) => region
                .iter()
                .enumerate()
                .filter(|(_, e)| e.column == indent && e.dash)
                .nth(*n)
                .map(|(i, _)| i),
        };
        let Some(at) = at else {
            // A list item written as a flow map: `- {id: x, say: y}`.
            if let Some(flow) = region.first().filter(|e| e.text.starts_with('{'))
                && let Some(place) = in_flow(flow, &segment)
            {
                return Some(place);
            }
            return found.map(|e| (e.line, e.column));
        };
        let entry = &region[at];
        let rest = &region[at + 1..];
        // A key's value may be a list at the key's own indent ("facts:\n- id: x").
        let end = rest
            .iter()
            .position(|e| {
                e.column < entry.column || (e.column == entry.column && (entry.dash || !e.dash))
            })
            .unwrap_or(rest.len());
        found = Some(entry);
        region = &rest[..end];
    }
    found.map(|e| (e.line, e.column))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# a scenario
id: x
facts:
  - id: one
    kind: gossip
  -   id: two
      keywords: []
replies:
  other-departments:
    say: hi
    reveals: [a, b]
rubric:
  weights: {facts: 70, process: 40}
  rules:
    - all-steps-covered
    - all-steps-covered
";

    #[test]
    fn paths_lead_to_their_line_and_column() {
        assert_eq!(locate(TEXT, "id"), Some((2, 1)));
        assert_eq!(locate(TEXT, "facts[0].kind"), Some((5, 5)));
        assert_eq!(locate(TEXT, "facts[1].keywords"), Some((7, 7)));
        assert_eq!(locate(TEXT, "facts[1]"), Some((6, 3)));
        assert_eq!(locate(TEXT, "replies.other-departments.say"), Some((10, 5)));
        assert_eq!(
            locate(TEXT, "replies.other-departments.reveals[1]"),
            Some((11, 18))
        );
        assert_eq!(locate(TEXT, "rubric.weights.process"), Some((13, 24)));
        assert_eq!(locate(TEXT, "rubric.rules[1]"), Some((16, 5)));
    }

    #[test]
    fn list_items_written_as_flow_maps_are_found_too() {
        let text = "pushes:\n  - {id: p, say: [\"\"], every: 0}\n";
        assert_eq!(locate(text, "pushes[0].every"), Some((2, 24)));
    }

    #[test]
    fn a_path_that_leads_nowhere_gives_the_deepest_place_reached() {
        assert_eq!(locate(TEXT, "facts[5].id"), Some((3, 1)));
        assert_eq!(locate(TEXT, "nothing"), None);
    }
}

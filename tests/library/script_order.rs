//! Account files are written in script order; files written in any order still read.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use disco::storage::AccountStore;

use crate::common;

fn at(text: &str, key: &str) -> usize {
    text.find(key)
        .unwrap_or_else(|| panic!("{key} missing in\n{text}"))
}

#[test]
fn an_old_file_in_name_order_reads_and_is_saved_in_script_order() {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    // The layout disco wrote before: every map by name.
    let path = common::save_sample(&store, "Acme Corp", &bank);
    let mut old = AccountStore::load(&path).unwrap();
    old.script = Default::default();
    std::fs::write(&path, old.to_yaml().unwrap()).unwrap();
    let before = std::fs::read_to_string(&path).unwrap();
    assert!(
        at(&before, "valued-supplier:") < at(&before, "who-judges-service:"),
        "{before}"
    );
    assert!(
        at(&before, "  part: decides") < at(&before, "  title: Buyer"),
        "{before}"
    );

    let mut opened = store
        .open_for_edit("Acme Corp", &bank, common::at("2026-11-25T09:00:00Z"))
        .unwrap();
    assert_eq!(opened.account.answers, old.answers, "the old file reads");
    opened.account.notes = "saved again".into();
    store.save(&opened.path, &opened.account).unwrap();
    let after = std::fs::read_to_string(&path).unwrap();
    // Step 1's questions, then step 2's; a person's name, title, then part, as in the form.
    assert!(
        at(&after, "business-and-roles:") < at(&after, "who-judges-service:"),
        "{after}"
    );
    assert!(
        at(&after, "who-judges-service:") < at(&after, "valued-supplier:"),
        "{after}"
    );
    assert!(
        at(&after, "  name: Jane Roe") < at(&after, "  title: Buyer"),
        "{after}"
    );
    assert!(
        at(&after, "  title: Buyer") < at(&after, "  part: decides"),
        "{after}"
    );
    assert_eq!(AccountStore::load(&path).unwrap().answers, old.answers);
}

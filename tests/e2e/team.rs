//! Team sharing through real git and a local bare repository: two reps (two data folders, two
//! homes, each with its own git identity or none) edit the same account and sync in both
//! orders. Every word of both survives, the file parses, no conflict markers, and each rep's
//! own version stays in history. Skipped, saying so, only when git is not installed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use disco::core::Account;
use disco::storage::AccountStore;

pub fn git_missing() -> bool {
    let missing = Command::new("git").arg("--version").output().is_err();
    if missing {
        eprintln!("SKIPPED: git is not installed; the team tests need it");
    }
    missing
}

/// One rep: a home (with its own git config, or none) and a data folder.
pub struct Rep {
    pub home: PathBuf,
    pub data: PathBuf,
}

impl Rep {
    /// `identity`: the rep's git user, or `None` for a fresh machine without one (disco then
    /// commits as DISCO_FROM says).
    pub fn new(root: &Path, who: &str, identity: Option<&str>) -> Self {
        let home = root.join(format!("home-{who}"));
        fs::create_dir_all(&home).unwrap();
        let config = match identity {
            Some(name) => format!("[user]\n\tname = {name}\n\temail = {who}@example.com\n"),
            None => String::new(),
        };
        fs::write(home.join("gitconfig"), config).unwrap();
        Self {
            home,
            data: root.join(format!("data-{who}")),
        }
    }

    pub fn disco(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// disco with `args` as this rep runs it: their home, git config and data folder, a fixed
    /// clock, and nothing of the caller's disco or git settings.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(common::bin());
        command
            .arg("--data-dir")
            .arg(&self.data)
            .args(args)
            .env("HOME", &self.home)
            .env("GIT_CONFIG_GLOBAL", self.home.join("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("DISCO_FROM", "Fresh Machine <fresh@example.com>")
            .env("DISCO_NOW", "2026-11-27T10:00:00Z")
            .env_remove("DISCO_BANK")
            .env_remove("DISCO_COMPANY")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE");
        command
    }

    /// Runs disco and insists it worked.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.disco(args);
        assert!(
            out.status.success(),
            "disco {args:?} failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .arg("-C")
            .arg(&self.data)
            .args(args)
            .env("GIT_CONFIG_GLOBAL", self.home.join("gitconfig"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn store(&self) -> AccountStore {
        AccountStore::new(&self.data)
    }

    /// Changes the account `name` as a call would, and returns what was written.
    pub fn edit(&self, name: &str, change: impl FnOnce(&mut Account)) -> Vec<u8> {
        let store = self.store();
        let opened = common::open_when_free(
            &store,
            name,
            &common::bank(),
            common::at("2026-11-27T09:00:00Z"),
        );
        let mut account = opened.account.clone();
        change(&mut account);
        store.save(&opened.path, &account).unwrap();
        fs::read(&opened.path).unwrap()
    }
}

/// What a run of disco that had to fail said on stderr.
fn refusal(out: Output) -> String {
    assert!(!out.status.success(), "disco should have refused");
    String::from_utf8_lossy(&out.stderr).into_owned()
}

pub fn bare_remote(root: &Path) -> PathBuf {
    let remote = root.join("team.git");
    let out = Command::new("git")
        .args(["init", "--quiet", "--bare"])
        .arg(&remote)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap();
    assert!(out.status.success());
    remote
}

/// Ann starts the team with Acme in her folder; Bob (on a fresh machine: no git identity)
/// joins. Returns both and Acme's path relative to the data folder.
fn two_reps(root: &Path) -> (Rep, Rep, PathBuf) {
    let remote = bare_remote(root);
    let ann = Rep::new(root, "ann", Some("Ann Ames"));
    let bob = Rep::new(root, "bob", None);
    let bank = common::bank();
    let path = common::save_sample(&ann.store(), "Acme", &bank);
    ann.ok(&["team", "init", remote.to_str().unwrap()]);
    bob.ok(&["team", "join", remote.to_str().unwrap()]);
    let relative = path.strip_prefix(&ann.data).unwrap().to_path_buf();
    assert!(bob.data.join(&relative).is_file(), "Bob's copy has Acme");
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode(&bob.data.join(&relative)),
            0o600,
            "a checked-out account is private"
        );
        assert_eq!(mode(&bob.data.join("accounts")), 0o700);
    }
    (ann, bob, relative)
}

/// [`two_reps`] in a fresh folder, or `None` (the test skipped, saying so) without git.
fn team_of_two() -> Option<(tempfile::TempDir, Rep, Rep, PathBuf)> {
    if git_missing() {
        return None;
    }
    let root = tempfile::tempdir().unwrap();
    let (ann, bob, relative) = two_reps(root.path());
    Some((root, ann, bob, relative))
}

const ANN_WORDS: [&str; 5] = [
    "Fill rate above price, Ann heard",
    "Plant manager Ola judges service",
    "Head of Purchasing",
    "Ann: call back Tuesday",
    "Ann's ninety-day pilot",
];
const BOB_WORDS: [&str; 5] = [
    "Bob heard: on-time delivery is the one number",
    "Forty staff, two sites, Bob",
    "jane@acme.example",
    "Bob: send samples of the seals",
    "Bob's supply agreement draft",
];

fn ann_edits(account: &mut Account) {
    rep_edits(account, "09:10", &ANN_WORDS, "who-judges-service", "title");
}

fn bob_edits(account: &mut Account) {
    rep_edits(account, "09:20", &BOB_WORDS, "business-and-roles", "email");
}

/// One rep's call on Acme: `words` go, in order, into the shared answer, the rep's own
/// `question`, Jane's `field`, the notes and the next step, so every kind of text meets the
/// teammate's edit of it.
fn rep_edits(account: &mut Account, time: &str, words: &[&str; 5], question: &str, field: &str) {
    let t = common::at(&format!("2026-11-27T{time}:00Z"));
    account.set_answer("valued-supplier", words[0], t);
    account.set_answer(question, words[1], t);
    if let Some(jane) = account.records_mut("people").first_mut() {
        jane.insert(field.into(), words[2].into());
    }
    account.notes = format!("{}\n{}", account.notes, words[3])
        .trim()
        .to_string();
    account.next_step = Some(disco::core::account::NextStep::new(words[4].into(), None));
}

/// Every piece of text in the account, current or in history.
fn all_text(account: &Account) -> String {
    let mut text = String::new();
    for answer in account.answers.values() {
        text.push_str(&answer.text);
        text.push('\n');
        for old in &answer.history {
            text.push_str(&old.text);
            text.push('\n');
        }
    }
    for record in account.captures.values().flatten() {
        for value in record.values() {
            text.push_str(value);
            text.push('\n');
        }
    }
    text.push_str(&account.notes);
    text.push('\n');
    if let Some(next) = &account.next_step {
        text.push_str(&next.text);
        for old in &next.history {
            text.push('\n');
            text.push_str(&old.text);
        }
    }
    text
}

/// Every word of Bob's edit is somewhere in `account`, current or in history.
fn assert_keeps_bobs_words(account: &Account) {
    let everything = all_text(account);
    for word in &BOB_WORDS {
        assert!(everything.contains(word), "{word:?} lost");
    }
}

fn check_merged(rep: &Rep, relative: &Path, versions: &[(&str, Vec<u8>)]) {
    let bytes = fs::read(rep.data.join(relative)).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    for marker in ["<<<<<<<", "=======", ">>>>>>>"] {
        assert!(!text.contains(marker), "conflict marker in:\n{text}");
    }
    let account = AccountStore::load(&rep.data.join(relative)).expect("the merged file parses");
    let everything = all_text(&account);
    for word in ANN_WORDS.iter().chain(&BOB_WORDS) {
        assert!(everything.contains(word), "{word:?} lost:\n{text}");
    }
    // Each rep's own version, as they saved it, is a commit in the history.
    let file = relative.to_str().unwrap();
    let commits = rep.git(&["log", "--format=%H", "--", file]);
    for (who, version) in versions {
        let found = commits.lines().any(|hash| {
            let out = Command::new("git")
                .arg("-C")
                .arg(&rep.data)
                .args(["show", &format!("{hash}:{file}")])
                .output()
                .unwrap();
            out.stdout == *version
        });
        assert!(found, "{who}'s version is not in the history");
    }
}

/// [`check_merged`] on both reps' folders.
fn check_both_merged(
    ann: &Rep,
    bob: &Rep,
    relative: &Path,
    ann_version: Vec<u8>,
    bob_version: Vec<u8>,
) {
    let versions = [("Ann", ann_version), ("Bob", bob_version)];
    check_merged(ann, relative, &versions);
    check_merged(bob, relative, &versions);
}

fn both_orders(first_is_ann: bool) {
    let Some((_root, ann, bob, relative)) = team_of_two() else {
        return;
    };
    let ann_version = ann.edit("Acme", ann_edits);
    let bob_version = bob.edit("Acme", bob_edits);
    let (first, second) = if first_is_ann {
        (&ann, &bob)
    } else {
        (&bob, &ann)
    };
    first.ok(&["sync"]);
    let said = second.ok(&["sync"]);
    assert!(
        said.contains("1 file(s) from the team") || said.contains("file(s) from the team"),
        "{said}"
    );
    first.ok(&["sync"]);
    check_both_merged(&ann, &bob, &relative, ann_version, bob_version);
    assert_eq!(
        fs::read(ann.data.join(&relative)).unwrap(),
        fs::read(bob.data.join(&relative)).unwrap(),
        "both reps end with the same file"
    );
    // Bob had no git identity: his commits carry disco's (DISCO_FROM).
    let authors = bob.git(&["log", "--format=%an <%ae>"]);
    assert!(
        authors.contains("Fresh Machine <fresh@example.com>"),
        "{authors}"
    );
    assert!(authors.contains("Ann Ames <ann@example.com>"), "{authors}");
}

#[test]
fn two_reps_editing_one_account_keep_every_word_ann_syncing_first() {
    both_orders(true);
}

#[test]
fn two_reps_editing_one_account_keep_every_word_bob_syncing_first() {
    both_orders(false);
}

#[test]
fn an_account_open_in_a_call_is_not_written_by_a_sync_and_merges_after() {
    let Some((_root, ann, bob, relative)) = team_of_two() else {
        return;
    };
    let bob_version = bob.edit("Acme", bob_edits);
    bob.ok(&["sync"]);
    // Ann is on a call with Acme: the account is open (locked) while she types.
    let store = ann.store();
    let opened = common::open_when_free(
        &store,
        "Acme",
        &common::bank(),
        common::at("2026-11-27T09:00:00Z"),
    );
    let mut typed = opened.account.clone();
    ann_edits(&mut typed);
    store.save(&opened.path, &typed).unwrap();
    let before = fs::read(ann.data.join(&relative)).unwrap();
    let said = ann.ok(&["sync"]);
    assert!(said.contains("Waiting:"), "{said}");
    assert_eq!(
        fs::read(ann.data.join(&relative)).unwrap(),
        before,
        "the sync wrote an open account"
    );
    // The call ends; the next sync merges the team's changes into it.
    let ann_version = fs::read(ann.data.join(&relative)).unwrap();
    drop(opened);
    ann.ok(&["sync"]);
    bob.ok(&["sync"]);
    check_both_merged(&ann, &bob, &relative, ann_version, bob_version);
}

#[test]
fn join_refuses_a_folder_with_files_unless_forced_and_then_merges_both() {
    if git_missing() {
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let remote = bare_remote(root.path());
    let ann = Rep::new(root.path(), "ann", Some("Ann Ames"));
    let bob = Rep::new(root.path(), "bob", Some("Bob Bell"));
    let bank = common::bank();
    common::save_sample(&ann.store(), "Acme", &bank);
    ann.ok(&["team", "init", remote.to_str().unwrap()]);
    // Bob already has his own Acme (both added the file: an empty base) and Globex.
    common::save_sample(&bob.store(), "Acme", &bank);
    bob.edit("Acme", bob_edits);
    common::save_sample(&bob.store(), "Globex", &bank);
    let refused = bob.disco(&["team", "join", remote.to_str().unwrap()]);
    assert!(refusal(refused).contains("--force"));
    assert!(
        !bob.data.join(".git").exists(),
        "nothing set up when refused"
    );
    bob.ok(&["team", "join", "--force", remote.to_str().unwrap()]);
    ann.ok(&["sync"]);
    for rep in [&ann, &bob] {
        let names: Vec<String> = rep
            .store()
            .list()
            .unwrap()
            .into_iter()
            .map(|l| l.account.unwrap().name)
            .collect();
        assert!(
            names.contains(&"Acme".to_string()) && names.contains(&"Globex".to_string()),
            "{names:?}"
        );
        let acme = rep.store().find("Acme").unwrap().unwrap().account;
        assert_keeps_bobs_words(&acme);
        assert!(all_text(&acme).contains("Jane Roe"));
    }
}

#[test]
fn locks_side_files_recovery_copies_and_the_cache_are_never_shared() {
    let Some((_root, ann, bob, relative)) = team_of_two() else {
        return;
    };
    let account = ann.data.join(&relative);
    let lock = account.with_file_name(format!(
        ".{}.lock",
        relative.file_name().unwrap().to_str().unwrap()
    ));
    fs::write(&lock, "1").unwrap();
    fs::write(account.with_extension("yaml.unsaved"), "half").unwrap();
    fs::create_dir_all(ann.data.join("recovery")).unwrap();
    fs::write(ann.data.join("recovery/acme-1.yaml"), "x: 1").unwrap();
    fs::create_dir_all(ann.data.join("cache")).unwrap();
    fs::write(ann.data.join("cache/warning-counts.json"), "{}").unwrap();
    fs::create_dir_all(ann.data.join("practice")).unwrap();
    fs::write(ann.data.join("practice/ann.yaml"), "schema: 1\n").unwrap();
    ann.ok(&["sync"]);
    let tracked = ann.git(&["ls-files"]);
    assert!(!tracked.contains(".lock"), "{tracked}");
    assert!(!tracked.contains(".unsaved"), "{tracked}");
    assert!(!tracked.contains("recovery/"), "{tracked}");
    assert!(!tracked.contains("cache/"), "{tracked}");
    assert!(
        tracked.contains("practice/ann.yaml"),
        "practice is visible to trainers: {tracked}"
    );
    bob.ok(&["sync"]);
    assert!(bob.data.join("practice/ann.yaml").is_file());
    // The driver is registered with this binary's absolute path on every sync.
    let driver = bob.git(&["config", "merge.disco.driver"]);
    assert!(
        driver.contains(common::bin()) && driver.contains("merge-file %O %A %B"),
        "{driver}"
    );
    assert!(
        fs::read_to_string(bob.data.join(".gitattributes"))
            .unwrap()
            .contains("*.yaml merge=disco")
    );
}

#[test]
fn status_shows_what_waits_and_sync_says_offline_without_failing() {
    let Some((root, ann, _bob, _relative)) = team_of_two() else {
        return;
    };
    ann.edit("Acme", ann_edits);
    let status = ann.ok(&["team", "status"]);
    assert!(status.contains("Changed here since: 1 file(s)"), "{status}");
    assert!(
        status.contains("Last sync:   2026-11-27T10:00:00Z"),
        "{status}"
    );
    // The remote goes away (offline): the sync commits here and says the changes wait.
    fs::rename(root.path().join("team.git"), root.path().join("gone.git")).unwrap();
    let said = ann.ok(&["sync"]);
    assert!(
        said.contains("Not sent:") && said.contains("committed here"),
        "{said}"
    );
    let status = ann.ok(&["team", "status"]);
    assert!(status.contains("To send:     1 commit(s)"), "{status}");
    fs::rename(root.path().join("gone.git"), root.path().join("team.git")).unwrap();
    let said = ann.ok(&["sync"]);
    assert!(said.contains("all sent"), "{said}");
}

#[test]
fn sync_outside_a_team_folder_says_how_to_start_and_runs_no_git() {
    let root = tempfile::tempdir().unwrap();
    let rep = Rep::new(root.path(), "solo", None);
    fs::create_dir_all(&rep.data).unwrap();
    assert!(refusal(rep.disco(&["sync"])).contains("disco team init REMOTE"));
}

/// Ann's call screen is open on Acme in her team folder; the pull it starts brings Bob's
/// changes to Acme while she types. Both end up on her screen and in the file.
#[test]
fn a_call_open_while_a_sync_changes_its_account_keeps_both() {
    use disco::tui::{App, Msg};
    use std::time::{Duration, Instant};
    let Some((_root, ann, bob, relative)) = team_of_two() else {
        return;
    };
    bob.edit("Acme", bob_edits);
    bob.ok(&["sync"]);
    let store = ann.store();
    let start = "2026-11-27T11:00:00Z";
    let now = Instant::now();
    let opened = common::open_when_free(&store, "Acme", &common::bank(), common::at(start));
    let mut setup = disco::tui::setup::Setup::new(
        store.clone(),
        common::bank(),
        disco::tui::theme::Theme { color: false },
    )
    .with_clock(disco::clock::Clock::new(common::at(start), now))
    .with_team(Some(disco::tui::team_sync::TeamConfig {
        data_dir: ann.data.clone(),
        options: disco::storage::team::SyncOptions {
            from: Some("Ann Ames <ann@example.com>".into()),
            driver: PathBuf::from(common::bin()),
            ..Default::default()
        },
    }));
    setup.saves = disco::tui::saver::Saves::Inline;
    let mut app = App::call(setup, opened, now);
    // The pull runs in the background: the screen is up, says so, and takes keys meanwhile.
    assert!(app.team.as_ref().unwrap().is_running());
    assert_eq!(app.call_state().unwrap().team_word, Some("syncing… "));
    for key in common::keys::parse("Ann typed this live") {
        app.update(Msg::Key(key));
    }
    app.update(Msg::Tick(now + Duration::from_secs(1)));
    assert!(
        app.wait_for_team(Duration::from_secs(120)),
        "the sync never ended"
    );
    for second in 2..6 {
        app.update(Msg::Tick(now + Duration::from_secs(second)));
    }
    let call = app.call_state().unwrap();
    assert_eq!(
        call.team_word, None,
        "synced: the header has nothing to say"
    );
    let on_screen = all_text(&call.account);
    for word in BOB_WORDS.iter().chain(["Ann typed this live"].iter()) {
        assert!(
            on_screen.contains(word),
            "{word:?} not on the screen:\n{on_screen}"
        );
    }
    app.finish().unwrap();
    let saved = AccountStore::load(&ann.data.join(&relative)).unwrap();
    let in_file = all_text(&saved);
    for word in BOB_WORDS.iter().chain(["Ann typed this live"].iter()) {
        assert!(in_file.contains(word), "{word:?} not in the file");
    }
    // The end of the call sends it: Bob gets Ann's words.
    let said = app.send_to_team(now + Duration::from_secs(10));
    assert!(said.is_some());
    bob.ok(&["sync"]);
    let bobs = bob.store().find("Acme").unwrap().unwrap().account;
    assert!(all_text(&bobs).contains("Ann typed this live"), "{said:?}");
}

#[test]
fn the_teams_bank_and_sheet_are_used_when_present_and_flags_still_win() {
    let root = tempfile::tempdir().unwrap();
    let rep = Rep::new(root.path(), "ann", None);
    fs::create_dir_all(rep.data.join("team")).unwrap();
    let bank = include_str!("../../question-banks/reset.yaml")
        .replace("title: Who decides", "title: Who signs off, team wording");
    fs::write(rep.data.join("team/bank.yaml"), bank).unwrap();
    let sheet = include_str!("../../question-banks/company.example.yaml");
    fs::write(rep.data.join("team/company.yaml"), sheet).unwrap();
    assert!(
        rep.ok(&["bank", "show"])
            .contains("Who signs off, team wording")
    );
    let checked = rep.ok(&["company", "check"]);
    assert!(checked.contains("team/company.yaml: ok"), "{checked}");
    let builtin = common::fixture("banks/valid/with-capture.yaml");
    let shown = rep.ok(&["--bank", builtin.to_str().unwrap(), "bank", "show"]);
    assert!(!shown.contains("team wording"), "--bank wins");
}

/// Bob pushes while Ann's sync is between its merge and its push (a pre-push hook on Ann's
/// side runs Bob's sync): her push is refused, and her sync fetches, merges and pushes again.
#[cfg(unix)]
#[test]
fn a_push_refused_because_someone_pushed_in_between_is_merged_and_retried() {
    use std::os::unix::fs::PermissionsExt;
    let Some((root, ann, bob, relative)) = team_of_two() else {
        return;
    };
    let ann_version = ann.edit("Acme", ann_edits);
    let bob_version = bob.edit("Acme", bob_edits);
    let mark = root.path().join("bob-pushed");
    let hook = ann.data.join(".git/hooks/pre-push");
    fs::write(
        &hook,
        format!(
            "#!/bin/sh\nunset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_PREFIX\nif [ ! -e '{mark}' ]; then touch '{mark}'; GIT_CONFIG_GLOBAL='{config}' HOME='{home}' '{disco}' --data-dir '{bob}' sync >/dev/null 2>&1; fi\nexit 0\n",
            mark = mark.display(),
            config = bob.home.join("gitconfig").display(),
            home = bob.home.display(),
            disco = common::bin(),
            bob = bob.data.display(),
        ),
    )
    .unwrap();
    fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
    let said = ann.ok(&["sync"]);
    assert!(mark.exists(), "the hook ran Bob's sync");
    assert!(said.contains("all sent"), "{said}");
    bob.ok(&["sync"]);
    check_both_merged(&ann, &bob, &relative, ann_version, bob_version);
}

#[test]
fn a_team_folder_without_git_installed_says_so_plainly() {
    let Some((root, ann, _bob, _)) = team_of_two() else {
        return;
    };
    let empty = root.path().join("no-programs");
    fs::create_dir_all(&empty).unwrap();
    let said = refusal(ann.command(&["sync"]).env("PATH", &empty).output().unwrap());
    assert!(
        said.contains("team sharing needs git") && said.contains("Install git 2.28"),
        "{said}"
    );
}

/// Renaming and archiving change fields, never files: git sees two edits of one file, and
/// the driver keeps the new name, the archive mark and the teammate's words.
#[test]
fn a_rename_and_an_archive_on_one_side_merge_with_edits_on_the_other() {
    let Some((_root, ann, bob, relative)) = team_of_two() else {
        return;
    };
    ann.ok(&["account", "rename", "Acme", "Acme Corporation"]);
    ann.ok(&["account", "archive", "Acme Corporation"]);
    bob.edit("Acme", bob_edits);
    ann.ok(&["sync"]);
    bob.ok(&["sync"]);
    ann.ok(&["sync"]);
    for rep in [&ann, &bob] {
        let files = common::account_files(&rep.store());
        assert_eq!(
            files,
            vec![rep.data.join(&relative)],
            "no file moved or added"
        );
        let account = AccountStore::load(&rep.data.join(&relative)).unwrap();
        assert_eq!(account.name, "Acme Corporation");
        assert!(account.archived);
        assert_keeps_bobs_words(&account);
    }
}

#[test]
fn a_teams_scenario_is_found_by_its_id_and_a_path_is_never_taken_for_one() {
    let root = tempfile::tempdir().unwrap();
    let rep = Rep::new(root.path(), "trainer", None);
    fs::create_dir_all(rep.data.join("team/scenarios")).unwrap();
    let ours = include_str!("../../question-banks/scenarios/price-first.yaml")
        .replace("id: price-first", "id: our-own")
        .replace("title: ", "title: Team's ");
    fs::write(rep.data.join("team/scenarios/our-own.yaml"), ours).unwrap();
    common::save_sample(&rep.store(), "Acme", &common::bank());
    let debrief = rep.ok(&["debrief", "Acme", "--scenario", "our-own"]);
    assert!(debrief.contains("Team's "), "{debrief}");
    let refused = rep.disco(&["debrief", "Acme", "--scenario", "../team/scenarios/our-own"]);
    assert!(!refused.status.success());
}

/// A remote that wants a key git cannot use without asking: the sync says so and how to fix
/// it, and never prompts (ssh here is a stand-in that refuses like a server would).
#[cfg(unix)]
#[test]
fn a_remote_that_needs_credentials_says_so_and_how_to_fix_it() {
    use std::os::unix::fs::PermissionsExt;
    if git_missing() {
        return;
    }
    let root = tempfile::tempdir().unwrap();
    let rep = Rep::new(root.path(), "ann", Some("Ann Ames"));
    let ssh = root.path().join("refusing-ssh");
    fs::write(
        &ssh,
        "#!/bin/sh\necho 'git@example.invalid: Permission denied (publickey).' >&2\nexit 255\n",
    )
    .unwrap();
    fs::set_permissions(&ssh, fs::Permissions::from_mode(0o755)).unwrap();
    let said = refusal(
        rep.command(&["team", "join", "git@example.invalid:sales/team.git"])
            .env("GIT_SSH_COMMAND", &ssh)
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap(),
    );
    assert!(
        said.contains("needs credentials") && said.contains("ssh-add"),
        "{said}"
    );
}

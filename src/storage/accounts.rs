//! The account folder: one YAML file per account under `<data-dir>/accounts/`.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, Result, anyhow, bail};
use jiff::Timestamp;

use super::atomic::{
    check_own_dir, create_private_dir, folder_warning, remove_stale_temp_files, write_atomic,
    write_atomic_if, write_new,
};
use super::bounded::read_bounded;
use super::datafile::parse_versioned;
use super::faults::Faults;
use super::file_names::{earlier_file_stem, file_stem, recap_file_name};
use super::index::NameIndex;
use super::lock::{AccountLock, lock_account};
use super::outside::{Known, KnownFiles, OnDisk, Seen, look, side_file};
use super::warnings::{Counted, WarningCounter};
use crate::core::account::{AccountSummary, SCHEMA_VERSION};
use crate::core::combine::combine;
use crate::core::conflict::{Versions, split};
use crate::core::merge::common_ancestor;
use crate::core::names::{NameKey, clean_account_name};
use crate::core::{Account, Bank, merge};
use crate::yaml::{self, MAX_FILE_BYTES, ParseError};

/// How many hash collisions in a row we step over before giving up; reaching it means
/// something other than chance is filling the folder.
const MAX_ATTEMPTS: u32 = 64;

/// How many times in a row a save merges again because the file changed while it was being
/// written, before it gives up until the next save.
const MAX_RACES: u32 = 8;

#[derive(Debug, Clone)]
pub struct AccountStore {
    data_dir: PathBuf,
    dir: PathBuf,
    faults: Faults,
    known: KnownFiles,
}

/// How a save went.
#[derive(Debug, Clone, Default)]
pub struct Saved {
    /// The file had changed outside disco; those changes were merged with the account's.
    pub merged_outside: bool,
    /// What was written when it was a merge: the screen shows it, so the summary and the
    /// recap carry the changes made outside too.
    pub merged: Option<Arc<Account>>,
}

impl Saved {
    /// A line for the rep, when there is something to say.
    pub fn note(&self) -> Option<&'static str> {
        self.merged_outside
            .then_some("Merged changes made outside disco.")
    }
}

/// An account opened for editing: the lock lives as long as this does.
#[derive(Debug)]
pub struct OpenAccount {
    pub path: PathBuf,
    pub account: Account,
    pub created: bool,
    pub lock: AccountLock,
    /// What went wrong on the side, for the caller to show: storage never prints, since a
    /// full-screen app may own the terminal.
    pub warnings: Vec<String>,
}

/// One file of the folder, read or not.
#[derive(Debug)]
pub struct Listed {
    pub path: PathBuf,
    pub account: Result<AccountSummary, String>,
    /// What the promise guard found in the account, when listed with a sheet.
    pub warnings: Option<Counted>,
}

/// An account found by the name inside its file.
#[derive(Debug)]
pub struct Found {
    pub path: PathBuf,
    pub account: Account,
    /// The names looked up on the way when the name asked for was merged into another.
    pub merged_from: Vec<String>,
}

/// What a name leads to: its account, or nothing yet and the accounts that look like it.
#[derive(Debug)]
pub enum Lookup {
    Found(Box<Found>),
    New { alikes: Vec<String> },
}

/// Merges are followed at most this far: a longer chain is a loop written by hand.
const MAX_MERGE_HOPS: usize = 8;

impl AccountStore {
    pub fn new(data_dir: &Path) -> Self {
        Self {
            data_dir: data_dir.to_path_buf(),
            dir: data_dir.join("accounts"),
            faults: Faults::default(),
            known: KnownFiles::default(),
        }
    }

    /// The fault injector every save of this store (and its clones) goes through.
    pub fn faults(&self) -> &Faults {
        &self.faults
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    fn ensure_dirs(&self) -> Result<()> {
        check_own_dir(&self.data_dir)
            .and_then(|()| check_own_dir(&self.dir))
            .and_then(|()| create_private_dir(&self.data_dir))
            .and_then(|()| create_private_dir(&self.dir))
            .with_context(|| format!("{}: cannot create the accounts folder", self.dir.display()))
    }

    /// One line per folder that other users can write to, for commands to print once.
    pub fn folder_warnings(&self) -> Vec<String> {
        [&self.data_dir, &self.dir]
            .into_iter()
            .filter_map(|dir| folder_warning(dir))
            .collect()
    }

    /// Reads one account file. A file that does not parse is reported with its line and
    /// column and is never touched.
    pub fn load(path: &Path) -> Result<Account> {
        let bytes =
            read_bounded(path).with_context(|| format!("{}: cannot read", path.display()))?;
        parse_account(&bytes).map_err(|err| anyhow!("{}", err.in_file(path)))
    }

    /// The index of names in the folder, brought up to date with the files (only changed
    /// files are read again).
    pub fn index(&self) -> Result<NameIndex> {
        NameIndex::refresh(&self.data_dir, &self.dir)
    }

    /// The account whose file holds `name`, wherever that file is: its own file name first
    /// (one read), then the index. An account merged into another leads to that one.
    pub fn find(&self, raw_name: &str) -> Result<Option<Found>> {
        self.find_with(raw_name, &mut None)
    }

    /// [`Self::find`], and when there is no such account, the listed ones that look like it;
    /// the folder's index is brought up to date once for both.
    pub fn lookup(&self, raw_name: &str) -> Result<Lookup> {
        let mut index = None;
        if let Some(found) = self.find_with(raw_name, &mut index)? {
            return Ok(Lookup::Found(Box::new(found)));
        }
        let name = clean_account_name(raw_name).map_err(|e| anyhow!("{e}"))?;
        let index = match index {
            Some(index) => index,
            None => self.index()?,
        };
        // The account that had this name before a rename is the likeliest one meant.
        let mut alikes: Vec<String> = renamed_in(&index, &name).into_iter().collect();
        for alike in lookalikes_in(&index, &name) {
            if !alikes.contains(&alike) {
                alikes.push(alike);
            }
        }
        Ok(Lookup::New { alikes })
    }

    /// The name the account has now that was called `name` before `disco account rename`.
    pub fn renamed_to(&self, name: &str) -> Result<Option<String>> {
        Ok(renamed_in(&self.index()?, name))
    }

    /// Accounts whose names are a slip or two from `name` ("Kil Co" for "Kiln Co"), closest
    /// first, for a "did you mean" when nothing looks alike by its words.
    pub fn near_names(&self, name: &str) -> Result<Vec<String>> {
        let typed = name.to_lowercase();
        let slips = (typed.chars().count() / 4).clamp(1, 3);
        let mut near: Vec<(usize, String)> = self
            .index()?
            .entries()
            .filter(|e| e.merged_into.is_none())
            .filter_map(|e| {
                let distance = strsim::damerau_levenshtein(&typed, &e.name.to_lowercase());
                (distance <= slips).then(|| (distance, e.name.clone()))
            })
            .collect();
        near.sort();
        near.dedup();
        Ok(near.into_iter().take(3).map(|(_, name)| name).collect())
    }

    fn find_with(&self, raw_name: &str, index: &mut Option<NameIndex>) -> Result<Option<Found>> {
        let mut name = clean_account_name(raw_name).map_err(|e| anyhow!("{e}"))?;
        let mut merged_from = Vec::new();
        for _ in 0..MAX_MERGE_HOPS {
            let Some((path, account)) = self.find_exact_with(&name, index)? else {
                return Ok(None);
            };
            match &account.merged_into {
                Some(into) => {
                    merged_from.push(std::mem::replace(&mut name, into.clone()));
                }
                None => {
                    return Ok(Some(Found {
                        path,
                        account,
                        merged_from,
                    }));
                }
            }
        }
        bail!("{raw_name:?} was merged into another account too many times over (a loop?)")
    }

    /// The file whose `name:` is exactly `name`, merged or not.
    fn find_exact(&self, name: &str) -> Result<Option<(PathBuf, Account)>> {
        self.find_exact_with(name, &mut None)
    }

    /// Like [`Self::find_exact`]; the index is read into `index` only if the file named after
    /// the name does not hold it, and only once.
    fn find_exact_with(
        &self,
        name: &str,
        index: &mut Option<NameIndex>,
    ) -> Result<Option<(PathBuf, Account)>> {
        if let (path, Some(account)) = self.locate(name)? {
            return Ok(Some((path, account)));
        }
        if index.is_none() {
            *index = Some(self.index()?);
        }
        let Some(index) = index.as_ref() else {
            return Ok(None);
        };
        for path in index.paths_named(name, &self.dir) {
            if let Ok(account) = Self::load(&path)
                && account.name == name
            {
                return Ok(Some((path, account)));
            }
        }
        Ok(None)
    }

    /// Accounts in the lists whose names look like `name` (but are not exactly it), for
    /// asking "did you mean" before a second account of one customer is made.
    pub fn lookalikes(&self, name: &str) -> Result<Vec<String>> {
        Ok(lookalikes_in(&self.index()?, name))
    }

    /// Finds the file for `name`: its own file if it exists, else the free path it would get.
    pub fn locate(&self, name: &str) -> Result<(PathBuf, Option<Account>)> {
        let (path, found) = self.locate_seen(name)?;
        Ok((path, found.map(|(account, _)| account)))
    }

    /// Like [`Self::locate`], with how the file looked when read. A file named the way an
    /// older disco named it is found too, and kept where it is.
    fn locate_seen(&self, name: &str) -> Result<(PathBuf, Option<(Account, Seen)>)> {
        let free = match self.locate_named(name, |attempt| Some(file_stem(name, attempt)))? {
            (path, Some(found)) => return Ok((path, Some(found))),
            (path, None) => path,
        };
        match self.locate_named(name, |attempt| earlier_file_stem(name, attempt))? {
            (path, Some(found)) => Ok((path, Some(found))),
            _ => Ok((free, None)),
        }
    }

    /// The file among `stem(0)`, `stem(1)`, … (until one is missing) that holds `name`, else
    /// the first missing one; `stem` returns `None` when there is nothing to look for.
    fn locate_named(
        &self,
        name: &str,
        stem: impl Fn(u32) -> Option<String>,
    ) -> Result<(PathBuf, Option<(Account, Seen)>)> {
        for attempt in 0..MAX_ATTEMPTS {
            let Some(stem) = stem(attempt) else {
                return Ok((PathBuf::new(), None));
            };
            let path = self.dir.join(format!("{stem}.yaml"));
            let Some((bytes, seen)) =
                look(&path).with_context(|| format!("{}: cannot read", path.display()))?
            else {
                return Ok((path, None));
            };
            let account = parse_account(&bytes)
                .map_err(|err| anyhow!("{}", err.in_file(&path)))
                .with_context(|| {
                    format!("cannot open {name:?}: its file exists but could not be read")
                })?;
            if account.name == name {
                return Ok((path, Some((account, seen))));
            }
        }
        bail!(
            "cannot find a free file name for {name:?} in {}",
            self.dir.display()
        )
    }

    /// Opens an account for a call, creating it if new, and takes its lock.
    pub fn open_for_edit(
        &self,
        raw_name: &str,
        bank: &Bank,
        now: Timestamp,
    ) -> Result<OpenAccount> {
        let found = self.find(raw_name)?;
        self.open_found(raw_name, found, bank, now)
    }

    /// [`Self::open_for_edit`] after a [`Self::lookup`]: `found` is what it found, `None` for a
    /// new account.
    pub fn open_found(
        &self,
        raw_name: &str,
        found: Option<Found>,
        bank: &Bank,
        now: Timestamp,
    ) -> Result<OpenAccount> {
        let name = clean_account_name(raw_name).map_err(|e| anyhow!("{e}"))?;
        self.ensure_dirs()?;
        let (path, existing, lock) = match found {
            Some(found) => {
                let lock = lock_account(&found.path, &found.account.name)?;
                // Read again under the lock: another disco may have changed it meanwhile.
                // Remembered: later saves tell changes made outside disco by it.
                let existing = match look(&found.path)
                    .with_context(|| format!("{}: cannot read", found.path.display()))?
                {
                    Some((bytes, seen)) => Some((
                        parse_account(&bytes)
                            .map_err(|err| anyhow!("{}", err.in_file(&found.path)))?,
                        seen,
                    )),
                    None => None,
                };
                (found.path, existing, lock)
            }
            None => {
                let (path, _) = self.locate(&name)?;
                let lock = lock_account(&path, &name)?;
                // Another disco may have created it meanwhile.
                let (path, existing) = self.locate_seen(&name)?;
                (path, existing, lock)
            }
        };
        let mut warnings = Vec::new();
        if let Err(err) = remove_stale_temp_files(&path) {
            warnings.push(format!(
                "Could not remove old temp files for {}: {err}",
                path.display()
            ));
        }
        let created = existing.is_none();
        let (account, seen) = match existing {
            Some((mut account, seen)) => {
                account.follow_script(bank);
                (account, Some(seen))
            }
            None => (Account::new(&name, bank, now), None),
        };
        self.remember(&path, &account, seen);
        Ok(OpenAccount {
            path,
            account,
            created,
            lock,
            warnings,
        })
    }

    /// Reads `path` and remembers it as the version the next saves start from, so they can
    /// tell a change made outside disco from their own. Does nothing if there is no file.
    pub fn remember_read(&self, path: &Path) -> Result<Option<Account>> {
        let Some((bytes, seen)) =
            look(path).with_context(|| format!("{}: cannot read", path.display()))?
        else {
            return Ok(None);
        };
        let account = parse_account(&bytes).map_err(|err| anyhow!("{}", err.in_file(path)))?;
        self.remember(path, &account, Some(seen));
        Ok(Some(account))
    }

    /// `account` is what `path` holds (`seen`), or will hold once first saved (`None`).
    fn remember(&self, path: &Path, account: &Account, seen: Option<Seen>) {
        let shared = Arc::new(account.clone());
        let disk = seen.map(|seen| OnDisk {
            seen,
            account: shared.clone(),
        });
        self.known.set(path, Known { base: shared, disk });
    }

    /// Serializes and writes durably. Recreates the folder if it vanished mid-call, because a
    /// rep's notes matter more than whoever removed it.
    ///
    /// A file this store read before ([`Self::open_for_edit`], [`Self::remember_read`]) is
    /// checked first: if it changed outside disco since, the change is merged with `account`
    /// three ways ([`merge`]) and the merge is written. If it no longer reads (git conflict
    /// markers, a bad hand edit), it is never written: the error names the file and the place,
    /// and `account` is kept in a side file beside it until a save succeeds again.
    pub fn save(&self, path: &Path, account: &Account) -> Result<Saved> {
        // A team sync merging in this process waits for the write, and the write for it.
        let _gate = super::team::write_gate();
        let Some(known) = self.known.get(path) else {
            // Never read here (a new file, a test's fixture): nothing to merge with.
            let text = account.to_yaml()?;
            self.save_text(path, &text)?;
            return Ok(Saved::default());
        };
        for _ in 0..MAX_RACES {
            let found = look(path).with_context(|| format!("{}: cannot read", path.display()))?;
            let unchanged = match (&found, &known.disk) {
                (Some((_, seen)), Some(disk)) => seen.same_content(&disk.seen),
                (None, _) => true,
                (Some(_), None) => false,
            };
            let theirs = match (&found, &known.disk) {
                // Gone: someone removed it mid-call; the rep's notes come back.
                (None, _) => None,
                (Some(_), Some(disk)) if unchanged => Some(disk.account.clone()),
                (Some((bytes, _)), _) => match parse_account(bytes) {
                    Ok(theirs) => Some(Arc::new(theirs)),
                    Err(err) => return Err(self.keep_aside(path, account, bytes, &err)),
                },
            };
            let mut merged = match &theirs {
                Some(theirs) if !Arc::ptr_eq(theirs, &known.base) && **theirs != *known.base => {
                    merge(&known.base, account, theirs)
                }
                _ => account.clone(),
            };
            // Written in the order of the account being saved, whichever side it came from.
            merged.script = account.script.clone();
            let text = merged.to_yaml()?;
            check_size(&text)?;
            let expected = found.as_ref().map(|(_, seen)| seen.clone());
            self.ensure_dirs()?;
            let written = self
                .faults
                .check_write()
                .and_then(|()| {
                    write_atomic_if(path, text.as_bytes(), |content| {
                        let unchanged = match (content, &expected) {
                            (Some(content), Some(expected)) => {
                                Seen::of(content, None).same_content(expected)
                            }
                            (None, None) => true,
                            _ => false,
                        };
                        self.faults.run_before_replace();
                        unchanged
                    })
                })
                .with_context(|| format!("{}: cannot save", path.display()))?;
            if !written {
                continue;
            }
            let modified = fs::metadata(path).and_then(|m| m.modified()).ok();
            let base = Arc::new(account.clone());
            let on_disk = if merged == *account {
                base.clone()
            } else {
                Arc::new(merged)
            };
            let on_disk_for_screen = on_disk.clone();
            self.known.set(
                path,
                Known {
                    base,
                    disk: Some(OnDisk {
                        seen: Seen::of(text.as_bytes(), modified),
                        account: on_disk,
                    }),
                },
            );
            // The side copy is only a spare of what was just written: one that cannot be
            // removed now is tried again at the next save, and nothing is printed over the screen.
            let _ = fs::remove_file(side_file(path));
            let merged_outside = !unchanged && found.is_some() && known.disk.is_some();
            return Ok(Saved {
                merged_outside,
                merged: merged_outside.then_some(on_disk_for_screen),
            });
        }
        bail!(
            "{}: the file kept changing while disco saved it; trying again",
            path.display()
        )
    }

    /// Puts back together an account file left with git conflict markers: the versions inside
    /// the markers are merged with the account merge ([`merge`]; against the base the markers
    /// carry, or else what both versions have alike) and the result is written. When no disco
    /// has the account open, what one kept beside the file because it could not save is merged
    /// in too. Returns the file's path.
    pub fn resolve(&self, name: &str) -> Result<PathBuf> {
        let (path, versions) = self.find_conflicted(name)?;
        let side = |label: &str, text: &str| {
            parse_account(text.as_bytes()).map_err(|err| {
                anyhow!(
                    "{}: the {label} version inside the conflict markers does not read either \
                     ({err}); resolve this file by hand",
                    path.display()
                )
            })
        };
        let ours = side("first", &versions.ours)?;
        let theirs = side("second", &versions.theirs)?;
        let base = match &versions.base {
            Some(text) => side("base", text)?,
            None => common_ancestor(&ours, &theirs),
        };
        let mut merged = merge(&base, &ours, &theirs);
        let kept = side_file(&path);
        // An open disco merges its own text at its next save; only a closed one's is taken.
        let lock = lock_account(&path, name).ok();
        let kept_text = match (&lock, fs::read(&kept)) {
            (Some(_), Ok(bytes)) => {
                Some(parse_account(&bytes).map_err(|err| anyhow!("{}", err.in_file(&kept)))?)
            }
            _ => None,
        };
        if let Some(typed) = &kept_text {
            merged = merge(&common_ancestor(typed, &merged), typed, &merged);
        }
        self.save_text(&path, &merged.to_yaml()?)?;
        if kept_text.is_some() {
            fs::remove_file(&kept)
                .with_context(|| format!("{}: merged, but cannot remove", kept.display()))?;
        }
        Ok(path)
    }

    /// The file of `name` that has conflict markers, and the versions inside them; under the
    /// name an older disco gave it too.
    fn find_conflicted(&self, name: &str) -> Result<(PathBuf, Versions)> {
        let now = |attempt| Some(file_stem(name, attempt));
        let earlier = |attempt| earlier_file_stem(name, attempt);
        let stems: [&dyn Fn(u32) -> Option<String>; 2] = [&now, &earlier];
        for stem in stems {
            for attempt in 0..MAX_ATTEMPTS {
                let Some(stem) = stem(attempt) else {
                    break;
                };
                let path = self.dir.join(format!("{stem}.yaml"));
                let text = match fs::read_to_string(&path) {
                    Ok(text) => text,
                    Err(err) if err.kind() == io::ErrorKind::NotFound => break,
                    Err(err) => {
                        return Err(err)
                            .with_context(|| format!("{}: cannot read", path.display()));
                    }
                };
                let versions = match (parse_account(text.as_bytes()), split(&text)) {
                    (Ok(account), _) if account.name == name => {
                        bail!(
                            "{}: has no conflict markers; nothing to resolve",
                            path.display()
                        )
                    }
                    (Ok(_), _) => continue,
                    (Err(_), Ok(Some(versions))) => versions,
                    (Err(err), Ok(None)) => bail!(
                        "{}; it has no conflict markers to resolve: fix it by hand",
                        err.in_file(&path)
                    ),
                    (Err(_), Err(problem)) => bail!("{}: {problem}", path.display()),
                };
                let named =
                    |text: &str| parse_account(text.as_bytes()).is_ok_and(|a| a.name == name);
                if named(&versions.ours) || named(&versions.theirs) {
                    return Ok((path, versions));
                }
            }
        }
        bail!("no account named {name:?} in {}", self.dir.display())
    }

    /// The file no longer reads: it stays as it is, the account goes to the side file, and the
    /// error says where both are.
    fn keep_aside(
        &self,
        path: &Path,
        account: &Account,
        bytes: &[u8],
        err: &ParseError,
    ) -> anyhow::Error {
        let side = side_file(path);
        let side_name = side
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let kept = account
            .to_yaml()
            .and_then(|text| Ok(write_atomic(&side, text.as_bytes())?))
            .map(|()| format!("your text also goes to {side_name} beside it"))
            .unwrap_or_else(|e| format!("the copy beside it failed too ({e:#})"));
        // Said first, in plain words: the header has room for one line.
        match first_conflict_marker(bytes) {
            Some(line) => anyhow!(
                "the account file has git conflict markers; disco leaves it as it is and {kept}. \
                 `disco resolve {:?}` merges them; saving resumes once the file reads. {}:{line}: \
                 conflict marker",
                account.name,
                path.display()
            ),
            None => anyhow!(
                "the account file was changed outside disco and no longer reads; disco leaves it \
                 as it is and {kept}. Saving resumes once the file reads. {}",
                err.in_file(path)
            ),
        }
    }

    pub fn save_text(&self, path: &Path, text: &str) -> Result<()> {
        check_size(text)?;
        self.ensure_dirs()?;
        self.faults
            .check_write()
            .and_then(|()| write_atomic(path, text.as_bytes()))
            .with_context(|| format!("{}: cannot save", path.display()))
    }

    /// Where recaps go: a folder beside the accounts, files named after the account.
    pub fn recaps_dir(&self) -> PathBuf {
        self.data_dir.join("recaps")
    }

    /// Writes an account's recap as `<data dir>/recaps/<account name>.<extension>` and says
    /// where.
    pub fn write_recap(&self, account_name: &str, extension: &str, text: &str) -> Result<PathBuf> {
        let dir = self.recaps_dir();
        check_own_dir(&self.data_dir)
            .and_then(|()| check_own_dir(&dir))
            .and_then(|()| create_private_dir(&self.data_dir))
            .and_then(|()| create_private_dir(&dir))
            .with_context(|| format!("{}: cannot create the recaps folder", dir.display()))?;
        let path = dir.join(recap_file_name(account_name, extension));
        // Read by people, pasted into mail: nothing stored may act on their terminal.
        let text = crate::core::printable::printable(text);
        self.faults
            .check_write()
            .and_then(|()| write_atomic(&path, text.as_bytes()))
            .with_context(|| format!("{}: cannot write", path.display()))?;
        Ok(path)
    }

    /// Every account file, in name order; unreadable ones are listed with their error. Files
    /// are read on every core, since a team's folder can hold thousands.
    pub fn list_all(&self) -> Result<Vec<Listed>> {
        self.list_all_counting(None)
    }

    /// Like [`Self::list_all`], with each account's warning count against a sheet; the counts
    /// are cached in the data folder.
    pub fn list_all_counting(&self, counter: Option<&WarningCounter>) -> Result<Vec<Listed>> {
        let mut listed = self.read_each(|path| summarize(path, counter))?;
        listed.sort_by_key(sort_key);
        if let Some(counter) = counter {
            counter.remember(
                listed
                    .iter()
                    .filter_map(|l| Some((l.path.as_path(), l.warnings.as_ref()?))),
            );
        }
        Ok(listed)
    }

    /// The account files of the folder (`*.yaml`, not hidden), in no particular order.
    fn account_paths(&self) -> Result<Vec<PathBuf>> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(err) => {
                return Err(err).with_context(|| format!("{}: cannot list", self.dir.display()));
            }
        };
        let mut paths = Vec::new();
        for entry in entries {
            let path = entry?.path();
            let is_account = path.extension().is_some_and(|e| e == "yaml")
                && path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| !n.starts_with('.'));
            if is_account {
                paths.push(path);
            }
        }
        Ok(paths)
    }

    /// `read` applied to every account file, on every core, since a team's folder can hold
    /// thousands. In no particular order.
    pub fn read_each<T: Send>(&self, read: impl Fn(&Path) -> T + Sync) -> Result<Vec<T>> {
        let paths = self.account_paths()?;
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);
        let chunk = paths.len().div_ceil(workers).max(1);
        let read = &read;
        Ok(std::thread::scope(|scope| {
            let handles: Vec<_> = paths
                .chunks(chunk)
                .map(|part| {
                    let worker =
                        scope.spawn(move || part.iter().map(|p| read(p)).collect::<Vec<_>>());
                    (part, worker)
                })
                .collect();
            // A worker that died is redone here, so no account silently drops off the list.
            handles
                .into_iter()
                .flat_map(|(part, worker)| {
                    worker
                        .join()
                        .unwrap_or_else(|_| part.iter().map(|p| read(p)).collect())
                })
                .collect()
        }))
    }

    /// What lists show: every file, except accounts archived or merged into another.
    pub fn list(&self) -> Result<Vec<Listed>> {
        self.list_counting(None)
    }

    /// Like [`Self::list`], with each account's warning count against a sheet.
    pub fn list_counting(&self, counter: Option<&WarningCounter>) -> Result<Vec<Listed>> {
        let mut listed = self.list_all_counting(counter)?;
        listed.retain(|item| {
            item.account.as_ref().is_ok_and(|a| a.is_listed()) || item.account.is_err()
        });
        Ok(listed)
    }

    /// An account opened to change its fields from the command line, under its lock.
    fn open_existing(&self, raw_name: &str) -> Result<(PathBuf, Account, AccountLock)> {
        let name = clean_account_name(raw_name).map_err(|e| anyhow!("{e}"))?;
        let Some((path, _)) = self.find_exact(&name)? else {
            bail!("no account named {name:?}. `disco accounts` lists them.");
        };
        let lock = lock_account(&path, &name)?;
        let account = Self::load(&path)?;
        if account.name != name {
            bail!(
                "{name:?} was renamed to {:?} meanwhile; try again",
                account.name
            );
        }
        Ok((path, account, lock))
    }

    /// Changes the name inside the file; the file keeps its name.
    pub fn rename(&self, old: &str, new: &str, now: Timestamp) -> Result<PathBuf> {
        let new = clean_account_name(new).map_err(|e| anyhow!("new name: {e}"))?;
        if let Some(existing) = self.find_exact(&new)?
            && existing.1.name == new
        {
            bail!(
                "an account named {new:?} already exists. To make them one: disco account merge {old:?} {new:?}"
            );
        }
        let (path, mut account, _lock) = self.open_existing(old)?;
        account.rename(new, now);
        self.save(&path, &account)?;
        Ok(path)
    }

    /// Marks an account archived (out of the lists) or brings it back.
    pub fn set_archived(&self, name: &str, archived: bool, now: Timestamp) -> Result<PathBuf> {
        let (path, mut account, _lock) = self.open_existing(name)?;
        if account.archived != archived {
            account.archived = archived;
            account.updated = now;
            self.save(&path, &account)?;
        }
        Ok(path)
    }

    /// Adds everything of `from` to `into` and marks `from` as merged into it. `into` is
    /// written first: a crash in between leaves both whole, and merging again adds nothing twice.
    pub fn merge(&self, from: &str, into: &str, now: Timestamp) -> Result<PathBuf> {
        let (from_path, from_account, _from_lock) = self.open_existing(from)?;
        if from_account.merged_into.is_some() {
            bail!(
                "{from:?} was already merged into {:?}",
                from_account.merged_into.as_deref().unwrap_or("")
            );
        }
        let (into_path, into_account, _into_lock) = self.open_existing(into)?;
        if into_path == from_path {
            bail!("{from:?} and {into:?} are the same account");
        }
        if into_account.merged_into.is_some() {
            bail!("{into:?} was itself merged into another account; merge into that one");
        }
        let merged = combine(&into_account, &from_account, now);
        self.save(&into_path, &merged)?;
        let mut marked = from_account;
        marked.merged_into = Some(merged.name.clone());
        marked.updated = now;
        self.save(&from_path, &marked)?;
        Ok(into_path)
    }

    /// Last resort when the account's own file cannot be written: a new file in the data
    /// folder's private `recovery/`, never replacing anything, so the rep's words survive.
    pub fn write_recovery(&self, account: &Account, now: Timestamp) -> Result<PathBuf> {
        let dir = self.data_dir.join("recovery");
        check_own_dir(&self.data_dir)
            .and_then(|()| create_private_dir(&dir))
            .with_context(|| format!("{}: cannot create the recovery folder", dir.display()))?;
        let text = account.to_yaml()?;
        let stem = format!(
            "{}-{}-{}",
            file_stem(&account.name, 0),
            now.strftime("%Y%m%dT%H%M%S"),
            std::process::id()
        );
        for attempt in 0..MAX_ATTEMPTS {
            let path = match attempt {
                0 => dir.join(format!("{stem}.yaml")),
                n => dir.join(format!("{stem}-{n}.yaml")),
            };
            match write_new(&path, text.as_bytes()) {
                Ok(()) => return Ok(path),
                Err(err) if err.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(err) => {
                    return Err(err).with_context(|| format!("{}: cannot write", path.display()));
                }
            }
        }
        bail!("{}: no free name for a recovery copy", dir.display())
    }
}

fn renamed_in(index: &NameIndex, name: &str) -> Option<String> {
    index
        .entries()
        .find(|e| e.merged_into.is_none() && e.former_names.iter().any(|f| f == name))
        .map(|e| e.name.clone())
}

fn lookalikes_in(index: &NameIndex, name: &str) -> Vec<String> {
    let key = NameKey::of(name);
    let mut names: Vec<String> = index
        .entries()
        .filter(|e| e.merged_into.is_none() && e.name != name)
        .filter(|e| e.key.looks_like(&key))
        .map(|e| e.name.clone())
        .collect();
    names.sort_by_key(|n| n.to_lowercase());
    names.dedup();
    names
}

/// Whatever disco writes it must be able to read back, or the next call finds nothing.
fn check_size(text: &str) -> Result<()> {
    if text.len() > MAX_FILE_BYTES {
        bail!(
            "too large to save ({} MB; disco reads files up to {} MB). Nothing was written: \
             the file keeps its last save and what you typed stays on screen. Shorten the notes",
            text.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        );
    }
    Ok(())
}

fn summarize(path: &Path, counter: Option<&WarningCounter>) -> Listed {
    let bytes = read_bounded(path).map_err(|err| format!("{}: cannot read: {err}", path.display()));
    let warnings = match (&bytes, counter) {
        (Ok(bytes), Some(counter)) => counter.count(path, bytes),
        _ => None,
    };
    let account = bytes.and_then(|bytes| parse_summary(&bytes).map_err(|err| err.in_file(path)));
    Listed {
        path: path.to_path_buf(),
        account,
        warnings,
    }
}

/// The line of the first git conflict marker, if the file has one.
fn first_conflict_marker(bytes: &[u8]) -> Option<usize> {
    let text = String::from_utf8_lossy(bytes);
    split(&text).ok().flatten()?;
    text.lines()
        .position(|l| l.starts_with("<<<<<<<"))
        .map(|n| n + 1)
}

/// Like [`parse_account`], for the light summary.
pub fn parse_summary(bytes: &[u8]) -> Result<AccountSummary, ParseError> {
    parse_versioned(bytes, SCHEMA_VERSION, |s: &AccountSummary| s.schema)
}

fn sort_key(listed: &Listed) -> (String, PathBuf) {
    let name = listed
        .account
        .as_ref()
        .map(|a| a.name.to_lowercase())
        .unwrap_or_default();
    (name, listed.path.clone())
}

/// Reads an account: typed first, so errors name their place, then as plain YAML for the keys
/// this disco does not know, which are kept.
pub fn parse_account(bytes: &[u8]) -> Result<Account, ParseError> {
    let mut account = parse_versioned(bytes, SCHEMA_VERSION, |a: &Account| a.schema)?;
    let raw: yaml::Value = yaml::from_bytes(bytes)?;
    account.finish_reading(&raw);
    Ok(account)
}

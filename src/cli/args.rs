//! The command line, declared once: parsing, `--help`, completions and the man page all come
//! from these types.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::core::drills::DrillKind;
use crate::core::recap::Sendable;

const EXAMPLES: &str = "\
Examples:
  disco                          Open the home screen: pick or create an account
  disco call \"Acme Corp\"         Start a call with Acme Corp right away
  disco accounts                 List accounts and how far each call got
  disco bank show                Print the script to read before a call
  disco bank check my-bank.yaml  Check a question bank you wrote
  disco export Acme -f text      Print the follow-up recap to paste into an email
  disco history \"Acme Corp\"      Show every call and what changed
  disco report                   The team's dashboard: accounts, reps, trainees
  disco practice --learner sam   Practise the questions until you know them cold
  disco practice --stats         Mastery per step, cards due, streak
  disco roleplay late-deliveries Role-play a shipped scenario; debrief at the end
  disco team join git@host:t.git Share accounts with your team; then `disco sync`";

#[derive(Debug, Parser)]
#[command(name = "disco", version, about = "A keyboard-first assistant for B2B discovery calls: find who decides, learn how they measure vendors, say what you can and can't do.", after_help = EXAMPLES)]
pub struct Cli {
    /// Where accounts are kept [default: the platform data folder]
    #[arg(long, global = true, env = "DISCO_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Question bank to use instead of the team's (team/bank.yaml in the data folder) or the
    /// built-in reset script
    #[arg(long, global = true, env = "DISCO_BANK", value_name = "FILE")]
    pub bank: Option<PathBuf>,

    /// Company capability sheet [default: team/company.yaml in the data folder, else
    /// company.yaml in the platform config folder]
    #[arg(long, global = true, env = "DISCO_COMPANY", value_name = "FILE")]
    pub company: Option<PathBuf>,

    /// What Ctrl+T writes: the recap as plain text, markdown or an email draft
    #[arg(long, global = true, env = "DISCO_RECAP_FORMAT", value_enum, value_name = "FORMAT", default_value_t = RecapFormat::Text)]
    pub recap_format: RecapFormat,

    /// Your address for the From line of email drafts, e.g. "Maria Lopez <maria@example.com>";
    /// also the author of team commits when git has no user set
    #[arg(long, global = true, env = "DISCO_FROM", value_name = "ADDRESS")]
    pub from: Option<String>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RecapFormat {
    Text,
    Md,
    Eml,
}

impl From<RecapFormat> for Sendable {
    fn from(format: RecapFormat) -> Self {
        match format {
            RecapFormat::Text => Sendable::Text,
            RecapFormat::Md => Sendable::Markdown,
            RecapFormat::Eml => Sendable::Eml,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the call screen for an account, creating it if new
    Call {
        /// The account's name, as you want to see it (any text)
        account: String,
    },
    /// List accounts with their last call and answers per step
    Accounts {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
        /// List the archived accounts instead (`disco account unarchive NAME` brings one back)
        #[arg(long)]
        archived: bool,
    },
    /// Check or print question banks
    #[command(subcommand)]
    Bank(BankCommand),
    /// Check the company capability sheet
    #[command(subcommand)]
    Company(CompanyCommand),
    /// Your keys and colours: where the config file is, a commented example, a check
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Write an account's recap (text, markdown, email draft), JSON, YAML or CSV of its people
    Export {
        account: String,
        #[arg(long, short, value_enum, default_value_t = ExportFormat::Md)]
        format: ExportFormat,
        /// The internal recap: with your // remarks and what to check before sending
        #[arg(long)]
        internal: bool,
        /// Write to this file instead of standard output (never inside the data folder)
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
        /// With --output: replace the file if it exists
        #[arg(long, requires = "output")]
        force: bool,
    },
    /// Print an account's calls and what changed in each
    History { account: String },
    /// The team's dashboard: coverage, decision makers, warnings and next steps per account
    /// and per rep; role-play scores and practice per trainee
    Report {
        /// Print JSON instead of the screen
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Print the report in this format instead of the screen
        #[arg(long, short, value_enum)]
        format: Option<ReportFormat>,
    },
    /// Rename, merge, archive or unarchive an account (changes fields inside its file)
    #[command(subcommand)]
    Account(AccountCommand),
    /// Merge the two versions inside git conflict markers in an account's file
    Resolve { account: String },
    /// Practise the question sequences: drills from the bank, spaced repetition
    Practice(PracticeArgs),
    /// Role-play a scenario: disco plays the customer, or --trainer shows the trainer's card
    Roleplay {
        /// A scenario file, or the id of a shipped one (see `disco scenario list`)
        #[arg(required_unless_present = "history")]
        scenario: Option<String>,
        /// Who is practising; their role-plays are kept apart from real accounts
        #[arg(long, value_name = "NAME")]
        trainee: Option<String>,
        /// Show the trainer's card instead: persona, hidden facts, suggested replies
        #[arg(long, conflicts_with = "history")]
        trainer: bool,
        /// List past role-plays and their scores (filter with --trainee)
        #[arg(long)]
        history: bool,
        /// Play the trainee's side from a YAML file of turns (ask, move, note, record) and print
        /// the transcript and debrief instead of opening the screen
        #[arg(long, value_name = "FILE", conflicts_with_all = ["history", "trainer"])]
        script: Option<PathBuf>,
        /// With --script: one JSON object (transcript and debrief); with --history: every
        /// record
        #[arg(long)]
        json: bool,
        /// With --script: another set of the customer's wordings (the same seed gives the same
        /// transcript)
        #[arg(long, requires = "script", default_value_t = 0)]
        seed: u64,
    },
    /// Debrief a captured account (or a role-play's) against a scenario: facts found, rules
    /// kept, the score, each with the words it rests on
    Debrief {
        account: String,
        #[arg(long, value_name = "SCENARIO")]
        scenario: String,
        /// Print the debrief as JSON
        #[arg(long)]
        json: bool,
    },
    /// Check or list role-play scenarios
    #[command(subcommand)]
    Scenario(ScenarioCommand),
    /// Share the data folder with a team through git: set up, join, see where it stands
    #[command(subcommand)]
    Team(TeamCommand),
    /// Send your changes to the team and take theirs: commit, fetch, merge, push
    Sync,
    /// git's merge driver for disco's files (set up by `disco team`): merges THEIRS into OURS
    #[command(hide = true)]
    MergeFile {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// The file's path in the team folder (git's %P)
        path: Option<String>,
    },
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff)
    Man,
}

fn parse_drill(name: &str) -> Result<DrillKind, String> {
    DrillKind::parse(name).ok_or_else(|| {
        let names: Vec<&str> = DrillKind::ALL.iter().map(|d| d.id()).collect();
        format!("unknown drill {name:?}; pick one of {}", names.join(", "))
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The follow-up recap as markdown
    Md,
    /// The follow-up recap as plain text, to paste into an email
    Text,
    /// The follow-up recap as an email draft (To: the people with an email)
    Eml,
    /// The whole account
    Json,
    /// The whole account, as stored
    Yaml,
    /// One row per person of step 1, for a CRM contact import
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// Markdown tables, to paste into a wiki or a mail
    Md,
    /// The whole report as data
    Json,
}

/// Each changes fields inside the account files; no file is moved or deleted, so other
/// copies of the folder (a team's git) merge cleanly.
#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// Give an account a new name; its answers, calls and file stay as they are
    Rename { old: String, new: String },
    /// Add everything of FROM to INTO (answers, records, calls, notes; where they differ the
    /// older answer goes to history). FROM stays on disk, marked as merged, out of the lists
    Merge { from: String, into: String },
    /// Take an account out of the lists; it is kept whole and still opens by name
    Archive { name: String },
    /// Put an archived account back in the lists
    Unarchive { name: String },
}

#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Share this data folder: make it a git copy pushing to REMOTE (any URL git accepts)
    Init { remote: String },
    /// Make the data folder a copy of the team's REMOTE
    Join {
        remote: String,
        /// Join even though the folder holds files: they are merged with the team's
        #[arg(long)]
        force: bool,
    },
    /// Commits waiting to go, the team's waiting to come, the last sync, files changed here
    Status,
}

#[derive(Debug, Subcommand)]
pub enum ScenarioCommand {
    /// Validate a scenario file against the bank in use; lists every problem with its place
    Check { file: PathBuf },
    /// Play a scenario's example conversations (`tests:`) and check each debrief against
    /// what the scenario expects; FILE or the id of a shipped scenario
    Test { file: String },
    /// List the shipped scenarios
    List {
        /// Print them as JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CompanyCommand {
    /// Validate a company sheet (the one in use when no FILE is given) and the team lexicon
    /// beside it; lists every problem with its place, or what the guard will check
    Check { file: Option<PathBuf> },
    /// Print a commented example sheet to start from: disco company example > company.yaml
    Example,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where the config file is read from (DISCO_CONFIG overrides it)
    Path,
    /// Print a commented config with every key and theme: disco config example > FILE
    Example,
    /// Check the config file; lists every problem with its line and column
    Check,
}

#[derive(Debug, Subcommand)]
pub enum BankCommand {
    /// Validate a bank file; lists every problem with its place
    Check { file: PathBuf },
    /// Print the script as plain text
    Show,
}

#[derive(Debug, clap::Args)]
pub struct PracticeArgs {
    /// Whose progress to use [default: your user name]
    #[arg(long, env = "DISCO_LEARNER", value_name = "NAME")]
    pub learner: Option<String>,
    /// One drill only: what-next, which-step, fill-gap, listen-for, follow-ups, guidance or
    /// run-script [default: a mix]
    #[arg(long, value_parser = parse_drill, value_name = "NAME")]
    pub drill: Option<DrillKind>,
    /// Seed for the drill choices, to repeat a session exactly
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// New questions introduced per day
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub new_per_day: usize,
    /// After the due cards, practise the cards due soonest (up to 10)
    #[arg(long, conflicts_with = "stats")]
    pub ahead: bool,
    /// Show progress instead of practising: charts in a terminal, a table otherwise
    #[arg(long)]
    pub stats: bool,
    /// With --stats: print the stats as JSON
    #[arg(long, requires = "stats")]
    pub json: bool,
}

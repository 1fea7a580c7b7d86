//! The call screen at every size: the question and the sheet first, the last call shown when an
//! account is opened again, and the time on each step.

use crate::common;
use crate::drive::press;

use std::time::{Duration, Instant};

use disco::core::Bank;
use disco::storage::AccountStore;
use disco::tui::saver::Saves;
use disco::tui::setup::Setup;
use disco::tui::terminal::screen::Screen;
use disco::tui::theme::Theme;
use disco::tui::{App, Msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::UnicodeWidthStr;

const PLAIN: Theme = Theme { color: false };

/// A question as long as a bank author may write one, with follow-ups.
const LONG_ASK: &str = "Before we talk about what you need from us, could you walk me through \
    how an order reaches your receiving dock today, from the moment someone on the plant floor \
    notices a part running low to the moment it is on the shelf again, and who is involved at \
    each point along the way?";

struct Call {
    app: App,
    store: AccountStore,
    start: Instant,
    _dir: tempfile::TempDir,
}

struct Opening<'a> {
    name: &'a str,
    at: &'a str,
    sheet: bool,
    long_question: bool,
    theme: Theme,
}

impl Default for Opening<'_> {
    fn default() -> Self {
        Self {
            name: "Acme Corp",
            at: "2026-11-24T09:00:00Z",
            sheet: true,
            long_question: false,
            theme: PLAIN,
        }
    }
}

fn bank(long_question: bool) -> Bank {
    let mut bank = common::bank();
    if long_question {
        let question = &mut bank.steps[0].questions[0];
        question.ask = LONG_ASK.split_whitespace().collect::<Vec<_>>().join(" ");
        question.follow_ups = vec![
            "And when an order is late, who hears about it first, and what do they do?".into(),
            "How often does that happen in a normal month?".into(),
        ];
    }
    bank
}

fn open_in(dir: tempfile::TempDir, how: &Opening) -> Call {
    let store = AccountStore::new(dir.path());
    let bank = bank(how.long_question);
    let mut setup = Setup::new(store.clone(), bank.clone(), how.theme);
    if how.sheet {
        let sheet = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/question-banks/company.example.yaml"
        );
        setup.company =
            Some(disco::storage::company::load_company(std::path::Path::new(sheet)).unwrap());
    }
    let opened = common::open_when_free(&store, how.name, &bank, common::at(how.at));
    let start = Instant::now();
    setup.saves = Saves::Inline;
    let setup = setup.with_clock(disco::clock::Clock::new(common::at(how.at), start));
    let app = App::call(setup, opened, start);
    Call {
        app,
        store,
        start,
        _dir: dir,
    }
}

fn open(how: &Opening) -> Call {
    open_in(tempfile::tempdir().unwrap(), how)
}

/// An account last called on 20 Nov 2026, with a next step due on the 27th, a commitment and
/// a note the sheet rules out, and what that call changed; opened again on 30 Nov.
fn reopened(how: &Opening) -> Call {
    let dir = tempfile::tempdir().unwrap();
    let store = AccountStore::new(dir.path());
    let bank = common::bank();
    let path = common::save_sample(&store, how.name, &bank);
    let mut account = AccountStore::load(&path).unwrap();
    account.notes = "promised overnight on the seals".into();
    let overnight: disco::core::Record = [
        ("what", "Next-day delivery to the plant"),
        ("status", "can"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    account.records_mut("commitments").push(overnight);
    account.calls[0].changes = vec![
        "answered 1.1: Family-owned distributor, 40 staff.".into(),
        "added people: Jane Roe · Buyer · decides".into(),
        "next step: Send the supply agreement draft by 2026-11-27".into(),
    ];
    store.save(&path, &account).unwrap();
    let mut call = open_in(
        dir,
        &Opening {
            at: "2026-11-30T09:00:00Z",
            ..*how
        },
    );
    // The note is read against the sheet on a thread of its own; its warning joins the panel
    // when a tick finds the reader done. The wait is a bound, not a timing claim.
    let deadline = Instant::now() + Duration::from_secs(20);
    while call
        .app
        .call_state()
        .unwrap()
        .text_warnings
        .notes
        .is_empty()
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(2));
        call.app.update(Msg::Tick(call.start));
    }
    // However many ticks that took, the opening is saved (inline) by this one: the header
    // always says the same.
    call.app
        .update(Msg::Tick(call.start + Duration::from_secs(1)));
    call
}

fn draw(app: &App, width: u16, height: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.view(frame)).unwrap();
    terminal.backend().buffer().clone()
}

fn rows(buffer: &Buffer) -> Vec<Vec<String>> {
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

fn text_of(buffer: &Buffer) -> String {
    rows(buffer)
        .into_iter()
        .map(|row| {
            let mut line = String::new();
            let mut skip = 0;
            for symbol in row {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                skip = symbol.width().saturating_sub(1);
                line.push_str(&symbol);
            }
            line.trim_end().to_string() + "\n"
        })
        .collect()
}

fn render(app: &App, width: u16, height: u16) -> String {
    text_of(&draw(app, width, height))
}

/// The text inside the panel whose title starts with `title`, its rows joined by spaces.
fn panel_text(buffer: &Buffer, title: &str) -> Option<String> {
    let rows = rows(buffer);
    let needle: Vec<String> = format!("┌ {title}").chars().map(String::from).collect();
    let (top, left) = rows.iter().enumerate().find_map(|(y, row)| {
        row.windows(needle.len())
            .position(|w| w == needle.as_slice())
            .map(|x| (y, x))
    })?;
    let right = (left + 1..rows[top].len()).find(|&x| rows[top][x] == "┐")?;
    let mut text = Vec::new();
    for row in &rows[top + 1..] {
        if row[left] == "└" {
            break;
        }
        text.push(row[left + 1..right].concat());
    }
    Some(words(&text.join(" ")))
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn question_is_whole(buffer: &Buffer, ask: &str) -> bool {
    panel_text(buffer, "Question").is_some_and(|t| t.contains(&format!("“{}”", words(ask))))
}

#[test]
fn every_size_from_40x12_to_300x100_draws_and_keeps_the_question_whole_where_it_fits() {
    let mut calls = vec![
        (
            "long question",
            open(&Opening {
                long_question: true,
                ..Opening::default()
            }),
        ),
        ("reopened", reopened(&Opening::default())),
    ];
    let mut step3 = open(&Opening::default());
    press(&mut step3.app, "<A-3>");
    calls.push(("step 3", step3));
    let mut wide = open(&Opening::default());
    press(&mut wide.app, "<A-3><A-e>");
    calls.push(("step 3, sheet widened", wide));
    let long = bank(true);
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for width in (40..=300)
        .step_by(13)
        .chain([41, 59, 60, 79, 80, 109, 110, 120, 300])
    {
        for height in (12..=100).step_by(11).chain([13, 19, 20, 23, 24, 40, 100]) {
            sizes.push((width, height));
        }
    }
    for (what, call) in &calls {
        let ask = &call
            .app
            .call_state()
            .unwrap()
            .bank
            .question(call.app.call_state().unwrap().at)
            .unwrap()
            .ask;
        for &(width, height) in &sizes {
            let buffer = draw(&call.app, width, height);
            let screen = text_of(&buffer);
            assert!(
                !screen.contains("Make the window larger"),
                "{what} at {width}x{height}:\n{screen}"
            );
            // The step stays in the header at every size.
            let header = screen.lines().next().unwrap();
            let step = call.app.call_state().unwrap().at.step + 1;
            assert!(
                header.contains(&format!("Step {step} of 3"))
                    || header.contains(&format!("{step}/3")),
                "{what} at {width}x{height}: {header}"
            );
            let whole = question_is_whole(&buffer, ask);
            if width >= 60 && height >= 20 {
                assert!(whole, "{what} at {width}x{height}:\n{screen}");
            } else if !whole {
                // Cut, it says so and how to read it all.
                let panel = panel_text(&buffer, "Question").unwrap_or_default();
                assert!(
                    panel.contains("reads all"),
                    "{what} at {width}x{height}:\n{screen}"
                );
            }
        }
    }
    // Whatever is open over the call draws at every size too.
    for keys in [
        "<A-r>",
        "<C-g>",
        "<C-l><ins>",
        "<A-3><C-l><A-s>",
        "<C-s>",
        "<F1>",
        "<A-3><A-e><C-l>",
    ] {
        let mut call = reopened(&Opening::default());
        press(&mut call.app, keys);
        // Every fifth size and the smallest: a coarser grid, as these are many.
        for &(width, height) in sizes.iter().step_by(5).chain([&(40, 12), &(41, 13)]) {
            draw(&call.app, width, height);
        }
    }
    // Even the long question fits whole in the smallest window the call is drawn in.
    let smallest = draw(&calls[0].1.app, 40, 12);
    assert!(
        question_is_whole(&smallest, &long.steps[0].questions[0].ask)
            || text_of(&smallest).contains("reads all"),
        "{}",
        text_of(&smallest)
    );
}

#[test]
fn at_80x24_the_question_its_listen_for_and_first_follow_up_are_whole() {
    let long = bank(true);
    let mut call = open(&Opening {
        long_question: true,
        ..Opening::default()
    });
    let question = &long.steps[0].questions[0];
    let check = |app: &App, (width, height): (u16, u16)| {
        let buffer = draw(app, width, height);
        let panel = panel_text(&buffer, "Question").unwrap();
        assert!(
            panel.contains(&words(&question.ask)),
            "{}",
            text_of(&buffer)
        );
        assert!(
            panel.contains(&words(&question.listen_for)),
            "{}",
            text_of(&buffer)
        );
        assert!(
            panel.contains(&words(&question.follow_ups[0])),
            "{}",
            text_of(&buffer)
        );
    };
    check(&call.app, (80, 24));
    check(&call.app, (120, 40));
    // Also on step 3, with the commitments and the sheet below.
    press(&mut call.app, "<A-3>");
    let step3 = &long.steps[2].questions[0];
    let buffer = draw(&call.app, 80, 24);
    let panel = panel_text(&buffer, "Question").unwrap();
    for part in [&step3.ask, &step3.listen_for, &step3.follow_ups[0]] {
        assert!(panel.contains(&words(part)), "{}", text_of(&buffer));
    }
}

#[test]
fn snapshots_of_a_long_question() {
    let call = open(&Opening {
        long_question: true,
        ..Opening::default()
    });
    insta::assert_snapshot!("long_question_60x20", render(&call.app, 60, 20));
    insta::assert_snapshot!("long_question_80x24", render(&call.app, 80, 24));
    insta::assert_snapshot!("long_question_120x40", render(&call.app, 120, 40));
}

#[test]
fn snapshots_of_step_3_with_the_sheet() {
    let mut call = open(&Opening::default());
    press(&mut call.app, "<A-3>");
    insta::assert_snapshot!("sheet_step3_60x20", render(&call.app, 60, 20));
    insta::assert_snapshot!("sheet_step3_80x24", render(&call.app, 80, 24));
    insta::assert_snapshot!("sheet_step3_120x40", render(&call.app, 120, 40));
    press(&mut call.app, "<A-e>");
    insta::assert_snapshot!("sheet_step3_widened_80x24", render(&call.app, 80, 24));
}

#[test]
fn snapshots_of_a_reopened_account_with_its_last_time_panel() {
    let call = reopened(&Opening::default());
    insta::assert_snapshot!("last_time_60x20", render(&call.app, 60, 20));
    insta::assert_snapshot!("last_time_80x24", render(&call.app, 80, 24));
    insta::assert_snapshot!("last_time_120x40", render(&call.app, 120, 40));
}

#[test]
fn the_sheet_wraps_every_item_whole_and_widens_with_a_key() {
    let mut call = open(&Opening::default());
    press(&mut call.app, "<A-3>");
    let company = call.app.call_state().unwrap().company.clone().unwrap();
    let statements: Vec<String> = company
        .can
        .iter()
        .chain(&company.cannot)
        .map(|i| words(&i.statement))
        .collect();
    // At 120x40 the sheet has a column and the rows it needs: every item whole, none cut.
    let buffer = draw(&call.app, 120, 40);
    let sheet = panel_text(&buffer, "Alt+E").unwrap();
    for statement in &statements {
        assert!(
            sheet.contains(statement.as_str()),
            "{statement}\n{}",
            text_of(&buffer)
        );
    }
    assert!(!sheet.contains('…'), "{}", text_of(&buffer));
    // A window too short for the sheet below the answer shows it beside the question.
    let short = render(&call.app, 100, 16);
    assert!(
        short.contains("Alt+E widens") && short.contains("Commitments"),
        "{short}"
    );
    // At 80x24 half a column is not enough: what is cut says so.
    let narrow = panel_text(&draw(&call.app, 80, 24), "Alt+E").unwrap();
    let whole = |text: &str| {
        statements
            .iter()
            .filter(|s| text.contains(s.as_str()))
            .count()
    };
    assert!(narrow.contains("reads all"), "{narrow}");
    press(&mut call.app, "<A-e>");
    let widened = panel_text(&draw(&call.app, 80, 24), "Alt+E").unwrap();
    assert!(whole(&narrow) < statements.len(), "{narrow}");
    assert_eq!(whole(&widened), statements.len(), "{widened}");
    // Read in full: everything, nothing cut.
    press(&mut call.app, "<A-r>");
    let reading = words(&render(&call.app, 80, 60).replace('│', " "));
    for statement in &statements {
        assert!(
            reading.contains(statement.as_str()),
            "{statement}\n{reading}"
        );
    }
    // Widened in a narrow, short window, the sheet has the space below the answer to itself
    // (the list comes back when the rep goes to it).
    press(&mut call.app, "<esc>");
    let sheet = panel_text(&draw(&call.app, 60, 20), "Alt+E narrows").unwrap();
    assert!(sheet.contains(statements[0].as_str()), "{sheet}");
    press(&mut call.app, "<C-l>");
    assert!(render(&call.app, 60, 20).contains("Commitments"));
    press(&mut call.app, "<esc><A-e>");
    assert!(!call.app.call_state().unwrap().sheet_wide);
}

#[test]
fn read_in_full_shows_what_the_question_panel_cut_and_a_letter_goes_back_to_the_answer() {
    let mut call = open(&Opening {
        long_question: true,
        ..Opening::default()
    });
    let screen = render(&call.app, 60, 20);
    assert!(screen.contains("reads all"), "{screen}");
    let goal = words(&call.app.call_state().unwrap().bank.steps[0].goal);
    assert!(!words(&screen).contains(&goal));
    press(&mut call.app, "<A-r>");
    let reading = words(&render(&call.app, 60, 60).replace('│', " "));
    assert!(reading.contains(&goal), "{reading}");
    press(&mut call.app, "x");
    let state = call.app.call_state().unwrap();
    assert!(matches!(
        state.focus,
        disco::tui::screens::call::Focus::Answer
    ));
    assert_eq!(state.answer.lines(), ["x"]);
}

#[test]
fn the_last_time_panel_says_when_what_is_due_what_is_open_and_what_changed() {
    let mut call = reopened(&Opening::default());
    let screen = render(&call.app, 120, 40);
    let panel = panel_text(&draw(&call.app, 120, 40), "Last call").unwrap();
    assert!(
        screen.contains("┌ Last call 20 Nov 2026, 10 days ago · Alt+L folds it away"),
        "{screen}"
    );
    for expected in [
        "Next step, OVERDUE 3 days (27 Nov 2026): Send the supply agreement draft",
        "⚠ Commitments: “Next-day delivery to the plant”",
        "⚠ Scratch note: “overnight”",
        "What changed:",
        "· added people: Jane Roe",
    ] {
        assert!(panel.contains(expected), "{expected}\n{screen}");
    }
    // A short window gives the panel a line of its own above the ellipsis, not the ellipsis alone
    // (when even that does not fit under the question, the panel waits for Alt+L or Alt+R).
    press(&mut call.app, "<tab>");
    for (w, h) in [(60, 20), (80, 24), (100, 30)] {
        let buffer = draw(&call.app, w, h);
        let panel = panel_text(&buffer, "Last call").unwrap_or_default();
        assert!(panel.contains("Next step"), "{w}x{h}\n{}", text_of(&buffer));
    }
    press(&mut call.app, "<S-tab>");
    // Folded away with a key, and back with it.
    press(&mut call.app, "<A-l>");
    assert!(!render(&call.app, 120, 40).contains("Last call"));
    press(&mut call.app, "<A-l>");
    assert!(render(&call.app, 120, 40).contains("Last call"));
    // A first call has none, and says so when asked.
    let mut first = open(&Opening::default());
    assert!(!render(&first.app, 120, 40).contains("Last call"));
    press(&mut first.app, "<A-l>");
    let message = first.app.call_state().unwrap().message.clone().unwrap();
    assert!(message.contains("first call"), "{message}");
}

#[test]
fn a_confirmed_earlier_answer_is_logged_in_the_calls_changes() {
    let mut call = reopened(&Opening::default());
    press(&mut call.app, "<A-1>");
    let screen = render(&call.app, 100, 30);
    assert!(screen.contains("confirm (Alt+C) or change"), "{screen}");
    press(&mut call.app, "<A-c>");
    assert!(render(&call.app, 100, 30).contains("confirmed on this call"));
    // Confirming twice is harmless; typing afterwards makes it a change instead.
    press(&mut call.app, "<A-c>");
    let message = call.app.call_state().unwrap().message.clone().unwrap();
    assert!(message.contains("Already confirmed"), "{message}");
    // A second answer, changed: logged as a change, never as confirmed.
    press(&mut call.app, "<tab><tab><tab> too");
    press(&mut call.app, "<A-c>");
    let message = call.app.call_state().unwrap().message.clone().unwrap();
    assert!(message.contains("changed this answer"), "{message}");
    press(&mut call.app, "<C-q>");
    call.app.finish().unwrap();
    let account = common::load_only_account(&call.store);
    let changes = &account.calls.last().unwrap().changes;
    assert!(
        changes.contains(&"re-confirmed 1.1: Family-owned distributor, 40 staff.".to_string()),
        "{changes:?}"
    );
    assert!(
        !changes.iter().any(|c| c.starts_with("re-confirmed 1.4")),
        "{changes:?}"
    );
    assert!(
        changes.iter().any(|c| c.starts_with("added to 1.4")),
        "{changes:?}"
    );
    // The answer itself is as it was; it now counts as given on this call.
    let answer = &account.answers["business-and-roles"];
    assert_eq!(
        answer.text,
        "Family-owned distributor, 40 staff.\nBuyer: Jane Roe."
    );
    assert_eq!(answer.updated, common::at("2026-11-30T09:00:01Z"));
    assert!(answer.history.is_empty());
}

#[test]
fn the_header_shows_time_on_the_step_against_its_budget_and_the_calls_total() {
    let mut call = open(&Opening {
        theme: Theme { color: true },
        ..Opening::default()
    });
    let header = |app: &App| render(app, 100, 30).lines().next().unwrap().to_string();
    assert!(
        header(&call.app).contains("step 00:00 of ~8 min · call 00:00"),
        "{}",
        header(&call.app)
    );
    let later = |call: &Call, secs: u64| call.start + Duration::from_secs(secs);
    call.app.update(Msg::Tick(later(&call, 7 * 60)));
    assert!(
        header(&call.app).contains("step 07:00 of ~8 min · call 07:00"),
        "{}",
        header(&call.app)
    );
    // Step 1's time is in the default colour until its budget runs out, then it changes.
    let step_time_colour = |app: &App| {
        let buffer = draw(app, 100, 30);
        let line = text_of(&buffer).lines().next().unwrap().to_string();
        let x = line.find("step ").unwrap();
        let x = line[..x].width() as u16;
        buffer[(x, 0)].fg
    };
    let within = step_time_colour(&call.app);
    call.app.update(Msg::Tick(later(&call, 8 * 60 + 1)));
    assert!(
        header(&call.app).contains("step 08:01 of ~8 min"),
        "{}",
        header(&call.app)
    );
    assert_ne!(step_time_colour(&call.app), within);
    // Step 2 starts its own clock; the call's goes on.
    press(&mut call.app, "<A-2>");
    call.app.update(Msg::Tick(later(&call, 9 * 60)));
    assert!(
        header(&call.app).contains("step 00:59 of ~10 min · call 09:00"),
        "{}",
        header(&call.app)
    );
    assert_eq!(step_time_colour(&call.app), within);
    // Back on step 1, its time goes on from where it was.
    press(&mut call.app, "<A-1>");
    call.app.update(Msg::Tick(later(&call, 9 * 60 + 30)));
    assert!(
        header(&call.app).contains("step 08:31 of ~8 min · call 09:30"),
        "{}",
        header(&call.app)
    );
}

#[test]
fn a_window_too_small_for_the_call_takes_typing_and_quit_but_no_commands() {
    let mut call = open(&Opening::default());
    let screen = render(&call.app, 39, 11);
    assert!(screen.contains("Make the window larger"), "{screen}");
    // Commands would act on screens the rep cannot see; what is typed is never lost.
    press(&mut call.app, "ab<A-3><C-l><C-g><tab>c");
    let state = call.app.call_state().unwrap();
    assert_eq!(state.answer.lines(), ["abc"]);
    assert_eq!((state.at.step, state.at.question), (0, 0));
    assert!(matches!(
        state.focus,
        disco::tui::screens::call::Focus::Answer
    ));
    press(&mut call.app, "<C-q>");
    assert!(call.app.quit);
    // Large enough again, commands work.
    let mut call = open(&Opening::default());
    render(&call.app, 39, 11);
    render(&call.app, 40, 12);
    press(&mut call.app, "<A-3>");
    assert_eq!(call.app.call_state().unwrap().at.step, 2);
}

/// What the screen layer shows after drawing the short way must be what a full frame shows.
fn assert_screen_is_right(screen: &Screen<TestBackend>, app: &App, what: &str) {
    let area = screen.area();
    let mut full = Terminal::new(TestBackend::new(area.width, area.height)).unwrap();
    full.draw(|f| app.view(f)).unwrap();
    assert_eq!(screen.backend().buffer(), full.backend().buffer(), "{what}");
}

#[test]
fn the_last_time_panel_the_step_timer_and_the_sheet_keep_the_redraw_rule() {
    // Typing redraws only the answer box and the header; everything here that changes
    // another panel (the panel folding, a warning in the note, a confirmation, the sheet
    // widening, a step running over its budget) must make the next frame a full one.
    let keys = concat!(
        "<A-1><A-c>more<A-l>x<A-l>y<C-o>promised overnight<C-o>z",
        "<A-3>typing<A-e>w<A-e><A-r><esc>q<tab>r<A-2>s",
    );
    for (w, h) in [(60, 20), (80, 24), (120, 40)] {
        let mut call = reopened(&Opening::default());
        let mut clock = call.start;
        let mut screen = Screen::new(Terminal::new(TestBackend::new(w, h)).unwrap());
        for (i, key) in common::keys::parse(keys).into_iter().enumerate() {
            call.app.update(Msg::Key(key));
            // A minute between keys: step budgets (8 and 10 minutes) run out on the way.
            clock += Duration::from_secs(60);
            call.app.update(Msg::Tick(clock));
            screen.draw(&call.app).unwrap();
            assert_screen_is_right(&screen, &call.app, &format!("key {i} ({key:?}) at {w}x{h}"));
        }
        assert!(screen.echoes() > 10, "{} echoes", screen.echoes());
    }
}

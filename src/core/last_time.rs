//! What the rep needs from the last call when an account is opened again: when it was, the
//! next step agreed and whether it is overdue, the guard's open warnings, what that call changed.
//! Also the lines a call adds for answers the rep re-confirmed without changing them.

use jiff::Timestamp;
use jiff::civil::Date;

use super::{Account, Bank};

/// Where the agreed next step stands against today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    NoDate,
    /// Past its date by this many days.
    Overdue(i64),
    Today,
    /// Due in this many days.
    InDays(i64),
}

#[derive(Debug, Clone, PartialEq)]
pub struct NextStepDue {
    pub text: String,
    pub date: Option<Date>,
    pub due: Due,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LastTime {
    /// When the last call started.
    pub when: Timestamp,
    /// Whole days from that call's day to today.
    pub days_ago: i64,
    pub next_step: Option<NextStepDue>,
    /// The guard's warnings as the account was reopened, each with its place.
    pub warnings: Vec<String>,
    /// What the last call changed, as `disco history` lists it.
    pub changes: Vec<String>,
}

/// The "last time" of `account`: its call before the one in progress (the last of its calls
/// when none is); `None` on a first call. `day_of` turns a moment into the rep's calendar day;
/// `warnings` come from the guard.
pub fn last_time(
    account: &Account,
    warnings: Vec<String>,
    today: Date,
    day_of: impl Fn(Timestamp) -> Date,
) -> Option<LastTime> {
    let earlier = match account.open_call_start() {
        Some(_) => account.calls.len().checked_sub(2)?,
        None => account.calls.len().checked_sub(1)?,
    };
    let last = &account.calls[earlier];
    let next_step = account.next_step.as_ref().map(|next| NextStepDue {
        text: next.text.clone(),
        date: next.date,
        due: match next.date {
            None => Due::NoDate,
            Some(date) => match days_between(today, date) {
                0 => Due::Today,
                d if d > 0 => Due::InDays(d),
                d => Due::Overdue(-d),
            },
        },
    });
    Some(LastTime {
        when: last.started,
        days_ago: days_between(day_of(last.started), today).max(0),
        next_step,
        warnings,
        changes: last.changes.clone(),
    })
}

/// Days from `from` to `to`, negative when `to` is earlier.
fn days_between(from: Date, to: Date) -> i64 {
    from.until(to)
        .map(|span| i64::from(span.get_days()))
        .unwrap_or(0)
}

/// One line per answer the rep marked as still true on this call, for the call's changes:
/// only those whose text is still what it was before the call (a changed one is logged as a
/// change instead).
pub fn confirmations(
    before: &Account,
    after: &Account,
    bank: &Bank,
    confirmed: &[String],
) -> Vec<String> {
    bank.question_refs()
        .filter_map(|at| Some((at, bank.question(at)?)))
        .filter(|(_, q)| confirmed.contains(&q.id))
        .filter(|(_, q)| before.is_answered(&q.id) && before.answer(&q.id) == after.answer(&q.id))
        .map(|(at, q)| {
            format!(
                "re-confirmed {}.{}: {}",
                at.step + 1,
                at.question + 1,
                super::history::preview(after.answer(&q.id))
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::account::NextStep;
    use crate::core::{Account, CallMode};

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn utc_day(t: Timestamp) -> Date {
        jiff::tz::Offset::UTC.to_datetime(t).date()
    }

    fn account_called_on(day: &str) -> Account {
        let bank = crate::core::builtin_bank_for_tests();
        let mut account = Account::new("Acme", &bank, at("2026-11-01T09:00:00Z"));
        account.start_call(CallMode::Live, at(&format!("{day}T15:30:00Z")));
        account.calls[0].changes = vec!["answered 1.1: Dana signs".into()];
        account.end_call(at(&format!("{day}T16:00:00Z")));
        account
    }

    #[test]
    fn a_first_call_has_no_last_time() {
        let bank = crate::core::builtin_bank_for_tests();
        let account = Account::new("Acme", &bank, at("2026-11-01T09:00:00Z"));
        let today = jiff::civil::date(2026, 11, 24);
        assert_eq!(last_time(&account, Vec::new(), today, utc_day), None);
    }

    #[test]
    fn the_call_in_progress_is_not_last_time() {
        let mut account = account_called_on("2026-11-17");
        let today = jiff::civil::date(2026, 11, 24);
        account.start_call(CallMode::Live, at("2026-11-24T09:00:00Z"));
        let last = last_time(&account, Vec::new(), today, utc_day).unwrap();
        assert_eq!(last.when, at("2026-11-17T15:30:00Z"));
        // A first call, in progress: nothing before it.
        account.calls.remove(0);
        assert_eq!(last_time(&account, Vec::new(), today, utc_day), None);
    }

    #[test]
    fn the_next_step_is_overdue_the_day_after_its_date() {
        let mut account = account_called_on("2026-11-17");
        let today = jiff::civil::date(2026, 11, 24);
        let due = |account: &Account| {
            last_time(account, Vec::new(), today, utc_day)
                .unwrap()
                .next_step
                .unwrap()
                .due
        };
        account.next_step = Some(NextStep::new("Send pricing".into(), None));
        assert_eq!(due(&account), Due::NoDate);
        for (date, expected) in [
            (jiff::civil::date(2026, 11, 20), Due::Overdue(4)),
            (jiff::civil::date(2026, 11, 23), Due::Overdue(1)),
            (today, Due::Today),
            (jiff::civil::date(2026, 11, 27), Due::InDays(3)),
        ] {
            account.next_step = Some(NextStep::new("Send pricing".into(), Some(date)));
            assert_eq!(due(&account), expected, "{date}");
        }
        let last = last_time(&account, vec!["w".into()], today, utc_day).unwrap();
        assert_eq!(last.days_ago, 7);
        assert_eq!(last.when, at("2026-11-17T15:30:00Z"));
        assert_eq!(last.changes, vec!["answered 1.1: Dana signs".to_string()]);
        assert_eq!(last.warnings, vec!["w".to_string()]);
    }

    #[test]
    fn a_confirmed_answer_is_logged_only_while_unchanged() {
        let bank = crate::core::builtin_bank_for_tests();
        let id = bank.steps[0].questions[1].id.clone();
        let other = bank.steps[0].questions[0].id.clone();
        let mut before = Account::new("Acme", &bank, at("2026-11-01T09:00:00Z"));
        before.set_answer(&id, "Dana signs off", at("2026-11-17T09:00:00Z"));
        before.set_answer(&other, "Procurement", at("2026-11-17T09:00:00Z"));
        let mut after = before.clone();
        let confirmed = vec![id.clone(), other.clone()];
        after.set_answer(
            &other,
            "Procurement and finance",
            at("2026-11-24T09:00:00Z"),
        );
        assert_eq!(
            confirmations(&before, &after, &bank, &confirmed),
            vec!["re-confirmed 1.2: Dana signs off".to_string()]
        );
        // Nothing to re-confirm in an answer that was empty.
        let empty = Account::new("Acme", &bank, at("2026-11-01T09:00:00Z"));
        assert!(confirmations(&empty, &empty, &bank, &confirmed).is_empty());
    }
}

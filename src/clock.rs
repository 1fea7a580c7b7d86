//! The one clock. A run starts at an instant on the calendar, the system's or the one
//! `DISCO_NOW` names, and runs on from it by the monotonic clock, so saves, timers and every
//! timestamp written agree, and a run can be replayed at a fixed date.
//!
//! Only the process edge (`cli`, the event loop) reads the time; screens turn the `Instant`
//! a message carries into a timestamp with [`Clock::at`].

use std::time::Instant;

use anyhow::{Result, anyhow};
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// The environment variable that fixes the starting instant (RFC 3339).
pub const DISCO_NOW: &str = "DISCO_NOW";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    start: Timestamp,
    origin: Instant,
}

impl Clock {
    /// `start` on the calendar is `origin` on the monotonic clock.
    pub fn new(start: Timestamp, origin: Instant) -> Self {
        Self { start, origin }
    }

    /// Starts at `start`, now.
    pub fn starting_at(start: Timestamp) -> Self {
        Self::new(start, Instant::now())
    }

    /// The system's time, now.
    pub fn system() -> Self {
        Self::starting_at(Timestamp::now())
    }

    /// `DISCO_NOW` if set, else the system's time.
    pub fn from_env() -> Result<Self> {
        match std::env::var(DISCO_NOW) {
            Ok(text) => text.parse().map(Self::starting_at).map_err(|_| {
                anyhow!("{DISCO_NOW}={text:?} is not a time like 2026-11-24T09:00:00Z")
            }),
            Err(_) => Ok(Self::system()),
        }
    }

    /// The calendar time at `now`, to the second: files stay readable and diffs quiet.
    /// An `Instant` before the origin reads as the start: time never runs backwards.
    pub fn at(&self, now: Instant) -> Timestamp {
        let elapsed = now.saturating_duration_since(self.origin);
        let at = self.start.saturating_add(elapsed).unwrap_or(self.start);
        at.round(jiff::Unit::Second).unwrap_or(at)
    }

    /// Where the clock started, on the monotonic clock.
    pub fn origin(&self) -> Instant {
        self.origin
    }
}

/// The rep's time zone, for showing times: `TZ` when set (a name like `Asia/Tokyo`, as the
/// C library reads it), else the system's; UTC when neither can be read. Files keep UTC.
pub fn local_zone() -> TimeZone {
    match TimeZone::try_system() {
        // `Etc/UTC` (what many systems call it) and `UTC` are one zone: one spelling.
        Ok(zone) if zone.iana_name().is_some_and(is_utc_alias) => TimeZone::UTC,
        Ok(zone) => zone,
        Err(_) => TimeZone::UTC,
    }
}

fn is_utc_alias(name: &str) -> bool {
    let name = name.strip_prefix("Etc/").unwrap_or(name);
    ["UTC", "UCT", "Universal", "Zulu"]
        .iter()
        .any(|alias| name.eq_ignore_ascii_case(alias))
}

/// Why `TZ` could not be used, when it is set to a zone nobody knows (`Mars/Base`): said once,
/// so times shown in UTC instead are no surprise.
pub fn zone_problem() -> Option<String> {
    let tz = std::env::var_os("TZ")?;
    TimeZone::try_system().err().map(|_| {
        format!(
            "TZ={} is not a time zone disco knows; times are shown in UTC",
            tz.to_string_lossy()
        )
    })
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn start() -> Timestamp {
        "2030-01-02T03:04:05Z"
            .parse()
            .unwrap_or(Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn time_runs_on_from_the_start() {
        let origin = Instant::now();
        let clock = Clock::new(start(), origin);
        assert_eq!(clock.at(origin), start());
        let later = clock.at(origin + Duration::from_secs(90));
        assert_eq!(later.to_string(), "2030-01-02T03:05:35Z");
    }

    #[test]
    fn rounds_to_the_second_and_never_runs_backwards() {
        let origin = Instant::now() + Duration::from_secs(10);
        let clock = Clock::new(start(), origin);
        assert_eq!(clock.at(origin - Duration::from_secs(5)), start());
        assert_eq!(
            clock.at(origin + Duration::from_millis(1400)).to_string(),
            "2030-01-02T03:04:06Z"
        );
    }
}

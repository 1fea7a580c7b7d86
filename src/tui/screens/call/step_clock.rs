//! Time on each step of the call, against the step's budget. Moved only by the instants the
//! app hands the call (`Msg::Tick`), never by reading a clock.

use std::time::{Duration, Instant};

/// Time spent on each step, the current visit included: coming back to a step adds to it.
#[derive(Debug, Clone)]
pub struct StepClock {
    spent: Vec<Duration>,
    step: usize,
    since: Instant,
}

impl StepClock {
    pub fn new(step: usize, now: Instant) -> Self {
        Self {
            spent: Vec::new(),
            step,
            since: now,
        }
    }

    /// The rep moved to `step` at `now`: the visit to the step before ends there.
    pub fn enter(&mut self, step: usize, now: Instant) {
        if step == self.step {
            return;
        }
        let visit = now.saturating_duration_since(self.since);
        if self.spent.len() <= self.step {
            self.spent.resize(self.step + 1, Duration::ZERO);
        }
        self.spent[self.step] += visit;
        self.step = step;
        self.since = now;
    }

    /// Time on the current step at `now`, earlier visits included.
    pub fn on_step(&self, now: Instant) -> Duration {
        let before = self.spent.get(self.step).copied().unwrap_or_default();
        before + now.saturating_duration_since(self.since)
    }
}

/// Whether `spent` is past a budget of `minutes` (no budget, never past it).
pub fn over_budget(spent: Duration, minutes: Option<u32>) -> bool {
    minutes.is_some_and(|m| spent > Duration::from_secs(u64::from(m) * 60))
}

/// `mm:ss`, or `h:mm:ss` past an hour.
pub fn clock_face(spent: Duration) -> String {
    let secs = spent.as_secs();
    if secs >= 3600 {
        format!("{}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60)
    } else {
        format!("{:02}:{:02}", secs / 60, secs % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_step_counts_every_visit_and_only_its_own() {
        let t0 = Instant::now();
        let at = |s: u64| t0 + Duration::from_secs(s);
        let mut clock = StepClock::new(0, t0);
        assert_eq!(clock.on_step(at(30)), Duration::from_secs(30));
        clock.enter(1, at(60));
        assert_eq!(clock.on_step(at(60)), Duration::ZERO);
        assert_eq!(clock.on_step(at(90)), Duration::from_secs(30));
        clock.enter(0, at(100));
        // Back on step 1's predecessor: its first minute, and ten seconds more.
        assert_eq!(clock.on_step(at(110)), Duration::from_secs(70));
        clock.enter(1, at(110));
        assert_eq!(clock.on_step(at(110)), Duration::from_secs(40));
        // Moving within a step keeps its visit running.
        clock.enter(1, at(200));
        assert_eq!(clock.on_step(at(200)), Duration::from_secs(130));
    }

    #[test]
    fn past_the_budget_only_after_it_runs_out() {
        let ten = Some(10);
        assert!(!over_budget(Duration::from_secs(600), ten));
        assert!(over_budget(Duration::from_secs(601), ten));
        assert!(!over_budget(Duration::from_secs(99_999), None));
        assert_eq!(clock_face(Duration::from_secs(61)), "01:01");
        assert_eq!(clock_face(Duration::from_secs(3725)), "1:02:05");
    }
}

//! What a long operation is doing, for a progress line on a terminal: the pipeline calls a
//! [`Progress`] (a phase begins, so many steps are done); the command line picks how it is
//! shown. [`Quiet`] shows nothing (pipes, CI, machine output, tests); [`Tally`] keeps the
//! counts and writes the line a terminal shows.

use std::sync::{Mutex, PoisonError};

/// Told what a long operation is doing. Called from several threads at once.
pub trait Progress: Sync {
    /// A new phase begins: `name` ("reading history"), counting `unit`s ("commits") up to
    /// `total`. It replaces the phase before, and its parts.
    fn phase(&self, name: &str, unit: &str, total: u64);
    /// The current phase is made of parts (the versions of a site), `done` of `total` so far.
    fn parts(&self, unit: &str, done: u64, total: u64);
    /// `n` more steps of the current phase are done.
    fn advance(&self, n: u64);
    /// The current phase has `more` steps than it said (a version loaded while the others render).
    fn grow(&self, more: u64) {
        let _ = more;
    }
}

/// Shows nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Quiet;

impl Progress for Quiet {
    fn phase(&self, _name: &str, _unit: &str, _total: u64) {}
    fn parts(&self, _unit: &str, _done: u64, _total: u64) {}
    fn advance(&self, _n: u64) {}
}

/// One count of a phase: `done` of `total` `unit`s.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Count {
    pub unit: String,
    pub done: u64,
    pub total: u64,
}

/// Where an operation is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct State {
    /// The current phase; `""` before the first.
    pub phase: String,
    /// The phase's parts ("versions 4/11"), if it has any.
    pub parts: Option<Count>,
    /// The phase's steps ("documents 2,310/11,000").
    pub steps: Count,
}

impl State {
    /// The line a terminal shows: `reading history 3,200/5,000 commits`, or with parts
    /// `rendering versions 4/11 · documents 2,310/11,000`; just the phase when it counts nothing.
    pub fn line(&self) -> String {
        let count = |c: &Count| format!("{}/{}", thousands(c.done.min(c.total)), thousands(c.total));
        match &self.parts {
            None if self.steps.total == 0 => self.phase.clone(),
            None => format!("{} {} {}", self.phase, count(&self.steps), self.steps.unit),
            Some(parts) => {
                format!("{} {} {} · {} {}", self.phase, parts.unit, count(parts), self.steps.unit, count(&self.steps))
            }
        }
    }
}

/// Keeps the counts of an operation; [`Tally::state`] reads them.
#[derive(Debug, Default)]
pub struct Tally {
    state: Mutex<State>,
}

impl Tally {
    pub fn state(&self) -> State {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn change(&self, change: impl FnOnce(&mut State)) {
        change(&mut self.state.lock().unwrap_or_else(PoisonError::into_inner));
    }
}

impl Progress for Tally {
    fn phase(&self, name: &str, unit: &str, total: u64) {
        self.change(|state| {
            *state =
                State { phase: name.to_owned(), parts: None, steps: Count { unit: unit.to_owned(), done: 0, total } };
        });
    }

    fn parts(&self, unit: &str, done: u64, total: u64) {
        self.change(|state| state.parts = Some(Count { unit: unit.to_owned(), done, total }));
    }

    fn advance(&self, n: u64) {
        self.change(|state| state.steps.done = state.steps.done.saturating_add(n));
    }

    fn grow(&self, more: u64) {
        self.change(|state| state.steps.total = state.steps.total.saturating_add(more));
    }
}

/// `12,345`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tally_counts_the_steps_of_the_current_phase() {
        let tally = Tally::default();
        assert_eq!(tally.state(), State::default());
        tally.phase("reading history", "commits", 5_000);
        std::thread::scope(|scope| {
            for _ in 0..4 {
                scope.spawn(|| (0..50).for_each(|_| tally.advance(16)));
            }
        });
        assert_eq!(tally.state().steps, Count { unit: "commits".into(), done: 3_200, total: 5_000 });
        assert_eq!(tally.state().line(), "reading history 3,200/5,000 commits");
        tally.phase("rendering", "documents", 11_000);
        tally.parts("versions", 4, 11);
        tally.advance(2_310);
        let state = tally.state();
        assert_eq!((state.phase.as_str(), state.steps.done), ("rendering", 2_310));
        assert_eq!(state.line(), "rendering versions 4/11 · documents 2,310/11,000");
        tally.grow(1_000);
        assert_eq!(tally.state().line(), "rendering versions 4/11 · documents 2,310/12,000");
        // A new phase starts from nothing, without the parts of the one before.
        tally.phase("reading the records' history", "commits", 7);
        assert_eq!(tally.state().line(), "reading the records' history 0/7 commits");
    }

    #[test]
    fn counts_are_written_with_thousands_separators_and_never_past_the_total() {
        let cases = [
            (0, "0"),
            (999, "999"),
            (1_000, "1,000"),
            (1_234_567, "1,234,567"),
            (u64::MAX, "18,446,744,073,709,551,615"),
        ];
        for (n, text) in cases {
            assert_eq!(thousands(n), text);
        }
        let tally = Tally::default();
        tally.phase("reading history", "commits", 10);
        tally.advance(64);
        assert_eq!(tally.state().line(), "reading history 10/10 commits");
        Quiet.phase("anything", "steps", 1);
        Quiet.advance(1);
    }
}

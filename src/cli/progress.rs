//! The progress line on a terminal (stderr): drawn only once an operation has taken a second,
//! refreshed ten times a second from the library's counts ([`Tally`]), and cleared before the
//! command prints its summary. Nothing at all when stderr is not a terminal, under CI, or when
//! stdout carries machine output.

use crate::progress::{Progress, Tally};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::{Arc, mpsc};
use std::thread::JoinHandle;
use std::time::Duration;

/// How long an operation runs before its progress is shown.
const DELAY: Duration = Duration::from_secs(1);
/// How often the line is redrawn.
const REFRESH: Duration = Duration::from_millis(100);

/// The progress of one command: a line on the terminal, or nothing.
pub struct Line {
    shown: Option<Shown>,
}

struct Shown {
    tally: Arc<Tally>,
    /// Dropped to stop the drawing thread.
    stop: mpsc::Sender<()>,
    drawer: JoinHandle<()>,
}

impl Line {
    /// A line on stderr when it is a terminal, `CI` is not set and `machine_output` is false.
    pub fn for_terminal(machine_output: bool) -> Line {
        Line { shown: (!machine_output && on_terminal()).then(Shown::start) }
    }

    /// Clears the line, if it was drawn; the command's own output follows.
    pub fn clear(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if let Some(Shown { tally: _, stop, drawer }) = self.shown.take() {
            drop(stop);
            let _ = drawer.join();
        }
    }

    fn tally(&self) -> Option<&Tally> {
        self.shown.as_ref().map(|shown| &*shown.tally)
    }
}

/// Whether a line may be drawn: stderr is a terminal and `CI` is not set.
#[allow(clippy::disallowed_methods)] // `cli` is where the environment is read.
fn on_terminal() -> bool {
    std::env::var_os("CI").is_none() && std::io::stderr().is_terminal()
}

/// Erases the line a process leaves on the terminal when it exits at once (a signal, with
/// nothing to clean up), since no destructor clears it then.
pub fn erase_before_exit() {
    if on_terminal() {
        let _ = std::io::Write::write_all(&mut std::io::stderr(), b"\r\x1b[2K");
    }
}

impl Drop for Line {
    fn drop(&mut self) {
        self.stop();
    }
}

impl Progress for Line {
    fn phase(&self, name: &str, unit: &str, total: u64) {
        if let Some(tally) = self.tally() {
            tally.phase(name, unit, total);
        }
    }

    fn parts(&self, unit: &str, done: u64, total: u64) {
        if let Some(tally) = self.tally() {
            tally.parts(unit, done, total);
        }
    }

    fn advance(&self, n: u64) {
        if let Some(tally) = self.tally() {
            tally.advance(n);
        }
    }

    fn grow(&self, more: u64) {
        if let Some(tally) = self.tally() {
            tally.grow(more);
        }
    }
}

impl Shown {
    fn start() -> Shown {
        let tally = Arc::new(Tally::default());
        let (stop, stopped) = mpsc::channel::<()>();
        let counts = Arc::clone(&tally);
        let drawer = std::thread::spawn(move || draw(&counts, &stopped));
        Shown { tally, stop, drawer }
    }
}

/// Draws the line from the first second on, until `stopped` is closed; then clears it.
fn draw(tally: &Tally, stopped: &mpsc::Receiver<()>) {
    if stopped.recv_timeout(DELAY) != Err(mpsc::RecvTimeoutError::Timeout) {
        return;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_elapsed(DELAY);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    loop {
        bar.set_message(tally.state().line());
        bar.tick();
        if stopped.recv_timeout(REFRESH) != Err(mpsc::RecvTimeoutError::Timeout) {
            break;
        }
    }
    bar.finish_and_clear();
}

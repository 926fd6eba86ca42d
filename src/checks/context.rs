//! Everything a check may read: the loaded register and the settings that shape the rules.
//! Checks never open files or repositories; what they need comes in here.

use crate::config::ReviewSettings;
use crate::model::{Date, Register};

/// The input of every check.
#[derive(Debug)]
pub struct CheckContext<'a> {
    pub register: &'a Register,
    /// "Today", for review and date rules (from `--today` or the clock, read by the CLI).
    pub today: Date,
    pub review: &'a ReviewSettings,
    pub id_pattern: &'a regex::Regex,
}

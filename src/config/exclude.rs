//! `[qms] exclude`: glob patterns naming the Markdown files under the documents folder that are
//! not controlled documents (a README, a to-do list, a licence), and under the records folder
//! that are not records. A pattern matches a file's path relative to the folder it lies in (the
//! documents or the records folder) or relative to the QMS root, so `records/examples/**` can
//! only name records. `*` and `?` stay within one folder, `**` crosses folders, `**/` also
//! matches no folder at all.

/// The compiled patterns.
#[derive(Debug, Clone, Default)]
pub struct Exclude {
    patterns: Vec<String>,
    compiled: Option<regex::Regex>,
}

impl Exclude {
    /// Compiles `patterns`; the error names the pattern that cannot be used and why.
    pub fn new(patterns: &[String]) -> Result<Exclude, String> {
        let mut alternatives = Vec::new();
        for pattern in patterns {
            alternatives.push(translate(pattern)?);
        }
        let compiled = if alternatives.is_empty() {
            None
        } else {
            let joined = format!("^(?:{})$", alternatives.join("|"));
            Some(regex::Regex::new(&joined).map_err(|e| format!("the patterns cannot be compiled: {e}"))?)
        };
        Ok(Exclude { patterns: patterns.to_vec(), compiled })
    }

    /// Whether the file at `relative` (`/`-separated) below `base` is excluded; `base` is the
    /// documents or records folder relative to the QMS root, empty or ending in `/`. A pattern
    /// matches `relative` or the path from the QMS root, `base` then `relative`.
    pub fn matches_below(&self, base: &str, relative: &str) -> bool {
        let Some(re) = &self.compiled else { return false };
        re.is_match(relative) || (!base.is_empty() && re.is_match(&format!("{base}{relative}")))
    }

    /// The patterns as written.
    pub fn patterns(&self) -> &[String] {
        &self.patterns
    }
}

/// One glob as a regular expression.
fn translate(pattern: &str) -> Result<String, String> {
    let trimmed = pattern.trim().trim_start_matches("./");
    if trimmed.is_empty() {
        return Err("an empty pattern would exclude nothing; remove it".to_owned());
    }
    if trimmed.starts_with('/') || trimmed.split('/').any(|part| part == "..") {
        return Err(format!(
            "`{pattern}` leaves the documents folder; write a path relative to it, to the records folder or to the QMS root"
        ));
    }
    let mut out = String::new();
    let mut chars = trimmed.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                if chars.peek() == Some(&'/') {
                    chars.next();
                    out.push_str("(?:[^/]*/)*");
                } else {
                    out.push_str(".*");
                }
            }
            '*' => out.push_str("[^/]*"),
            '?' => out.push_str("[^/]"),
            c => out.push_str(&regex::escape(&c.to_string())),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exclude(patterns: &[&str]) -> Exclude {
        Exclude::new(&patterns.iter().map(|p| (*p).to_owned()).collect::<Vec<_>>()).unwrap()
    }

    impl Exclude {
        fn matches(&self, path: &str) -> bool {
            self.matches_below("", path)
        }
    }

    #[test]
    fn globs_match_within_and_across_folders() {
        let set = exclude(&["**/README.md", "drafts/**", "TODO.md", "notes-?.md"]);
        assert!(set.matches("README.md"));
        assert!(set.matches("policies/README.md"));
        assert!(set.matches("drafts/a/b.md"));
        assert!(set.matches("TODO.md"));
        assert!(set.matches("notes-1.md"));
        assert!(!set.matches("policies/TODO.md"), "a pattern without ** stays at its level");
        assert!(!set.matches("policies/readme-guide.md"));
        assert!(!set.matches("notes-12.md"));
        assert!(!set.matches("xdrafts/a.md"));
        assert!(!exclude(&[]).matches("README.md"));
        assert!(exclude(&["policies/*.md"]).matches("policies/a.md"));
        assert!(!exclude(&["policies/*.md"]).matches("policies/sub/a.md"));
    }

    #[test]
    fn a_pattern_matches_below_its_folder_or_from_the_root() {
        let set = exclude(&["records/examples/**", "examples/old/**"]);
        assert!(set.matches_below("records/", "examples/a.md"), "from the QMS root");
        assert!(!set.matches_below("docs/", "examples/a.md"), "a documents folder of examples stays");
        assert!(!set.matches_below("", "examples/a.md"));
        assert!(set.matches_below("docs/", "examples/old/a.md"), "below the folder");
        assert!(set.matches_below("", "records/examples/a.md"), "documents at the root");
        assert!(!set.matches_below("quality/records/", "examples/a.md"));
    }

    #[test]
    fn patterns_that_leave_the_folder_are_refused() {
        assert!(Exclude::new(&["../x.md".to_owned()]).unwrap_err().contains("leaves the documents folder"));
        assert!(Exclude::new(&["/x.md".to_owned()]).is_err());
        assert!(Exclude::new(&[" ".to_owned()]).unwrap_err().contains("empty"));
    }
}

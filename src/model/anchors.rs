//! Heading anchors as the site renders them (GitHub's rule), so links checked today still land
//! on the same heading in the published manual.

use std::collections::BTreeMap;

/// GitHub-style slug: lower case; letters, digits, `-` and `_` kept; spaces become `-`;
/// everything else dropped. `5.2 Approval & issue` → `52-approval--issue`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            slug.extend(c.to_lowercase());
        } else if c == ' ' {
            slug.push('-');
        }
    }
    slug
}

/// Hands out unique anchors within one document: repeats get `-1`, `-2`, … suffixes.
#[derive(Debug, Default)]
pub struct AnchorSet {
    seen: BTreeMap<String, usize>,
}

impl AnchorSet {
    /// The anchor for a heading: its explicit `{#id}` if given, else its slug, made unique.
    pub fn anchor(&mut self, explicit: Option<&str>, text: &str) -> String {
        let base = explicit.map_or_else(|| slugify(text), str::to_owned);
        let mut candidate = base.clone();
        while let Some(count) = self.seen.get_mut(&candidate) {
            *count += 1;
            candidate = format!("{base}-{count}");
        }
        self.seen.insert(candidate.clone(), 0);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_github() {
        assert_eq!(slugify("5.2 Approval and issue"), "52-approval-and-issue");
        assert_eq!(slugify("3. Roles & Responsibilities"), "3-roles--responsibilities");
        assert_eq!(slugify("Qualité — Ärger"), "qualité--ärger");
        assert_eq!(slugify("snake_case-word"), "snake_case-word");
    }

    #[test]
    fn repeated_headings_get_suffixes() {
        let mut set = AnchorSet::default();
        assert_eq!(set.anchor(None, "Notes"), "notes");
        assert_eq!(set.anchor(None, "Notes"), "notes-1");
        assert_eq!(set.anchor(None, "Notes"), "notes-2");
        assert_eq!(set.anchor(Some("custom"), "Anything"), "custom");
    }
}

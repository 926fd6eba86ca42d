//! "Did you mean …?" for misspelt field names, statuses, types and codes.

/// ", did you mean `x`?" for the closest candidate, or an empty string when none is close.
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    closest(input, candidates).map_or_else(String::new, |best| format!(", did you mean `{best}`?"))
}

/// The candidate most similar to `input`, if any is similar enough to be a likely typo.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let input = input.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(&input, &candidate.to_lowercase()), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        let fields = ["approved", "approver", "effective", "owner"];
        assert_eq!(closest("aproved", fields), Some("approved"));
        assert_eq!(closest("Owner", fields), Some("owner"));
        assert_eq!(closest("department", fields), None);
    }
}

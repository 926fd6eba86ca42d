//! Clause-map rows → the `clauses` of adopted documents: each reference in a row's document
//! cell is matched by link, id, alias or title (exactly, then a near title), and rows that
//! match nothing are listed for a person to decide.

use super::clause_map::{self, Reference};
use super::{ClauseMap, Plan, cite};
use crate::standards::Catalogs;

/// Lowercase words of letters and digits, a plural `s` dropped: "SOP Corrective Actions" and
/// "sop corrective action" compare equal.
fn normalize(text: &str) -> String {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| if w.len() > 3 { w.strip_suffix('s').unwrap_or(w) } else { w })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The index of the adopted document `reference` names, if exactly one fits.
fn find(plan: &Plan, reference: &Reference) -> Option<usize> {
    let documents = &plan.documents;
    if let Some(link) = &reference.link {
        let target = link.split('#').next().unwrap_or(link).trim_start_matches("./");
        let found: Vec<usize> = documents
            .iter()
            .enumerate()
            .filter(|(_, d)| !target.is_empty() && (d.path == target || d.path.ends_with(&format!("/{target}"))))
            .map(|(i, _)| i)
            .collect();
        if let [one] = found.as_slice() {
            return Some(*one);
        }
    }
    let wanted = normalize(&reference.text);
    if wanted.is_empty() {
        return None;
    }
    let aliases = |d: &super::Adopted| {
        d.header.as_ref().map(|h| h.acronym.iter().chain(h.id.iter()).cloned().collect::<Vec<_>>()).unwrap_or_default()
    };
    let exact: Vec<usize> = documents
        .iter()
        .enumerate()
        .filter(|(_, d)| {
            let stem = d.path.rsplit('/').next().unwrap_or(&d.path);
            d.id.value.eq_ignore_ascii_case(reference.text.trim())
                || normalize(&d.title.value) == wanted
                || normalize(stem.rsplit_once('.').map_or(stem, |(s, _)| s)) == wanted
                || aliases(d).iter().any(|a| a.eq_ignore_ascii_case(reference.text.trim()))
        })
        .map(|(i, _)| i)
        .collect();
    if let [one] = exact.as_slice() {
        return Some(*one);
    }
    // A near title: the best match above 0.8 similarity, if it is clearly the best.
    let mut scored: Vec<(f64, usize)> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| (strsim::normalized_levenshtein(&normalize(&d.title.value), &wanted), i))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    match scored.as_slice() {
        [(best, i), rest @ ..] if *best >= 0.8 && rest.first().is_none_or(|(next, _)| best - next > 0.05) => Some(*i),
        _ => None,
    }
}

/// Reads each map and files its clauses on the documents it names; what could not be used
/// goes to [`Plan::to_decide`].
pub fn apply_clause_maps(plan: &mut Plan, maps: &[ClauseMap], catalogs: &Catalogs) {
    for map in maps {
        let rows = match clause_map::read(&map.text, map.csv) {
            Ok(rows) => rows,
            Err(problem) => {
                plan.to_decide.push(format!("{}: not read: {problem}", map.name));
                continue;
            }
        };
        let catalog = catalogs.get(&map.standard);
        let mut applicable_missing = Vec::new();
        // Reference as written → the places and clauses it was met at.
        let mut unmatched: Vec<(String, Vec<String>, usize)> = Vec::new();
        for row in rows {
            let place = format!("{}:{}", map.name, row.line);
            if catalog.is_some_and(|c| c.clause(&row.clause).is_none()) {
                plan.to_decide.push(format!("{place}: {} has no clause {}; row left out", map.standard, row.clause));
                continue;
            }
            if row.not_applicable {
                applicable_missing.push(row.clause.clone());
                continue;
            }
            for reference in &row.references {
                match find(plan, reference) {
                    Some(index) => cite(&mut plan.documents[index].clauses, &map.standard, &row.clause),
                    None => match unmatched.iter_mut().find(|(text, _, _)| *text == reference.text) {
                        Some((_, clauses, _)) => clauses.push(row.clause.clone()),
                        None => unmatched.push((reference.text.clone(), vec![row.clause.clone()], row.line)),
                    },
                }
            }
        }
        for (text, clauses, line) in unmatched {
            plan.to_decide.push(format!(
                "{}:{line}: \"{text}\" (clauses {}) matches no adopted document; add the clauses to the right document's `clauses`",
                map.name,
                clauses.join(", ")
            ));
        }
        if !applicable_missing.is_empty() {
            plan.to_decide.push(format!(
                "{}: marks {} not applicable; justify each under [applicability.\"{}\"] in qms.toml",
                map.name,
                applicable_missing.join(", "),
                map.standard
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn titles_compare_without_case_punctuation_or_plurals() {
        assert_eq!(
            normalize("SOP Corrective and Preventive Actions"),
            normalize("sop corrective and preventive action")
        );
        assert_ne!(normalize("SOP Purchasing"), normalize("SOP Sales"));
    }
}

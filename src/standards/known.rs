//! Standards a user may name that no catalog can stand for: ISO documents that hold no
//! management-system requirements an organization could be certified against (guidance,
//! frameworks, vocabularies, message and code formats), and product schemes such as halal that
//! an organization adds as a catalog of its own. Naming one in `[qms] standards` is explained,
//! never answered with a "did you mean" pointing at an unrelated built-in standard.

/// Why a standard the user named has no built-in catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotCertifiable {
    /// Not a certifiable management-system standard: `what` it is instead.
    Standard { name: &'static str, what: &'static str },
    /// A product or sector scheme the organization adds as its own catalog.
    Scheme { name: &'static str, what: &'static str },
}

/// (number as typed without "ISO" or punctuation, name, what it is).
const STANDARDS: &[(&str, &str, &str)] = &[
    (
        "26000",
        "ISO 26000:2010",
        "guidance on social responsibility, which says of itself that it is not for certification",
    ),
    ("20022", "ISO 20022", "a financial messaging standard (the format of payment and securities messages)"),
    ("10962", "ISO 10962", "the classification of financial instruments (CFI codes)"),
    (
        "25010",
        "ISO/IEC 25010",
        "a product quality model for software and systems (quality characteristics to specify and evaluate)",
    ),
    ("22739", "ISO 22739", "the vocabulary of blockchain and distributed ledger technologies"),
    ("23257", "ISO 23257", "a reference architecture for blockchain and distributed ledger technologies"),
    ("23053", "ISO/IEC 23053", "a framework describing AI systems that use machine learning"),
    ("27032", "ISO/IEC 27032", "guidelines for Internet security (cybersecurity)"),
];

/// (names as typed, lower case without punctuation; name; what it is).
const SCHEMES: &[(&[&str], &str, &str)] = &[
    (&["ms1500"], "MS 1500", "the Malaysian halal food standard (product requirements)"),
    (&["oicsmiic1", "smiic1"], "OIC/SMIIC 1", "the OIC general requirements for halal food (product requirements)"),
];

/// What `id` (as written in `[qms] standards` or `clauses:`) names, if it is a standard or
/// scheme no catalog can stand for: `iso26000`, `iso26000:2010`, `ISO 26000`, `ISO/IEC 25010`,
/// `MS 1500:2019`, `OIC/SMIIC 1`.
pub fn not_certifiable(id: &str) -> Option<NotCertifiable> {
    let before_year = id.split(':').next().unwrap_or(id);
    let squeezed: String = before_year.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_lowercase();
    let number = squeezed.strip_prefix("iso").unwrap_or(&squeezed);
    let number = number.strip_prefix("iec").unwrap_or(number);
    if let Some((_, name, what)) = STANDARDS.iter().find(|(n, _, _)| *n == number) {
        return Some(NotCertifiable::Standard { name, what });
    }
    SCHEMES
        .iter()
        .find(|(names, _, _)| names.contains(&squeezed.as_str()))
        .map(|(_, name, what)| NotCertifiable::Scheme { name, what })
}

impl NotCertifiable {
    /// One sentence saying what the standard is and what to do instead, to follow "no catalog
    /// defines the standard …; ".
    pub fn advice(&self) -> String {
        match self {
            NotCertifiable::Standard { name, what } => format!(
                "{name} is {what}; it holds no management-system requirements, so no organization is certified to it and no catalog stands for it: remove it here, and cite it as a reference in the documents that follow it"
            ),
            NotCertifiable::Scheme { name, what } => format!(
                "{name} is {what}: a scheme a certification body audits against your products, not a management-system standard; add its clauses as your own catalog, standards/<name>.toml with its own id (see \"Organization catalogs\" in the README), and enable that id"
            ),
        }
    }
}

/// The explanation for a standard id no catalog defines: why a known non-certifiable standard
/// has none, else the nearest catalog id and how to add one. Follows "no catalog defines the
/// standard \"…\"".
pub fn unknown_standard_advice<'a>(id: &str, known: impl IntoIterator<Item = &'a str> + Clone) -> String {
    if let Some(not) = not_certifiable(id) {
        return format!("; {}", not.advice());
    }
    let hint = crate::suggest::did_you_mean(id, known.clone());
    let ids: Vec<&str> = known.into_iter().collect();
    format!("{hint}; use a catalog id ({}) or add standards/<name>.toml", ids.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_as_users_type_them_are_recognised() {
        for id in ["iso26000", "iso26000:2010", "ISO 26000", "ISO-26000:2010", "iso 26000"] {
            assert!(
                matches!(not_certifiable(id), Some(NotCertifiable::Standard { name: "ISO 26000:2010", .. })),
                "{id}"
            );
        }
        assert!(not_certifiable("ISO/IEC 25010:2023").is_some());
        assert!(not_certifiable("iso20022").is_some());
        assert!(not_certifiable("iso27032:2023").is_some());
        assert!(matches!(not_certifiable("MS 1500:2019"), Some(NotCertifiable::Scheme { name: "MS 1500", .. })));
        assert!(matches!(
            not_certifiable("OIC/SMIIC 1:2019"),
            Some(NotCertifiable::Scheme { name: "OIC/SMIIC 1", .. })
        ));
        assert!(matches!(not_certifiable("oic-smiic-1"), Some(NotCertifiable::Scheme { .. })));
        for id in ["iso9001:2008", "iso27001", "iso260001", "iso2600", "ms15000x", "acme:2024", "", ":"] {
            assert_eq!(not_certifiable(id), None, "{id}");
        }
    }

    #[test]
    fn advice_explains_instead_of_suggesting() {
        let advice = unknown_standard_advice("iso26000:2010", ["iso27001:2022", "iso9001:2015"]);
        assert!(advice.starts_with("; ISO 26000:2010 is guidance on social responsibility"), "{advice}");
        assert!(!advice.contains("did you mean"));
        let advice = unknown_standard_advice("iso9001:2008", ["iso27001:2022", "iso9001:2015"]);
        assert_eq!(
            advice,
            ", did you mean `iso9001:2015`?; use a catalog id (iso27001:2022, iso9001:2015) or add standards/<name>.toml"
        );
    }
}

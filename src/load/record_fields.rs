//! Reading typed values out of the YAML mappings of records and objectives, with the same
//! findings as a document's front matter: missing and unknown fields (with suggestions),
//! wrong shapes, invalid dates and values outside their set, each at its byte range.

use super::fields::parse_date;
use super::yaml::{Node, Value};
use crate::diag::{Diagnostic, FileId, Rule, Span, Spanned};
use crate::model::Date;
use crate::suggest::did_you_mean;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// Standard id → ids, and the range of each standard key.
pub type StandardMap = (BTreeMap<String, Vec<Spanned<String>>>, BTreeMap<String, Range<usize>>);

/// The pairs of one mapping entry of a list, and the entry's range.
pub type Entry<'n> = (&'n [(Node, Node)], Range<usize>);

/// Reports into `out` for the file being read.
pub struct Reader<'a> {
    pub file: FileId,
    pub out: &'a mut Vec<Diagnostic>,
    /// Fields given but not decoded (already reported): rules that need them stay quiet
    /// rather than call them missing.
    pub invalid: BTreeSet<String>,
}

/// The fields of one mapping, by name.
pub struct Fields<'n> {
    values: BTreeMap<&'n str, &'n Node>,
}

impl<'n> Fields<'n> {
    /// The value of `name`, unless absent or null.
    pub fn get(&self, name: &str) -> Option<&'n Node> {
        self.values.get(name).copied().filter(|node| !node.is_null())
    }
}

impl<'a> Reader<'a> {
    pub fn new(file: FileId, out: &'a mut Vec<Diagnostic>) -> Reader<'a> {
        Reader { file, out, invalid: BTreeSet::new() }
    }

    pub fn report(&mut self, rule: Rule, range: &Range<usize>, field: &str, message: String, help: impl Into<String>) {
        if rule != Rule::UnknownField && rule != Rule::MissingField {
            self.invalid.insert(field.to_owned());
        }
        self.out.push(Diagnostic::new(rule, message).at(Span::new(self.file, range.clone())).field(field).help(help));
    }

    fn wrong_shape(&mut self, node: &Node, field: &str, expected: &str, example: &str) {
        self.report(
            Rule::InvalidFieldType,
            &node.range,
            field,
            format!("`{field}` must be {expected}, found {}", node.kind()),
            format!("write it as `{field}: {example}`"),
        );
    }

    /// The pairs of a mapping: unknown keys reported (`what` names the mapping, e.g. "audit
    /// field"), required fields checked (`required` gives each with an example line, reported
    /// at `missing_at` when absent or blank).
    pub fn fields<'n>(
        &mut self,
        pairs: &'n [(Node, Node)],
        known: &[&str],
        required: &[(&str, &str)],
        what: &str,
        missing_at: &Range<usize>,
    ) -> Fields<'n> {
        let mut values = BTreeMap::new();
        for (key, value) in pairs {
            let Some(name) = key.as_text() else {
                self.report(
                    Rule::InvalidFieldType,
                    &key.range,
                    what,
                    format!("a key must be a field name, found {}", key.kind()),
                    "write `field: value`",
                );
                continue;
            };
            if known.contains(&name) {
                values.insert(name, value);
            } else {
                let hint = did_you_mean(name, known.iter().copied());
                self.report(
                    Rule::UnknownField,
                    &key.range,
                    name,
                    format!("unknown {what} `{name}`{hint}"),
                    format!("correct the name or remove it; the fields are: {}", known.join(", ")),
                );
            }
        }
        let blank = |node: &Node| node.is_null() || node.as_text().is_some_and(|text| text.trim().is_empty());
        for (name, example) in required {
            if values.get(name).is_none_or(|node| blank(node)) {
                let (range, state) = match pairs.iter().find(|(k, _)| k.as_text() == Some(name)) {
                    Some((key, _)) => (key.range.clone(), "is empty"),
                    None => (missing_at.clone(), "is missing"),
                };
                self.report(
                    Rule::MissingField,
                    &range,
                    name,
                    format!("required field `{name}` {state}"),
                    format!("add `{example}`"),
                );
            }
        }
        Fields { values }
    }

    pub fn text(&mut self, node: Option<&Node>, field: &str) -> Option<Spanned<String>> {
        let node = node?;
        match node.as_text() {
            Some(text) if !text.trim().is_empty() => Some(Spanned::new(text.trim().to_owned(), node.range.clone())),
            Some(_) => None,
            None => {
                self.wrong_shape(node, field, "text", "…");
                None
            }
        }
    }

    pub fn date(&mut self, node: Option<&Node>, field: &str) -> Option<Spanned<Date>> {
        let text = self.text(node, field)?;
        match parse_date(&text.value) {
            Ok(date) => Some(Spanned::new(date, text.range)),
            Err(problem) => {
                self.report(
                    Rule::InvalidDate,
                    &text.range,
                    field,
                    format!("`{field}: {}` {problem}", text.value),
                    format!("write a real date as YYYY-MM-DD, e.g. `{field}: 2026-03-14`"),
                );
                None
            }
        }
    }

    /// A value of a closed set (`parse` reads it; `allowed` lists the set for the message).
    pub fn choice<T>(
        &mut self,
        node: Option<&Node>,
        field: &str,
        allowed: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<Spanned<T>> {
        let text = self.text(node, field)?;
        if let Some(value) = parse(&text.value) {
            return Some(Spanned::new(value, text.range));
        }
        let hint = did_you_mean(&text.value, allowed.iter().copied());
        self.report(
            Rule::InvalidFieldValue,
            &text.range,
            field,
            format!("`{field}: {}` is not one of the accepted values{hint}", text.value),
            format!("use one of: {}", allowed.join(", ")),
        );
        None
    }

    /// A scalar or a list of scalars, as trimmed texts.
    pub fn texts(&mut self, node: Option<&Node>, field: &str, example: &str) -> Vec<Spanned<String>> {
        let Some(node) = node else { return Vec::new() };
        let items = match &node.value {
            Value::Sequence(items) => items.iter().collect(),
            _ => vec![node],
        };
        let mut texts = Vec::with_capacity(items.len());
        for item in items {
            match item.as_text() {
                Some(text) if !text.trim().is_empty() => {
                    texts.push(Spanned::new(text.trim().to_owned(), item.range.clone()));
                }
                _ => self.wrong_shape(item, field, "text or a list of texts", example),
            }
        }
        texts
    }

    /// A date or a list of dates.
    pub fn dates(&mut self, node: Option<&Node>, field: &str) -> Vec<Spanned<Date>> {
        let Some(node) = node else { return Vec::new() };
        let items = match &node.value {
            Value::Sequence(items) => items.iter().collect(),
            _ => vec![node],
        };
        items.into_iter().filter_map(|item| self.date(Some(item), field)).collect()
    }

    /// `{standard: [id, …]}`, with the range of each standard key.
    pub fn standard_map(&mut self, node: Option<&Node>, field: &str, example: &str) -> StandardMap {
        let (mut map, mut keys) = (BTreeMap::new(), BTreeMap::new());
        let Some(node) = node else { return (map, keys) };
        let Value::Mapping(pairs) = &node.value else {
            self.wrong_shape(node, field, "a mapping of standard id to a list of ids", example);
            return (map, keys);
        };
        for (standard, list) in pairs {
            let Some(id) = standard.as_text() else {
                self.wrong_shape(standard, field, "keyed by standard id", example);
                continue;
            };
            let ids = if list.is_null() { Vec::new() } else { self.texts(Some(list), field, example) };
            keys.insert(id.to_owned(), standard.range.clone());
            map.insert(id.to_owned(), ids);
        }
        (map, keys)
    }

    /// A list of mappings (`findings`, `actions`, `objectives`, …): each entry's pairs and range.
    pub fn entries<'n>(&mut self, node: Option<&'n Node>, field: &str, example: &str) -> Vec<Entry<'n>> {
        let Some(node) = node else { return Vec::new() };
        let Value::Sequence(items) = &node.value else {
            self.wrong_shape(node, field, "a list of entries", example);
            return Vec::new();
        };
        let mut entries = Vec::new();
        for item in items {
            match &item.value {
                Value::Mapping(pairs) => entries.push((pairs.as_slice(), item.range.clone())),
                _ => self.wrong_shape(item, field, "a list of entries", example),
            }
        }
        entries
    }
}

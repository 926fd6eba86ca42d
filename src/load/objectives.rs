//! The `objectives:` entries of an objectives document (DESIGN §7): objective, measure,
//! target (`">= 97"`), unit, due date, owner and measured results, with findings at their line.

use super::record_fields::Reader;
use super::yaml::Node;
use crate::diag::{Diagnostic, FileId, Rule};
use crate::model::{Measurement, Objective, Target, parse_number};

/// The `objectives:` entries of a document's front matter.
pub fn objectives(file: FileId, node: &Node, out: &mut Vec<Diagnostic>) -> Vec<Objective> {
    const FIELDS: &[&str] = &["id", "objective", "measure", "target", "unit", "due", "owner", "results"];
    const EXAMPLE: &str =
        "[{id: OBJ-1, objective: …, measure: …, target: \">= 97\", unit: \"%\", due: 2026-12-31, owner: …}]";
    let mut reader = Reader::new(file, out);
    let mut objectives = Vec::new();
    for (pairs, range) in reader.entries(Some(node), "objectives", EXAMPLE) {
        reader.invalid.clear();
        let entry = reader.fields(
            pairs,
            FIELDS,
            &[("id", "id: OBJ-1"), ("objective", "objective: …")],
            "objective field",
            &range,
        );
        let target = reader.text(entry.get("target"), "target").and_then(|text| {
            let target = Target::parse(&text.value);
            if target.is_none() {
                reader.report(
                    Rule::InvalidFieldValue,
                    &text.range,
                    "target",
                    format!("target `{}` is not a comparison and a number", text.value),
                    "write it as `target: \">= 97\"`, `\"<= 2\"` or `\"= 0\"`",
                );
            }
            target.map(|target| crate::diag::Spanned::new(target, text.range))
        });
        let mut results = Vec::new();
        for (pairs, range) in reader.entries(entry.get("results"), "results", "[{date: 2026-03-31, value: 96.5}]") {
            let result = reader.fields(
                pairs,
                &["date", "value"],
                &[("date", "date: 2026-03-31"), ("value", "value: 96.5")],
                "result field",
                &range,
            );
            let date = reader.date(result.get("date"), "date");
            let value = reader.text(result.get("value"), "value").and_then(|text| {
                let value = parse_number(&text.value);
                if value.is_none() {
                    reader.report(
                        Rule::InvalidFieldValue,
                        &text.range,
                        "value",
                        format!("result `{}` is not a number", text.value),
                        "write the measured value as a number, e.g. `value: 96.5`",
                    );
                }
                value
            });
            if let (Some(date), Some(value)) = (date, value) {
                results.push(Measurement { date: date.value, value, range });
            }
        }
        objectives.push(Objective {
            id: reader.text(entry.get("id"), "id"),
            objective: reader.text(entry.get("objective"), "objective"),
            measure: reader.text(entry.get("measure"), "measure"),
            target,
            unit: reader.text(entry.get("unit"), "unit"),
            due: reader.date(entry.get("due"), "due"),
            owner: reader.text(entry.get("owner"), "owner"),
            results,
            range,
            invalid: std::mem::take(&mut reader.invalid),
        });
    }
    objectives
}

//! The sections a document controller expects in each type of document, with one line of
//! guidance each: what to write there.

/// `(heading, guidance)` pairs for a document of `doc_type`.
pub fn sections(doc_type: &str) -> &'static [(&'static str, &'static str)] {
    match doc_type {
        "manual" => &[
            ("1. Purpose", "What this manual is for and who reads it: staff, customers, auditors."),
            ("2. Scope", "The boundaries of the management system; link the scope statement."),
            ("3. The organization", "What the organization does, where, for whom; its structure and key roles."),
            (
                "4. Processes",
                "The management-system processes, their sequence and interaction (a process map or table), with the owner and the procedure of each.",
            ),
            (
                "5. How the requirements are met",
                "For each clause of the standards, the process or document that addresses it, linked.",
            ),
            (
                "6. Exclusions",
                "Requirements that do not apply, and why; they must match `[applicability]` in qms.toml.",
            ),
        ],
        "policy" => &[
            (
                "1. Commitments",
                "What top management commits to: meeting requirements, continual improvement, and the commitments each standard asks of a policy.",
            ),
            (
                "2. Framework for objectives",
                "How the policy leads to measurable objectives; link the objectives document.",
            ),
            ("3. Communication", "How the policy is communicated to staff and made available to interested parties."),
            ("4. Review", "When and by whom the policy is reviewed (usually at management review)."),
        ],
        "scope" => &[
            (
                "1. Scope statement",
                "The products and services, sites and activities the management system covers, in one paragraph an auditor can quote.",
            ),
            ("2. Boundaries", "Sites, departments and outsourced processes inside and outside the scope."),
            (
                "3. Context considered",
                "The internal and external issues and the interested-party requirements that shaped the scope.",
            ),
            ("4. Requirements not applicable", "Each requirement that does not apply and the justification."),
        ],
        "objectives" => &[
            (
                "1. Objectives",
                "A table: objective, measure, target, deadline, owner, resources, how results are evaluated.",
            ),
            ("2. Link to the policy", "Which policy commitment each objective serves."),
            ("3. Monitoring", "How often progress is measured and reported, and where the results are kept."),
        ],
        "register" => &[
            ("1. Purpose", "What this register records and why."),
            (
                "2. Method",
                "How entries are identified, assessed and scored: the criteria, so two people reach the same result.",
            ),
            ("3. Register", "The entries, as a table with an id, the assessment and the action for each."),
            ("4. Review", "When the register is reviewed and what triggers an update."),
        ],
        "plan" => &[
            ("1. Purpose", "What the plan is meant to achieve."),
            ("2. Actions", "A table: action, owner, resources, deadline, status."),
            ("3. Evaluation", "How and when results are evaluated."),
        ],
        "form" => &[
            ("1. Instructions", "Who fills the form in, when, and where the completed record is kept."),
            ("2. Form", "The fields to fill in, as a table or a checklist."),
        ],
        "record" => &[("1. Record", "What happened, when, who took part, and the results.")],
        "work-instruction" => &[
            ("1. Purpose", "The task this instruction covers."),
            ("2. Safety and equipment", "Protective equipment, tools and materials needed."),
            ("3. Steps", "Numbered steps, one action each, with acceptance criteria where a check is made."),
            ("4. Records", "What is recorded and where."),
        ],
        _ => &[
            ("1. Purpose", "Why this procedure exists and what it achieves."),
            ("2. Scope", "The activities, sites and people it applies to."),
            ("3. Responsibilities", "Who does what: a table of roles and their responsibilities."),
            ("4. Definitions", "Terms a reader may not know."),
            ("5. Procedure", "The steps, in order, with who does each and the criteria applied."),
            ("6. Records", "The records kept, where, and for how long."),
            ("7. References", "Related documents, linked."),
        ],
    }
}

//! Every diagnostic code `qms` can emit, with its default severity and its documentation.
//!
//! This table is the one source of truth: `qms explain CODE`, `qms explain --list`, the severity
//! overrides in `qms.toml` and the README's rule list all read it. Codes are kebab-case names of
//! the problem they flag, so `allow = ["review-due-soon"]` reads as a sentence.

use super::Severity;

/// Documentation of one rule, in a fixed template.
#[derive(Debug)]
pub struct RuleDoc {
    /// One line: what the rule flags.
    pub summary: &'static str,
    /// Why it matters to a document controller or an auditor.
    pub why: &'static str,
    /// How to fix a finding.
    pub fix: &'static str,
}

macro_rules! rules {
    ($( $variant:ident = $code:literal, $severity:ident, $group:literal {
        summary: $summary:literal,
        why: $why:literal,
        fix: $fix:literal $(,)?
    } )*) => {
        /// A diagnostic code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule { $( $variant, )* }

        impl Rule {
            /// All rules, in documentation order.
            pub const ALL: &'static [Rule] = &[ $( Rule::$variant, )* ];

            /// The stable code users see and write in `qms.toml`.
            pub fn code(self) -> &'static str {
                match self { $( Rule::$variant => $code, )* }
            }

            pub fn default_severity(self) -> Severity {
                match self { $( Rule::$variant => Severity::$severity, )* }
            }

            /// The area of the document set the rule belongs to.
            pub fn group(self) -> &'static str {
                match self { $( Rule::$variant => $group, )* }
            }

            pub fn doc(self) -> &'static RuleDoc {
                match self { $( Rule::$variant => &RuleDoc {
                    summary: $summary, why: $why, fix: $fix,
                }, )* }
            }
        }
    };
}

impl Rule {
    /// Rules that report nothing unless `qms.toml` lists them under `[checks] warn` or `deny`.
    pub const OFF_BY_DEFAULT: &'static [Rule] = &[Rule::ApproverIsAuthor, Rule::MissingChangeReason];

    pub fn is_off_by_default(self) -> bool {
        Rule::OFF_BY_DEFAULT.contains(&self)
    }

    /// The rule with this code.
    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|rule| rule.code() == code)
    }
}

rules! {
    // ---- files -------------------------------------------------------------------------------
    InvalidUtf8 = "invalid-utf8", Error, "files" {
        summary: "A document is not valid UTF-8 text.",
        why: "The document cannot be read reliably, so none of its metadata or links can be checked and it cannot be published.",
        fix: "Re-save the file as UTF-8 (most editors have an 'encoding' option; `iconv -f WINDOWS-1252 -t UTF-8` converts from Windows encodings).",
    }
    EmptyDocument = "empty-document", Error, "files" {
        summary: "A document file is empty or holds only whitespace.",
        why: "An empty file in the controlled set is either an accident or a placeholder that an auditor would find without content or identity.",
        fix: "Write the document (start from `qms new`), or delete the file if it was created by mistake.",
    }
    DocumentTooLarge = "document-too-large", Error, "files" {
        summary: "A document is larger than the size limit (4 MiB) and was not read.",
        why: "Controlled documents are text; a file this large is usually a pasted export or binary data, and reading it would slow every check.",
        fix: "Split the document, move data to a separate file linked from it, or keep attachments outside the documents folder.",
    }
    SymlinkNotFollowed = "symlink-not-followed", Warning, "files" {
        summary: "A symbolic link in the documents folder (or in standards/) was skipped: qms never follows symbolic links.",
        why: "A link can point outside the repository (the build's environment, another checkout, .git) or at content that is not under version control; the controlled set must be the files in the repository itself, and the published site must never carry anything else.",
        fix: "Replace the symlink with the file or folder it points to, or move it out of the documents folder.",
    }
    UnreadableDocument = "unreadable-document", Error, "files" {
        summary: "A document could not be read from disk.",
        why: "A document the tool cannot read cannot be checked or published.",
        fix: "Check the file's permissions and that it is a regular file.",
    }
    // ---- front matter ----------------------------------------------------------------------------
    MissingFrontMatter = "missing-front-matter", Error, "front matter" {
        summary: "A document does not start with a YAML front-matter block.",
        why: "Identity, version, status and approval are what make a document controlled; without front matter the document has none of them.",
        fix: "Start the file with a `---` line, the fields (`id`, `title`, `type`, `version`, `status`, `owner`, …) and a closing `---` line.",
    }
    UnclosedFrontMatter = "unclosed-front-matter", Error, "front matter" {
        summary: "The front matter opens with `---` but is never closed.",
        why: "Without the closing line the whole document would be read as metadata, or none of it.",
        fix: "Add a line holding only `---` after the last front-matter field.",
    }
    InvalidYaml = "invalid-yaml", Error, "front matter" {
        summary: "The front matter is not valid YAML.",
        why: "Fields that cannot be parsed cannot be checked; the document's identity and status are unknown.",
        fix: "Fix the YAML at the position shown: usually a missing space after `:`, a tab used for indentation, or an unquoted value starting with a special character (quote it).",
    }
    FrontMatterNotMapping = "front-matter-not-mapping", Error, "front matter" {
        summary: "The front matter is a list or a single value instead of `field: value` lines.",
        why: "Each controlled document needs named fields (`id`, `title`, `status`, …).",
        fix: "Write the front matter as one `field: value` per line.",
    }
    UnsupportedYaml = "unsupported-yaml", Error, "front matter" {
        summary: "The front matter uses YAML features `qms` does not accept: anchors, aliases, or nesting deeper than 16 levels.",
        why: "Metadata must read the same to every person and tool; aliases can also expand exponentially (the 'billion laughs' attack).",
        fix: "Write each value out in full; remove `&anchor` and `*alias` markers and flatten the nesting.",
    }
    DuplicateField = "duplicate-field", Error, "front matter" {
        summary: "A front-matter field is given twice.",
        why: "YAML tools disagree about which value wins, so the document's metadata is ambiguous.",
        fix: "Keep one of the two values and delete the other line.",
    }
    UnknownField = "unknown-field", Warning, "front matter" {
        summary: "The front matter has a field `qms` does not know.",
        why: "It is often a misspelling (`aproved`), which silently leaves the intended field empty.",
        fix: "Correct the spelling (the message suggests the nearest known field), or remove the field.",
    }
    MissingField = "missing-field", Error, "front matter" {
        summary: "A required front-matter field is missing or empty.",
        why: "`id`, `title`, `type`, `version`, `status` and `owner` identify a controlled document (ISO 9001/14001/45001/27001 clause 7.5.2).",
        fix: "Add the field to the front matter.",
    }
    InvalidFieldType = "invalid-field-type", Error, "front matter" {
        summary: "A front-matter field has the wrong shape (for example a list where text is expected).",
        why: "The value cannot be interpreted, so the rules that depend on it cannot run.",
        fix: "Write the value in the form the message shows.",
    }
    InvalidDate = "invalid-date", Error, "front matter" {
        summary: "A date field is not a real calendar date in `YYYY-MM-DD` form.",
        why: "Approval, effective and review dates are the evidence of document control; an impossible date (2026-02-30) proves nothing.",
        fix: "Write the date as `YYYY-MM-DD`, for example `2026-03-14`.",
    }
    InvalidVersion = "invalid-version", Error, "front matter" {
        summary: "The version is not `MAJOR.MINOR` (for example `1.0`, `2.10`).",
        why: "Versions identify revisions and must compare reliably: `1.10` is newer than `1.9`.",
        fix: "Write the version as two numbers separated by a dot, quoted: `version: \"1.10\"`.",
    }
    InvalidStatus = "invalid-status", Error, "front matter" {
        summary: "The status is not one of draft, in-review, approved, effective, obsolete.",
        why: "The status decides which documents are in force and which rules apply to them.",
        fix: "Use one of the five statuses (the message suggests the nearest one).",
    }
    UnknownDocumentType = "unknown-document-type", Error, "front matter" {
        summary: "The document type is not a built-in type nor one declared in `qms.toml`.",
        why: "Types drive review intervals, required documents and the register's grouping.",
        fix: "Use a built-in type (manual, policy, scope, objectives, procedure, work-instruction, form, plan, register, record) or declare the type under `[qms] types` in `qms.toml`.",
    }
    InvalidInterval = "invalid-interval", Error, "front matter" {
        summary: "A review interval cannot be read, is zero or longer than 100 years, or gives a next review after 9999-12-31.",
        why: "Without an interval the next review date cannot be computed, and a document never due drops out of the review schedule.",
        fix: "Write a number and a unit from one day to 100 years: `6 months`, `1 year`, `24 months`, `90 days`; and a real `last_reviewed` date.",
    }
    InvalidFieldValue = "invalid-field-value", Error, "front matter" {
        summary: "A field of a record or an objective holds a value outside its accepted set (record kind, audit kind, finding kind, grade, target, result).",
        why: "A value the tool cannot read is a value no rule can judge: an audit of unknown kind, a target that is not a number, a grade no one can sort by.",
        fix: "Use one of the values the message lists (`record: audit`, `grade: minor`, `target: \">= 97\"`, `value: 96.5`).",
    }
    // ---- identity ----------------------------------------------------------------------------------
    DuplicateId = "duplicate-id", Error, "identity" {
        summary: "Two documents have the same `id`.",
        why: "The id is the document's identity: the register, links by id, supersession and its history all depend on it being unique.",
        fix: "Give one of the documents a new id (`qms new` picks the next free one).",
    }
    InvalidId = "invalid-id", Error, "identity" {
        summary: "A document id does not match the id pattern.",
        why: "A consistent id scheme is how people cite documents in records, audits and other documents.",
        fix: "Rename the id to match the pattern (default `^[A-Z][A-Z0-9]*-[0-9]+$`, e.g. `SOP-012`), or change `[qms] id_pattern` in `qms.toml`.",
    }
    DuplicateAlias = "duplicate-alias", Error, "identity" {
        summary: "An alias (`aliases:`) is another document's id or alias.",
        why: "Links, search and the commands resolve an alias like an id: a name that stands for two documents would lead readers to the wrong one.",
        fix: "Remove the alias from one of the documents, or rename it.",
    }
    // ---- links ---------------------------------------------------------------------------------------
    BrokenLink = "broken-link", Error, "links" {
        summary: "A relative link or image points at a file that does not exist.",
        why: "Readers following the reference, and auditors checking it, reach nothing.",
        fix: "Correct the path (relative to the document's folder), or remove the link.",
    }
    BrokenAnchor = "broken-anchor", Error, "links" {
        summary: "A link's `#anchor` matches no heading in the target document.",
        why: "Cross-references to a section ('see 5.3') must land on that section; renamed headings break them silently.",
        fix: "Use the anchor of an existing heading: lower case, punctuation removed, spaces as hyphens (`## 5.2 Approval` → `#52-approval`).",
    }
    LinkOutsideRoot = "link-outside-root", Error, "links" {
        summary: "A relative link climbs out of the QMS root with `../`.",
        why: "The published manual contains only the QMS root; such links break for every reader and can expose unrelated files.",
        fix: "Link only to files inside the QMS root, or use a full `https://` address for external material.",
    }
    AbsoluteLink = "absolute-link", Error, "links" {
        summary: "A link uses an absolute path (`/…` or `C:\\…`).",
        why: "Absolute paths depend on one machine or web server and break in the published and printed manual.",
        fix: "Write the path relative to the document's folder, e.g. `../procedures/SOP-003-internal-audit.md`.",
    }
    UnsafeLink = "unsafe-link", Error, "links" {
        summary: "A link uses a `javascript:`, `vbscript:`, `data:` or `file:` URL.",
        why: "Such links run code or reach the reader's own disk; they have no place in a controlled document and are removed from the published site.",
        fix: "Link to a document in the repository or to an `https://` address.",
    }
    UnpublishedLink = "unpublished-link", Warning, "links" {
        summary: "A link or image the published site leaves out: a link by a scheme other than `http:`, `https:`, `mailto:` or `tel:` (a network share, `ftp:`, an application's own scheme), or an image from outside the repository.",
        why: "The site sends readers only to the web, mail and telephone, and loads nothing from outside itself; such a link shows as plain text, such an image not at all.",
        fix: "Put the file in the repository and link to it relatively, or link to an `https://` address.",
    }
    UnsafeSvg = "unsafe-svg", Warning, "links" {
        summary: "A document links an SVG file of the repository that holds scripts, event handlers, external references or entities; the site leaves it out.",
        why: "An SVG opened on its own runs its scripts in the site's origin, and one that loads from outside breaks the promise that the site works offline and sends nothing out.",
        fix: "Export the drawing again as a plain SVG (no scripts, links or embedded fonts), or as PNG.",
    }
    LinkToDraft = "link-to-draft", Warning, "links" {
        summary: "An approved or effective document links to a draft or in-review document.",
        why: "Documents in force must not send readers to content that has not been approved (clause 7.5.3).",
        fix: "Link to the approved version's replacement, wait until the target is approved, or remove the link.",
    }
    LinkToObsolete = "link-to-obsolete", Warning, "links" {
        summary: "An approved or effective document links to an obsolete document.",
        why: "Obsolete documents must be kept from unintended use (clause 7.5.3); a live link invites it.",
        fix: "Link to the successor named in the obsolete document's `superseded_by`.",
    }
    // ---- lifecycle -----------------------------------------------------------------------------------
    GuidanceLeft = "guidance-left", Warning, "lifecycle" {
        summary: "An approved or effective document still holds the `> Guidance:` text `qms init` and `qms new` write into each section.",
        why: "The guidance says what to write, not what the organization does; published, it reads as the organization's own scope or policy.",
        fix: "Replace each `> Guidance:` block with the section's real content, or delete it, before approving the document.",
    }
    MissingApproval = "missing-approval", Error, "lifecycle" {
        summary: "An approved, effective or obsolete document lacks its approval fields.",
        why: "Approval before issue is the core of document control (clause 7.5.2); the register must show who approved each version and when.",
        fix: "Add `approver` (and `approved`, plus `effective` for effective documents), or set the status back to `draft`/`in-review`.",
    }
    EffectiveBeforeApproved = "effective-before-approved", Error, "lifecycle" {
        summary: "The effective date is earlier than the approval date.",
        why: "A document cannot come into force before it is approved.",
        fix: "Correct one of the two dates.",
    }
    DateInFuture = "date-in-future", Error, "lifecycle" {
        summary: "An approval or review date lies after today.",
        why: "Evidence of approval or review cannot be dated in the future; it is usually a typo in the year or month.",
        fix: "Correct the date; if approval is planned, keep the status at `in-review` until it happens.",
    }
    StatusDateMismatch = "status-date-mismatch", Warning, "lifecycle" {
        summary: "The status disagrees with the dates: `effective` before its effective date, or withdrawn without being obsolete.",
        why: "Readers and the register trust the status to say whether a document is in force today.",
        fix: "Set the status that matches the dates (`approved` while pending, `effective` from the effective date, `obsolete` once withdrawn).",
    }
    ObsoleteWithoutSuccessor = "obsolete-without-successor", Error, "lifecycle" {
        summary: "An obsolete document names neither a successor (`superseded_by`) nor a withdrawal date (`withdrawn`).",
        why: "Readers of an obsolete document must be able to find what replaced it, or see that it was withdrawn and when.",
        fix: "Add `superseded_by: <id>` or `withdrawn: YYYY-MM-DD`.",
    }
    UnknownDocumentId = "unknown-document-id", Error, "lifecycle" {
        summary: "`supersedes` or `superseded_by` names an id that no document has.",
        why: "The chain of supersession is how an auditor follows a requirement from an old document to its replacement.",
        fix: "Correct the id, or add the missing document.",
    }
    SupersessionMismatch = "supersession-mismatch", Warning, "lifecycle" {
        summary: "Two documents disagree about supersession (a successor whose `supersedes` list leaves out the document naming it, or a superseded document that is not obsolete).",
        why: "Both sides of a supersession should tell the same story, so either document leads to the other.",
        fix: "Add the matching `supersedes`/`superseded_by`, and make the superseded document `obsolete` once its successor is effective.",
    }
    // ---- standards ---------------------------------------------------------------------------
    UnknownStandard = "unknown-standard", Error, "standards" {
        summary: "`clauses:` names a standard that no catalog defines.",
        why: "Clause references to an unknown standard cannot be traced, so the gap analysis silently misses them.",
        fix: "Use a built-in id (`iso9001:2015`, `iso14001:2015`, `iso45001:2018`, `iso27001:2022`, `iso50001:2018`, `iso22000:2018`, `iso27701:2025`, `iso13485:2016`) or add the standard's catalog as `standards/<name>.toml`. A standard no organization is certified to (ISO 26000, ISO/IEC 25010 and the like) is cited as a reference in the text, not under `clauses:`.",
    }
    StandardNotEnabled = "standard-not-enabled", Warning, "standards" {
        summary: "`clauses:` cites a known standard that is not enabled in `qms.toml`.",
        why: "Citations of a standard the system does not claim to meet are not traced; often the standard was forgotten in `[qms] standards`.",
        fix: "Add the standard to `[qms] standards`, or remove the citations.",
    }
    UnknownClause = "unknown-clause", Error, "standards" {
        summary: "`clauses:` names a clause id that does not exist in the standard.",
        why: "A mistyped clause (`7.5.4` in ISO 9001) makes the document look like it addresses a requirement it does not, and leaves the real clause a gap.",
        fix: "Use a clause id from the standard's catalog (the message suggests the nearest); `qms trace --standard ID` lists them.",
    }
    MissingRequiredDocument = "missing-required-document", Error, "standards" {
        summary: "Documented information an enabled standard requires is not addressed by any document in force.",
        why: "Certification auditors check every mandatory document first (the quality policy, the scope, objectives, …); a missing one is a nonconformity.",
        fix: "Write the document, cite the clause in its `clauses:` and approve it; or, where the standard allows, declare the clause not applicable in `[applicability]` with a justification.",
    }
    InvalidApplicability = "invalid-applicability", Error, "standards" {
        summary: "An `[applicability]` entry in `qms.toml` names an unknown or disabled standard or clause, or gives no justification.",
        why: "Exclusions must name a real requirement and say why it does not apply (ISO 9001 4.3); an auditor reads each one.",
        fix: "Correct the standard or clause id and write the justification as the value: `\"8.3\" = \"We do no design …\"`.",
    }
    ClauseNotExcludable = "clause-not-excludable", Error, "standards" {
        summary: "`[applicability]` declares not applicable a clause its standard's catalog marks not excludable (`excludable = false` on the clause or a clause above it).",
        why: "Each standard says what may be left out and its catalog records it: clause 8 only in the Harmonized-Structure standards (Annex A controls through the Statement of Applicability), clauses 6 to 8 in ISO 13485, never 4 or 5. Leaving out a required clause is a nonconformity at the audit.",
        fix: "Remove the entry from `[applicability]` and address the clause in a document; in an organization catalog, set `excludable = true` on a clause that may be left out.",
    }
    MissingSoa = "missing-soa", Error, "standards" {
        summary: "A standard with Annex A controls (ISO/IEC 27001, ISO/IEC 27701) is enabled but no Statement of Applicability is in force.",
        why: "The Statement of Applicability is mandatory documented information (ISO/IEC 27001 6.1.3 d, ISO/IEC 27701 6.1.3 e) and decides which Annex A controls apply; each standard needs its own.",
        fix: "Add a register document with `soa: iso27001:2022` in its front matter and a table with the columns Control, Applicable, Justification and Status, one row per control, and approve it.",
    }
    InvalidSoa = "invalid-soa", Error, "standards" {
        summary: "The Statement of Applicability cannot be read: no control table, unknown or repeated controls, an unreadable yes/no, or a missing justification.",
        why: "Each control's inclusion or exclusion must be justified (6.1.3 d); an entry that cannot be read is not a decision.",
        fix: "Keep one row per control with its id (`A.5.1` or `5.1`), `yes` or `no`, and a justification. The columns may be named Control, Ref or ID; Applicable, Included or Selected; Justification, Reason or Comment; Status or Implementation. Rows naming a category with nothing decided are skipped.",
    }
    SoaIncomplete = "soa-incomplete", Error, "standards" {
        summary: "The Statement of Applicability leaves Annex A controls out.",
        why: "The statement must cover every Annex A control, included or excluded.",
        fix: "Add a row for each missing control (the message lists them).",
    }
    // ---- document control, from git history ---------------------------------------------------
    VersionNotBumped = "version-not-bumped", Error, "document control" {
        summary: "The body of a released document changed in a mainline commit (a merge counts as one) without a new version.",
        why: "Changes to documented information must be identified (clause 7.5.2); readers and auditors rely on the version to know which text they read.",
        fix: "In a pull request, bump `version` and record the new approval before it is merged (only its net change is judged). Once on the mainline (history cannot be undone), accept it on the record under `[[history.accepted]]` in qms.toml (code, document, commit, reason, by, date).",
    }
    VersionDecreased = "version-decreased", Error, "document control" {
        summary: "A document's version went down (or was reused) from one revision to the next.",
        why: "Versions must only move forward, or two different texts carry the same identification.",
        fix: "Give the revision a version above every earlier one. Once on the mainline (history cannot be undone), accept it on the record under `[[history.accepted]]` in qms.toml (code, document, commit, reason, by, date).",
    }
    ApprovalNotRenewed = "approval-not-renewed", Error, "document control" {
        summary: "A new version was released without a new approval date.",
        why: "Each version must be approved before issue (clause 7.5.2 c); an old approval date on a new version is approval nobody gave.",
        fix: "Set `approved` (and `effective`) to the dates the new version was approved and issued. Once on the mainline (history cannot be undone), accept it on the record under `[[history.accepted]]` in qms.toml (code, document, commit, reason, by, date).",
    }
    StatusRegressed = "status-regressed", Error, "document control" {
        summary: "A document's status moved backwards (effective → draft, obsolete → effective) without a new version.",
        why: "A version once released stays released; reworking it means a new version, and an obsolete document must not come back into use unnoticed.",
        fix: "Start the rework as a new version (`version` bumped, status `draft`), or restore the previous status. Once on the mainline (history cannot be undone), accept it on the record under `[[history.accepted]]` in qms.toml (code, document, commit, reason, by, date).",
    }
    ControlledDocumentDeleted = "controlled-document-deleted", Error, "document control" {
        summary: "An approved or effective document was deleted instead of being made obsolete.",
        why: "Obsolete documents must be retained and kept from unintended use (clause 7.5.3.2); deleting one erases the record of what was in force.",
        fix: "Restore the file with `status: obsolete` and `superseded_by` or `withdrawn`. Once on the mainline (history cannot be undone), accept it on the record under `[[history.accepted]]` in qms.toml (code, document, commit, reason, by, date).",
    }
    IdReused = "id-reused", Error, "document control" {
        summary: "An id that once named a different document was given to a new one.",
        why: "Records, audits and other documents cite the id; reusing it makes old references point at the wrong text.",
        fix: "Give the new document a fresh id (`qms new` picks one that was never used). Once on the mainline (history cannot be undone), accept it on the record under `[[history.accepted]]` in qms.toml (code, document, commit, reason, by, date).",
    }
    ApproverIsAuthor = "approver-is-author", Warning, "document control" {
        summary: "The approver of a version also authored its changes (off by default).",
        why: "Segregation of duties: approval is a second person's review. Enable this rule where your system requires it.",
        fix: "Have someone other than the author approve the version. Map roles to people under `[roles]` in qms.toml so roles in `approver` can be matched to git authors. Once on the mainline (history cannot be undone), accept it on the record under `[[history.accepted]]` in qms.toml (code, document, commit, reason, by, date).",
    }
    FindingAccepted = "finding-accepted", Note, "document control" {
        summary: "A history finding accepted on the record in `[[history.accepted]]`; the note quotes the reason, who accepted it and when.",
        why: "History is immutable: a slip that reached the mainline cannot be undone. Accepting it on the record keeps the check green and leaves the evidence an auditor asks for (ISO 9001 7.5.3).",
        fix: "Nothing to do. The acceptance also shows in the document's revision history on the site and in `qms register --format json`.",
    }
    StaleAcceptance = "stale-acceptance", Warning, "document control" {
        summary: "A `[[history.accepted]]` entry in qms.toml matches no finding.",
        why: "An acceptance names one finding (code, document, commit); one that matches nothing was mistyped, or accepts what needs no acceptance, and would hide nothing but still claim to.",
        fix: "Correct the code, document or commit (copy them from the finding's message), or remove the entry.",
    }
    SinceNotFound = "since-not-found", Error, "document control" {
        summary: "`[history] since` in qms.toml names no commit of the repository.",
        why: "`since` marks the commit that put the set under control; revisions before it are judged by no rule. A name that resolves to nothing leaves the adoption point unknown.",
        fix: "Write the commit id (or a tag) of the commit that put the set under control, or remove the line; in a clone, fetch the full history.",
    }
    MissingChangeReason = "missing-change-reason", Warning, "document control" {
        summary: "An approved or effective version differs from the previous released version without a reason for the change (off by default).",
        why: "Approval of a change includes why it was made (ISO 9001 7.5.2, 7.5.3.2 control of changes); every eQMS asks for a reason for change, and the change notice and revision history show it.",
        fix: "Add `change:` to the front matter with the reason for this version and what it changed, in one or two sentences. Enable the rule with `warn = [\"missing-change-reason\"]` under `[checks]`.",
    }
    HistoryIncomplete = "history-incomplete", Note, "document control" {
        summary: "Part of the history could not be read, so some document-control rules could not be proven.",
        why: "A shallow clone, a folder outside git, uncommitted changes or a repository without commits leave revisions unknown.",
        fix: "Check on a full clone (`git fetch --unshallow`) with the changes committed.",
    }
    // ---- reviews -------------------------------------------------------------------------------------
    ReviewOverdue = "review-overdue", Error, "reviews" {
        summary: "A document's periodic review date has passed.",
        why: "Documents must be reviewed and updated as necessary (clause 7.5.2); an overdue review is a common audit nonconformity.",
        fix: "Review the document: if it needs no change, set `last_reviewed` to the review date; otherwise revise it and approve a new version.",
    }
    ReviewDueSoon = "review-due-soon", Warning, "reviews" {
        summary: "A document's periodic review falls due within the `due_soon` window.",
        why: "Reviews planned ahead are done on time.",
        fix: "Schedule the review with the owner (`qms reviews` lists them); the warning clears once `last_reviewed` is updated.",
    }
    // ---- records -------------------------------------------------------------------------------------
    DuplicateRecordId = "duplicate-record-id", Error, "records" {
        summary: "Two records use the same id.",
        why: "Findings, nonconformities and actions refer to records by id; two records with one id make every reference ambiguous.",
        fix: "Give one of the records the next free id (`qms new audit` picks one).",
    }
    AuditProgrammeGap = "audit-programme-gap", Warning, "records" {
        summary: "An applicable clause of an enabled standard is neither audited within the audit cycle nor planned before it ends.",
        why: "The internal audit programme must cover the whole management system (ISO 9001 9.2.2); certification bodies expect every clause audited at least once per certification cycle (`[audits] cycle`, default 3 years).",
        fix: "Plan an audit that covers the clause (`planned:` and `clauses:` of an audit record), or declare the clause not applicable in `[applicability]` with a justification.",
    }
    AuditOverdue = "audit-overdue", Warning, "records" {
        summary: "An audit's planned date has passed and the audit has no `date` (it was not held).",
        why: "An audit programme that slips is a finding at the next external audit; the programme must be implemented as planned (ISO 9001 9.2.2).",
        fix: "Hold the audit and record `date:`, or move `planned:` to the new date and say why in the body.",
    }
    NonconformityOverdue = "nonconformity-overdue", Error, "records" {
        summary: "A nonconformity's due date has passed and it is not closed.",
        why: "Corrective actions must be taken in time (ISO 9001 10.2); overdue actions are the first thing a surveillance auditor asks about.",
        fix: "Close the nonconformity (`closed:` with the date) or agree a new `due:` date with its owner and record why in the body.",
    }
    NonconformityNotVerified = "nonconformity-not-verified", Warning, "records" {
        summary: "A nonconformity was closed but the effectiveness of its corrective action was not verified within `[nonconformities] verify_within` (default 90 days).",
        why: "ISO 9001 10.2.1 d) asks to review the effectiveness of any corrective action taken; closing without that check leaves the cause possibly in place.",
        fix: "Check that the problem has not recurred and record `verified:` (the date) and `verified_by:`.",
    }
    MajorNonconformityOpen = "major-nonconformity-open", Error, "records" {
        summary: "A major nonconformity is still open within `[certificates] warn_before` of a certification, surveillance or recertification audit.",
        why: "An open major nonconformity at an external audit blocks certification or puts the certificate at risk of suspension.",
        fix: "Close the nonconformity with its corrective action before the audit, or agree the timing with the certification body.",
    }
    FindingWithoutNonconformity = "finding-without-nonconformity", Error, "records" {
        summary: "An audit finding of kind `nonconformity` names no nonconformity record, or one that does not exist.",
        why: "Every nonconformity found must be recorded and acted on (ISO 9001 10.2); a finding with no record is one no one is tracking.",
        fix: "Raise the nonconformity (`qms new nonconformity`) and name its id in the finding's `nonconformity:` field.",
    }
    ManagementReviewOverdue = "management-review-overdue", Error, "records" {
        summary: "No management review was held within `[management_review] interval` (default 12 months).",
        why: "Top management must review the management system at planned intervals (ISO 9001 9.3.1); certification bodies expect at least one review a year.",
        fix: "Hold the management review and record it (`record: management-review` with its `date`).",
    }
    ManagementReviewInputMissing = "management-review-input-missing", Error, "records" {
        summary: "A management review does not cover every input its standard's catalog lists (ISO 9001 9.3.2, ISO 14001 9.3, ISO 45001 9.3, ISO/IEC 27001 9.3.2), or names an input the catalog does not have.",
        why: "The standards list what a management review shall consider; a missing input is a common audit finding.",
        fix: "Consider the missing inputs and list their ids under `inputs:` for the standard (the message names them; the catalog lists them under `management_review_input`).",
    }
    ManagementReviewActionOverdue = "management-review-action-overdue", Warning, "records" {
        summary: "An action decided at a management review is past its due date and not closed.",
        why: "The outputs of the review (ISO 9001 9.3.3) are decisions and actions; the next review starts from their status.",
        fix: "Close the action (`closed:` with the date) or set a new `due:` date with its owner.",
    }
    ObjectiveNotMeasurable = "objective-not-measurable", Warning, "records" {
        summary: "An objective has no measure, no target or no due date.",
        why: "Objectives shall be measurable (if practicable) and say when they will be completed (ISO 9001 6.2); without them no one can say whether they were met.",
        fix: "Add `measure:`, `target:` (like `\">= 97\"`) and `due:` to the objective.",
    }
    ObjectiveOffTarget = "objective-off-target", Warning, "records" {
        summary: "An objective's latest result misses its target at or after its due date.",
        why: "A missed objective is an input of the management review and usually calls for action (ISO 9001 9.3.2 c) 2)).",
        fix: "Decide what to do (an action, a new target or due date) and record it; the finding clears when a later result meets the target.",
    }
    CertificateExpiring = "certificate-expiring", Warning, "records" {
        summary: "A certificate expires within `[certificates] warn_before` (default 90 days).",
        why: "Recertification must be held before expiry, and certification bodies book auditors months ahead.",
        fix: "Plan the recertification audit with the certification body; record the new certificate when it is issued.",
    }
    CertificateExpired = "certificate-expired", Error, "records" {
        summary: "A certificate's expiry date has passed.",
        why: "An expired certificate may not be claimed to customers or in tenders.",
        fix: "Record the renewed certificate, or stop claiming the certification and remove the record.",
    }
    SurveillanceOverdue = "surveillance-overdue", Error, "records" {
        summary: "No surveillance audit was held or planned within 12 months of the certificate's issue or of the last surveillance audit.",
        why: "Certification bodies audit at least once a calendar year between issue and recertification (ISO/IEC 17021-1); a missed surveillance puts the certificate at risk.",
        fix: "Agree the surveillance date with the certification body and add it to the certificate's `surveillance:` list.",
    }
    RecordAltered = "record-altered", Error, "records" {
        summary: "A closed nonconformity, a held audit or a management review was changed in a later commit (or in uncommitted changes) without a new `amendments:` entry. Judged like the document-control rules: each mainline change, a merge once by its net effect, a pull request by its net change from the merge base.",
        why: "Records are evidence and must be protected from unintended alteration (ISO 9001 7.5.3.2); a correction after the fact is legitimate when it says when, by whom and why. A change counts as amended when the record has more entries than its previous version and a new one is dated on or after that version's commit date.",
        fix: "Add an entry to the record's `amendments:` list, e.g. `- {date: 2026-05-02, by: Quality Manager, reason: corrected the auditee's name}`, or undo the change. Once on the mainline (history cannot be undone), accept it under `[[history.accepted]]` in qms.toml (code, document = the record's id, commit, reason, by, date).",
    }
}

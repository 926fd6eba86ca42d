//! What one version's pages are made from ([`SiteInput`]), the versions of the site, the
//! revision and change rows the publisher computes, and what a render wrote: the render stage's
//! input and output, a leaf every page module may use.

use super::cache::{BodyDigests, RenderCache};
use super::templates::Theme;
use crate::config::Config;
use crate::model::{Date, Record, Register, ScheduledReview, Standard};
use crate::source::SourceFiles;
use crate::trace::Matrix;
use std::collections::BTreeMap;

/// Everything one version's pages are made from.
pub struct SiteInput<'a> {
    pub config: &'a Config,
    pub register: &'a Register,
    /// The documents' texts; a body starts at `document.front_matter.end`.
    pub files: &'a SourceFiles,
    pub matrix: &'a Matrix,
    /// The records of the certification cycle (empty when the version has none).
    pub records: &'a [Record],
    /// The enabled standards' catalogs, in `qms.toml` order.
    pub catalogs: Vec<&'a Standard>,
    /// The review schedule as of `today`, due window `config.review.due_soon`.
    pub reviews: &'a [ScheduledReview<'a>],
    /// The date the version is rendered as of (review states, "pending").
    pub today: Date,
    /// The version being rendered.
    pub version: VersionView,
    /// Every version of the site, newest first, this one included (for the switcher and the
    /// "other versions" links). May be just `[version]`.
    pub versions: Vec<VersionView>,
    /// Document id → its revisions, oldest first. Empty when no history is available.
    pub revisions: BTreeMap<String, Vec<RevisionRow>>,
    /// What changed since the previous release; `None` for the first version.
    pub changes: Option<ChangesView>,
    /// Reads a file linked from a document (an image, an attachment) by its path relative to
    /// the QMS root; `None` if it cannot be read. Those read are copied into the site.
    pub read_file: &'a (dyn Fn(&str) -> Option<Vec<u8>> + Sync),
    pub theme: &'a Theme,
    /// Rendered bodies shared by the versions of one build: a body is rendered once per
    /// content, whatever the number of versions holding it.
    pub cache: &'a RenderCache,
    /// The digest of each document's body, made beforehand for the cache (`None`: made here).
    pub digests: Option<&'a BodyDigests>,
    /// Told each document page written.
    pub progress: &'a dyn crate::progress::Progress,
}

/// One version of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionView {
    /// `current`, or a release tag such as `v3.0`.
    pub label: String,
    /// The source commit; `None` for the working tree.
    pub commit: Option<String>,
    /// A release (a tag), as opposed to the working tree.
    pub released: bool,
    /// The latest release; a banner on every other version points to it.
    pub is_latest: bool,
    /// The release or build date.
    pub date: Option<Date>,
    /// Document id → document version (`2.0`) of every document in this version: lets the
    /// switcher keep the reader on the same document.
    pub documents: BTreeMap<String, String>,
}

impl VersionView {
    /// The folder of this version under the site root: the label with every character other
    /// than ASCII letters, digits, `.`, `_` and `-` replaced by `-`. The publisher must place the
    /// rendered folder there.
    pub fn dir(&self) -> String {
        version_dir(&self.label)
    }

    /// Id → version of every document of `register` that has both.
    pub fn documents_of(register: &Register) -> BTreeMap<String, String> {
        register
            .documents()
            .iter()
            .filter_map(|d| Some((d.id()?.to_owned(), d.meta.version.as_ref()?.value.to_string())))
            .collect()
    }
}

/// The folder of the version labelled `label` under the site root (see [`VersionView::dir`]).
pub fn version_dir(label: &str) -> String {
    super::paths::segment(label)
}

/// One revision of a document, as its history table shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RevisionRow {
    pub version: String,
    pub date: String,
    pub author: String,
    pub approver: String,
    /// The full commit id; shortened for display.
    pub commit: String,
    pub message: String,
    /// The reason for the version (`change`), as written.
    pub change: String,
    /// Why the rules do not judge it on its own (`on a merged branch`, `before control`), or `""`.
    pub standing: String,
    /// The findings about it accepted on the record, one sentence each.
    pub accepted: Vec<String>,
}

/// What changed since the previous release.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangesView {
    pub previous_label: String,
    pub added: Vec<ChangedDocument>,
    pub withdrawn: Vec<ChangedDocument>,
    pub revised: Vec<RevisedDocument>,
}

/// A document added or withdrawn.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangedDocument {
    pub id: String,
    pub title: String,
    pub version: String,
    /// The reason for the version (`change`), as written.
    pub change: String,
}

/// A document revised since the previous release, with both bodies for the redline.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RevisedDocument {
    pub id: String,
    pub title: String,
    pub old_version: String,
    pub new_version: String,
    /// The reason for the new version (`change`), as written.
    pub change: String,
    /// The Markdown bodies (after the front matter) of the previous and this version.
    pub old_markdown: String,
    pub new_markdown: String,
}

/// What [`render_version`] wrote.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Every file written, relative to the output folder, sorted by path.
    pub files: Vec<super::Listed>,
    /// Problems that did not stop the build (a linked file that could not be read, an unsafe
    /// SVG left out), one sentence each.
    pub warnings: Vec<String>,
}

#!/usr/bin/env bash
# Replays the releases of example-qms into a fresh git repository, so `qms build` has release
# tags to publish (the qms repository itself cannot carry tags for its example):
#
#   v2026.1  2026-07-31  eight documents at their previous versions (older approval dates, a
#                        paragraph or two as they read then); PLN-001 not yet drafted
#   ...      2026-08..11 one commit per revision, on its approval date, by its author
#   v2026.2  2026-11-20  every document as example-qms has it, except WI-006
#   working tree         WI-006 (in review) and the records added, not committed
#
# Usage: example-qms/releases.sh [TARGET]   (default: target/example-site-repo)
# Prints the repository's path. Authors, dates and git settings are fixed, so every run makes the
# same commits with the same ids; the target folder is deleted first.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
target="${1:-$here/../target/example-site-repo}"
mkdir -p "$(dirname "$target")"
target="$(cd "$(dirname "$target")" && pwd)/$(basename "$target")"

# No user or system configuration: the same commits on every machine.
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 LC_ALL=C TZ=UTC
export GIT_COMMITTER_NAME="Harrow & Vale Document Control" GIT_COMMITTER_EMAIL="qms@harrowvale.example"

rm -rf "$target"
mkdir -p "$target"
cd "$target"
git init --quiet --initial-branch=main
git config core.autocrlf false
git config commit.gpgsign false
git config tag.gpgsign false

# commit DATE "AUTHOR NAME" MESSAGE — stages everything; author and committer on DATE at 16:00.
commit() {
  git add --all
  GIT_AUTHOR_NAME="$2" GIT_AUTHOR_EMAIL="$(echo "$2" | tr 'A-Z ' 'a-z.')@harrowvale.example" \
    GIT_AUTHOR_DATE="$1T16:00:00+00:00" GIT_COMMITTER_DATE="$1T16:00:00+00:00" \
    git commit --quiet --allow-empty --no-verify -m "$3"
}

# tag NAME DATE MESSAGE — an annotated release tag.
tag() {
  GIT_COMMITTER_DATE="$2T17:00:00+00:00" git tag -a "$1" -m "$3"
}

# restore FILE... — the file as example-qms has it today.
restore() {
  for file in "$@"; do
    mkdir -p "$(dirname "$file")"
    cp "$here/$file" "$file"
  done
}

# field FILE KEY VALUE — sets a front-matter field (the first line `KEY: …`); VALUE "-" deletes it.
field() {
  grep -q "^$2: " "$1" || { echo "releases.sh: no field $2 in $1" >&2; exit 1; }
  KEY="$2" VALUE="$3" perl -i -pe '
    if (!$done && /^\Q$ENV{KEY}\E: /) { $done = 1; $_ = $ENV{VALUE} eq "-" ? "" : "$ENV{KEY}: $ENV{VALUE}\n"; }' "$1"
}

# edit FILE PERL — rewrites the body with a perl substitution over the whole file, which must apply.
edit() {
  cp "$1" "$1.before"
  perl -0 -i -pe "$2" "$1"
  if cmp -s "$1" "$1.before"; then
    echo "releases.sh: the edit of $1 no longer applies: $2" >&2
    exit 1
  fi
  rm "$1.before"
}

# version FILE VERSION APPROVED EFFECTIVE — the front matter of an earlier version.
version() {
  field "$1" version "\"$2\""
  field "$1" approved "$3"
  field "$1" effective "$4"
}

# --- v2026.1: the set as issued at the end of July 2026 -------------------------------------

cp -R "$here/." .
rm -f releases.sh
# The records of the certification cycle join in the working tree, below.
rm -rf records
printf 'site/\n' > .gitignore
rm docs/plans/PLN-001-iso-45001-transition-plan.md
rm docs/work-instructions/WI-006-cleaning-and-packing-medical-components.md

FRM001=docs/forms/FRM-001-nonconformance-report.md
OBJ001=docs/plans/OBJ-001-quality-and-environmental-objectives.md
SOP004=docs/procedures/SOP-004-nonconformity-and-corrective-action.md
SOP005=docs/procedures/SOP-005-control-of-nonconforming-output.md
SOP007=docs/procedures/SOP-007-calibration-of-measuring-equipment.md
SOP010=docs/procedures/SOP-010-production-control.md
SOP013=docs/procedures/SOP-013-emergency-preparedness-and-response.md
REG004=docs/registers/REG-004-compliance-obligations-register.md
WI005=docs/work-instructions/WI-005-oil-and-coolant-spill-response.md
PLN001=docs/plans/PLN-001-iso-45001-transition-plan.md

# The reasons for change written for the revisions below.
for file in "$FRM001" "$OBJ001" "$SOP004" "$SOP007" "$SOP010" "$SOP013" "$REG004" "$WI005"; do
  field "$file" change -
done
version "$FRM001" 2.3 2025-10-06 2025-10-13
edit "$FRM001" 's/ Version 3\.0 adds the environmental nonconformity fields and the escape\s+cause\.//'
version "$OBJ001" 7.1 2026-07-20 2026-07-21
edit "$OBJ001" 's/October 2026 quarterly review/July 2026 quarterly review/g; s/october-2026-quarterly-review/july-2026-quarterly-review/g'
version "$SOP004" 4.3 2026-02-09 2026-02-16
field "$SOP005" last_reviewed -
version "$SOP007" 3.2 2025-11-17 2025-11-24
field "$SOP007" status effective
edit "$SOP007" 's/\n> \*\*Note:\*\* Version 4\.0 .*?\n\n/\n/s'
edit "$SOP007" 's/,\s+and the refractometers and pH meter\s+used for coolant control \(\[WI-002\]\([^)]*\)\)//'
version "$SOP010" 5.2 2026-04-13 2026-04-20
version "$SOP013" 3.1 2025-10-20 2025-10-27
version "$REG004" 2.5 2026-03-16 2026-03-23
version "$WI005" 1.1 2025-11-03 2025-11-10
edit "$WI005" 's/\nVersion 1\.2 adds the drain closure valve in the yard\.//'
edit "$WI005" 's/- In the yard: shout for the supervisor, who closes the \*\*drain closure valve\*\* \(red handle in\s+the chamber by the waste compound gate\)\.\n//'

commit 2026-07-31 "Priya Shah" "Issue the integrated management system, release 2026.1"
tag v2026.1 2026-07-31 "Release 2026.1 of the Harrow & Vale IMS"

# --- the revisions between the two releases, each on its approval date ----------------------

restore "$FRM001" "$SOP004"
commit 2026-08-24 "Priya Shah" "FRM-001 3.0, SOP-004 4.4: environmental nonconformities and the escape cause"
restore "$SOP005"
commit 2026-09-14 "Priya Shah" "SOP-005: periodic review, no change"
restore "$REG004"
commit 2026-09-15 "Tom Reilly" "REG-004 2.6: compliance evaluation of September 2026"
restore "$PLN001"
field "$PLN001" version '"0.1"'
commit 2026-09-28 "Tom Reilly" "PLN-001 0.1: first draft of the ISO 45001 transition plan"
restore "$SOP010"
commit 2026-10-05 "Dan Okafor" "SOP-010 5.3: annual revision"
restore "$OBJ001" "$SOP013" "$WI005"
commit 2026-10-19 "Tom Reilly" "October quarterly review: OBJ-001 7.2 status; SOP-013 3.2 and WI-005 1.2 drain closure valve"
restore "$PLN001"
commit 2026-11-02 "Tom Reilly" "PLN-001 0.2: budget and dates proposed"
restore "$SOP007"
commit 2026-11-18 "Priya Shah" "SOP-007 4.0: gauge register in the ERP, effective 2026-12-07"
commit 2026-11-20 "Priya Shah" "Release 2026.2"
tag v2026.2 2026-11-20 "Release 2026.2 of the Harrow & Vale IMS"

# --- the working tree: a new work instruction in review, not committed -----------------------

restore docs/work-instructions/WI-006-cleaning-and-packing-medical-components.md
cp -R "$here/records" records

# Anything else that differs from example-qms would be a mistake in this script.
if ! diff -r -x .git -x .gitignore -x releases.sh "$here" . >/dev/null; then
  echo "releases.sh: the working tree differs from example-qms" >&2
  exit 1
fi
echo "$target"

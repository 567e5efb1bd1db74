#!/usr/bin/env bash
# autograder.sh -- a Gradescope autograder bundle for one lab (make
# lab-autograder LAB=NAME): $B/grade/NAME-autograder.zip holds
#   setup.sh          installs the build's packages (Gradescope runs it once)
#   run_autograder    grades /autograder/submission, writes results.json
#   starter/          the lab's starter tree with its hidden tests
#   student-files     the files of the starter a student edits
# The grade never trusts the submission's own graders or tools: the student's
# versions of the student files are put into the bundle's starter tree, which
# is built and graded with every test, hidden ones included.
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${B:-build}
. "$ROOT/labs/lib/common.sh"
LAB=${1:-}
check_lab lab-autograder "$LAB" || exit 2
case $B in /*) out=$B/grade ;; *) out=$ROOT/$B/grade ;; esac
labcut=$out/../labcut
stage=$out/$LAB-autograder
zipfile=$out/$LAB-autograder.zip
if [ ! -d "$ROOT/labs/$LAB/hidden" ]; then
    echo "lab-autograder: labs/$LAB/hidden is missing: this tree has no hidden tests (a starter?)" >&2
    exit 1
fi
if ! command -v zip >/dev/null 2>&1; then
    echo "lab-autograder: needs zip (apt-get install zip)" >&2
    exit 1
fi
rm -rf "$stage" "$zipfile"
mkdir -p "$stage"
tree_files | "$labcut" cut "$LAB" "$stage/starter" --root "$ROOT" >/dev/null || exit 1
cp -R "$ROOT/labs/$LAB/hidden" "$stage/starter/labs/$LAB/hidden"
tree_files | "$labcut" list "$LAB" --root "$ROOT" >"$stage/student-files" || exit 1

cat >"$stage/setup.sh" <<'SETUP'
#!/bin/sh
# setup.sh -- Gradescope runs this once, as root, when it builds the image:
# the packages vmlab builds and tests with, and the starter built once (a
# submission then rebuilds only what its files change).
set -e
cd /autograder/source/starter
sh scripts/install-deps.sh
make -j2 all
SETUP

sed "s/@LAB@/$LAB/" >"$stage/run_autograder" <<'RUN'
#!/usr/bin/env bash
# run_autograder -- Gradescope runs this for every submission.  The
# student's versions of the lab's files (student-files) are taken from the
# submission -- at their path, or below one top folder -- and put into a
# fresh copy of the starter tree; that tree is built and graded with every
# test, hidden ones included.  AUTOGRADER_ROOT replaces /autograder (tests).
set -u
AG=${AUTOGRADER_ROOT:-/autograder}
SRC=$AG/source
SUB=$AG/submission
LAB=@LAB@
work=$(mktemp -d "${TMPDIR:-/tmp}/vmlab-grade.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
cp -a "$SRC/starter/." "$work/"     # times kept: the built starter stays built
mkdir -p "$AG/results"
while read -r f; do
    cand=$SUB/$f
    [ -f "$cand" ] || cand=$(find "$SUB" -type f -path "*/$f" 2>/dev/null | sort | head -n 1)
    if [ -n "$cand" ] && [ -f "$cand" ]; then
        cp "$cand" "$work/$f"
        echo "graded: $f"
    else
        echo "not in the submission (its starter stub is graded): $f"
    fi
done <"$SRC/student-files"
cd "$work" || exit 1
bash labs/lib/grade.sh "$LAB" --json "$AG/results/results.json"
RUN
chmod +x "$stage/setup.sh" "$stage/run_autograder"
(cd "$stage" && zip -q -r "$zipfile" setup.sh run_autograder student-files starter) || exit 1
echo "lab-autograder: $zipfile ($(du -k "$zipfile" | cut -f1) KiB): upload it as the autograder of lab $LAB"

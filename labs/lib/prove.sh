#!/usr/bin/env bash
# prove.sh -- labs-check: prove every lab's grader (labs/README.md).
#
#   bash labs/lib/prove.sh [LAB...]        (default: every lab)
#
# Once: every solution marker of the tree is well formed (labcut check); the
# commands refuse an unknown lab naming the labs, lab-starter refuses a folder
# that is not empty and leaves out hidden tests, and a starter whose student
# file does not compile grades 0 with a valid report.
# Per lab:
#   reference  the reference tree grades full marks, with every test, and
#              its report is a valid Gradescope result;
#   starter    the lab's Gradescope bundle (make lab-autograder) grades a
#              submission of the starter's own files: below full marks, every
#              test of student code failing, a valid report -- so the
#              starter builds, the hidden tests run, and each test can fail;
#   bundle     the same bundle grades a submission of the reference's
#              student files full marks (the student files are what counts).
# Prints one line per check and "labs-check: N passed, M failed".
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 2
B=${B:-build}
. labs/lib/common.sh
case $B in /*) BIN=$B ;; *) BIN=$ROOT/$B ;; esac
labs=${*:-$(labs_list)}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/labs-check.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok()   { echo "ok $1"; passed=$((passed + 1)); }
bad()  { echo "FAIL $1: $2"; failed=$((failed + 1)); }

# The score line's two numbers of a grade run's output: "X Y".
score_of() { sed -n 's/^score: \([0-9]*\)\/\([0-9]*\)$/\1 \2/p' "$1" | tail -n 1; }

if tree_files | "$BIN/labcut" check --root "$ROOT" >"$tmp/markers" 2>&1; then
    ok "markers: $(cat "$tmp/markers")"
else
    bad markers "$(cat "$tmp/markers")"
fi

# The commands' refusals, a starter tree's shape, and a report when a
# student's tree does not build (every test fails, the report still valid).
framework() {
    local first out st=$tmp/fw-starter
    first=$(echo $labs | cut -d' ' -f1)
    for cmd in "bash labs/lib/grade.sh nosuch" "bash labs/lib/starter.sh nosuch $tmp/x" \
               "bash labs/lib/autograder.sh nosuch" "bash labs/lib/grade.sh"; do
        out=$(B=$B $cmd 2>&1 >/dev/null)
        case $out in
            *"(labs: "*) ;;
            *) bad framework "'$cmd' did not name the labs: $out"; return ;;
        esac
    done
    mkdir -p "$tmp/full" && touch "$tmp/full/x"
    if B=$B bash labs/lib/starter.sh "$first" "$tmp/full" >/dev/null 2>&1; then
        bad framework "lab-starter wrote into a folder that is not empty"; return
    fi
    B=$B bash labs/lib/starter.sh "$first" "$st" >"$tmp/fw.out" 2>&1 ||
        { bad framework "lab-starter failed: $(tail -n 1 "$tmp/fw.out")"; return; }
    if [ -n "$(find "$st/labs" -path '*/hidden*' | head -n 1)" ]; then
        bad framework "the starter holds hidden tests"; return
    fi
    grep -rq "LAB $first TODO" "$st" ||
        { bad framework "the starter has no 'LAB $first TODO' line"; return; }
    # a student file that does not compile
    f=$(tree_files | "$BIN/labcut" list "$first" --root "$ROOT" | grep -m1 '\.c$')
    if [ -n "$f" ]; then
        mkdir -p "$st/$B"
        (cd "$BIN" && tar cf - --exclude=./asan --exclude=./grade .) | (cd "$st/$B" && tar xpf -)
        echo "this is not C;" >>"$st/$f"
        (cd "$st" && B=$B bash labs/lib/grade.sh "$first" --json "$tmp/fw.json") >"$tmp/fw.grade" 2>&1
        if ! grep -q "does not build" "$tmp/fw.grade" || ! grep -q "^score: 0/" "$tmp/fw.grade" ||
            ! grep -q "public tests only" "$tmp/fw.grade"; then
            bad framework "a starter that does not build: $(tail -n 1 "$tmp/fw.grade")"; return
        fi
        "$BIN/jsoncheck" "$tmp/fw.json" >"$tmp/json" 2>&1 ||
            { bad framework "the report of a tree that does not build: $(cat "$tmp/json")"; return; }
    fi
    ok "framework: refusals name the labs; a starter has no hidden tests; a tree that does not build scores 0 with a valid report"
}
framework

for lab in $labs; do
    # the reference: full marks
    bash labs/lib/grade.sh "$lab" --json "$tmp/$lab.ref.json" >"$tmp/$lab.ref" 2>&1
    read -r got max <<<"$(score_of "$tmp/$lab.ref")"
    if [ -z "${max:-}" ] || [ "$max" = 0 ] || [ "$got" != "$max" ]; then
        grep FAIL "$tmp/$lab.ref" | head -n 5
        bad "$lab reference" "scored ${got:-?}/${max:-?}, not full marks"
    elif ! "$BIN/jsoncheck" "$tmp/$lab.ref.json" >"$tmp/json" 2>&1; then
        bad "$lab reference" "$(cat "$tmp/json")"
    else
        ok "$lab reference: $got/$max"
    fi

    # the bundle
    if ! B=$B bash labs/lib/autograder.sh "$lab" >"$tmp/$lab.ag" 2>&1; then
        bad "$lab bundle" "$(tail -n 1 "$tmp/$lab.ag")"
        continue
    fi
    ag=$tmp/$lab-ag
    mkdir -p "$ag/source"
    (cd "$ag/source" && unzip -q "$BIN/grade/$lab-autograder.zip") || { bad "$lab bundle" "cannot unzip"; continue; }
    # what setup.sh's build would leave: the reference's build, whose objects
    # of unchanged files stay valid (labcut keeps those files' times), so
    # make rebuilds what the cut changed
    mkdir -p "$ag/source/starter/$B"
    (cd "$BIN" && tar cf - --exclude=./asan --exclude=./grade .) | (cd "$ag/source/starter/$B" && tar xpf -)

    # a submission of the starter itself: below full, every student test failing
    rm -rf "$ag/submission" "$ag/results"
    mkdir -p "$ag/submission/vmlab"
    while read -r f; do
        mkdir -p "$ag/submission/vmlab/$(dirname "$f")"
        cp "$ag/source/starter/$f" "$ag/submission/vmlab/$f"
    done <"$ag/source/student-files"
    GRADE_RESULTS=$tmp/$lab.starter.results AUTOGRADER_ROOT=$ag \
        bash "$ag/source/run_autograder" >"$tmp/$lab.starter" 2>&1
    read -r got max <<<"$(score_of "$tmp/$lab.starter")"
    passing=$(awk '$1 == "student" && $2 == "PASS" { printf " %s", $4 }' "$tmp/$lab.starter.results" 2>/dev/null)
    nhidden=$(sed -n 's/.* and \([0-9]*\) hidden tests/\1/p' "$tmp/$lab.starter")
    if [ -z "${max:-}" ] || [ "$max" = 0 ]; then
        tail -n 5 "$tmp/$lab.starter"
        bad "$lab starter" "the bundle did not grade it"
    elif [ "$got" -ge "$max" ]; then
        bad "$lab starter" "scored full marks ($got/$max): the grader cannot fail"
    elif [ -n "$passing" ]; then
        bad "$lab starter" "tests of student code pass on the starter:$passing"
    elif [ -z "$nhidden" ] || [ "$nhidden" = 0 ]; then
        bad "$lab starter" "the bundle ran no hidden tests"
    elif ! "$BIN/jsoncheck" "$ag/results/results.json" >"$tmp/json" 2>&1; then
        bad "$lab starter" "$(cat "$tmp/json")"
    else
        ok "$lab starter: $got/$max with $nhidden hidden tests, every test of student code fails"
    fi

    # a submission of the reference's student files: full marks
    rm -rf "$ag/submission" "$ag/results"
    mkdir -p "$ag/submission"
    while read -r f; do
        mkdir -p "$ag/submission/$(dirname "$f")"
        cp "$ROOT/$f" "$ag/submission/$f"
    done <"$ag/source/student-files"
    AUTOGRADER_ROOT=$ag bash "$ag/source/run_autograder" >"$tmp/$lab.sub" 2>&1
    read -r got max <<<"$(score_of "$tmp/$lab.sub")"
    if [ -z "${max:-}" ] || [ "$max" = 0 ] || [ "$got" != "$max" ]; then
        grep FAIL "$tmp/$lab.sub" | head -n 5
        bad "$lab bundle" "the reference's files scored ${got:-?}/${max:-?} through the bundle"
    else
        ok "$lab bundle: the reference's files score $got/$max through it"
    fi
done
echo "labs-check: $passed passed, $failed failed"
[ "$failed" = 0 ]

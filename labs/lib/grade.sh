#!/usr/bin/env bash
# grade.sh -- grade the current tree for one lab (labs/README.md).
#
#   bash labs/lib/grade.sh LAB [--hidden DIR] [--json FILE] [--only TEST]
#
# Builds the tree (make all), then runs the lab's public tests
# (labs/LAB/tests.sh) and, when there are any, its hidden tests
# (labs/LAB/hidden/tests.sh, or DIR/tests.sh with --hidden).  Prints one line
# per test -- name, points, PASS or FAIL, a short reason -- and last
# "score: X/Y"; writes the results in Gradescope's format to
# $B/grade/LAB.json (or FILE), and one line "KIND STATUS POINTS NAME" per test
# to $B/grade/LAB.results for the graders' own check (labs-check).
# Exit status 0 when it graded (whatever the score), 2 on a usage error.
#
# A tests file registers its tests, in order:
#   test_case   NAME POINTS FUNCTION [ARGS...]   a test of the student's work
#   sanity_case NAME POINTS FUNCTION [ARGS...]   a test of something else (may
#                                                pass on the starter)
# Each FUNCTION runs in a fresh working folder $WORK, with the tree's root as
# $ROOT, the tools in $BIN, the lab's folder as $LAB_DIR and the hidden
# tests' folder as $HIDDEN_DIR; it passes by returning 0, and the last line
# it prints is the reason shown.  labs/lib/checks.sh has the helpers.
set -u

usage() { echo "usage: bash labs/lib/grade.sh LAB [--hidden DIR] [--json FILE] [--only TEST]" >&2; exit 2; }

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT" || exit 2
B=${B:-build}
. "$ROOT/labs/lib/common.sh"

LAB=${1:-}
[ $# -gt 0 ] && shift
check_lab grade "$LAB" || exit 2
HIDDEN_DIR=$ROOT/labs/$LAB/hidden
JSON=$B/grade/$LAB.json
ONLY=
while [ $# -gt 0 ]; do
    case $1 in
        --hidden) [ $# -ge 2 ] || usage; HIDDEN_DIR=$(cd "$2" 2>/dev/null && pwd) ||
                      { echo "grade: --hidden $2: no such folder" >&2; exit 2; }; shift 2 ;;
        --json) [ $# -ge 2 ] || usage; JSON=$2; shift 2 ;;
        --only) [ $# -ge 2 ] || usage; ONLY=$2; shift 2 ;;
        *) usage ;;
    esac
done
LAB_DIR=$ROOT/labs/$LAB
case $B in /*) BIN=$B ;; *) BIN=$ROOT/$B ;; esac
export ROOT B BIN LAB LAB_DIR HIDDEN_DIR
mkdir -p "$B/grade" "$(dirname "$JSON")" || exit 2

# ---- registering the tests ------------------------------------------------------
names=() points=() kinds=() origins=() cmds=()
origin=public
test_case()   { _register student "$@"; }
sanity_case() { _register sanity "$@"; }
_register() {
    local kind=$1 name=$2 pts=$3
    shift 3
    names+=("$name"); points+=("$pts"); kinds+=("$kind"); origins+=("$origin")
    cmds+=("$(printf '%q ' "$@")")
}
# shellcheck source=/dev/null
. "$LAB_DIR/tests.sh"
have_hidden=false
if [ -f "$HIDDEN_DIR/tests.sh" ]; then
    origin=hidden
    # shellcheck source=/dev/null
    . "$HIDDEN_DIR/tests.sh"
    have_hidden=true
fi
npublic=0 nhidden=0
for o in "${origins[@]}"; do [ "$o" = public ] && npublic=$((npublic + 1)) || nhidden=$((nhidden + 1)); done
if $have_hidden; then
    echo "grade: lab $LAB: $npublic public and $nhidden hidden tests"
else
    echo "grade: lab $LAB: the $npublic public tests only (the hidden tests are not in this tree;"
    echo "       your instructor's grader runs them too)"
fi

# ---- building ---------------------------------------------------------------------
build_log=$B/grade/$LAB.build.log
build_ok=true
if ! ${MAKE:-make} --no-print-directory -j2 B="$B" all >"$build_log" 2>&1; then
    build_ok=false
    why=$(grep -m1 -E 'error|Error' "$build_log" || tail -n 1 "$build_log")
    echo "grade: the tree does not build ($build_log): $why"
fi

# ---- running them ----------------------------------------------------------------
TEST_TIMEOUT=${TEST_TIMEOUT:-120}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/grade.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

# The text as one JSON string's contents: printable ASCII only.
json_text() {
    LC_ALL=C tr -d '\000-\010\013\014\016-\037\177-\377' |
        LC_ALL=C sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e "s/$(printf '\t')/\\\\t/g" -e 's/\r$//' |
        awk 'NR > 1 { printf "\\n" } { printf "%s", $0 }'
}

score=0 max=0
results=${GRADE_RESULTS:-$B/grade/$LAB.results}
: >"$results"
json_tests=""
for i in "${!names[@]}"; do
    name=${names[$i]} pts=${points[$i]}
    [ -n "$ONLY" ] && [ "$ONLY" != "$name" ] && continue
    max=$((max + pts))
    WORK=$tmp/$i
    mkdir -p "$WORK"
    out=$tmp/$i.out
    if $build_ok; then
        (
            export WORK
            cd "$WORK" || exit 2
            # a fresh shell with the helpers and the tests files' own functions
            timeout "$TEST_TIMEOUT" bash -c '
                . "$ROOT/labs/lib/checks.sh"
                test_case() { :; }; sanity_case() { :; }
                . "$LAB_DIR/tests.sh"
                [ "$2" = true ] && . "$HIDDEN_DIR/tests.sh"
                eval "$1"' _ "${cmds[$i]}" "$have_hidden"
        ) >"$out" 2>&1 </dev/null
        rc=$?
        [ $rc = 124 ] && echo "timed out after ${TEST_TIMEOUT}s" >>"$out"
    else
        echo "the tree does not build: see $build_log" >"$out"
        rc=1
    fi
    reason=$(grep -v '^[[:space:]]*$' "$out" | tail -n 1 | cut -c1-160)
    if [ $rc = 0 ]; then
        status=PASS got=$pts
    else
        status=FAIL got=0
    fi
    score=$((score + got))
    printf '%-30s %3d  %s  %s\n' "$name" "$pts" "$status" "$reason"
    echo "${kinds[$i]} $status $pts $name" >>"$results"
    vis=visible
    [ "${origins[$i]}" = hidden ] && vis=${GRADE_HIDDEN_VISIBILITY:-after_due_date}
    text=$(tail -n 60 "$out" | json_text)
    entry=$(printf '{"name": "%s", "score": %d, "max_score": %d, "visibility": "%s", "output": "%s"}' \
        "$(printf '%s' "$name" | json_text)" "$got" "$pts" "$vis" "$text")
    json_tests=${json_tests:+$json_tests,
    }$entry
done
summary="lab $LAB: $score/$max"
$build_ok || summary="$summary (the tree does not build: $(tail -n 20 "$build_log" | json_text))"
printf '{\n  "score": %d,\n  "output": "%s",\n  "tests": [\n    %s\n  ]\n}\n' \
    "$score" "$summary" "$json_tests" >"$JSON"
echo "score: $score/$max"
exit 0

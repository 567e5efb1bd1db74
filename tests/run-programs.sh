#!/usr/bin/env bash
# run-programs.sh -- assemble every tests/programs/*.s with pgas, run it on
# pgsim and compare with what the program's files say:
#
#   NAME.s      the program; header comment lines (anywhere in the file):
#                 ; expect-status: N        pgsim's exit status (required)
#                 ; pgsim-args: ARGS...     extra pgsim options (paths from the
#                                           repository root)
#                 ; disk: DEV               a zeroed 64-block disk attached at DEV
#                                           (hex, as pgsim's --disk takes it)
#   NAME.out    the expected console output (required)
#   NAME.in     console input (else /dev/null)
#   NAME.punch  if present: pgsim gets --punch FILE, compared with it
#   NAME.print  if present: pgsim gets --printer FILE, compared with it
#
# Prints "ok NAME" or "FAIL NAME: reason" per program, then "N passed, M
# failed"; exits non-zero on any failure.  PGAS and PGSIM override the tools.
set -u

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
PGAS=${PGAS:-build/pgas}
PGSIM=${PGSIM:-build/pgsim}
DISK_BLOCKS=64
MAX_CYCLES=50000000

for tool in "$PGAS" "$PGSIM"; do
    if [ ! -x "$tool" ]; then
        echo "run-programs: $tool is missing (build it first)" >&2
        exit 2
    fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pgprog.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

# The value of the first "; KEY: value" header line of a file, or nothing.
header() {
    sed -n "s/^;[[:space:]]*$2:[[:space:]]*//p" "$1" | head -n 1 | sed 's/[[:space:]]*$//'
}

# Show the first lines of a difference, indented.
show_diff() {
    diff -u "$1" "$2" | head -n 40 | sed 's/^/    /'
}

passed=0
failed=0
for src in tests/programs/*.s; do
    [ -e "$src" ] || continue
    name=$(basename "$src" .s)
    dir=$(dirname "$src")
    work="$tmp/$name"
    mkdir -p "$work"
    reasons=()

    status=$(header "$src" expect-status)
    if ! [[ "$status" =~ ^[0-9]+$ ]]; then
        echo "FAIL $name: no '; expect-status: N' header"
        failed=$((failed + 1))
        continue
    fi
    if [ ! -f "$dir/$name.out" ]; then
        echo "FAIL $name: no $name.out"
        failed=$((failed + 1))
        continue
    fi

    if ! "$PGAS" -o "$work/$name.img" "$src" >"$work/pgas.out" 2>&1; then
        echo "FAIL $name: assembly failed"
        head -n 20 "$work/pgas.out" | sed 's/^/    /'
        failed=$((failed + 1))
        continue
    fi

    args=()
    read -r -a extra <<<"$(header "$src" pgsim-args)"
    args+=("${extra[@]}")
    while read -r dev; do
        [ -n "$dev" ] || continue
        disk="$work/disk-$dev.img"
        head -c $((DISK_BLOCKS * 512)) /dev/zero >"$disk"
        args+=(--disk "$dev=$disk")
    done < <(sed -n 's/^;[[:space:]]*disk:[[:space:]]*\([0-9A-Fa-f]*\).*/\1/p' "$src")
    [ -f "$dir/$name.punch" ] && args+=(--punch "$work/$name.punch")
    [ -f "$dir/$name.print" ] && args+=(--printer "$work/$name.print")
    input=/dev/null
    [ -f "$dir/$name.in" ] && input="$dir/$name.in"

    timeout 120 "$PGSIM" --max-cycles "$MAX_CYCLES" "${args[@]}" "$work/$name.img" \
        <"$input" >"$work/stdout" 2>"$work/stderr"
    rc=$?

    [ "$rc" -eq "$status" ] || reasons+=("exit status $rc, expected $status")
    cmp -s "$dir/$name.out" "$work/stdout" || reasons+=("console output differs")
    if [ -f "$dir/$name.punch" ] && ! cmp -s "$dir/$name.punch" "$work/$name.punch"; then
        reasons+=("punch output differs")
    fi
    if [ -f "$dir/$name.print" ] && ! cmp -s "$dir/$name.print" "$work/$name.print"; then
        reasons+=("printer output differs")
    fi

    if [ ${#reasons[@]} -eq 0 ]; then
        echo "ok $name"
        passed=$((passed + 1))
    else
        msg=$(printf '%s; ' "${reasons[@]}")
        echo "FAIL $name: ${msg%; }"
        cmp -s "$dir/$name.out" "$work/stdout" || show_diff "$dir/$name.out" "$work/stdout"
        if [ -f "$dir/$name.punch" ] && ! cmp -s "$dir/$name.punch" "$work/$name.punch"; then
            if [ -f "$work/$name.punch" ]; then
                show_diff "$dir/$name.punch" "$work/$name.punch"
            else
                echo "    (no punch file written)"
            fi
        fi
        if [ -f "$dir/$name.print" ] && ! cmp -s "$dir/$name.print" "$work/$name.print"; then
            if [ -f "$work/$name.print" ]; then
                show_diff "$dir/$name.print" "$work/$name.print"
            else
                echo "    (no printer file written)"
            fi
        fi
        if [ -s "$work/stderr" ]; then
            echo "    pgsim said:"
            head -n 5 "$work/stderr" | sed 's/^/      /'
        fi
        failed=$((failed + 1))
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

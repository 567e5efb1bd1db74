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
#
# With EQUIV=TOOL (e.g. build/pgvmm) every program also runs under TOOL with
# the same options and --digest, and must give the very same console output,
# exit status, digest line, punch and printer files and disk contents: the
# Popek-Goldberg equivalence property, tested.
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

    # Run one tool on the program in its own folder (fresh disks, its own
    # punch and printer files); leaves stdout, stderr, rc and digest there.
    run_tool() {
        local tool=$1 out=$2
        mkdir -p "$out"
        local args=()
        read -r -a extra <<<"$(header "$src" pgsim-args)"
        args+=("${extra[@]}")
        while read -r dev; do
            [ -n "$dev" ] || continue
            head -c $((DISK_BLOCKS * 512)) /dev/zero >"$out/disk-$dev.img"
            args+=(--disk "$dev=$out/disk-$dev.img")
        done < <(sed -n 's/^;[[:space:]]*disk:[[:space:]]*\([0-9A-Fa-f]*\).*/\1/p' "$src")
        [ -f "$dir/$name.punch" ] && args+=(--punch "$out/$name.punch")
        [ -f "$dir/$name.print" ] && args+=(--printer "$out/$name.print")
        local input=/dev/null
        [ -f "$dir/$name.in" ] && input="$dir/$name.in"
        timeout 120 "$tool" --max-cycles "$MAX_CYCLES" --digest "${args[@]}" "$work/$name.img" \
            <"$input" >"$out/stdout" 2>"$out/stderr"
        echo $? >"$out/rc"
        grep '^digest: ' "$out/stderr" >"$out/digest"
        sed -i '/^digest: /d' "$out/stderr"
    }
    run_tool "$PGSIM" "$work/run"
    rc=$(cat "$work/run/rc")
    if [ -n "${EQUIV:-}" ]; then
        run_tool "$EQUIV" "$work/equiv"
        for f in stdout rc digest "$name.punch" "$name.print" $(cd "$work/run" && ls disk-*.img 2>/dev/null); do
            if [ -e "$work/run/$f" ] && ! cmp -s "$work/run/$f" "$work/equiv/$f"; then
                reasons+=("$(basename "$EQUIV") differs from $(basename "$PGSIM") in $f")
            fi
        done
        [ -s "$work/run/digest" ] || reasons+=("no digest line")
    fi
    [ "$rc" -eq "$status" ] || reasons+=("exit status $rc, expected $status")
    cmp -s "$dir/$name.out" "$work/run/stdout" || reasons+=("console output differs")
    if [ -f "$dir/$name.punch" ] && ! cmp -s "$dir/$name.punch" "$work/run/$name.punch"; then
        reasons+=("punch output differs")
    fi
    if [ -f "$dir/$name.print" ] && ! cmp -s "$dir/$name.print" "$work/run/$name.print"; then
        reasons+=("printer output differs")
    fi

    if [ ${#reasons[@]} -eq 0 ]; then
        echo "ok $name"
        passed=$((passed + 1))
    else
        msg=$(printf '%s; ' "${reasons[@]}")
        echo "FAIL $name: ${msg%; }"
        cmp -s "$dir/$name.out" "$work/run/stdout" || show_diff "$dir/$name.out" "$work/run/stdout"
        if [ -f "$dir/$name.punch" ] && ! cmp -s "$dir/$name.punch" "$work/run/$name.punch"; then
            if [ -f "$work/run/$name.punch" ]; then
                show_diff "$dir/$name.punch" "$work/run/$name.punch"
            else
                echo "    (no punch file written)"
            fi
        fi
        if [ -f "$dir/$name.print" ] && ! cmp -s "$dir/$name.print" "$work/run/$name.print"; then
            if [ -f "$work/run/$name.print" ]; then
                show_diff "$dir/$name.print" "$work/run/$name.print"
            else
                echo "    (no printer file written)"
            fi
        fi
        if [ -s "$work/run/stderr" ]; then
            echo "    $(basename "$PGSIM") said:"
            head -n 5 "$work/run/stderr" | sed 's/^/      /'
        fi
        if [ -n "${EQUIV:-}" ] && [ -s "$work/equiv/stderr" ]; then
            echo "    $(basename "$EQUIV") said:"
            head -n 5 "$work/equiv/stderr" | sed 's/^/      /'
        fi
        failed=$((failed + 1))
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

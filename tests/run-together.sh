#!/usr/bin/env bash
# run-together.sh -- every test program that needs no devices or input runs
# at once under one CP (pgvmm IMG... --console-dir), twice over with small
# time slices, and each VM's console file and digest must equal the
# program's solo run on pgsim: VMs sharing the CPU cannot see each other.
# Prints "ok NAME"/"FAIL NAME: reason" and "N passed, M failed".
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
PGAS=${PGAS:-build/pgas}
PGSIM=${PGSIM:-build/pgsim}
PGVMM=${PGVMM:-build/pgvmm}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pgtogether.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

images=()
names=()
for src in tests/programs/*.s; do
    name=$(basename "$src" .s)
    # only programs that need nothing but the console output
    grep -Eq '^;[[:space:]]*(pgsim-args|disk):' "$src" && continue
    [ -f "tests/programs/$name.in" ] && continue
    "$PGAS" -o "$tmp/$name.img" "$src" >/dev/null 2>&1 || { echo "FAIL $name: assembly failed"; exit 1; }
    "$PGSIM" --max-cycles 50000000 --digest "$tmp/$name.img" </dev/null >"$tmp/$name.bare" 2>"$tmp/$name.err"
    sed -n 's/^digest: //p' "$tmp/$name.err" >"$tmp/$name.digest"
    images+=("$tmp/$name.img" "$tmp/$name.img")
    names+=("$name")
done

mkdir -p "$tmp/con"
"$PGVMM" --slice 5000 --max-cycles 50000000 --digest --console-dir "$tmp/con" "${images[@]}" \
    </dev/null >"$tmp/stdout" 2>"$tmp/stderr"
passed=0
failed=0
for name in "${names[@]}"; do
    reasons=()
    for vm in "$name" "${name}_2"; do
        cmp -s "$tmp/$name.bare" "$tmp/con/$vm.console" || reasons+=("$vm's console differs")
        got=$(sed -n "s/^digest $vm: //p" "$tmp/stderr")
        [ "$got" = "$(cat "$tmp/$name.digest")" ] || reasons+=("$vm's digest differs")
    done
    if [ ${#reasons[@]} -eq 0 ]; then
        echo "ok $name (twice, at once with the others)"
        passed=$((passed + 1))
    else
        msg=$(printf '%s; ' "${reasons[@]}")
        echo "FAIL $name: ${msg%; }"
        failed=$((failed + 1))
    fi
done
[ -s "$tmp/stdout" ] && { echo "FAIL pgvmm wrote to standard output"; failed=$((failed + 1)); }
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

#!/bin/sh
# run-cli-tests.sh -- the command-line contracts of pgas, pgdis and pgsim:
# exit statuses, one-line errors, no partial output, determinism of --digest,
# --trace and --stats output.  Prints "ok NAME" or "FAIL NAME: why" for each
# check and a closing "N passed, M failed" line.
B=${B:-build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
failed=0

# Record one check: a name, then a shell condition (evaluated whole).
check() {
    if eval "$2"; then pass=$((pass + 1)); echo "ok $1"
    else failed=$((failed + 1)); echo "FAIL $1"; sed 's/^/    stderr: /' "$T/err"; fi
}

# Run a command, keep its status in $rc and stderr in $T/err.
run() { "$@" >"$T/out" 2>"$T/err"; rc=$?; }

# Assemble source text (stdin) into $T/$1.img.
asm() { cat >"$T/$1.s" && "$B/pgas" -o "$T/$1.img" "$T/$1.s"; }

asm wait7 <<'S'
        .org 0
        .psw S, go
        .org 0x200
go:     lpsw w(r0)
        .align 8
w:      .psw W, 0x1107
S
asm idle <<'S'
        .org 0
        .psw S, go
        .org 0x200
go:     lpsw w(r0)
        .align 8
w:      .psw W | I, 0
S
asm badnew <<'S'
        .org 0
        .psw S, go
        .org 0x38
        .word 0x80000000, 0             ; program new PSW with a reserved bit
        .org 0x200
go:     .word 0                         ; operation exception
S
asm loop <<'S'
        .org 0
        .psw S, go
        .org 0x200
go:     j go
S
asm pgmloop <<'S'
        .org 0
        .psw S, go
        .org 0x200
go:     .word 0                         ; no program new PSW was set up
S

run "$B/pgsim" "$T/wait7.img"
check "pgsim exit status is the wait code's low byte" '[ $rc = 7 ] && [ ! -s "$T/out" ] && [ ! -s "$T/err" ]'
run "$B/pgsim" "$T/idle.img"
check "pgsim idle wait exits 252 with a message" '[ $rc = 252 ] && grep -q "enabled wait" "$T/err"'
run "$B/pgsim" "$T/badnew.img"
check "pgsim invalid new PSW is a check stop (253)" '[ $rc = 253 ] && grep -q "check stop" "$T/err"'
run "$B/pgsim" "$T/pgmloop.img"
check "pgsim program-interruption loop is a check stop (253)" '[ $rc = 253 ]'
run "$B/pgsim" --max-cycles 1000 "$T/loop.img"
check "pgsim --max-cycles exits 254 with a message" '[ $rc = 254 ] && grep -q "max-cycles 1000" "$T/err"'
run "$B/pgsim" --bogus "$T/wait7.img"
check "pgsim unknown option exits 255 naming it" '[ $rc = 255 ] && grep -q "unknown option: --bogus" "$T/err" && [ "$(wc -l <"$T/err")" = 1 ]'
run "$B/pgsim" "$T/nonexistent.img"
check "pgsim missing image exits 255" '[ $rc = 255 ] && grep -q "nonexistent.img: cannot open" "$T/err"'
run "$B/pgsim"
check "pgsim without an image exits 255" '[ $rc = 255 ] && grep -q "no IMAGE" "$T/err"'
run "$B/pgsim" --mem 5000 "$T/wait7.img"
check "pgsim bad --mem exits 255" '[ $rc = 255 ] && grep -q -- "--mem" "$T/err"'
head -c 8192 /dev/zero >"$T/big.img"
run "$B/pgsim" --mem 4K "$T/big.img"
check "pgsim image larger than storage exits 255" '[ $rc = 255 ] && grep -q "larger than storage" "$T/err"'
head -c 1000 /dev/zero >"$T/odd.disk"
run "$B/pgsim" --disk 191="$T/odd.disk" "$T/wait7.img"
check "pgsim disk of odd size exits 255" '[ $rc = 255 ] && grep -q "multiple of 512" "$T/err"'
run "$B/pgsim" --ipl 00c
check "pgsim --ipl of a non-disk exits 255" '[ $rc = 255 ] && grep -q "not a disk" "$T/err"'
run "$B/pgsim" --ipl 190 "$T/wait7.img"
check "pgsim image and --ipl together exit 255" '[ $rc = 255 ]'

# IPL from a disk: the image as the disk's first blocks.
dd if=/dev/zero of="$T/ipl.disk" bs=512 count=16 2>/dev/null
dd if="$T/wait7.img" of="$T/ipl.disk" conv=notrunc 2>/dev/null
run "$B/pgsim" --disk 190="$T/ipl.disk" --ipl 190
check "pgsim --ipl from a disk runs its first 4 KiB" '[ $rc = 7 ]'

run "$B/pgsim" --digest "$T/wait7.img"; d1=$(cat "$T/err")
run "$B/pgsim" --digest "$T/wait7.img"; d2=$(cat "$T/err")
check "pgsim --digest is one line and repeatable" '[ -n "$d1" ] && [ "$d1" = "$d2" ] && echo "$d1" | grep -Eq '\''^digest: [0-9a-f]{16}$'\'''
run "$B/pgsim" --digest --mem 2M "$T/wait7.img"
check "pgsim --digest covers storage" '[ "$(cat "$T/err")" != "$d1" ]'

run "$B/pgsim" --trace "$T/wait7.img"
check "pgsim --trace shows the instruction and its address" 'grep -q "00000200  80000208  lpsw" "$T/err"'
run "$B/pgsim" --stats "$T/wait7.img"
check "pgsim --stats shows the counters" 'grep -q "instructions 1" "$T/err" && grep -q "guest MIPS" "$T/err" && grep -q "TLB misses" "$T/err"'

# pgas: errors leave nothing behind and the status says what happened.
printf '        addi r1, r0, 99999\n        bogus r1\n' >"$T/bad.s"
run "$B/pgas" -o "$T/bad.img" "$T/bad.s"
check "pgas errors exit 1 and name file:line:col" '[ $rc = 1 ] && grep -q "bad.s:1:" "$T/err" && grep -q "bad.s:2:" "$T/err"'
check "pgas leaves no output after errors" '[ ! -e "$T/bad.img" ] && [ ! -e "$T/bad.sym" ]'
run "$B/pgas"
check "pgas without a source is a usage error (2)" '[ $rc = 2 ]'
run "$B/pgas" -l "$T/wait7.lst" -o "$T/w.img" "$T/wait7.s"
check "pgas writes image, symbol file and listing" '[ $rc = 0 ] && [ -s "$T/w.img" ] && grep -q " go$" "$T/w.sym" && grep -q "lpsw" "$T/wait7.lst"'

# pgdis: labels from the symbol file beside the image.
run "$B/pgdis" --start 0x200 --count 4 "$T/w.img"
check "pgdis disassembles with labels" 'grep -q "^go:" "$T/out" && grep -q "lpsw  w(r0)" "$T/out"'
run "$B/pgdis" "$T/nonexistent.img"
check "pgdis missing image exits 2 with one line" '[ $rc = 2 ] && [ "$(wc -l <"$T/err")" = 1 ]'

# pgvmm: one image behaves as pgsim; several images; the directory.
run "$B/pgvmm" "$T/wait7.img"
check "pgvmm exit status is the wait code, as pgsim" '[ $rc = 7 ] && [ ! -s "$T/out" ] && [ ! -s "$T/err" ]'
run "$B/pgvmm" "$T/idle.img"
check "pgvmm idle wait exits 252" '[ $rc = 252 ] && grep -q "enabled wait" "$T/err"'
run "$B/pgvmm" "$T/badnew.img"
check "pgvmm invalid new PSW is a check stop (253)" '[ $rc = 253 ]'
run "$B/pgvmm" "$T/pgmloop.img"
check "pgvmm program-interruption loop is a check stop (253)" '[ $rc = 253 ]'
run "$B/pgvmm" --max-cycles 1000 "$T/loop.img"
check "pgvmm --max-cycles exits 254" '[ $rc = 254 ] && grep -q "max-cycles 1000" "$T/err"'
run "$B/pgvmm" --digest "$T/wait7.img"
check "pgvmm --digest is the same as pgsim" '[ "$(cat "$T/err")" = "$d1" ]'
run "$B/pgvmm" --bogus "$T/wait7.img"
check "pgvmm unknown option exits 255" '[ $rc = 255 ] && grep -q "unknown option: --bogus" "$T/err"'
run "$B/pgvmm" --disk 191="$T/ipl.disk" "$T/wait7.img" "$T/idle.img"
check "pgvmm refuses device options with several images" '[ $rc = 255 ] && grep -q "single VM" "$T/err"'
run "$B/pgvmm" --real-mem 1M --mem 1M "$T/wait7.img"
check "pgvmm refuses a VM that does not fit" '[ $rc = 255 ] && grep -q "do not fit" "$T/err"'
mkdir -p "$T/con"
run "$B/pgvmm" --console-dir "$T/con" --digest "$T/wait7.img" "$T/wait7.img" "$T/idle.img"
check "pgvmm several images: one line each, status 1 when one did not end in a disabled wait" '[ $rc = 1 ] && grep -q "wait7: disabled wait, code 0x00001107" "$T/err" && grep -q "wait7_2: disabled wait" "$T/err" && grep -q "idle: enabled wait" "$T/err" && [ "$(grep -c "^digest " "$T/err")" = 3 ]'
check "pgvmm --console-dir writes NAME.console for each VM" '[ -e "$T/con/wait7.console" ] && [ -e "$T/con/wait7_2.console" ] && [ -e "$T/con/idle.console" ]'
printf 'USER ONE\n  IPL FILE wait7.img\nUSER TWO MEMORY 3K\n' >"$T/bad.direct"
run "$B/pgvmm" --directory "$T/bad.direct"
check "pgvmm refuses a malformed directory with file:line" '[ $rc = 255 ] && grep -q "bad.direct:3:" "$T/err"'
printf 'USER ONE\n  IPL FILE wait7.img\nUSER TWO\n  IPL FILE wait7.img\n' >"$T/good.direct"
run "$B/pgvmm" --directory "$T/good.direct"
check "pgvmm --directory logs on and runs every VM" '[ $rc = 0 ] && grep -q "ONE: disabled wait" "$T/err" && grep -q "TWO: disabled wait" "$T/err"'

echo "$pass passed, $failed failed"
[ "$failed" = 0 ]

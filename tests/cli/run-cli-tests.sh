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

# cmsdisk: CMS disk images (guest-os/README.md); refusals leave the disk as it was.
C="$B/cmsdisk"
G="$(pwd)/guest-os/common"
D="$T/cms"
mkdir -p "$D"
run "$C" --help
check "cmsdisk --help shows the usage" '[ $rc = 0 ] && grep -q "^usage: cmsdisk" "$T/out"'
run "$C"
check "cmsdisk without a command is a usage error (2), one line" '[ $rc = 2 ] && [ "$(wc -l <"$T/err")" = 1 ]'
run "$C" frobnicate "$D/a.disk"
check "cmsdisk unknown command exits 2" '[ $rc = 2 ] && grep -q "unknown command: frobnicate" "$T/err"'
run "$C" create "$D/a.disk" 64 extra
check "cmsdisk too many arguments exits 2" '[ $rc = 2 ]'
run "$C" create "$D/a.disk" 256
check "cmsdisk create makes an all-zero image" '[ $rc = 0 ] && [ "$(wc -c <"$D/a.disk")" = 131072 ] && [ "$(tr -d "\000" <"$D/a.disk" | wc -c)" = 0 ]'
run "$C" create "$D/a.disk" 16
check "cmsdisk create refuses an existing file" '[ $rc = 1 ] && grep -q "a.disk: already exists" "$T/err" && [ "$(wc -c <"$D/a.disk")" = 131072 ]'
run "$C" list "$D/a.disk"
check "cmsdisk list refuses an unformatted disk" '[ $rc = 1 ] && grep -q "a.disk: not a CMS disk: no PGCMSFS1 magic" "$T/err"'
run "$C" format "$D/a.disk" --label cms191
check "cmsdisk format writes the header" '[ $rc = 0 ] && [ "$(head -c 8 "$D/a.disk")" = PGCMSFS1 ]'
run "$C" format "$D/a.disk"
check "cmsdisk format refuses to replace a file system without --force" '[ $rc = 1 ] && grep -q "already has a CMS file system" "$T/err"'
printf 'line one\nline two' >"$T/note.txt"
run "$C" put "$D/a.disk" "$T/note.txt" note text
run "$C" get "$D/a.disk" NOTE TEXT "$T/note.out"
check "cmsdisk put/get text: stored as is, final newline added" '[ $rc = 0 ] && [ "$(cat "$T/note.out")" = "$(printf "line one\nline two")" ] && [ "$(wc -c <"$T/note.out")" = 18 ]'
asm mod <<'S'
        .org  0x10000
start:  svc   1
        .asciz "Hello from a module"
S
run "$C" put "$D/a.disk" "$T/mod.img" hello module
run "$C" get "$D/a.disk" hello module "$T/mod.raw"
check "cmsdisk put/get MODULE: the bytes from 0x10000" '[ $rc = 0 ] && tail -c +65537 "$T/mod.img" | cmp -s - "$T/mod.raw"'
run "$C" get "$D/a.disk" hello module "$T/mod.back" --image
check "cmsdisk get --image gives the loadable image back" '[ $rc = 0 ] && cmp -s "$T/mod.img" "$T/mod.back"'
run "$C" put "$D/a.disk" "$T/note.txt" short module
check "cmsdisk put refuses a MODULE image that does not reach 0x10000" '[ $rc = 1 ] && grep -q "note.txt: not a MODULE image" "$T/err"'
printf 'replaced\n' >"$T/new.txt"
run "$C" put "$D/a.disk" "$T/new.txt" NOTE TEXT
run "$C" list "$D/a.disk"
check "cmsdisk list: heading, sorted lines, total; a put replaces" '[ $rc = 0 ] && [ "$(sed -n 1p "$T/out")" = "FN       FT       BLOCKS  BYTES" ] && [ "$(sed -n 2p "$T/out")" = "HELLO    MODULE        1     24" ] && [ "$(sed -n 3p "$T/out")" = "NOTE     TEXT          1      9" ] && grep -q "^2 files, 2 blocks, 33 bytes; .* label .CMS191., origin 0" "$T/out" && [ "$(wc -l <"$T/out")" = 4 ]'
run "$C" erase "$D/a.disk" note text
run "$C" erase "$D/a.disk" note text
check "cmsdisk erase, then erase again is refused (1)" '[ $rc = 1 ] && grep -q "file NOTE TEXT not found" "$T/err"'
run "$C" get "$D/a.disk" note text "$T/none.out"
check "cmsdisk get of a missing file writes nothing" '[ $rc = 1 ] && [ ! -e "$T/none.out" ]'
run "$C" put "$D/a.disk" "$T/new.txt" "bad.name" text
check "cmsdisk refuses a bad name (2)" '[ $rc = 2 ] && grep -q "bad file name .bad.name." "$T/err"'

# Full disk and full directory: refused, and the disk is byte for byte unchanged.
"$C" create "$D/s.disk" 12 >/dev/null && "$C" format "$D/s.disk" --dir-blocks 1 >/dev/null
head -c 6000 /dev/zero | tr '\000' x >"$T/big.txt"
cp "$D/s.disk" "$T/s.before"
run "$C" put "$D/s.disk" "$T/big.txt" big text
check "cmsdisk full disk is refused, disk unchanged" '[ $rc = 1 ] && grep -q "disk full: BIG TEXT needs 12 blocks, the largest free run has 10" "$T/err" && cmp -s "$D/s.disk" "$T/s.before" && [ -z "$(ls "$D" | grep tmp)" ]'
"$C" create "$D/d.disk" 64 >/dev/null && "$C" format "$D/d.disk" --dir-blocks 1 >/dev/null
: >"$T/empty.txt"
i=0; while [ $i -lt 16 ]; do "$C" put "$D/d.disk" "$T/empty.txt" "F$i" X 2>>"$T/fill.err" >/dev/null; i=$((i + 1)); done
cp "$D/d.disk" "$T/d.before"
run "$C" put "$D/d.disk" "$T/new.txt" F16 X
check "cmsdisk full directory is refused, disk unchanged" '[ $rc = 1 ] && [ ! -s "$T/fill.err" ] && grep -q "directory full: all 16 entries are in use" "$T/err" && cmp -s "$D/d.disk" "$T/d.before"'
"$C" put "$D/s.disk" "$T/new.txt" F0 X && "$C" put "$D/s.disk" "$T/new.txt" F1 X

# Damaged images: each refused with its reason, by every command, unchanged.
head -c 1000 /dev/zero >"$D/odd.disk"
run "$C" list "$D/odd.disk"
check "cmsdisk refuses a size that is not a multiple of 512" '[ $rc = 1 ] && grep -q "odd.disk: damaged disk: 1000 bytes is not a positive multiple of 512" "$T/err"'
patch() { printf "$3" | dd of="$1" bs=1 seek="$2" conv=notrunc 2>/dev/null; }
cp "$D/s.disk" "$D/h.disk"; patch "$D/h.disk" 8 '\000\000\000\015'
run "$C" list "$D/h.disk"
check "cmsdisk refuses header counts beyond the image" '[ $rc = 1 ] && grep -q "h.disk: damaged disk: the header says 13 file-system blocks from block 0, but the disk has only 12" "$T/err"'
cp "$D/s.disk" "$D/o.disk"; patch "$D/o.disk" $((512 + 32 + 16)) '\000\000\000\002'
cp "$D/o.disk" "$T/o.before"
run "$C" put "$D/o.disk" "$T/new.txt" other x
check "cmsdisk refuses overlapping extents, disk unchanged" '[ $rc = 1 ] && grep -q "o.disk: damaged disk: directory entry 1 (F1 X, blocks 2+1) overlaps entry 0 (F0 X, blocks 2+1)" "$T/err" && cmp -s "$D/o.disk" "$T/o.before"'
cp "$D/s.disk" "$D/x.disk"; patch "$D/x.disk" $((512 + 16)) '\000\000\000\014'
run "$C" erase "$D/x.disk" f1 x
check "cmsdisk refuses an extent outside the data area" '[ $rc = 1 ] && grep -q "directory entry 0 (F0 X): blocks 12+1 lie outside the data area (blocks 2 to 11)" "$T/err"'
cp "$D/s.disk" "$D/l.disk"; patch "$D/l.disk" $((512 + 24)) '\000\000\002\001'
run "$C" get "$D/l.disk" f1 x "$T/l.out"
check "cmsdisk refuses a length beyond its blocks" '[ $rc = 1 ] && grep -q "directory entry 0 (F0 X): length 513 is beyond its 1 blocks" "$T/err" && [ ! -e "$T/l.out" ]'
cp "$D/s.disk" "$D/n.disk"; patch "$D/n.disk" 512 'f'
run "$C" list "$D/n.disk"
check "cmsdisk refuses a bad name in the directory" '[ $rc = 1 ] && grep -q "directory entry 0 has a bad file name .f0      ." "$T/err"'

# A system disk: boot image at block 0, file system at 128.
asm tiny <<S
IPLDEV = 0x190
        .include "$G/boot.inc"
        .include "$G/lowcore.inc"
        .org  0x1800                    ; beyond the 4 KiB that IPL reads
nucleus: la   r1, msg
        call  puts
        li    r3, LC_CSW
        lpsw  done(r0)
        .align 8
done:   .psw  W, 0x2A
msg:    .asciz "booted beyond 4 KiB\n"
        .include "$(pwd)/tests/programs/conio.inc"
image_end:
S
run "$C" create "$D/sys.disk" 2048
run "$C" boot "$D/sys.disk" "$T/tiny.img"
run "$C" format "$D/sys.disk" --origin 128 --label cms190
run "$C" put "$D/sys.disk" "$T/mod.img" HELLO MODULE
run "$C" list "$D/sys.disk"
check "cmsdisk system disk: boot, format --origin 128, put, list" '[ $rc = 0 ] && grep -q "^HELLO    MODULE        1     24$" "$T/out" && grep -q "label .CMS190., origin 128" "$T/out" && cmp -s -n "$(wc -c <"$T/tiny.img")" "$T/tiny.img" "$D/sys.disk"'
head -c 70000 /dev/zero >"$T/huge.img"
run "$C" boot "$D/sys.disk" "$T/huge.img"
check "cmsdisk boot refuses an image that reaches the file system at 128" '[ $rc = 1 ] && grep -q "huge.img: 70000 bytes does not fit below the file system at block 128" "$T/err"'
head -c 70000 /dev/zero | tr '\000' x >"$T/long.img"
"$C" create "$D/long.disk" 2048 >/dev/null && "$C" boot "$D/long.disk" "$T/long.img" >/dev/null
run "$C" format "$D/long.disk" --origin 128
check "cmsdisk format refuses to overwrite a boot image longer than 64 KiB" '[ $rc = 1 ] && grep -q "blocks 128 to 2047 are not empty" "$T/err"'
run "$C" boot "$D/a.disk" "$T/tiny.img"
check "cmsdisk boot refuses a disk with a file system at block 0" '[ $rc = 1 ] && grep -q "has a CMS file system at block 0" "$T/err"'
run "$B/pgsim" --disk 190="$D/sys.disk" --ipl 190
check "boot.inc: pgsim IPLs the system disk and runs code past 4 KiB" '[ $rc = 42 ] && [ "$(cat "$T/out")" = "booted beyond 4 KiB" ] && [ ! -s "$T/err" ]'
run "$B/pgvmm" --disk 190="$D/sys.disk" --ipl 190
check "boot.inc: pgvmm does the same under CP" '[ $rc = 42 ] && [ "$(cat "$T/out")" = "booted beyond 4 KiB" ]'
"$C" create "$D/short.disk" 8 >/dev/null && head -c 4096 "$T/tiny.img" | dd of="$D/short.disk" conv=notrunc 2>/dev/null
run "$B/pgsim" --disk 190="$D/short.disk" --ipl 190
check "boot.inc: an image beyond the disk ends in disabled wait 0xB3" '[ $rc = 179 ] && [ ! -s "$T/out" ]'

echo "$pass passed, $failed failed"
[ "$failed" = 0 ]

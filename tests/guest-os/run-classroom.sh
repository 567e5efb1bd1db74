#!/usr/bin/env bash
# run-classroom.sh -- the classroom system of guest-os/demo.dir under CP:
# three CMS users, TSS and RSCS at once, on copies of the A-disks made for the
# test.  Checks how each VM ends, that TSS's console is its transcript, that
# RSCS printed CMS1's note and forwarded CMS3's letter to CMS2, that the same
# run twice is the same bit for bit, and that other time slices change
# nothing a VM does on its own.
# Prints "ok NAME"/"FAIL NAME: why" and "N passed, M failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
B=${B:-build}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/classroom.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
# Record one check: a name, then a shell condition.
check() {
    if eval "$2"; then passed=$((passed + 1)); echo "ok $1"
    else failed=$((failed + 1)); echo "FAIL $1"; fi
}

# Run the directory once with a slice; consoles and logs in $tmp/$1.
run() {
    local out="$tmp/$1"
    mkdir -p "$out/disks" "$out/con"
    for n in 1 2 3; do
        "$B/cmsdisk" create "$out/disks/cms$n.disk" 1024 >/dev/null &&
        "$B/cmsdisk" format "$out/disks/cms$n.disk" --label CMS191 >/dev/null &&
        "$B/cmsdisk" put "$out/disks/cms$n.disk" "guest-os/demo/cms$n.exec" PROFILE EXEC >/dev/null
    done
    sed -e "s|\.\./build/guest-os/cms\([123]\)\.disk|$out/disks/cms\1.disk|" \
        -e "s|\.\./build/guest-os/rscs\.print|$out/rscs.print|" \
        -e "s|\.\./build/|$root/$B/|" guest-os/demo.dir >"$out/demo.dir"
    "$B/pgvmm" --slice "$2" --directory "$out/demo.dir" --console-dir "$out/con" \
        </dev/null >"$out/stdout" 2>"$out/stderr"
    echo $? >"$out/rc"
}

run one 200000
o="$tmp/one"
check "pgvmm exits 1: RSCS idles waiting for files, as a service machine does" '[ "$(cat $o/rc)" = 1 ]'
for vm in CMS1 CMS2 CMS3 TSS; do
    check "$vm ends in disabled wait 0" 'grep -q "^pgvmm: $vm: disabled wait, code 0x00000000$" "$o/stderr"'
done
check "RSCS ends in its enabled wait" 'grep -q "^pgvmm: RSCS: enabled wait" "$o/stderr"'
check "TSS prints its transcript" 'cmp -s tests/guest-os/tss.out "$o/con/TSS.console"'
check "RSCS printed the note from CMS1 with a banner" 'grep -q "from:  CMS1" "$o/rscs.print" && grep -q "a note from CMS1" "$o/rscs.print"'
check "RSCS forwarded the letter from CMS3 to CMS2" 'grep -q "LETTER TEXT from CMS3: forwarded to CMS2" "$o/con/RSCS.console"'
check "CMS2 ran HELLO MODULE in problem state" 'grep -q "Hello" "$o/con/CMS2.console"'
# The same run again: every console and the printer file are the same, bit
# for bit (CP is deterministic).  Then other time slices: what each VM does
# on its own is the same; the order in which spool files reach RSCS is not.
run again 200000
same=1
for f in con/CMS1.console con/CMS2.console con/CMS3.console con/TSS.console con/RSCS.console rscs.print; do
    cmp -s "$tmp/one/$f" "$tmp/again/$f" || same=0
done
check "the same run twice: the same consoles and printer file" '[ $same = 1 ]'
run two 777
# CMS3 prints CP QUERY TIME: its virtual time is the same, CP's real time not
for vm in CMS1 CMS2 CMS3 TSS; do
    grep -v "^REAL TIME" "$tmp/one/con/$vm.console" >"$tmp/one.$vm"
    grep -v "^REAL TIME" "$tmp/two/con/$vm.console" >"$tmp/two.$vm"
done
check "other time slices: CMS and TSS consoles the same (but the real time CP reports)" \
    'cmp -s "$tmp/one.CMS1" "$tmp/two.CMS1" && cmp -s "$tmp/one.CMS2" "$tmp/two.CMS2" && cmp -s "$tmp/one.CMS3" "$tmp/two.CMS3" && cmp -s "$tmp/one.TSS" "$tmp/two.TSS"'
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

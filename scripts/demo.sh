#!/bin/sh
# demo.sh -- make demo: the greeting on the bare machine, then the classroom
# system of guest-os/demo.dir under CP -- three CMS users, a TSS machine and
# the RSCS spool service machine at once: on a terminal in CP's operator
# panel, otherwise run to its end with each console and RSCS's printer shown.
set -e
B=${B:-build}
mkdir -p "$B/examples"
echo "== The bare machine: pgsim runs a greeting"
"$B/pgas" -o "$B/examples/hello.img" examples/hello.s
"$B/pgsim" "$B/examples/hello.img"

echo
echo "== CP: pgvmm --directory guest-os/demo.dir (five VMs on one simulated PG32)"
# fresh A-disks (each with its PROFILE EXEC) and an empty printer file
rm -f "$B"/guest-os/cms[0-9].disk "$B/guest-os/rscs.print"
make --no-print-directory -s $(ls guest-os/demo/cms*.exec | sed "s|guest-os/demo/\(.*\)\.exec|$B/guest-os/\1.disk|")
rm -rf "$B/demo" && mkdir -p "$B/demo"
# On a terminal: the classroom system live in CP's operator panel (F10 or
# SHUTDOWN ends it).  Otherwise (a script, CI): run it and print what it did.
if [ -t 0 ] && [ -t 1 ]; then
    "$B/pgvmm" --monitor --directory guest-os/demo.dir --console-dir "$B/demo"
    echo "Consoles: $B/demo/NAME.console; RSCS's printer: $B/guest-os/rscs.print"
    exit 0
fi
status=0
# (standard output to a file: on a terminal pgvmm --directory would open the
# panel; `build/pgvmm --monitor --directory guest-os/demo.dir` does that)
"$B/pgvmm" --directory guest-os/demo.dir --console-dir "$B/demo" --stats \
    >"$B/demo/stdout" 2>"$B/demo/cp.log" </dev/null || status=$?
for vm in CMS1 CMS2 CMS3 TSS RSCS; do
    echo
    echo "-- $vm's console ($B/demo/$vm.console)"
    cat "$B/demo/$vm.console"
done
echo
echo "-- RSCS's printer ($B/guest-os/rscs.print)"
cat "$B/guest-os/rscs.print"
echo
echo "-- how each VM ended, and CP's statistics ($B/demo/cp.log)"
grep -v ': emulated ' "$B/demo/cp.log"
echo
echo "To watch it live in CP's operator panel: build/pgvmm --monitor --directory guest-os/demo.dir"
# RSCS, a service machine, ends waiting for more files: pgvmm's status 1
[ "$status" -le 1 ]

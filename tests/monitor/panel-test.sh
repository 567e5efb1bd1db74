#!/usr/bin/env bash
# panel-test.sh -- pgvmm --monitor in a real terminal: tmux runs the panel in
# detached sessions of 132x40 on a private server, sends keys (send-keys) and
# reads the screen (capture-pane).  Checks the VM list, registers after STEP,
# a trap caught by BREAK TRAP LPSW with the lpsw instruction shown, a line
# typed into a CMS VM's console answered by "R;", and that SHUTDOWN ends the
# process with status 0, leaving the terminal out of the panel's screen, and
# that after SIGTERM or a crash signal the terminal's modes are sane again.
# Prints "ok NAME" or "FAIL NAME", then "N passed, M failed".
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
PGVMM=${PGVMM:-build/pgvmm}
PGAS=${PGAS:-build/pgas}
CMS190=${CMS190:-build/guest-os/cms190.disk}
A191=${A191:-build/guest-os/a191.disk}
passed=0
failed=0

if ! command -v tmux >/dev/null 2>&1; then
    echo "panel-test: tmux is not installed: skipped (scripts/install-deps.sh installs it)"
    exit 0
fi
for f in "$PGVMM" "$PGAS" "$CMS190" "$A191"; do
    if [ ! -f "$f" ]; then
        echo "FAIL panel: $f is missing (run make)"
        echo "0 passed, 1 failed"
        exit 1
    fi
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/panel-test.XXXXXX") || exit 2
sock="pgvmm-panel-$$"
tm() { tmux -L "$sock" "$@"; }
trap 'tm kill-server 2>/dev/null; rm -rf "$tmp"' EXIT

# A guest that counts in r1 forever, through an LPSW (a trap) each time round.
cat >"$tmp/loop.s" <<'EOF'
        .org  0
        .psw  S, start
        .org  0x200
start:  li    r1, 0
loop:   addi  r1, r1, 1
        lpsw  again(r0)
        .align 8
again:  .psw  S, loop
EOF
"$PGAS" "$tmp/loop.s" -o "$tmp/loop.img" || { echo "FAIL panel: cannot assemble"; exit 1; }
"$PGAS" tests/programs/hello.s -o "$tmp/hello.img" || { echo "FAIL panel: cannot assemble"; exit 1; }
cp "$CMS190" "$tmp/cms190.disk"
cp "$A191" "$tmp/a.disk"
printf 'USER CMS1 MEMORY 1M\n  MDISK 190 cms190.disk 0 2048 R\n  MDISK 191 a.disk 0 1024 W\n  IPL 190\n' >"$tmp/cms.dir"

result() {                          # result NAME OK?
    if [ "$2" = 0 ]; then
        echo "ok $1"
        passed=$((passed + 1))
    else
        echo "FAIL $1"
        failed=$((failed + 1))
        [ -n "${3:-}" ] && printf '%s\n' "$3" | sed 's/^/    /' | head -45
    fi
}
screen() { tm capture-pane -p -t "$1"; }
# wait_for SESSION REGEX [SECONDS]: poll the screen until REGEX shows (status 0).
wait_for() {
    local end=$((SECONDS + ${3:-8}))
    while [ $SECONDS -lt $end ]; do
        screen "$1" | grep -Eq -- "$2" && return 0
        sleep 0.1
    done
    return 1
}
# start SESSION ARGS...: pgvmm ARGS in a 132x40 terminal, in $tmp, under a shell
# that writes its exit status to $tmp/status.SESSION; echo pgvmm's pid.
start() {
    local s=$1 shpid pid= i
    shift
    shpid=$(tm new-session -d -s "$s" -x 132 -y 40 -c "$tmp" -P -F '#{pane_pid}' \
        "$root/$PGVMM $* 2>>$tmp/stderr.$s; echo \$? >$tmp/status.$s; sleep 60") || return
    for i in $(seq 50); do
        pid=$(pgrep -P "$shpid" -x "$(basename "$PGVMM")" | head -1)
        [ -n "$pid" ] && break
        sleep 0.1
    done
    echo "$pid"
}
# ended SESSION [SECONDS]: wait until pgvmm has exited with status 0.
ended() {
    local end=$((SECONDS + ${2:-8}))
    while [ $SECONDS -lt $end ]; do
        [ "$(cat "$tmp/status.$1" 2>/dev/null)" = 0 ] && return 0
        sleep 0.1
    done
    return 1
}
reg() { screen "$1" | sed -n "s/^r0  [0-9a-f]*  r1  \([0-9a-f]*\) .*/\1/p"; }

# ---- one image VM that loops, one that says hello and ends ------------------
pid=$(start vm --monitor loop.img hello.img)
wait_for vm '^>loop +running' && wait_for vm '^ hello +disabled wait'
result panel-vm-list $?  "$(screen vm)"

tm send-keys -t vm 'STOP' Enter
ok=1
if wait_for vm 'loop STOPPED' && wait_for vm '^>loop +stopped'; then
    sleep 0.2                       # one more redraw of the registers
    r1_before=$(reg vm)
    tm send-keys -t vm 'STEP 2' Enter
    if wait_for vm 'G1=' && wait_for vm '^>loop +stopped: step'; then
        sleep 0.2
        r1_after=$(reg vm)
        [ -n "$r1_before" ] && [ -n "$r1_after" ] && [ "$r1_before" != "$r1_after" ] && ok=0
    fi
fi
[ $ok = 0 ]
result panel-step-registers $? "r1 ${r1_before:-?} -> ${r1_after:-?}
$(screen vm)"

tm send-keys -t vm 'BREAK TRAP LPSW' Enter 'BEGIN' Enter
wait_for vm '^>loop +stopped: trap' && wait_for vm '=>00000208 +[0-9a-f]{8} lpsw' &&
    wait_for vm 'lpsw +again\(r0\) +BREAK TRAP( |$)'
result panel-break-trap $? "$(screen vm)"

tm send-keys -t vm 'q' Tab 'NA' Tab Enter
wait_for vm 'CP> QUERY NAMES' && wait_for vm ' loop +stopped *$'
result panel-completion $? "$(screen vm)"

tm send-keys -t vm 'SHUTDOWN' Enter
ended vm
dead=$?
sleep 0.1
[ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null && [ $dead = 0 ] &&
    [ "$(tm display-message -p -t vm '#{alternate_on}')" = 0 ]
result panel-shutdown $? "status $(cat "$tmp/status.vm" 2>/dev/null)
$(cat "$tmp/stderr.vm")
$(screen vm)"

# ---- CMS: a line typed into its console is answered ---------------------------
pid=$(start cms --monitor --directory cms.dir)
wait_for cms 'A-disk 191 is not formatted' && wait_for cms '^>CMS1 +waiting: console'
result panel-cms-started $? "$(screen cms)"
tm send-keys -t cms F2
wait_for cms '^CMS1>' && tm send-keys -t cms 'FORMAT A' Enter
wait_for cms 'formatted: 1024 blocks' && wait_for cms 'R;'
result panel-cms-console $? "$(screen cms)"
tm send-keys -t cms F10
ended cms && [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null
result panel-quit-key $? "status $(cat "$tmp/status.cms" 2>/dev/null)
$(cat "$tmp/stderr.cms")
$(screen cms)"

# ---- the terminal is sane after SIGTERM and after a crash signal -------------
# sig SIGNAL: pgvmm under a shell that then prints the terminal's modes.
sig() {
    local s="sig$1" shpid pid=
    shpid=$(tm new-session -d -s "$s" -x 132 -y 40 -c "$tmp" -P -F '#{pane_pid}' \
        "$root/$PGVMM --monitor loop.img; echo \"status=\$?\"; stty -a; sleep 30")
    wait_for "$s" '^>loop +running' || return 1
    pid=$(pgrep -P "$shpid" -x "$(basename "$PGVMM")" | head -1)
    [ -n "$pid" ] && kill "-$1" "$pid" || return 1
    wait_for "$s" '^status=' && wait_for "$s" ' icanon .* echo ' || return 1
    ! screen "$s" | grep -Eq -- '-icanon|-echo |CP>'
}
sig TERM
result panel-sigterm-restores $? "$(screen sigTERM)"
sig SEGV
result panel-crash-restores $? "$(screen sigSEGV)"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]

#!/usr/bin/env bash
# starter.sh -- write a lab's starter tree (make lab-starter LAB=NAME DEST=DIR):
# the whole project, with that lab's solution regions replaced by their stubs
# and without any lab's hidden tests (labs/README.md).
#
#   bash labs/lib/starter.sh LAB DEST
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
B=${B:-build}
. "$ROOT/labs/lib/common.sh"

LAB=${1:-} DEST=${2:-}
check_lab lab-starter "$LAB" || exit 2
if [ -z "$DEST" ]; then
    echo "lab-starter: say where: make lab-starter LAB=$LAB DEST=DIR" >&2
    exit 2
fi
if [ -e "$DEST" ] && [ -n "$(ls -A "$DEST" 2>/dev/null)" ]; then
    echo "lab-starter: $DEST exists and is not empty: refusing to write a starter there" >&2
    exit 1
fi
case $B in /*) labcut=$B/labcut ;; *) labcut=$ROOT/$B/labcut ;; esac
tree_files | "$labcut" cut "$LAB" "$DEST" --root "$ROOT" || exit 1
cat <<TXT
The starter of lab $LAB is in $DEST.  Its handout is $DEST/labs/$LAB/README.md.
The files to edit:
$(tree_files | "$labcut" list "$LAB" --root "$ROOT" | sed 's/^/    /')
Build it and run the public tests:
    cd $DEST && make && make grade LAB=$LAB
TXT

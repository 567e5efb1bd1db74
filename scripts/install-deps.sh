#!/bin/sh
# install-deps.sh -- make sure the Debian packages vmlab builds and tests with
# are installed: as root with apt-get, else through sudo, else print the
# exact command to run and fail.
set -e
PACKAGES="build-essential libcunit1-dev libncurses-dev libreadline-dev tmux"

missing=""
for p in $PACKAGES; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

cmd="apt-get install -y$missing"
echo "vmlab: installing missing packages:$missing"
if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive $cmd
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive $cmd
else
    echo "vmlab: cannot install packages (not root, no sudo). Run as root:" >&2
    echo "    apt-get update && $cmd" >&2
    exit 1
fi

#!/usr/bin/env bash
# common.sh -- what the labs' scripts share (sourced; $ROOT is the tree's root).

# The labs: every folder of labs/ with a tests.sh.
labs_list() {
    for d in "$ROOT"/labs/*/tests.sh; do
        [ -e "$d" ] && basename "$(dirname "$d")"
    done | tr '\n' ' ' | sed 's/ $//'
}

# Is LAB a lab?  Else one line naming the labs (WHO is the command's name).
check_lab() {
    local who=$1 lab=$2
    if [ -z "$lab" ]; then
        echo "$who: say which lab: make $who LAB=NAME (labs: $(labs_list))" >&2
        return 1
    fi
    case " $(labs_list) " in
        *" $lab "*) return 0 ;;
    esac
    echo "$who: unknown lab '$lab' (labs: $(labs_list))" >&2
    return 1
}

# The tree's files, relative to $ROOT: git's (tracked and untracked, not
# ignored) in a git work tree, else every file outside build/ and .git/.
tree_files() {
    if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1 &&
        [ "$(git -C "$ROOT" rev-parse --show-toplevel)" = "$ROOT" ]; then
        git -C "$ROOT" ls-files -co --exclude-standard
    else
        (cd "$ROOT" && find . -path ./build -prune -o -path ./.git -prune -o -type f -print |
            sed 's|^\./||')
    fi
}

#!/bin/sh
# check-layers.sh -- the dependency arrows point one way:
#   isa-spec/   includes nothing of the project but itself;
#   simulator/  includes isa-spec/ and simulator/ only;
#   vmm/        (CP) includes isa-spec/, simulator/include/ -- the
#               architectural seam -- tools/common/ (symbol files) and vmm/;
#   everything else sees the simulator only through simulator/include/:
#   never a private header of simulator/.
# Prints each offending #include and fails if there is one.
fail=0
# The project headers a file includes ("..." form).
includes() { sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$1"; }

for f in $(find isa-spec -name '*.[ch]'); do
    for h in $(includes "$f"); do
        [ -f "isa-spec/$h" ] || { echo "layers: $f includes \"$h\", outside isa-spec/"; fail=1; }
    done
done
for f in $(find vmm -name '*.[ch]'); do
    for h in $(includes "$f"); do
        [ -f "isa-spec/$h" ] || [ -f "simulator/include/$h" ] || [ -f "vmm/$h" ] ||
            [ -f "vmm/include/$h" ] || [ -f "tools/common/$h" ] || [ -f "$(dirname "$f")/$h" ] ||
            { echo "layers: $f includes \"$h\": CP may use only the ISA, the machine's public headers, the tools' shared code and its own"; fail=1; }
    done
done
private=$(cd simulator && ls *.h 2>/dev/null)
for f in $(find simulator -name '*.[ch]'); do
    for h in $(includes "$f"); do
        [ -f "isa-spec/$h" ] || [ -f "simulator/include/$h" ] || [ -f "$(dirname "$f")/$h" ] ||
            { echo "layers: $f includes \"$h\", which is neither the ISA nor the simulator's"; fail=1; }
    done
done
for f in $(find . -path ./simulator -prune -o -path ./build -prune -o -name '*.[ch]' -print); do
    for h in $(includes "$f"); do
        for p in $private; do
            [ "$h" = "$p" ] && { echo "layers: $f includes the simulator's private $h; use machine.h"; fail=1; }
        done
    done
done
[ $fail = 0 ] && echo "layers: ok"
exit $fail

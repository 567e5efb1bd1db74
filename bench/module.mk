# bench: guest MIPS of pgsim on an ALU loop, a translated memory loop and an
# SVC loop.  A benchmark, never a test: run it by hand and quote it.
bench: $(B)/pgas $(B)/pgsim
	@B=$(B) sh bench/run-bench.sh

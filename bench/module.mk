# bench: guest MIPS of pgsim on an ALU loop, a translated memory loop and an
# SVC loop, CP's figures and the paravirtual gain (bench/diskio.sh).  A
# benchmark, never a test: run it by hand and quote it.
bench: all
	@B=$(B) sh bench/run-bench.sh

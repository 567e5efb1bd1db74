# tests: CUnit programs (one per tests/unit/test_*.c) and PG32 programs run
# on pgsim against expected output.
UNIT_TEST_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_TESTS := $(UNIT_TEST_SRCS:tests/unit/%.c=$(B)/tests/%)
TEST_LIBS := $(B)/libpgasm.a $(B)/libvmm.a $(B)/libpgfront.a $(B)/libpgtools.a $(B)/libpgsim.a $(B)/libisa.a

$(B)/tests/test_%: $(OBJDIR)/tests/unit/test_%.o $(OBJDIR)/tests/unit/runner.o $(TEST_LIBS)
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ -lcunit

# Run every unit-test program; fail if any fails.
unit-check: $(UNIT_TESTS)
	@fail=0; for t in $(UNIT_TESTS); do echo "== $$t"; $$t || fail=1; done; exit $$fail

TESTS += unit-check

# The dependency arrows between folders (the architectural seam).
layers-check:
	@sh tests/check-layers.sh
TESTS += layers-check

# The command-line contracts of pgas, pgdis and pgsim.
cli-check: $(B)/pgas $(B)/pgdis $(B)/pgsim $(B)/pgvmm
	@B=$(B) sh tests/cli/run-cli-tests.sh
TESTS += cli-check

# Assemble and run every PG32 program in tests/programs on pgsim; compare the
# console (and punch, printer) output and the exit status with the expected files.
programs-check: $(B)/pgas $(B)/pgsim
	@PGAS=$(B)/pgas PGSIM=$(B)/pgsim bash tests/run-programs.sh

TESTS += programs-check

# Popek-Goldberg equivalence: every test program under CP gives what it gives
# on pgsim (console, exit status, digest, punch, printer, disks), alone and
# many at once.
equiv-check: $(B)/pgas $(B)/pgsim $(B)/pgvmm
	@EQUIV=$(B)/pgvmm PGAS=$(B)/pgas PGSIM=$(B)/pgsim bash tests/run-programs.sh
	@PGAS=$(B)/pgas PGSIM=$(B)/pgsim PGVMM=$(B)/pgvmm bash tests/run-together.sh
TESTS += equiv-check

# The guest operating systems on pgsim and under pgvmm: CMS's scripted
# sessions (and two CMS users spooling to each other), TSS's transcript, RSCS
# printing and forwarding.
guest-os-check: $(B)/pgas $(B)/pgsim $(B)/pgvmm $(B)/cmsdisk guest-os
	@PGSIM=$(B)/pgsim PGVMM=$(B)/pgvmm CMS190=$(B)/guest-os/cms190.disk \
	    A191=$(B)/guest-os/a191.disk bash tests/guest-os/run-cms.sh
	@bash tests/guest-os/run-tss.sh
	@RSCS_DISK=$(B)/guest-os/rscs190.disk bash tests/guest-os/run-rscs.sh
	@B=$(B) bash tests/guest-os/run-classroom.sh
TESTS += guest-os-check
include tests/monitor/module.mk

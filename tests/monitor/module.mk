# tests/monitor: pgvmm --batch scripts (the CP command language) against
# their expected transcripts.
monitor-check: $(B)/pgas $(B)/pgvmm guest-os
	@PGVMM=$(B)/pgvmm PGAS=$(B)/pgas CMS190=$(B)/guest-os/cms190.disk \
	    A191=$(B)/guest-os/a191.disk bash tests/monitor/run-batch.sh
TESTS += monitor-check

# The monitor's panel in a real terminal (tmux); skipped, with a message,
# only where tmux is not installed.
panel-check: $(B)/pgas $(B)/pgvmm guest-os
	@PGVMM=$(B)/pgvmm PGAS=$(B)/pgas CMS190=$(B)/guest-os/cms190.disk \
	    A191=$(B)/guest-os/a191.disk bash tests/monitor/panel-test.sh
TESTS += panel-check

# vmm: CP, the virtual machine monitor, as a library (libvmm.a) and pgvmm,
# its command-line front end.  CP sees the machine only through
# simulator/include (tests/check-layers.sh holds that line).
VMM_SRCS := $(wildcard vmm/*.c)
$(B)/libvmm.a: $(VMM_SRCS:%.c=$(OBJDIR)/%.o)
LIBS += $(B)/libvmm.a

PGVMM_SRCS := $(wildcard vmm/pgvmm/*.c)
# the monitor's panel (vmm/pgvmm/panel*.c) uses ncurses and readline
$(B)/pgvmm: $(PGVMM_SRCS:%.c=$(OBJDIR)/%.o) $(B)/libvmm.a $(B)/libpgfront.a $(B)/libpgtools.a $(B)/libpgsim.a $(B)/libisa.a
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ -lreadline -lncurses
PROGRAMS += $(B)/pgvmm

# simulator: the bare PG32 machine as a library (CPU, MMU, channel, devices,
# digest, host backends) and pgsim, its command-line front end.
SIM_MAIN := simulator/pgsim_main.c
SIM_LIB_SRCS := $(filter-out $(SIM_MAIN),$(wildcard simulator/*.c))
$(B)/libpgsim.a: $(SIM_LIB_SRCS:%.c=$(OBJDIR)/%.o)
LIBS += $(B)/libpgsim.a

$(B)/pgsim: $(OBJDIR)/$(SIM_MAIN:.c=.o) $(B)/libpgtools.a $(B)/libpgsim.a $(B)/libisa.a
	$(CC) $(LDFLAGS) -o $@ $^
PROGRAMS += $(B)/pgsim

# simulator: the bare PG32 machine as a library (CPU, MMU, channel, devices,
# digest, host backends); front/, the command-line front end shared by pgsim
# and pgvmm (options, host devices, trace, reports); pgsim/, pgsim's main.
SIM_LIB_SRCS := $(wildcard simulator/*.c)
$(B)/libpgsim.a: $(SIM_LIB_SRCS:%.c=$(OBJDIR)/%.o)
LIBS += $(B)/libpgsim.a

FRONT_SRCS := $(wildcard simulator/front/*.c)
$(B)/libpgfront.a: $(FRONT_SRCS:%.c=$(OBJDIR)/%.o)

PGSIM_SRCS := $(wildcard simulator/pgsim/*.c)
$(B)/pgsim: $(PGSIM_SRCS:%.c=$(OBJDIR)/%.o) $(B)/libpgfront.a $(B)/libpgsim.a $(B)/libisa.a
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^
PROGRAMS += $(B)/pgsim

# The interpreter's dispatch must stay one indirect jump per handler: stop GCC
# from merging the identical tails back into one (see interp.c).
$(OBJDIR)/simulator/interp.o: CFLAGS += -fno-crossjumping -fno-gcse

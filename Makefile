# vmlab -- top-level Makefile.  Each folder adds its part in module.mk; all
# outputs go under $(B) (build/ by default; build/asan for the sanitizer run).

B ?= build
CC ?= cc
OPT ?= -O2
SAN ?=
CFLAGS_BASE = -std=c11 $(OPT) -g -Wall -Wextra -Werror -D_POSIX_C_SOURCE=200809L
CFLAGS += $(CFLAGS_BASE) $(SAN) -MMD -MP
CPPFLAGS += -Iisa-spec -Isimulator/include -Itools/common -Ivmm/include
LDFLAGS += $(SAN)

# Every module appends to these.
PROGRAMS :=
LIBS :=
TESTS :=
OBJDIR := $(B)/obj

.PHONY: all deps check layers-check cli-check equiv-check guest-os-check unit-check programs-check asan-check bench clean demo spec spec-check
all:

# Objects made by pattern rules are not intermediate files to delete.
.SECONDARY:

include isa-spec/module.mk
include simulator/module.mk
include vmm/module.mk
include tools/module.mk
include guest-os/module.mk
include tests/module.mk
include bench/module.mk
include labs/module.mk

all: $(PROGRAMS)

# Quiet by default; `make V=1` shows the commands.
Q = $(if $(V),,@)

$(OBJDIR)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  CC      $<")
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(B)/%.a:
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  AR      $@")
	$(Q)rm -f $@ && ar rcs $@ $^

# The tests: unit tests, PG32 programs on pgsim, the spec check, and the unit
# tests once more under AddressSanitizer and UndefinedBehaviorSanitizer.
deps:
	@sh scripts/install-deps.sh

# The main demo: a greeting on the bare machine, then the classroom system
# (guest-os/demo.dir) under CP.
demo: deps
	@$(MAKE) --no-print-directory all
	@B=$(B) sh scripts/demo.sh

check: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory $(TESTS)
	@$(MAKE) --no-print-directory asan-check

asan-check:
	@ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	$(MAKE) --no-print-directory B=build/asan OPT=-O1 \
	    SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    unit-check

clean:
	rm -rf build

-include $(shell find $(B)/obj -name '*.d' 2>/dev/null)

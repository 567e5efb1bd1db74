# isa-spec: the instruction table and the library generated from it.
ISA_SRCS := isa-spec/isa.c isa-spec/pgcheck.c
$(B)/libisa.a: $(ISA_SRCS:%.c=$(OBJDIR)/%.o)
LIBS += $(B)/libisa.a

# The spec's instruction table, generated from pg32.def and committed so that
# it reads on the web.  `make spec` regenerates it; `make check` runs
# spec-check, which fails while the committed file differs from the output.
$(B)/gen-spec: $(OBJDIR)/isa-spec/gen_spec.o $(B)/libisa.a
	$(CC) $(LDFLAGS) -o $@ $^

.PHONY: spec spec-check
spec: $(B)/gen-spec
	$(B)/gen-spec > isa-spec/instructions.md.tmp || { rm -f isa-spec/instructions.md.tmp; exit 1; }
	mv isa-spec/instructions.md.tmp isa-spec/instructions.md

spec-check: $(B)/gen-spec
	@$(B)/gen-spec > $(B)/instructions.md
	@cmp -s $(B)/instructions.md isa-spec/instructions.md || \
	    { echo "spec-check: isa-spec/instructions.md is stale (differs from pg32.def): run 'make spec'" >&2; exit 1; }

TESTS += spec-check

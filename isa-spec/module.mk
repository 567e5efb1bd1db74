# isa-spec: the instruction table and the library generated from it.
ISA_SRCS := isa-spec/isa.c
$(B)/libisa.a: $(ISA_SRCS:%.c=$(OBJDIR)/%.o)
LIBS += $(B)/libisa.a

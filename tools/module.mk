# tools: pgas (assembler, as a library plus main), pgdis (disassembler) and
# the code they share (symbol files).
TOOLS_COMMON_SRCS := $(wildcard tools/common/*.c)
$(B)/libpgtools.a: $(TOOLS_COMMON_SRCS:%.c=$(OBJDIR)/%.o)

PGAS_MAIN := tools/pgas/pgas_main.c
PGAS_LIB_SRCS := $(filter-out $(PGAS_MAIN),$(wildcard tools/pgas/*.c))
$(B)/libpgasm.a: $(PGAS_LIB_SRCS:%.c=$(OBJDIR)/%.o)
LIBS += $(B)/libpgasm.a $(B)/libpgtools.a

$(B)/pgas: $(OBJDIR)/$(PGAS_MAIN:.c=.o) $(B)/libpgasm.a $(B)/libpgtools.a $(B)/libisa.a
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^
$(B)/pgdis: $(patsubst %.c,$(OBJDIR)/%.o,$(wildcard tools/pgdis/*.c)) $(B)/libpgtools.a $(B)/libisa.a
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^
PROGRAMS += $(B)/pgas $(B)/pgdis

# cmsdisk: CMS disk images on the host (a library, for the unit test, plus main).
CMSDISK_MAIN := tools/cmsdisk/cmsdisk_main.c
CMSDISK_LIB_SRCS := $(filter-out $(CMSDISK_MAIN),$(wildcard tools/cmsdisk/*.c))
$(B)/libcmsdisk.a: $(CMSDISK_LIB_SRCS:%.c=$(OBJDIR)/%.o)
LIBS += $(B)/libcmsdisk.a
$(B)/cmsdisk: $(OBJDIR)/$(CMSDISK_MAIN:.c=.o) $(B)/libcmsdisk.a
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^
PROGRAMS += $(B)/cmsdisk
# The unit test links the library and sees its header.
$(B)/tests/test_cmsdisk: $(B)/libcmsdisk.a
$(OBJDIR)/tests/unit/test_cmsdisk.o: CPPFLAGS += -Itools/cmsdisk

# labcut: the course labs' solution regions -- check them, list a lab's
# files, cut a lab's starter tree (labs/README.md).
LABCUT_MAIN := tools/labcut/labcut_main.c
LABCUT_LIB_SRCS := $(filter-out $(LABCUT_MAIN),$(wildcard tools/labcut/*.c))
$(B)/liblabcut.a: $(LABCUT_LIB_SRCS:%.c=$(OBJDIR)/%.o)
LIBS += $(B)/liblabcut.a
$(B)/labcut: $(OBJDIR)/$(LABCUT_MAIN:.c=.o) $(B)/liblabcut.a
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^
PROGRAMS += $(B)/labcut
$(B)/tests/test_labcut: $(B)/liblabcut.a
$(OBJDIR)/tests/unit/test_labcut.o: CPPFLAGS += -Itools/labcut

# guest-os: the guest operating systems' images and disks under
# $(B)/guest-os/ (guest-os/README.md).  Each OS is one pgas image assembled
# from guest-os/NAME/NAME.s; an OS whose main file does not exist yet is
# simply not built.
#   NAME.img       the image (cms, tss, rscs)
#   cms190.disk    CMS system disk: the CMS image at block 0, a file system at
#                  block 128 labelled CMS190 holding guest-os/cms/SYSTEM-FILES
#   tss190.disk    TSS system disk, rscs190.disk RSCS system disk (image only)
#   a191.disk      a fresh, all-zero A-disk (CMS's FORMAT A formats it)
# Every disk is built under a temporary name and renamed when complete.

GUEST_OS := $(B)/guest-os
GUEST_NAMES := $(foreach n,cms tss rscs,$(if $(wildcard guest-os/$n/$n.s),$n))
GUEST_COMMON_INCS := $(wildcard guest-os/common/*.inc)
CMSDISK_SYSTEM_BLOCKS := 2048
CMSDISK_ADISK_BLOCKS := 1024
GUEST_DISK_BLOCKS := 2048

# An OS image from its main file; it depends on every source of its folder.
define guest_image_rule
$(GUEST_OS)/$(1).img: guest-os/$(1)/$(1).s $(wildcard guest-os/$(1)/*.s guest-os/$(1)/*.inc) $(GUEST_COMMON_INCS) $(B)/pgas
	@mkdir -p $$(dir $$@)
	@$$(if $$(V),,echo "  PGAS    $$@")
	$$(Q)$(B)/pgas -o $$@ $$<
endef
$(foreach n,$(GUEST_NAMES),$(eval $(call guest_image_rule,$(n))))

# CMS's sample modules and programs, from guest-os/cms/*.s.
$(GUEST_OS)/cms/%.img: guest-os/cms/%.s $(wildcard guest-os/cms/*.inc) $(GUEST_COMMON_INCS) $(B)/pgas
	@mkdir -p $(dir $@)
	@$(if $(V),,echo "  PGAS    $@")
	$(Q)$(B)/pgas -o $@ $<

# guest-os/cms/SYSTEM-FILES: one `host-path FN FT` a line (paths from the
# repository root); blank lines and lines starting with # are skipped.
CMS_SYSTEM_LIST := guest-os/cms/SYSTEM-FILES
CMS_SYSTEM_FILES := $(if $(wildcard $(CMS_SYSTEM_LIST)),$(shell awk 'NF && substr($$1, 1, 1) != "\043" { print $$1 }' $(CMS_SYSTEM_LIST)))

$(GUEST_OS)/cms190.disk: $(GUEST_OS)/cms.img $(B)/cmsdisk $(wildcard $(CMS_SYSTEM_LIST)) $(CMS_SYSTEM_FILES)
	@$(if $(V),,echo "  CMSDISK $@")
	$(Q)rm -f $@.new && \
	$(B)/cmsdisk create $@.new $(CMSDISK_SYSTEM_BLOCKS) && \
	$(B)/cmsdisk boot $@.new $< && \
	$(B)/cmsdisk format $@.new --origin 128 --label CMS190 && \
	{ [ ! -f $(CMS_SYSTEM_LIST) ] || awk 'NF && substr($$1, 1, 1) != "\043" { print $$1, $$2, $$3 }' $(CMS_SYSTEM_LIST) | \
	  while read -r path fn ft; do $(B)/cmsdisk put $@.new "$$path" "$$fn" "$$ft" || exit 1; done; } && \
	mv $@.new $@ || { rm -f $@.new; exit 1; }

# TSS and RSCS: the image at block 0, nothing else.
$(GUEST_OS)/%190.disk: $(GUEST_OS)/%.img $(B)/cmsdisk
	@$(if $(V),,echo "  CMSDISK $@")
	$(Q)rm -f $@.new && \
	$(B)/cmsdisk create $@.new $(GUEST_DISK_BLOCKS) && \
	$(B)/cmsdisk boot $@.new $< && \
	mv $@.new $@ || { rm -f $@.new; exit 1; }

# A fresh A-disk: all zero (sessions copy it; it is never written itself).
$(GUEST_OS)/a191.disk: $(B)/cmsdisk
	@$(if $(V),,echo "  CMSDISK $@")
	$(Q)mkdir -p $(dir $@) && rm -f $@.new && \
	$(B)/cmsdisk create $@.new $(CMSDISK_ADISK_BLOCKS) && mv $@.new $@

# The classroom system's A-disks (guest-os/demo.dir): one for each CMS user,
# formatted, with a PROFILE EXEC (guest-os/demo/cmsN.exec) that CMS runs at
# IPL.  `make demo` makes them afresh before each run.
$(GUEST_OS)/cms%.disk: guest-os/demo/cms%.exec | $(B)/cmsdisk
	@$(if $(V),,echo "  CMSDISK $@")
	$(Q)mkdir -p $(dir $@) && rm -f $@.new && \
	$(B)/cmsdisk create $@.new 1024 && \
	$(B)/cmsdisk format $@.new --label CMS191 && \
	$(B)/cmsdisk put $@.new $< PROFILE EXEC && mv $@.new $@ || { rm -f $@.new; exit 1; }
DEMO_ADISKS := $(patsubst guest-os/demo/%.exec,$(GUEST_OS)/%.disk,$(wildcard guest-os/demo/cms*.exec))

GUEST_OS_TARGETS := $(GUEST_NAMES:%=$(GUEST_OS)/%.img) $(GUEST_NAMES:%=$(GUEST_OS)/%190.disk) \
    $(GUEST_OS)/a191.disk $(DEMO_ADISKS)
.PHONY: guest-os
guest-os: $(GUEST_OS_TARGETS)
all: $(GUEST_OS_TARGETS)

# The cmsdisk checks in tests/cli/run-cli-tests.sh need the tool.
cli-check: $(B)/cmsdisk

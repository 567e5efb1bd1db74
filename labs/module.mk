# labs: the course labs (labs/README.md).  make grade LAB=NAME grades this
# tree; make lab-starter LAB=NAME DEST=DIR writes a lab's starter tree;
# make lab-autograder LAB=NAME writes its Gradescope bundle.  labs-check
# proves every grader: full marks on the reference, and on each starter
# (with the hidden tests) below full marks with every test of student code
# failing.
.PHONY: grade lab-starter lab-autograder labs-check

grade:
	@B=$(B) MAKE=$(MAKE) bash labs/lib/grade.sh "$(LAB)" $(if $(HIDDEN),--hidden "$(HIDDEN)")

lab-starter: $(B)/labcut
	@B=$(B) bash labs/lib/starter.sh "$(LAB)" "$(DEST)"

lab-autograder: $(B)/labcut
	@B=$(B) bash labs/lib/autograder.sh "$(LAB)"

labs-check: all
	@B=$(B) MAKE=$(MAKE) bash labs/lib/prove.sh $(LABS)
TESTS += labs-check

# jsoncheck: is a grade report a valid Gradescope result?
$(B)/jsoncheck: $(OBJDIR)/labs/lib/jsoncheck.o
	@$(if $(V),,echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^
labs-check: $(B)/jsoncheck

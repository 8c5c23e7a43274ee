# mk/lint.mk: no loop of mutual calls among generator files (issue 16).
#
#   make lint          fail (exit 1) on a loop of calls between generator/*.c or of
#                      #include "..." among generator/*.h; also lists the longest functions
#   make lint-report   print the same, never fail on a loop
#
# The call graph comes from the compiler: GCC's -fcallgraph-info writes one VCG
# file per unit, build/lint/NAME.ci, with every function's definition and every
# call site; tools/lint/callgraph.py joins them into a graph of files. -O0 so
# that nothing is inlined or cloned. LINT_CC must be GCC (clang has no
# -fcallgraph-info), whatever CC is.

# The fragments are read before `all:`; keep `all` the default goal.
ifeq ($(.DEFAULT_GOAL),)
.DEFAULT_GOAL := all
endif

.PHONY: lint lint-report

LINT_CC   ?= gcc
LINT_CI   := $(SRCS:generator/%.c=build/lint/%.ci)
LINT_ARGS  = --src generator $(LINT_CI)

lint: $(LINT_CI)
	@python3 tools/lint/callgraph.py $(LINT_ARGS)

lint-report: $(LINT_CI)
	@python3 tools/lint/callgraph.py --report $(LINT_ARGS)

# The .ci lands beside the -o file; the assembly itself is not used.
build/lint/%.ci: generator/%.c
	@mkdir -p $(@D)
	$(LINT_CC) -std=c11 -w $(DEFS) $(PKG_CFLAGS) -O0 -fcallgraph-info -MMD -MP -MT $@ \
	    -MF build/lint/$*.d -S -o build/lint/$*.s $<

-include $(LINT_CI:.ci=.d)

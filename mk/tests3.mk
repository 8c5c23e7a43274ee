# mk/tests3.mk: the core test suites of issue 3 (generator core).
#
#   make golden        the golden cases (tests/cases/) with ./gongkai
#   make golden-san    the same with the ASan+UBSan build, leak checking on
#   make test-core     build everything, then the unit tests of the core
#                      (frontmatter, template, markdown) and tests/suite_golden.sh,
#                      tests/suite_site.sh
#   make golden-update, make valgrind   (Makefile) refresh expected/, run under valgrind
#
# `make test` runs all of these as well (tests/run.sh picks up every unit test and suite).

# The fragments are read before `all:`; keep `all` the default goal.
ifeq ($(.DEFAULT_GOAL),)
.DEFAULT_GOAL := all
endif

.PHONY: test-core

golden: gongkai
	@TZ=UTC LC_ALL=C.UTF-8 sh tests/golden.sh check ./gongkai

golden-san: build/gongkai-san
	@TZ=UTC LC_ALL=C.UTF-8 ASAN_OPTIONS=detect_leaks=1 sh tests/golden.sh check build/gongkai-san

CORE_UNITS := build/unit/test_frontmatter build/unit/test_template build/unit/test_markdown

test-core: test-deps
	@$(MAKE) --no-print-directory gongkai build/gongkai-san $(CORE_UNITS)
	@mkdir -p tests/out
	@export TZ=UTC LC_ALL=C.UTF-8; \
	{ for t in $(CORE_UNITS); do $$t; done; sh tests/suite_golden.sh; sh tests/suite_site.sh; } \
	    > tests/out/core.log 2>&1; \
	grep '^FAIL:' tests/out/core.log; \
	echo "(full log: tests/out/core.log)"; \
	echo "$$(grep -c '^PASS:' tests/out/core.log) passed, $$(grep -c '^FAIL:' tests/out/core.log) failed"; \
	! grep -q '^FAIL:' tests/out/core.log

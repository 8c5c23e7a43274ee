# mk/rules.mk: the rules of `gongkai check` (docs/rules.md) and the 公开情况 dashboard.
#
#   make test-rules      unit tests of the check helpers, then tests/suite_rules.sh
#   make rules-update    the old name of make golden-update (the dashboard's golden parts
#                        are the case tests/cases/dashboard-site/)

# The fragments are read before `all:`; keep `all` the default goal.
ifeq ($(.DEFAULT_GOAL),)
.DEFAULT_GOAL := all
endif

.PHONY: test-rules rules-update

test-rules: gongkai build/unit/test_check build/unit/test_workday
	@build/unit/test_check
	@build/unit/test_workday
	@sh tests/golden.sh check ./gongkai dashboard-site
	@sh tests/suite_rules.sh

rules-update: golden-update

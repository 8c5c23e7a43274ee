# mk/feeds.mk: Atom feeds, sitemap.xml and robots.txt (issue 6; docs/feeds.md).
#
#   make test-feeds    build gongkai and the feed unit test, then run
#                      build/unit/test_feed and tests/suite_feeds.sh
#
# `make test` runs both as well (tests/run.sh picks up every unit test and suite).

# The fragments are read before `all:`; keep `all` the default goal.
ifeq ($(.DEFAULT_GOAL),)
.DEFAULT_GOAL := all
endif

.PHONY: test-feeds

test-feeds: test-deps
	@$(MAKE) --no-print-directory gongkai build/unit/test_feed
	@TZ=UTC LC_ALL=C.UTF-8 build/unit/test_feed
	@TZ=UTC LC_ALL=C.UTF-8 GONGKAI=./gongkai sh tests/suite_feeds.sh

# mk/bench-search.mk: `make bench-search`, gongkai's static search index
# against Pagefind on the same built site (issue 6; docs/search-benchmark.md).
#
#   make bench-search                         10,000 records, 3 builds with and without the index
#   make bench-search BENCH_SEARCH_N=1000     another corpus size
#   make bench-search BENCH_SEARCH_RUNS=5     more build runs
#
# The corpus is generated once into bench/search-N/ (ignored by git) by
# tools/bench/gencorpus.py. Pagefind and playwright-core come from npm
# (tools/bench-search/package-lock.json); the browser is Debian's chromium.
# Only 127.0.0.1 is contacted. Not part of `make test`.

# The fragments are read before `all:`; keep `all` the default goal.
ifeq ($(.DEFAULT_GOAL),)
.DEFAULT_GOAL := all
endif

BENCH_SEARCH_N    ?= 10000
BENCH_SEARCH_RUNS ?= 3

# gongkai with every call into search.c timed (tools/bench-search/timesearch.c);
# GK_BENCH_NOINDEX=1 makes it skip the index.
build/bench-search/timesearch.o: tools/bench-search/timesearch.c generator/search.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Igenerator -c -o $@ $<

build/bench-search/gongkai-timed: $(OBJS) build/bench-search/timesearch.o
	$(CC) $(CFLAGS) -o $@ $(OBJS) build/bench-search/timesearch.o \
	    -Wl,--wrap=search_new,--wrap=search_add,--wrap=search_write,--wrap=search_free $(PKG_LIBS)

tools/bench-search/node_modules/.package-lock.json: tools/bench-search/package-lock.json
	cd tools/bench-search && npm ci --no-audit --no-fund
	@touch $@

bench-search-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	    if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	    else echo "make bench-search needs chromium: sudo apt-get install chromium" >&2; exit 1; fi; }
	@command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || { \
	    if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm; \
	    else echo "make bench-search needs node and npm: sudo apt-get install nodejs npm" >&2; exit 1; fi; }

bench-search: bench-search-deps gongkai build/bench-search/gongkai-timed tools/bench-search/node_modules/.package-lock.json
	node tools/bench-search/bench.mjs --records $(BENCH_SEARCH_N) --runs $(BENCH_SEARCH_RUNS)

.PHONY: bench-search bench-search-deps

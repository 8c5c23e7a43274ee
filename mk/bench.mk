# mk/bench.mk: `make bench`, gongkai against Hugo (issue 7; docs/performance.md).
#
#   make bench                 tiers of 1,000 and 10,000 records, 3 runs each
#   make bench BENCH_FULL=1    adds the 100,000-record tier
#   make bench BENCH_RUNS=5    more runs per measurement
#
# Corpora are generated once into bench/<N>/ (ignored by git) by
# tools/bench/gencorpus.py; tools/bench/floor.c is the cmark-gfm floor and
# tools/bench/writefloor.c the file-writing floor (the built site written again).
# Debian's hugo is installed when missing (as root; else the command is printed).

# The fragments are read before `all:`; keep `all` the default goal.
ifeq ($(.DEFAULT_GOAL),)
.DEFAULT_GOAL := all
endif

comma       := ,
BENCH_RUNS  ?= 3
BENCH_TIERS := 1000,10000$(if $(BENCH_FULL),$(comma)100000)

build/bench/floor: tools/bench/floor.c
	@mkdir -p $(@D)
	$(CC) -O2 -std=c11 -Wall -Wextra -Werror $(shell pkg-config --cflags libcmark-gfm) -o $@ $< \
	    $(shell pkg-config --libs libcmark-gfm) -lcmark-gfm-extensions

build/bench/writefloor: tools/bench/writefloor.c
	@mkdir -p $(@D)
	$(CC) -O2 -std=c11 -Wall -Wextra -Werror -o $@ $< -lpthread

bench-deps:
	@command -v hugo >/dev/null 2>&1 || { \
	    if [ "$$(id -u)" = 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y hugo; \
	    else echo "make bench needs Hugo: sudo apt-get install hugo" >&2; exit 1; fi; }

bench: bench-deps gongkai build/bench/floor build/bench/writefloor
	python3 tools/bench/bench.py --tiers $(BENCH_TIERS) --runs $(BENCH_RUNS)

.PHONY: bench bench-deps

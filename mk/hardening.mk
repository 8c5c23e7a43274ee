# mk/hardening.mk: libFuzzer targets for every parser (issue 9).
#
#   make fuzz                    build tests/fuzz/fuzz_*.c and run each for FUZZ_SECONDS (60)
#   make fuzz FUZZ_SECONDS=600   longer
#   make fuzz-build              only build them (build/fuzz/fuzz_*)
#
# The library is compiled again with clang and -fsanitize=fuzzer-no-link,
# address,undefined into build/fuzz/; the targets link it with -fsanitize=fuzzer.
# Seed corpora live in tests/fuzz/corpus/<target>/ and are only read; what a run
# learns goes to build/fuzz/corpus/<target>/, crashes to build/fuzz/crash/<target>/.
# tests/suite_fuzz.sh (run by `make test`) replays tests/fuzz/regress/ and runs
# each target for FUZZ_SMOKE_SECONDS.

# The fragments are read before `all:`; keep `all` the default goal.
ifeq ($(.DEFAULT_GOAL),)
.DEFAULT_GOAL := all
endif

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS  := -O1 -g $(FUZZ_SAN) $(filter-out -Werror,$(WARN)) $(DEFS)
FUZZ_SRCS    := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BINS    := $(FUZZ_SRCS:tests/fuzz/%.c=build/fuzz/%)
FUZZ_LIBOBJS := $(LIBSRCS:generator/%.c=build/fuzz/obj/%.o)

.PHONY: fuzz fuzz-build

fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh run $(FUZZ_SECONDS)

build/fuzz/obj/%.o: generator/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(PKG_CFLAGS) -MMD -MP -c -o $@ $<

build/fuzz/libgongkai.a: $(FUZZ_LIBOBJS)
	@rm -f $@
	ar rcs $@ $(FUZZ_LIBOBJS)

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h build/fuzz/libgongkai.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(PKG_CFLAGS) -Igenerator -o $@ $< build/fuzz/libgongkai.a $(PKG_LIBS)

-include $(FUZZ_LIBOBJS:.o=.d)

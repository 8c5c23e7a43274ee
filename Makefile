# gongkai: a static site generator for rural party-building demonstration sites.
#
#   make site     install missing Debian packages, build ./gongkai, render content/ into output/
#   make test     install what the tests need, then run every test
#   make clean    remove build products
#
# Overrides go in Makefile.local (not committed), e.g. CC = clang.

CC       ?= cc
PKGS     := libcmark-gfm libxml-2.0 yaml-0.1 jansson libqrencode libmicrohttpd poppler-glib nettle libgit2
CFLAGS   ?= -O2 -g
WARN     := -std=c11 -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
DEFS     := -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
# Loaded when first needed (generator/dynlib.h), not linked: their headers, their sonames and the
# Debian packages that hold them.
LAZY_PKGS := poppler-glib libgit2
lazy_so    = $(shell objdump -p "$$(pkg-config --variable=libdir $(1))/$(2).so" 2>/dev/null | awk '/SONAME/ {print $$2}')
lazy_pkg   = $(shell dpkg -S "$$(pkg-config --variable=libdir $(1))/$(2)" 2>/dev/null | sed 's/:.*//;q')
# (computed once, on first use: after `make deps` has installed them)
LAZY_DEFS  = $(eval LAZY_DEFS := $(LAZY_DEFS_))$(LAZY_DEFS)
LAZY_DEFS_ = -DGK_POPPLER_SO='"$(call lazy_so,poppler-glib,libpoppler-glib)"' \
	-DGK_POPPLER_PKG='"$(call lazy_pkg,poppler-glib,$(call lazy_so,poppler-glib,libpoppler-glib))"' \
	-DGK_GIT2_SO='"$(call lazy_so,libgit2,libgit2)"' \
	-DGK_GIT2_PKG='"$(call lazy_pkg,libgit2,$(call lazy_so,libgit2,libgit2))"' \
	-DGK_POPPLER_DIR='"$(shell pkg-config --variable=libdir poppler-glib 2>/dev/null)"' \
	-DGK_GIT2_DIR='"$(shell pkg-config --variable=libdir libgit2 2>/dev/null)"'
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(filter-out $(LAZY_PKGS),$(PKGS)) 2>/dev/null) -lcsv -lunistring -lpthread -ldl
ALL_CFLAGS = $(WARN) $(DEFS) $(LAZY_DEFS) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP

SRCS     := $(sort $(wildcard generator/*.c))
LIBSRCS  := $(filter-out generator/main.c,$(SRCS))
OBJS     := $(SRCS:generator/%.c=build/obj/%.o)
LIBOBJS  := $(LIBSRCS:generator/%.c=build/obj/%.o)
SAN_OBJS := $(SRCS:generator/%.c=build/san/%.o)
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# ThreadSanitizer build for tests/suite_threads.sh (the pool, the writer and the search thread).
TSAN_OBJS := $(SRCS:generator/%.c=build/tsan/%.o)
TSAN_FLAGS := -O1 -g -fsanitize=thread -fno-omit-frame-pointer
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=build/unit/%)

PREFIX   ?= /usr/local
DATADIR  ?= $(PREFIX)/share/gongkai
MANDIR   ?= $(PREFIX)/share/man

sinclude Makefile.local

.PHONY: all site deps test-deps test unit golden golden-san golden-update regress-update clean bench valgrind install

all: gongkai

# Recursive make so that pkg-config runs after deps installed the packages.
site: deps
	@$(MAKE) --no-print-directory gongkai
	./gongkai build

deps:
	@sh tools/deps.sh build

test-deps:
	@sh tools/deps.sh test

gongkai: $(OBJS)
	$(CC) $(CFLAGS) -o $@ $(OBJS) $(PKG_LIBS)

build/obj/%.o: generator/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/san/%.o: generator/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

build/gongkai-san: $(SAN_OBJS)
	$(CC) $(SAN_FLAGS) -o $@ $(SAN_OBJS) $(PKG_LIBS)

build/tsan/%.o: generator/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(TSAN_FLAGS) -c -o $@ $<

build/gongkai-tsan: $(TSAN_OBJS)
	$(CC) $(TSAN_FLAGS) -o $@ $(TSAN_OBJS) $(PKG_LIBS)

build/libgongkai.a: $(LIBOBJS)
	@rm -f $@
	ar rcs $@ $(LIBOBJS)

build/unit/%: tests/unit/%.c tests/unit/harness.h build/libgongkai.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Igenerator -o $@ $< build/libgongkai.a $(PKG_LIBS)

test: test-deps
	@$(MAKE) --no-print-directory gongkai build/gongkai-san build/gongkai-tsan $(UNIT_BINS)
	@sh tests/run.sh

# Rewrite the expectations of every golden case, tests/cases/*/ (review the diff before
# committing). regress-update, promo-update and rules-update are older names for it.
golden-update: gongkai
	@sh tests/golden.sh update ./gongkai

regress-update: golden-update

valgrind: gongkai
	@sh tests/golden.sh valgrind ./gongkai

# The binary looks for its theme in $(DATADIR), compiled in (mk/authoring.mk).
install: gongkai
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/zh_CN/man1 \
	    $(DESTDIR)$(DATADIR)/themes
	install -m 755 gongkai $(DESTDIR)$(PREFIX)/bin/gongkai
	install -m 644 generator/gongkai.1 $(DESTDIR)$(MANDIR)/man1/gongkai.1
	install -m 644 generator/gongkai.zh_CN.1 $(DESTDIR)$(MANDIR)/zh_CN/man1/gongkai.1
	rm -rf $(DESTDIR)$(DATADIR)/themes/default
	cp -R themes/default $(DESTDIR)$(DATADIR)/themes/
	chmod -R u=rwX,go=rX $(DESTDIR)$(DATADIR)/themes/default

clean:
	rm -rf build gongkai tests/out

-include $(OBJS:.o=.d) $(SAN_OBJS:.o=.d) $(TSAN_OBJS:.o=.d)

# Each feature area adds its targets in a fragment of its own (after `all`,
# so that a fragment never becomes the default goal).
sinclude mk/*.mk

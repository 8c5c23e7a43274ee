# mk/authoring.mk: `gongkai new`, `gongkai serve`, the man page and `make install`.
#
#   make install PREFIX=/opt/gongkai   binary, man page and default theme (Makefile)
#   make uninstall PREFIX=…             removes what install put there
#   make lint-man                       mandoc -T lint on generator/gongkai.1 and its
#                                       Chinese companion generator/gongkai.zh_CN.1
#                                       (installed as MANDIR/zh_CN/man1/gongkai.1)
#
# The binary finds an installed theme in $(DATADIR), compiled into build.c.
# build/datadir records the value it was compiled with, so that
# `make install PREFIX=…` recompiles build.c when the prefix changes.

# The fragments are read before `all:`; keep `all` the default goal.
ifeq ($(.DEFAULT_GOAL),)
.DEFAULT_GOAL := all
endif

ALL_CFLAGS += -DGONGKAI_DATADIR='"$(DATADIR)"'

.PHONY: lint-man uninstall authoring-force

build/obj/build.o build/san/build.o: build/datadir

build/datadir: authoring-force
	@mkdir -p build
	@echo '$(DATADIR)' | cmp -s - $@ || echo '$(DATADIR)' > $@

authoring-force:

lint-man:
	mandoc -T lint -W warning generator/gongkai.1 generator/gongkai.zh_CN.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/gongkai $(DESTDIR)$(MANDIR)/man1/gongkai.1
	rm -f $(DESTDIR)$(MANDIR)/zh_CN/man1/gongkai.1
	rm -rf $(DESTDIR)$(DATADIR)/themes/default
	-rmdir $(DESTDIR)$(DATADIR)/themes $(DESTDIR)$(DATADIR)

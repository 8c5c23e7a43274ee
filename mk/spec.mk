# mk/spec.mk: the CommonMark spec examples through gongkai's Markdown path
# and plain cmark-gfm (issue 22); tests/suite_spec.sh builds and runs it.
#
#   make build/spec-runner   the runner (tests/spec/runner.c)

ifeq ($(.DEFAULT_GOAL),)
.DEFAULT_GOAL := all
endif

build/spec-runner: tests/spec/runner.c build/libgongkai.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Igenerator -o $@ $< build/libgongkai.a $(PKG_LIBS)

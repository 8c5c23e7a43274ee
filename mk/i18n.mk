# mk/i18n.mk: the messages' catalogue (issue 19, GNU gettext; i18n.h says how
# the language is chosen).
#
#   make po-update   extract every message from generator/*.c (xgettext) and merge
#                    them into po/zh_CN.po (msgmerge); translate what is new, then
#                    `make po-check`
#   make po-check    0 untranslated and 0 fuzzy, every format as its original
#
# po/zh_CN.po is the only source; the template and the .mo are build products.
# Messages are found where they are made: _() and N_(), and the format of
# every diag_add* call (its position below), so a new diagnostic is extracted
# without marking it.

ifeq ($(.DEFAULT_GOAL),)
.DEFAULT_GOAL := all
endif

LOCALEDIR ?= $(PREFIX)/share/locale
ALL_CFLAGS += -DGONGKAI_LOCALEDIR='"$(LOCALEDIR)"'
MO := build/locale/zh_CN/LC_MESSAGES/gongkai.mo
XGETTEXT_FLAGS = --from-code=UTF-8 --language=C --no-wrap --sort-by-file \
	--package-name=gongkai --msgid-bugs-address=gongkai-developers \
	-k_ -kN_ -kdiag_add:7 -kdiag_add_src:8 -kdiag_add_file:7 \
	--flag=diag_add:7:c-format --flag=diag_add_src:8:c-format --flag=diag_add_file:7:c-format \
	--flag=xasprintf:1:c-format --flag=_:1:pass-c-format \
	-ksc_err:3 --flag=sc_err:3:c-format -kyp_error:4 --flag=yp_error:4:c-format \
	-ktmpl_error:4 --flag=tmpl_error:4:c-format -krender_error:3 --flag=render_error:3:c-format \
	-kusage_error:1 --flag=usage_error:1:c-format -klogf_:2 --flag=logf_:2:c-format -knote:2 -kwant_scalar:4 -kreply_text:3

.PHONY: po-update po-check i18n-force

gongkai: $(MO)
build/obj/i18n.o build/san/i18n.o build/tsan/i18n.o: build/localedir

build/localedir: i18n-force
	@mkdir -p build
	@echo '$(LOCALEDIR)' | cmp -s - $@ || echo '$(LOCALEDIR)' > $@

i18n-force:

$(MO): po/zh_CN.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

build/po/gongkai.pot: $(SRCS)
	@mkdir -p $(@D)
	@xgettext $(XGETTEXT_FLAGS) -o $@ $(SRCS)

po-update: build/po/gongkai.pot
	msgmerge --quiet --no-wrap --update --backup=none po/zh_CN.po $<

po-check: build/po/gongkai.pot
	@sh tests/i18n/po_check.sh po/zh_CN.po $<

#!/bin/sh
# po_check.sh PO POT: the catalogue PO is complete for the template POT (made
# by xgettext from the sources): every message translated, none fuzzy, every
# format with the conversions of its original (msgfmt --check).
# Prints one line, "complete: N translated messages." or what is missing; exit 0/1.
po=$1 pot=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-po.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
cp "$po" "$tmp/zh_CN.po"
msgmerge --quiet --no-wrap --update --backup=none "$tmp/zh_CN.po" "$pot" || exit 1
stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$tmp/zh_CN.po" 2>&1) || { echo "$stats"; exit 1; }
case $stats in
*untranslated* | *fuzzy*)
	echo "incomplete: $stats"
	# which ones: the new messages are untranslated, the changed ones fuzzy
	msgattrib --untranslated --no-obsolete "$tmp/zh_CN.po" | grep '^msgid' | sed -n '2,6p'
	msgattrib --only-fuzzy --no-obsolete "$tmp/zh_CN.po" | grep '^msgid' | sed -n '2,6p'
	exit 1 ;;
esac
echo "complete: $stats"

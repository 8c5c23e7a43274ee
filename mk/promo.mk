# Promotion and archive (issue 5): case library, scoreboard, archive, charts, print sheets.
.PHONY: test-promo promo-update

test-promo: gongkai build/unit/test_chart build/unit/test_qr
	@build/unit/test_chart; build/unit/test_qr; sh tests/golden.sh check ./gongkai promo; sh tests/suite_promo.sh

# The golden pages are tests/cases/promo/ (tests/golden.sh); the old name of golden-update.
promo-update: golden-update

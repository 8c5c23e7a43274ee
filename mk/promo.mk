# Promotion and archive (issue 5): case library, scoreboard, archive, charts, print sheets.
.PHONY: test-promo promo-update

test-promo: gongkai build/unit/test_chart build/unit/test_qr
	@build/unit/test_chart; build/unit/test_qr; sh tests/suite_promo.sh

# Refresh tests/promo/expected/ (review the diff before the lead commits).
promo-update: gongkai
	@sh tests/suite_promo.sh update

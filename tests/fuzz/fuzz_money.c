/*
 * fuzz_money: money_parse on any text. Whatever parses must be in range and
 * survive a round trip through money_format ("12,345.67" parses back to the
 * same fen).
 */
#include "fuzz.h"
#include "money.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, buf[64];
	const char *why = NULL;
	int64_t fen = -7, back = -7;

	if (size > 4096)
		return 0;
	s = fz_cstr(data, size);
	if (money_parse(s, &fen, &why) == 0) {
		FZ_ASSERT(fen >= 0 && fen <= MONEY_MAX_FEN);
		money_format(fen, buf);
		FZ_ASSERT(strlen(buf) < 40);
		FZ_ASSERT(money_parse(buf, &back, &why) == 0);
		FZ_ASSERT(back == fen);
	} else {
		FZ_ASSERT(why != NULL && why[0] != '\0');
	}
	/* formatting any int64, including negatives, stays inside 40 bytes */
	if (size >= 8) {
		int64_t v;
		memcpy(&v, data, 8);
		money_format(v, buf);
		FZ_ASSERT(strlen(buf) < 40);
	}
	free(s);
	return 0;
}

/*
 * i18n.h: which language gongkai speaks to the person at the terminal
 * (issue 19). Messages are written in English in the source and looked up
 * in a GNU gettext catalogue (po/zh_CN.po, compiled to gongkai.mo). Rule
 * ids, JSON keys, numbers, dates and sort orders never change with the
 * language: only the words do.
 *
 * The choice, first that applies:
 *   1. --lang en|zh on the command line (any position);
 *   2. LANGUAGE, or else LC_ALL, LC_MESSAGES, LANG, when set to a real locale
 *      (not C, POSIX or C.UTF-8);
 *   3. the site's `language` in site.yaml, once it is read (config_load);
 *   4. Chinese, the language of the sites gongkai makes.
 */
#ifndef GONGKAI_I18N_H
#define GONGKAI_I18N_H

#include <libintl.h>

/* A message to translate where it is used, and one only marked for xgettext. */
#define _(s) gettext(s)
#define N_(s) s

enum lang {
	LANG_ZH,
	LANG_EN
};

/*
 * Reads --lang (and removes it from argv, so no command sees it) and the
 * environment, and binds the catalogue. Call first in main, before any
 * thread starts. Returns 0, or -1 after printing why (--lang with a wrong
 * value).
 */
int i18n_init(int *argc, char **argv);
/*
 * The site's language ("zh-CN", "en", ...), when neither --lang nor the
 * environment chose one. Call only where no other thread runs.
 */
void i18n_site(const char *language);
/* The language in use. */
enum lang i18n_lang(void);

#endif

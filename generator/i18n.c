/*
 * i18n.c: the language of messages (i18n.h). gettext picks a catalogue from
 * LANGUAGE only when LC_MESSAGES is not the plain C locale, and a machine may
 * have no zh_CN locale installed at all; so once we have chosen, we set
 * LANGUAGE ourselves and, where the locale is C, LC_MESSAGES to C.UTF-8,
 * which glibc always has. Only LC_MESSAGES changes: numbers, dates and
 * sorting stay the C locale's, the same on every machine.
 */
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "i18n.h"
#include "util.h"

#ifndef GONGKAI_LOCALEDIR
#define GONGKAI_LOCALEDIR "/usr/local/share/locale"
#endif

static enum lang current = LANG_ZH;
static int chosen;		/* by --lang or the environment: the site does not decide */

/* "zh", "zh_CN.UTF-8", "zh-CN" … -> LANG_ZH; anything else a real language -> LANG_EN. */
static enum lang
lang_of(const char *s)
{
	return strncmp(s, "zh", 2) == 0 ? LANG_ZH : LANG_EN;
}

/* A locale name that names a language, not the C locale under one of its names. */
static int
real_locale(const char *s)
{
	return s != NULL && *s && strcmp(s, "C") != 0 && strcmp(s, "POSIX") != 0 &&
	    strncmp(s, "C.", 2) != 0;
}

/* The language the environment asks for, or -1 when it asks for none. */
static int
env_lang(void)
{
	const char *v = getenv("LANGUAGE");

	/* gettext itself honours LANGUAGE under C.UTF-8, so we do too */
	if (v != NULL && *v && strcmp(v, "C") != 0)
		return (int)lang_of(v);
	if ((v = getenv("LC_ALL")) == NULL || !*v)
		if ((v = getenv("LC_MESSAGES")) == NULL || !*v)
			v = getenv("LANG");
	return real_locale(v) ? (int)lang_of(v) : -1;
}

/* Where the catalogue is: beside the binary when it is run from the source tree, else installed. */
static void
bind_catalogue(void)
{
	char exe[PATH_MAX], *p, *dir = NULL;
	ssize_t n;
	struct stat st;

	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[n] = '\0';
		if ((p = strrchr(exe, '/')) != NULL) {
			*p = '\0';
			dir = xasprintf("%s/build/locale", exe);
			char *mo = xasprintf("%s/zh_CN/LC_MESSAGES/gongkai.mo", dir);
			if (stat(mo, &st) != 0) {
				free(dir);
				dir = NULL;
			}
			free(mo);
		}
	}
	bindtextdomain("gongkai", dir ? dir : GONGKAI_LOCALEDIR);
	bind_textdomain_codeset("gongkai", "UTF-8");
	textdomain("gongkai");
	free(dir);
}

/* Makes gettext answer in `l` from now on. */
static void
apply(enum lang l)
{
	const char *loc;

	current = l;
	setenv("LANGUAGE", l == LANG_ZH ? "zh_CN" : "en", 1);
	loc = setlocale(LC_MESSAGES, "");
	if (loc == NULL || !real_locale(loc))
		setlocale(LC_MESSAGES, "C.UTF-8");
	/* a new LANGUAGE is read again only when the message locale is set again: done above */
}

int
i18n_init(int *argc, char **argv)
{
	int e, j = 1, want = -1;

	for (int i = 1; i < *argc; i++) {
		const char *v = NULL;

		if (strcmp(argv[i], "--lang") == 0 && i + 1 < *argc)
			v = argv[++i];
		else if (strncmp(argv[i], "--lang=", 7) == 0)
			v = argv[i] + 7;
		else if (strcmp(argv[i], "--") == 0) {
			while (i < *argc)
				argv[j++] = argv[i++];
			break;
		} else {
			argv[j++] = argv[i];
			continue;
		}
		if (strcmp(v, "zh") != 0 && strcmp(v, "en") != 0 && strcmp(v, "zh-CN") != 0) {
			fprintf(stderr, "gongkai: --lang takes zh or en, not '%s' (--lang 取 zh 或 en)\n", v);
			return -1;
		}
		want = (int)lang_of(v);
	}
	if (j < *argc)
		argv[j] = NULL;
	*argc = j;
	bind_catalogue();
	if (want < 0 && (e = env_lang()) >= 0)
		want = e;
	chosen = want >= 0;
	apply(want >= 0 ? (enum lang)want : LANG_ZH);
	return 0;
}

void
i18n_site(const char *language)
{
	enum lang l;

	if (chosen || language == NULL || !*language)
		return;
	l = lang_of(language);
	if (l != current)
		apply(l);
}

enum lang
i18n_lang(void)
{
	return current;
}

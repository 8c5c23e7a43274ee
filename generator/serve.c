/*
 * serve.c: `gongkai serve`, a preview of the site while it is written.
 *
 * The main thread builds into a temporary folder, then waits on inotify for
 * changes to the content and theme folders and rebuilds (build_run swaps the
 * new site in atomically). libmicrohttpd answers requests on a small pool
 * of threads of its own (SERVE_THREADS), each polling many connections:
 *   - files of the output folder, never outside it (no "..", no symlink
 *     out, no hidden files), with their content type;
 *   - in HTML, a <script> tag is added before </body> that listens on
 *     /_gongkai/events (Server-Sent Events) and reloads the page when the
 *     build generation changes. The built files never contain it. An
 *     event stream holds no thread while it waits: its connection is
 *     suspended (MHD_suspend_connection) and resumed when a build ends,
 *     when the pinger thread's PING_MS pass, or when the server stops, so
 *     a hundred open tabs cost a hundred sockets, not a hundred threads;
 *   - after a failed build, every page is an error page with the messages.
 * A request that arrives while a change is waiting to be built waits for
 * that build (at most REBUILD_WAIT_MS), so a reload after saving shows the
 * change. SIGINT or SIGTERM stops the server and removes the folder.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "gongkai.h"
#include "serve.h"
#include "util.h"
#include "i18n.h"

/* Changes closer together than this are built once. */
#define DEBOUNCE_MS		100
/* A request waits at most this long for a pending rebuild. */
#define REBUILD_WAIT_MS		10000
/* An event stream sends a comment this often, so a closed tab is noticed. */
#define PING_MS			10000
/*
 * Connections at once: each open tab holds one for its event stream (a
 * socket, no thread). Lowered to fit the open-files limit when that is small.
 */
#define MAX_CONNECTIONS		1024
/* Threads answering requests; a page that waits for a build holds one. */
#define SERVE_THREADS		8

static const char serve_usage[] =
N_("usage: gongkai serve [-p PORT] [--bind ADDR] [-C CONTENT_DIR] [-t THEME_DIR]\n"
"                     [--drafts] [--as-of YYYY-MM-DD] [-q] [-v]\n"
"\n"
"Builds the site into a temporary folder and serves it for preview at\n"
"http://127.0.0.1:1313/. Every change under the content and theme folders\n"
"rebuilds it, and open pages reload themselves; when a build fails the\n"
"browser shows the messages. Ctrl-C stops the server.\n"
"\n"
"  -p, --port PORT     TCP port (default: 1313; 0 picks a free one)\n"
"      --bind ADDR     address to listen on (default: 127.0.0.1; 0.0.0.0 or ::\n"
"                      show the preview to other machines)\n"
"  -C, --content DIR   content folder (default: content)\n"
"  -t, --theme DIR     theme folder (default: the theme in site.yaml)\n"
"      --drafts        show records marked draft: true as well\n"
"      --as-of DATE    judge overdue disclosures and running notices as of DATE\n"
"  -q, --quiet         print errors only\n"
"  -v, --verbose       print each request and each build stage\n"
"  -h, --help          this help\n"
"\n"
"Exit status: 0 stopped by Ctrl-C (SIGINT) or SIGTERM; 2 usage or system error,\n"
"e.g. the port is in use.\n");

enum { OPT_BIND = 256, OPT_DRAFTS, OPT_AS_OF };

struct server {
	struct build_opts	 base;		/* from the command line */
	const char		*theme_opt;	/* -t, or NULL */
	char			*tmpbase;	/* our mkdtemp folder; removed at the end */
	char			*out;		/* tmpbase/site: the output folder */
	char			*root;		/* its real path, for serve_resolve */
	char			*base_url;	/* http://ADDR:PORT/ */
	int			 ifd;		/* inotify */
	int			 logfd;		/* the terminal's stderr (fd 2 is captured during builds) */
	long			 started;	/* time(NULL) at start: part of the generation id */
	pthread_rwlock_t	 files;		/* written while a build runs */
	pthread_mutex_t		 mu;		/* guards the fields below */
	pthread_cond_t		 cond;		/* broadcast on a new generation, pending=0, or stop */
	unsigned		 gen;		/* builds so far */
	int			 pending;	/* changes seen, not yet built */
	int			 stopping;
	int			 failed;	/* the last build failed */
	char			*errtext;	/* its messages (owned) */
	struct stream		*waiting;	/* suspended event streams (under mu) */
	size_t			 nwaiting;
	int			 sigfd[2];	/* on_signal writes to [1], watch_loop polls [0] */
	struct MHD_Daemon	*httpd;		/* answering requests, or NULL */
	pthread_t		 pinger;	/* pinger_main, when have_pinger */
	int			 have_pinger;
};

/* Where to listen, from the command line. */
struct listen_opts {
	const char		*bind_addr;
	int			 port;		/* 0: a free one */
	struct sockaddr_storage	 ss;		/* bind_addr and port */
	int			 v6;
};

/*
 * One event stream; owned by its libmicrohttpd response (stream_free). While
 * it is on the server's waiting list its connection is suspended, and a
 * suspended connection is never closed, so the list never holds a freed one.
 */
struct stream {
	struct server		*s;
	struct MHD_Connection	*conn;
	unsigned		 gen;		/* the generation this client was told */
	int			 started;
	int			 resumed;	/* woken after a wait: say something */
	struct stream		*next;		/* on s->waiting */
};

static void streams_wake(struct server *s);

static volatile sig_atomic_t got_signal;
static int sigpipe_w = -1;

static void
on_signal(int sig)
{
	int e = errno;

	got_signal = sig;
	if (sigpipe_w >= 0)
		(void)!write(sigpipe_w, "x", 1);
	errno = e;
}

static long
ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static void
logf_(struct server *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
logf_(struct server *s, const char *fmt, ...)
{
	va_list ap;
	struct sb b;

	sb_init(&b);
	va_start(ap, fmt);
	sb_vprintf(&b, _(fmt), ap);
	va_end(ap);
	(void)!write(s->logfd, sb_str(&b), b.len);
	sb_free(&b);
}

/* --- pieces with tests ------------------------------------------------ */

enum serve_res
serve_resolve(const char *root, const char *url, char **file)
{
	size_t rl = strlen(root), ul = strlen(url);
	char *path = NULL, *real = NULL;
	struct stat st;
	enum serve_res r = SERVE_NOT_FOUND;

	*file = NULL;
	if (url[0] != '/')
		return SERVE_FORBIDDEN;
	for (const char *p = url; *p; ) {
		const char *seg = ++p;
		size_t n;

		while (*p && *p != '/')
			p++;
		n = (size_t)(p - seg);
		if (n == 2 && seg[0] == '.' && seg[1] == '.')
			return SERVE_FORBIDDEN;
		if (memchr(seg, '\\', n) != NULL)
			return SERVE_FORBIDDEN;
		if (n > 0 && seg[0] == '.')
			return SERVE_NOT_FOUND;
	}
	path = url[ul - 1] == '/' ? xasprintf("%s%sindex.html", root, url) : xasprintf("%s%s", root, url);
	if ((real = realpath(path, NULL)) == NULL)
		goto out;
	if (strncmp(real, root, rl) != 0 || (real[rl] != '/' && real[rl] != '\0')) {
		r = SERVE_FORBIDDEN;
		goto out;
	}
	if (stat(real, &st) < 0)
		goto out;
	if (S_ISDIR(st.st_mode)) {
		if (url[ul - 1] != '/')
			r = SERVE_REDIRECT;
		goto out;
	}
	if (S_ISREG(st.st_mode)) {
		*file = real;
		real = NULL;
		r = SERVE_FILE;
	}
out:
	free(path);
	free(real);
	return r;
}

const char *
serve_mime(const char *path)
{
	static const struct { const char *ext, *type; } types[] = {
		{ "html", "text/html; charset=utf-8" },
		{ "htm", "text/html; charset=utf-8" },
		{ "css", "text/css; charset=utf-8" },
		{ "js", "text/javascript; charset=utf-8" },
		{ "mjs", "text/javascript; charset=utf-8" },
		{ "json", "application/json; charset=utf-8" },
		{ "xml", "application/xml; charset=utf-8" },
		{ "atom", "application/atom+xml; charset=utf-8" },
		{ "rss", "application/rss+xml; charset=utf-8" },
		{ "txt", "text/plain; charset=utf-8" },
		{ "md", "text/plain; charset=utf-8" },
		{ "csv", "text/csv; charset=utf-8" },
		{ "svg", "image/svg+xml; charset=utf-8" },
		{ "png", "image/png" },
		{ "jpg", "image/jpeg" },
		{ "jpeg", "image/jpeg" },
		{ "gif", "image/gif" },
		{ "webp", "image/webp" },
		{ "avif", "image/avif" },
		{ "ico", "image/vnd.microsoft.icon" },
		{ "pdf", "application/pdf" },
		{ "woff", "font/woff" },
		{ "woff2", "font/woff2" },
		{ "ttf", "font/ttf" },
		{ "otf", "font/otf" },
		{ "webmanifest", "application/manifest+json; charset=utf-8" },
		{ "doc", "application/msword" },
		{ "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
		{ "xls", "application/vnd.ms-excel" },
		{ "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
		{ "zip", "application/zip" },
		{ "mp4", "video/mp4" },
		{ "mp3", "audio/mpeg" },
	};
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

	if (dot != NULL && (slash == NULL || dot > slash))
		for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
			if (strcasecmp(dot + 1, types[i].ext) == 0)
				return types[i].type;
	return "application/octet-stream";
}

char *
serve_inject(const char *html, size_t len, const char *snippet, size_t *outlen)
{
	size_t at = len, sl = strlen(snippet);
	char *out;

	for (size_t i = len >= 7 ? len - 7 + 1 : 0; i-- > 0; )
		if (html[i] == '<' && strncasecmp(html + i, "</body>", 7) == 0) {
			at = i;
			break;
		}
	out = xmalloc(len + sl + 1);
	memcpy(out, html, at);
	memcpy(out + at, snippet, sl);
	memcpy(out + at + sl, html + at, len - at);
	out[len + sl] = '\0';
	*outlen = len + sl;
	return out;
}

/* --- building ----------------------------------------------------------- */

static char *
theme_for(struct server *s)
{
	struct diags d;
	struct config *cfg;
	char *dir;

	if (s->theme_opt != NULL)
		return xstrdup(s->theme_opt);
	diags_init(&d);
	cfg = config_load(s->base.content_dir, &d);
	dir = theme_find(cfg->theme, s->base.content_dir);
	config_free(cfg);
	diags_free(&d);
	return dir;
}

/* Watches dir and every folder below it (not through symlinks, not hidden ones). */
static void
watch_tree(struct server *s, const char *dir, int depth)
{
	/* not IN_ATTRIB: the build's own reads may update atimes */
	const uint32_t mask = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE |
	    IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF;
	DIR *dp;
	struct dirent *de;

	if (depth > 32 || inotify_add_watch(s->ifd, dir, mask) < 0)
		return;
	if ((dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		struct stat st;
		char *p;

		if (de->d_name[0] == '.')
			continue;
		p = path_join(dir, de->d_name);
		if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
			watch_tree(s, p, depth + 1);
		free(p);
	}
	closedir(dp);
}

/* Runs one build with fd 2 captured; returns what it printed (caller frees). */
static char *
build_captured(struct build_opts *o, int *rc)
{
	FILE *tmp = tmpfile();
	int saved;
	char *text;
	long n;

	fflush(stderr);
	if (tmp == NULL || (saved = dup(2)) < 0) {
		if (tmp)
			fclose(tmp);
		*rc = build_run(o);
		return xstrdup("");
	}
	dup2(fileno(tmp), 2);
	*rc = build_run(o);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	n = ftell(tmp);
	text = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	rewind(tmp);
	n = n > 0 ? (long)fread(text, 1, (size_t)n, tmp) : 0;
	text[n] = '\0';
	fclose(tmp);
	return text;
}

static void
rebuild(struct server *s)
{
	struct build_opts o = s->base;
	char *theme = theme_for(s), *text;
	long t0 = ms_now();
	int rc;

	o.theme_dir = theme;
	o.output_dir = s->out;
	o.base_url = s->base_url;
	o.check_only = 0;
	pthread_rwlock_wrlock(&s->files);
	text = build_captured(&o, &rc);
	pthread_rwlock_unlock(&s->files);
	logf_(s, "%s", text);
	watch_tree(s, s->base.content_dir, 0);
	watch_tree(s, theme, 0);
	pthread_mutex_lock(&s->mu);
	s->gen++;
	s->pending = 0;
	s->failed = rc != 0;
	free(s->errtext);
	s->errtext = text;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->mu);
	streams_wake(s);
	if (rc != 0)
		logf_(s, "gongkai: build failed (exit %d); the browser shows why\n", rc);
	else if (!s->base.quiet)
		logf_(s, "gongkai: built in %ld ms\n", ms_now() - t0);
	free(theme);
}

/* Names editors write beside a file while saving: no rebuild for those. */
static int
ignored_name(const char *name)
{
	size_t n = strlen(name);

	return name[0] == '.' || (n && name[n - 1] == '~') || strcmp(name, "4913") == 0 ||
	    (n > 4 && (strcmp(name + n - 4, ".swp") == 0 || strcmp(name + n - 4, ".swx") == 0 ||
	    strcmp(name + n - 4, ".tmp") == 0));
}

/* Reads what inotify has; returns whether any of it calls for a rebuild. */
static int
drain(struct server *s)
{
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	int relevant = 0;
	ssize_t n;

	while ((n = read(s->ifd, buf, sizeof buf)) > 0) {
		for (char *p = buf; p < buf + n; ) {
			struct inotify_event *ev = (struct inotify_event *)(void *)p;

			if ((ev->mask & IN_Q_OVERFLOW) || (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF)) ||
			    (ev->len && !ignored_name(ev->name)))
				relevant = 1;
			p += sizeof *ev + ev->len;
		}
	}
	return relevant;
}

/* Events pending in the kernel queue (not yet read by the main loop)? */
static int
queued(struct server *s)
{
	int n = 0;

	return ioctl(s->ifd, FIONREAD, &n) == 0 && n > 0;
}

/* --- answering ---------------------------------------------------------- */

/* Sends r (consumed) as a file of the site: of type `type`, never cached, never sniffed. */
static enum MHD_Result
queue_file(struct MHD_Connection *c, unsigned status, struct MHD_Response *r, const char *type)
{
	enum MHD_Result ret;

	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
reply(struct MHD_Connection *c, unsigned status, const char *type, char *body, size_t len)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);

	if (r == NULL) {
		free(body);
		return MHD_NO;
	}
	return queue_file(c, status, r, type);
}

/* An empty answer with one header: a redirect's Location, a 405's Allow. */
static enum MHD_Result
reply_empty(struct MHD_Connection *c, unsigned status, const char *header, const char *value)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ret;

	if (r == NULL)
		return MHD_NO;
	MHD_add_response_header(r, header, value);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
reply_text(struct MHD_Connection *c, unsigned status, const char *msg)
{
	const char *t = _(msg);

	return reply(c, status, "text/plain; charset=utf-8", xstrdup(t), strlen(t));
}

/* The tag added to HTML: its script knows the generation the page was built in. */
static char *
snippet(struct server *s, unsigned gen)
{
	return xasprintf("<script src=\"/_gongkai/reload.js?gen=%ld-%u\"></script>", s->started, gen);
}

static enum MHD_Result
reply_html(struct server *s, struct MHD_Connection *c, unsigned status, const char *html,
    size_t len, unsigned gen)
{
	char *tag = snippet(s, gen), *body;
	size_t blen;

	body = serve_inject(html, len, tag, &blen);
	free(tag);
	return reply(c, status, "text/html; charset=utf-8", body, blen);
}

static enum MHD_Result
reply_error_page(struct server *s, struct MHD_Connection *c, const char *text, unsigned gen)
{
	struct sb b;
	enum MHD_Result ret;

	sb_init(&b);
	sb_puts(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
	    "<title>构建失败 - gongkai</title>\n<style>body{font-family:sans-serif;margin:2em;"
	    "color:#222}h1{color:#b00}pre{background:#fff4f4;border:1px solid #e0b0b0;padding:1em;"
	    "white-space:pre-wrap;word-break:break-all;font-size:14px}</style>\n</head>\n<body>\n"
	    "<h1>构建失败 Build failed</h1>\n<p>请按下面的提示修改文件并保存，本页会自动刷新。"
	    "Fix the files named below and save them: this page reloads by itself.</p>\n<pre>");
	sb_html(&b, text, strlen(text));
	sb_puts(&b, "</pre>\n</body>\n</html>\n");
	ret = reply_html(s, c, 500, sb_str(&b), b.len, gen);
	sb_free(&b);
	return ret;
}

char *
serve_location(const char *url)
{
	struct sb b;

	sb_init(&b);
	sb_putc(&b, '/');
	for (const unsigned char *p = (const unsigned char *)url; *p; p++) {
		if (*p == '/') {
			if (b.buf[b.len - 1] != '/')
				sb_putc(&b, '/');
		} else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("-._~", *p) != NULL)
			sb_putc(&b, (char)*p);
		else
			sb_printf(&b, "%%%02X", *p);	/* a backslash too: browsers read it as '/' */
	}
	if (b.buf[b.len - 1] != '/')
		sb_putc(&b, '/');
	return sb_take(&b);
}

/*
 * Resumes every waiting event stream (a new generation, a ping, or the
 * end). Called without s->mu held: libmicrohttpd takes its own lock in
 * MHD_resume_connection, and stream_read holds s->mu while it suspends.
 */
static void
streams_wake(struct server *s)
{
	struct MHD_Connection **conns;
	size_t n = 0;

	pthread_mutex_lock(&s->mu);
	conns = xcalloc(s->nwaiting + 1, sizeof *conns);
	for (struct stream *st = s->waiting; st != NULL; st = st->next) {
		st->resumed = 1;
		conns[n++] = st->conn;
	}
	s->waiting = NULL;
	s->nwaiting = 0;
	pthread_mutex_unlock(&s->mu);
	/* still suspended, so still there: nothing frees them until they run again */
	for (size_t i = 0; i < n; i++)
		MHD_resume_connection(conns[i]);
	free(conns);
}

/*
 * libmicrohttpd asks for the next bytes of an event stream. It never waits:
 * with nothing to say, the connection is suspended and 0 returned, and
 * streams_wake() brings it back.
 */
static ssize_t
stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct stream *st = cls;
	struct server *s = st->s;
	int n = 0;

	(void)pos;
	pthread_mutex_lock(&s->mu);
	if (s->stopping) {
		pthread_mutex_unlock(&s->mu);
		return MHD_CONTENT_READER_END_OF_STREAM;
	}
	if (!st->started) {
		st->started = 1;
		st->gen = s->gen;
		n = snprintf(buf, max, "retry: 1000\ndata: %ld-%u\n\n", s->started, s->gen);
	} else if (s->gen != st->gen) {
		st->gen = s->gen;
		st->resumed = 0;
		n = snprintf(buf, max, "data: %ld-%u\n\n", s->started, s->gen);
	} else if (st->resumed) {
		/* a write to a closed tab fails here, and libmicrohttpd drops the connection */
		st->resumed = 0;
		n = snprintf(buf, max, ": ping\n\n");
	} else {
		st->next = s->waiting;
		s->waiting = st;
		s->nwaiting++;
		MHD_suspend_connection(st->conn);
		pthread_mutex_unlock(&s->mu);
		return 0;
	}
	pthread_mutex_unlock(&s->mu);
	return n > 0 && (size_t)n < max ? n : MHD_CONTENT_READER_END_WITH_ERROR;
}

/* The pinger thread: every PING_MS, every waiting stream says ": ping". */
static void *
pinger_main(void *arg)
{
	struct server *s = arg;

	for (;;) {
		struct timespec until;
		int stop;

		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += PING_MS / 1000;
		pthread_mutex_lock(&s->mu);
		while (!s->stopping && pthread_cond_timedwait(&s->cond, &s->mu, &until) != ETIMEDOUT)
			;
		stop = s->stopping;
		pthread_mutex_unlock(&s->mu);
		if (stop)
			return NULL;
		streams_wake(s);
	}
}

static void
stream_free(void *cls)
{
	free(cls);
}

static enum MHD_Result
reply_events(struct server *s, struct MHD_Connection *c)
{
	struct stream *st = xcalloc(1, sizeof *st);
	struct MHD_Response *r;
	enum MHD_Result ret;

	st->s = s;
	st->conn = c;
	r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 256, stream_read, st, stream_free);
	if (r == NULL) {
		free(st);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", "text/event-stream; charset=utf-8");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	ret = MHD_queue_response(c, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
reply_script(struct MHD_Connection *c)
{
	const char *gen = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "gen");
	char *js;

	if (gen == NULL || strspn(gen, "0123456789-") != strlen(gen) || strlen(gen) > 40)
		gen = "";
	/* A message is the current generation; any other than the page's reloads it. */
	js = xasprintf("(function () {\n"
	    "\tvar gen = \"%s\", es = new EventSource(\"/_gongkai/events\");\n"
	    "\tes.onmessage = function (e) {\n"
	    "\t\tif (e.data !== gen) { es.close(); location.reload(); }\n"
	    "\t};\n"
	    "})();\n", gen);
	return reply(c, MHD_HTTP_OK, "text/javascript; charset=utf-8", js, strlen(js));
}

/* Waits while a change is seen but not yet built. Returns the generation to serve. */
static unsigned
settle(struct server *s)
{
	long deadline = ms_now() + REBUILD_WAIT_MS;
	unsigned gen;

	pthread_mutex_lock(&s->mu);
	while (!s->stopping && (s->pending || queued(s)) && ms_now() < deadline) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_nsec += 50 * 1000000L;
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&s->cond, &s->mu, &ts);
	}
	gen = s->gen;
	pthread_mutex_unlock(&s->mu);
	return gen;
}

static enum MHD_Result
reply_file(struct server *s, struct MHD_Connection *c, const char *url)
{
	enum MHD_Result ret = MHD_NO;
	enum serve_res res;
	char *file = NULL, *html = NULL, *errtext = NULL;
	unsigned gen = settle(s);
	int failed, fd = -1;
	size_t len;
	struct stat st;

	pthread_mutex_lock(&s->mu);
	failed = s->failed;
	if (failed)
		errtext = xstrdup(s->errtext ? s->errtext : "");
	gen = s->gen;
	pthread_mutex_unlock(&s->mu);

	pthread_rwlock_rdlock(&s->files);
	res = serve_resolve(s->root, url, &file);
	if (res == SERVE_REDIRECT) {
		char *loc = serve_location(url);
		ret = reply_empty(c, MHD_HTTP_MOVED_PERMANENTLY, "Location", loc);
		free(loc);
		goto out;
	}
	if (res == SERVE_FORBIDDEN) {
		ret = reply_text(c, MHD_HTTP_FORBIDDEN, "403 forbidden: outside the site\n");
		goto out;
	}
	if (failed && (res == SERVE_NOT_FOUND || strncmp(serve_mime(file), "text/html", 9) == 0)) {
		ret = reply_error_page(s, c, errtext, gen);
		goto out;
	}
	if (res == SERVE_NOT_FOUND) {
		char *nf = path_join(s->root, "404.html");
		if (file_read(nf, &html, &len) == 0)
			ret = reply_html(s, c, MHD_HTTP_NOT_FOUND, html, len, gen);
		else
			ret = reply_text(c, MHD_HTTP_NOT_FOUND, "404 not found\n");
		free(nf);
		goto out;
	}
	if (strncmp(serve_mime(file), "text/html", 9) == 0) {
		if (file_read(file, &html, &len) == 0)
			ret = reply_html(s, c, MHD_HTTP_OK, html, len, gen);
		else
			ret = reply_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot read the file\n");
		goto out;
	}
	if ((fd = open(file, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &st) < 0) {
		ret = reply_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot read the file\n");
		goto out;
	} else {
		struct MHD_Response *r = MHD_create_response_from_fd((size_t)st.st_size, fd);
		if (r == NULL)
			goto out;
		fd = -1;	/* the response closes it */
		ret = queue_file(c, MHD_HTTP_OK, r, serve_mime(file));
	}
out:
	pthread_rwlock_unlock(&s->files);
	if (fd >= 0)
		close(fd);
	free(file);
	free(html);
	free(errtext);
	return ret;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
    const char *version, const char *upload, size_t *upload_size, void **req)
{
	struct server *s = cls;
	enum MHD_Result ret;

	(void)version;
	(void)upload;
	(void)upload_size;
	(void)req;
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return reply_empty(c, MHD_HTTP_METHOD_NOT_ALLOWED, "Allow", "GET, HEAD");
	if (strcmp(url, "/_gongkai/events") == 0)
		ret = reply_events(s, c);
	else if (strcmp(url, "/_gongkai/reload.js") == 0)
		ret = reply_script(c);
	else
		ret = reply_file(s, c, url);
	if (s->base.verbose)
		logf_(s, "gongkai: %s %s\n", method, url);
	return ret;
}

/* --- the command ----------------------------------------------------------- */

static int
parse_addr(const char *addr, int port, struct sockaddr_storage *ss, int *v6)
{
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof *ss);
	if (inet_pton(AF_INET, addr, &a4->sin_addr) == 1) {
		a4->sin_family = AF_INET;
		a4->sin_port = htons((uint16_t)port);
		*v6 = 0;
		return 0;
	}
	if (inet_pton(AF_INET6, addr, &a6->sin6_addr) == 1) {
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		*v6 = 1;
		return 0;
	}
	return -1;
}

/*
 * MAX_CONNECTIONS, or fewer when the open-files limit is low: a build needs
 * files open too, so a hundred descriptors are kept for it.
 */
static unsigned
connection_limit(void)
{
	struct rlimit rl;
	unsigned n = MAX_CONNECTIONS;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < n + 128)
		n = rl.rlim_cur > 160 ? (unsigned)rl.rlim_cur - 128 : 32;
	return n;
}

static void
server_init(struct server *s)
{
	memset(s, 0, sizeof *s);
	s->ifd = -1;
	s->logfd = -1;
	s->sigfd[0] = s->sigfd[1] = -1;
	pthread_rwlock_init(&s->files, NULL);
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cond, NULL);
}

static void
server_free(struct server *s)
{
	if (s->tmpbase != NULL)
		rmtree(s->tmpbase);
	if (s->ifd >= 0)
		close(s->ifd);
	if (s->logfd >= 0)
		close(s->logfd);
	free(s->tmpbase);
	free(s->out);
	free(s->root);
	free(s->base_url);
	free(s->errtext);
	pthread_rwlock_destroy(&s->files);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cond);
}

/* Waits for a change or a signal; rebuilds after changes settle. Returns at a signal. */
static void
watch_loop(struct server *s, int sigfd)
{
	for (;;) {
		struct pollfd pf[2] = { { s->ifd, POLLIN, 0 }, { sigfd, POLLIN, 0 } };
		int relevant;

		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return;
		}
		if (pf[1].revents || got_signal)
			return;
		if (!(pf[0].revents & POLLIN))
			continue;
		/* pending first: a request that finds the queue empty must see it set */
		pthread_mutex_lock(&s->mu);
		s->pending = 1;
		pthread_mutex_unlock(&s->mu);
		relevant = drain(s);
		for (;;) {
			int r = poll(pf, 2, DEBOUNCE_MS);
			if (r < 0 && errno != EINTR)
				return;
			if (pf[1].revents || got_signal)
				return;
			if (r <= 0)
				break;
			relevant |= drain(s);
		}
		if (relevant)
			rebuild(s);
		else {
			pthread_mutex_lock(&s->mu);
			s->pending = 0;
			pthread_cond_broadcast(&s->cond);
			pthread_mutex_unlock(&s->mu);
		}
	}
}

/*
 * Reads the command line into s->base, s->theme_opt and l, and checks it.
 * -1 to go on; else the exit status (0 after -h, 2 after a usage error,
 * printed).
 */
static int
serve_parse(int argc, char **argv, struct server *s, struct listen_opts *l)
{
	static const struct option longopts[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "bind", required_argument, NULL, OPT_BIND },
		{ "content", required_argument, NULL, 'C' },
		{ "theme", required_argument, NULL, 't' },
		{ "drafts", no_argument, NULL, OPT_DRAFTS },
		{ "as-of", required_argument, NULL, OPT_AS_OF },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct stat st;
	struct date dt;
	int c;

	l->bind_addr = "127.0.0.1";
	l->port = 1313;
	s->base.content_dir = "content";
	optind = 1;
	while ((c = getopt_long(argc, argv, "p:C:t:qvh", longopts, NULL)) != -1) {
		switch (c) {
		case 'p': {
			char *end;
			long p = strtol(optarg, &end, 10);
			if (*end || end == optarg || p < 0 || p > 65535) {
				fprintf(stderr, _("gongkai: --port wants a number 0-65535, not '%s'\n"), optarg);
				return 2;
			}
			l->port = (int)p;
			break;
		}
		case OPT_BIND: l->bind_addr = optarg; break;
		case 'C': s->base.content_dir = optarg; break;
		case 't': s->theme_opt = optarg; break;
		case OPT_DRAFTS: s->base.drafts = 1; break;
		case OPT_AS_OF: s->base.as_of = optarg; break;
		case 'q': s->base.quiet = 1; break;
		case 'v': s->base.verbose = 1; break;
		case 'h': fputs(_(serve_usage), stdout); return 0;
		default: fputs(_(serve_usage), stderr); return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, _("gongkai: unexpected argument '%s'\n%s"), argv[optind], _(serve_usage));
		return 2;
	}
	if (s->base.as_of != NULL && date_parse(s->base.as_of, &dt) < 0) {
		fprintf(stderr, _("gongkai: --as-of wants a date YYYY-MM-DD, not '%s'\n"), s->base.as_of);
		return 2;
	}
	if (parse_addr(l->bind_addr, l->port, &l->ss, &l->v6) < 0) {
		fprintf(stderr, _("gongkai: --bind wants an IP address such as 127.0.0.1 or ::1, not '%s'\n"),
		    l->bind_addr);
		return 2;
	}
	if (stat(s->base.content_dir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, _("gongkai: no content folder '%s' (give it with -C DIR)\n"), s->base.content_dir);
		return 2;
	}
	return -1;
}

/*
 * The temporary folder the site is built in (removed by server_free), the
 * inotify descriptor and the terminal's stderr. 0, or -1 after printing why.
 */
static int
server_open(struct server *s)
{
	char tmpl[PATH_MAX], *real;

	snprintf(tmpl, sizeof tmpl, "%s/gongkai-serve-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(tmpl) == NULL || (real = realpath(tmpl, NULL)) == NULL) {
		fprintf(stderr, _("gongkai: cannot make a temporary folder %s: %s\n"), tmpl, strerror(errno));
		return -1;
	}
	s->tmpbase = xstrdup(tmpl);
	s->out = path_join(tmpl, "site");
	s->root = path_join(real, "site");
	free(real);
	s->started = (long)time(NULL);
	if ((s->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) < 0 || (s->logfd = dup(2)) < 0 ||
	    pipe(s->sigfd) < 0) {
		fprintf(stderr, _("gongkai: cannot watch for changes: %s\n"), strerror(errno));
		return -1;
	}
	return 0;
}

/* SIGINT and SIGTERM write to s->sigfd, which watch_loop polls; SIGPIPE is ignored. */
static void
catch_signals(struct server *s)
{
	struct sigaction sa;

	fcntl(s->sigfd[0], F_SETFD, FD_CLOEXEC);
	fcntl(s->sigfd[1], F_SETFD, FD_CLOEXEC);
	fcntl(s->sigfd[1], F_SETFL, O_NONBLOCK);
	sigpipe_w = s->sigfd[1];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

/*
 * Starts libmicrohttpd and the pinger thread, and sets s->base_url to the
 * address a browser opens. 0, or -1 after printing why.
 */
static int
server_listen(struct server *s, struct listen_opts *l)
{
	const union MHD_DaemonInfo *info;
	sigset_t block, old;

	/* The server's threads inherit a mask without SIGINT/SIGTERM: the main thread takes them. */
	sigemptyset(&block);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &block, &old);
	s->httpd = MHD_start_daemon(MHD_USE_AUTO_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME |
	    (l->v6 ? MHD_USE_IPv6 : 0), (uint16_t)l->port, NULL, NULL, on_request, s,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&l->ss,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)SERVE_THREADS,
	    MHD_OPTION_CONNECTION_LIMIT, connection_limit(),
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)(3 * PING_MS / 1000),
	    MHD_OPTION_END);
	if (s->httpd != NULL && pthread_create(&s->pinger, NULL, pinger_main, s) == 0)
		s->have_pinger = 1;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (s->httpd == NULL) {
		fprintf(stderr, _("gongkai: cannot listen on %s port %d (in use? try -p with another port)\n"),
		    l->bind_addr, l->port);
		return -1;
	}
	if ((info = MHD_get_daemon_info(s->httpd, MHD_DAEMON_INFO_BIND_PORT)) != NULL && info->port)
		l->port = info->port;
	s->base_url = l->v6 ? xasprintf("http://[%s]:%d/", l->bind_addr, l->port) :
	    xasprintf("http://%s:%d/", l->bind_addr, l->port);
	if (strcmp(l->bind_addr, "0.0.0.0") == 0 || strcmp(l->bind_addr, "::") == 0) {
		free(s->base_url);
		s->base_url = xasprintf("http://127.0.0.1:%d/", l->port);
	}
	return 0;
}

/* Ends the pinger, the event streams and libmicrohttpd, then stops catching signals. */
static void
server_stop(struct server *s)
{
	pthread_mutex_lock(&s->mu);
	s->stopping = 1;
	pthread_cond_broadcast(&s->cond);
	pthread_mutex_unlock(&s->mu);
	if (s->have_pinger)
		pthread_join(s->pinger, NULL);
	/* libmicrohttpd must not be stopped with suspended connections: they end now */
	streams_wake(s);
	if (s->httpd != NULL)
		MHD_stop_daemon(s->httpd);
	sigpipe_w = -1;
	if (s->sigfd[0] >= 0)
		close(s->sigfd[0]);
	if (s->sigfd[1] >= 0)
		close(s->sigfd[1]);
}

int
cmd_serve(int argc, char **argv)
{
	struct server s;
	struct listen_opts l;
	int rc;

	server_init(&s);
	if ((rc = serve_parse(argc, argv, &s, &l)) >= 0)
		goto out;
	rc = 2;
	if (server_open(&s) < 0)
		goto out;
	catch_signals(&s);
	if (server_listen(&s, &l) < 0)
		goto out;
	rebuild(&s);
	printf("gongkai: serving %s (from %s, built in %s); Ctrl-C stops\n", s.base_url,
	    s.base.content_dir, s.out);
	fflush(stdout);
	if (strncmp(l.bind_addr, "127.", 4) != 0 && strcmp(l.bind_addr, "::1") != 0)
		fprintf(stderr, _("gongkai: warning: listening on %s: other machines can see this preview, "
		    "drafts and all\n"), l.bind_addr);
	watch_loop(&s, s.sigfd[0]);
	if (!s.base.quiet)
		fprintf(stderr, _("gongkai: stopping\n"));
	rc = 0;
out:
	server_stop(&s);
	server_free(&s);
	return rc;
}

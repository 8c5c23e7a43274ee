#!/usr/bin/env node
// bench.mjs: `make bench-search` (issue 6), gongkai's static search index
// (generator/search.c + themes/default/assets/search.js) against Pagefind on
// the same built site. See docs/search-benchmark.md for the method.
//
//   node tools/bench-search/bench.mjs [--records 10000] [--runs 3]
//        [--workdir bench/search-10000] [--skip-build-timing | --timing-only]
//        [--timing-dir DIR]
//
// --timing-only redoes step 2 alone and merges it into WORKDIR/results.json.
//
// Steps (everything stays on this machine; the only server is 127.0.0.1):
//  1. the corpus: tools/bench/gencorpus.py -n N --no-hugo --latin WORKDIR (once);
//  2. build time: clean builds with build/bench-search/gongkai-timed, which
//     times every call into search.c (tools/bench-search/timesearch.c) and,
//     with GK_BENCH_NOINDEX=1, skips the index: RUNS of each, alternating;
//     the output goes to TIMING_DIR: /dev/shm (tmpfs) when there is one,
//     else WORKDIR; --timing-dir chooses. Why tmpfs: on this machine's ext4
//     (no journal) a tree removed and made again in place costs up to ten
//     times the system time (the inode allocator steps over recently deleted
//     inodes), which swings a 10,000-record build between 4 and 35 s;
//  3. WORKDIR/out: one build with ./gongkai; size of out/search/;
//  4. Pagefind (npm `pagefind`, its extended binary, as `npx pagefind` runs
//     it) on the same out/, twice: default (every HTML page, whole <body>)
//     into out/pagefind/, and on the 10,000 record pages only
//     (--glob, --output-subdir pagefind-records);
//  5. truth: the visible text of <main> of every page (HTML of out/); a page
//     truly contains q when its text, ASCII and full-width letters folded to
//     lower case, contains q;
//  6. bytes: a static server on 127.0.0.1 (no compression) and Debian's
//     chromium through playwright-core; for every query and engine a fresh
//     browser context (cold cache) loads our search page with ?q= or a blank
//     page calling Pagefind's JS API (search, then data() of the top 20);
//     the response body sizes of network events are summed;
//  7. recall and precision against the truth over each engine's full result
//     list: ours from the query core in node (search.js with TOP raised and a
//     loader reading files), Pagefind's from pagefind.search() in the browser
//     (result ids mapped to URLs through the fragment files).
// Prints Markdown tables; writes WORKDIR/results.json.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const require = createRequire(import.meta.url);

// [query, what, class]: the classes of issue 20's "done when".
const QUERIES = [
	['低保', 'whole word', 'Chinese words'],
	['路灯', 'whole word (ledger items)', 'Chinese words'],
	['会议', 'whole word, common', 'Chinese words'],
	['财务公开', 'whole word (a phrase, not its pieces)', 'Chinese words'],
	['村民代表会议', 'whole word, long', 'Chinese words'],
	['一事一议', 'whole word, idiom', 'Chinese words'],
	['代表会', 'partial word', 'partial words'],
	['监督委', 'partial word', 'partial words'],
	['务公', 'partial word', 'partial words'],
	['路', 'one character', 'single characters'],
	['镇', 'one character (town names)', 'single characters'],
	['扶贫', 'whole word, rare', 'rare words'],
	['人畜饮水', 'rare phrase', 'rare words'],
	['2025', 'digits', 'numbers'],
	['12月', 'digits and a character', 'numbers'],
	['4.60', 'a decimal amount', 'numbers'],
	['000.00', 'part of amounts', 'numbers'],
	['2024-03-09', 'a date as typed', 'dates'],
	['2024-3-9', 'a date typed without zeros', 'dates'],
	['2024-05', 'a month as typed', 'dates'],
	['2024年5月', 'a month in words', 'dates'],
	['3月9日', 'a day in words', 'dates'],
	['2024年3月9日', 'a date in words', 'dates'],
	['A4', 'Latin (print link)', 'Latin tokens'],
	['caiwu', 'Latin (the address shown)', 'Latin tokens'],
	['PDF', 'upper case (pdf, ＰＤＦ too)', 'Latin tokens'],
	['qr', 'lower case (QR, Qr too)', 'Latin tokens'],
	['WiFi', 'mixed case', 'Latin tokens'],
	['ABC123', 'letters and digits', 'Latin tokens'],
	['ＡＢＣ１２３', 'full-width', 'Latin tokens'],
	['bc12', 'inside a word', 'Latin tokens'],
	['修路', 'whole word, not in corpus', 'absent'],
	['量子计算', 'no result', 'absent'],
	['财务公开量子', 'absent phrase of present words', 'absent'],
];
const RECORD_KINDS = 'work,meetings,disclosures,cases,reports';
const RECORD_RE = new RegExp('^sites/[^/]+/(' + RECORD_KINDS.replace(/,/g, '|') + ')/[^/]+/index\\.html$');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync'];

function arg(name, def) {
	const i = process.argv.indexOf('--' + name);
	return i < 0 ? def : process.argv[i + 1];
}
const N = +arg('records', 10000);
const RUNS = +arg('runs', 3);
const WD = path.resolve(ROOT, arg('workdir', 'bench/search-' + N));
const OUT = path.join(WD, 'out');
const SKIP_TIMING = process.argv.includes('--skip-build-timing');
const TIMING_ONLY = process.argv.includes('--timing-only');
// --no-pagefind: ours alone (where Pagefind cannot run, or not in the time at hand)
const NO_PF = process.argv.includes('--no-pagefind');
const TMPFS_MAGIC = 0x01021994;
function defaultTimingDir() {
	try {
		if (fs.statfsSync('/dev/shm').type === TMPFS_MAGIC)
			return '/dev/shm/gongkai-bench-search';
	} catch { /* no /dev/shm: build on disk */ }
	return WD;
}
const TIMING_DIR = path.resolve(arg('timing-dir', defaultTimingDir()));
const log = (...a) => console.error('bench-search:', ...a);

// One command: wall, CPU (user + sys of the child) and peak RSS via os.wait4.
const RUNNER = `
import json, os, subprocess, sys, time
t = time.monotonic()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
err = p.stdout.read()
_, st, ru = os.wait4(p.pid, 0)
print(json.dumps({"wall": time.monotonic() - t, "cpu": ru.ru_utime + ru.ru_stime,
    "rss": ru.ru_maxrss / 1024.0, "rc": os.waitstatus_to_exitcode(st),
    "err": err.decode(errors="replace")[-6000:]}))
`;
function timed(argv, env) {
	const r = spawnSync('python3', ['-c', RUNNER, ...argv], { encoding: 'utf8', env: { ...process.env, ...env },
		timeout: 20 * 60 * 1000 });
	if (r.status !== 0)
		throw new Error('runner failed: ' + r.stderr);
	const j = JSON.parse(r.stdout);
	if (j.rc !== 0)
		throw new Error(argv.join(' ') + ' exited ' + j.rc + ':\n' + j.err);
	return j;
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

function walk(dir, rel = '', out = []) {
	for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
		const r = rel ? rel + '/' + e.name : e.name;
		if (e.isDirectory())
			walk(dir, r, out);
		else
			out.push(r);
	}
	return out;
}

const gzCache = new Map();
function gzSize(file) {
	if (!gzCache.has(file)) {
		const b = fs.readFileSync(file);
		gzCache.set(file, Math.min(b.length, zlib.gzipSync(b, { level: 6 }).length));
	}
	return gzCache.get(file);
}

function dirStats(dir) {
	let files = 0, bytes = 0, gz = 0;
	for (const f of walk(dir)) {
		const p = path.join(dir, f);
		files++;
		bytes += fs.statSync(p).size;
		gz += gzSize(p);
	}
	return { files, bytes, gz };
}

/* 1. corpus */
function corpus() {
	const stamp = path.join(WD, '.generated-latin');
	if (!fs.existsSync(stamp)) {
		log('generating', N, 'records into', WD);
		execFileSync('python3', [path.join(ROOT, 'tools/bench/gencorpus.py'), '-n', String(N), '--no-hugo', '--latin', WD],
			{ stdio: 'inherit' });
		fs.writeFileSync(stamp, '');
	}
}

function clean(name, dir = WD) {
	fs.rmSync(path.join(dir, name), { recursive: true, force: true });
	const cache = path.join(dir, '.gongkai-cache');
	if (fs.existsSync(cache))
		for (const f of fs.readdirSync(cache))
			if (f === name || f.startsWith(name + '.'))
				fs.rmSync(path.join(cache, f), { recursive: true, force: true });
}

/* 2. build time with and without the index */
function buildTiming() {
	const bin = path.join(ROOT, 'build/bench-search/gongkai-timed');
	const argv = [bin, 'build', '-q', '-C', path.join(WD, 'content'), '-t', path.join(ROOT, 'themes/default'),
		'-o', path.join(TIMING_DIR, 'out-timing')];
	const runs = { index: [], noindex: [] };
	fs.mkdirSync(TIMING_DIR, { recursive: true });
	log('build timing in', TIMING_DIR);
	for (let i = 0; i < RUNS; i++) {
		for (const mode of i % 2 ? ['noindex', 'index'] : ['index', 'noindex']) {
			clean('out-timing', TIMING_DIR);
			const r = timed(argv, { GK_BENCH_NOINDEX: mode === 'noindex' ? '1' : '0' });
			const m = /search.* pages (\d+) add ([\d.]+) ms write ([\d.]+) ms free ([\d.]+) ms/.exec(r.err);
			if (!m)
				throw new Error('no timing line from gongkai-timed:\n' + r.err);
			r.search = { pages: +m[1], add: +m[2] / 1e3, write: +m[3] / 1e3, free: +m[4] / 1e3 };
			r.files = walk(path.join(TIMING_DIR, 'out-timing')).length;
			runs[mode].push(r);
			log(`build ${i + 1}/${RUNS} ${mode}: wall ${r.wall.toFixed(2)} s, cpu ${r.cpu.toFixed(2)} s` +
				(mode === 'index' ? `, search.c ${(r.search.add + r.search.write + r.search.free).toFixed(2)} s` : ''));
		}
	}
	clean('out-timing', TIMING_DIR);
	if (TIMING_DIR !== WD)
		fs.rmSync(TIMING_DIR, { recursive: true, force: true });
	const s = (mode, f) => median(runs[mode].map(f));
	return {
		runs, dir: TIMING_DIR,
		index: { wall: s('index', (r) => r.wall), cpu: s('index', (r) => r.cpu), rss: Math.max(...runs.index.map((r) => r.rss)),
			add: s('index', (r) => r.search.add), write: s('index', (r) => r.search.write),
			searchc: s('index', (r) => r.search.add + r.search.write + r.search.free), files: runs.index[0].files },
		noindex: { wall: s('noindex', (r) => r.wall), cpu: s('noindex', (r) => r.cpu), files: runs.noindex[0].files },
	};
}

/* 4. Pagefind */
function pagefind(extra, subdir) {
	const bin = path.join(HERE, 'node_modules/.bin/pagefind');
	fs.rmSync(path.join(OUT, subdir), { recursive: true, force: true });
	const r = timed([bin, '--site', OUT, ...extra]);
	const pages = /Indexed (\d+) pages/.exec(r.err), words = /Indexed (\d+) words/.exec(r.err);
	const out = { wall: r.wall, cpu: r.cpu, rss: r.rss, pages: pages ? +pages[1] : null, words: words ? +words[1] : null,
		...dirStats(path.join(OUT, subdir)), note: /Indexing all <body>|data-pagefind-body element/.exec(r.err)?.[0] || '' };
	// fragment id -> url (what result.data() would return)
	out.urls = {};
	for (const f of fs.readdirSync(path.join(OUT, subdir, 'fragment'))) {
		const t = zlib.gunzipSync(fs.readFileSync(path.join(OUT, subdir, 'fragment', f))).toString('utf8');
		out.urls[f.replace(/\.pf_fragment$/, '')] = JSON.parse(t.slice(t.indexOf('{'))).url;
	}
	log(`pagefind ${subdir}: ${out.pages} pages in ${r.wall.toFixed(1)} s, ${out.files} files, ${out.bytes} bytes`);
	return out;
}

/* 5. truth: visible text of <main> */
const BLOCK = new Set(['p', 'div', 'li', 'ol', 'ul', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'tr', 'table',
	'thead', 'tbody', 'header', 'footer', 'section', 'article', 'nav', 'main', 'br', 'dt', 'dd', 'dl', 'figure',
	'figcaption', 'blockquote', 'pre', 'form', 'aside', 'caption', 'hr', 'details', 'summary']);
function fold(s) {
	return s.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g, (c) => {
		const k = c.charCodeAt(0);
		return String.fromCharCode(k <= 0xff19 ? k - 0xff10 + 48 : k <= 0xff3a ? k - 0xff21 + 97 : k - 0xff41 + 97);
	}).toLowerCase();
}
function mainText(html) {
	const a = html.indexOf('<main'), b = html.lastIndexOf('</main>');
	let s = a < 0 ? html : html.slice(a, b < 0 ? undefined : b);
	s = s.replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, '').replace(/<!--[\s\S]*?-->/g, '');
	s = s.replace(/<\/?([a-zA-Z0-9]+)\b[^>]*>/g, (_, t) => BLOCK.has(t.toLowerCase()) ? '\n' : '');
	s = s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|nbsp);/gi, (_, e) => {
		e = e.toLowerCase();
		if (e[0] === '#')
			return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : +e.slice(1));
		return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' }[e];
	});
	return fold(s.replace(/[ \t\r]+/g, ' ').replace(/\s*\n\s*/g, '\n'));
}
function truthTexts() {
	const texts = new Map();
	for (const f of walk(OUT)) {
		if (!f.endsWith('.html') || f.startsWith('pagefind'))
			continue;
		texts.set(f, mainText(fs.readFileSync(path.join(OUT, f), 'utf8')));
	}
	return texts;
}
// "/sites/x/y/" or "sites/x/y/index.html" -> "sites/x/y/index.html"
function norm(u) {
	u = decodeURI(u.split('#')[0].split('?')[0]).replace(/^\/+/, '');
	return u === '' || u.endsWith('/') ? u + 'index.html' : u;
}

/* 7. our full result list: search.js with opts.all (every result on one page), files read from disk */
function oursFull() {
	const src = fs.readFileSync(path.join(ROOT, 'themes/default/assets/search.js'), 'utf8');
	const ctx = vm.createContext({});
	vm.runInContext(src, ctx, { filename: 'search.js' });
	const gk = ctx.GK_SEARCH;
	gk.load = (rel) => {
		vm.runInContext(fs.readFileSync(path.join(OUT, 'search', rel), 'utf8'), ctx, { filename: rel });
		return Promise.resolve();
	};
	return async (q) => {
		const r = await gk.search(q, { all: true });
		return { total: r.total, urls: Array.from(r.results, (x) => norm(x.url)) };
	};
}

/* 6. the server */
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css',
	'.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png',
	'.xml': 'application/xml' };
const PF_PAGE = `<!doctype html><meta charset="utf-8"><title>pagefind bench</title>
<script type="module">
const u = new URLSearchParams(location.search), q = u.get('q'), b = u.get('b'), full = u.get('full');
try {
	const pf = await import('/' + b + '/pagefind.js');
	const s = await pf.search(q);
	if (full)
		window.__done = { total: s.results.length, ids: s.results.map((r) => r.id) };
	else {
		const top = await Promise.all(s.results.slice(0, 20).map((r) => r.data()));
		window.__done = { total: s.results.length, urls: top.map((d) => d.url) };
	}
} catch (e) {
	window.__done = { error: String(e && e.stack || e) };
}
</script>`;
function serve() {
	const served = [];
	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://127.0.0.1');
		let rel = decodeURIComponent(url.pathname);
		if (rel === '/__bench/pf.html') {
			res.writeHead(200, { 'Content-Type': MIME['.html'], 'Cache-Control': 'no-store' });
			res.end(PF_PAGE);
			return;
		}
		if (rel.endsWith('/'))
			rel += 'index.html';
		const file = path.join(OUT, path.normalize(rel));
		if (!file.startsWith(OUT + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
			res.writeHead(404, { 'Content-Type': 'text/plain' });
			res.end('not found');
			served.push({ path: rel, bytes: 9, status: 404 });
			return;
		}
		const body = fs.readFileSync(file);
		res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream',
			'Content-Length': body.length });
		res.end(body);
		served.push({ path: rel, bytes: body.length, status: 200, file });
	});
	return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, served, port: server.address().port })));
}

async function withTimeout(p, ms, what) {
	let t;
	try {
		return await Promise.race([p, new Promise((_, no) => { t = setTimeout(() => no(new Error('timeout: ' + what)), ms); })]);
	} finally {
		clearTimeout(t);
	}
}

// One cold load: a new context, every finished response's body size.
async function measure(browser, srv, url, isEngine, done) {
	const ctx = await browser.newContext();
	const seen = [];
	ctx.on('requestfinished', (r) => {
		seen.push(r.sizes().then((s) => ({ url: r.url(), bytes: s.responseBodySize })).catch(() => null));
	});
	srv.served.length = 0;
	try {
		const page = await ctx.newPage();
		page.setDefaultTimeout(60000);
		const t0 = Date.now();
		await page.goto(url);
		const result = await (await page.waitForFunction(done, null, { timeout: 120000 })).jsonValue();
		const ms = Date.now() - t0;
		await page.waitForLoadState('networkidle', { timeout: 30000 }).catch(() => {});
		const got = (await Promise.all(seen)).filter(Boolean);
		const path0 = (u) => new URL(u).pathname;
		const eng = got.filter((g) => isEngine(path0(g.url)));
		const srvEng = srv.served.filter((s) => isEngine(s.path));
		const bsize = new Map();
		for (const g of eng)
			bsize.set(decodeURIComponent(path0(g.url)), (bsize.get(decodeURIComponent(path0(g.url))) || 0) + g.bytes);
		// Bytes are the server's count (exact: no compression, Content-Length =
		// body). The browser's events must agree, except for files whose body
		// they do not report (Pagefind's worker script): listed in unreported.
		return {
			result, ms,
			bytes: srvEng.reduce((a, s) => a + s.bytes, 0), requests: srvEng.length,
			browserBytes: eng.reduce((a, g) => a + g.bytes, 0), browserRequests: eng.length,
			unreported: srvEng.filter((s) => bsize.get(s.path) !== s.bytes)
				.map((s) => `${s.path} (server ${s.bytes}, browser ${bsize.get(s.path) ?? 'none'})`),
			allBytes: srv.served.reduce((a, s) => a + s.bytes, 0), allRequests: srv.served.length,
			gz: srvEng.reduce((a, s) => a + (s.file ? gzSize(s.file) : s.bytes), 0),
		};
	} finally {
		await ctx.close();
	}
}

// The record's own words: title and Markdown body (front matter and link
// targets left out), to tell misses in the text from misses in fields that
// the theme renders from front matter (agenda, ledger items) or page chrome.
const bodyCache = new Map();
function mdBody(url) {
	if (!bodyCache.has(url)) {
		const f = path.join(WD, 'content', url.replace(/\/index\.html$/, '.md'));
		let t = '';
		if (fs.existsSync(f)) {
			const s = fs.readFileSync(f, 'utf8'), m = /^---\n([\s\S]*?)\n---\n?/.exec(s);
			const title = m && /^title:\s*"?(.*?)"?\s*$/m.exec(m[1]);
			t = fold((title ? title[1] + '\n' : '') + (m ? s.slice(m[0].length) : s).replace(/\]\([^)]*\)/g, ']'));
		}
		bodyCache.set(url, t);
	}
	return bodyCache.get(url);
}

// Dates typed as 2024-05-19 or 2024-05 stand for the page's 2024年5月19日 / 2024年5月.
function dateForms(Q) {
	const m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(Q);
	return m ? [Q, `${m[1]}年${+m[2]}月` + (m[3] ? `${+m[3]}日` : '')] : [Q];
}

function score(urls, q, texts, records) {
	const Q = fold(q), forms = dateForms(Q);
	const has = (t) => forms.some((f) => t.includes(f));
	const truth = [...records].filter((r) => has(texts.get(r)));
	const set = new Set(urls);
	const hit = truth.filter((t) => set.has(t)).length;
	const good = urls.filter((u) => texts.has(u) && has(texts.get(u))).length;
	const missed = truth.filter((t) => !set.has(t));
	return { truth: truth.length, returned: urls.length, returnedRecords: urls.filter((u) => records.has(u)).length,
		hit, recall: truth.length ? hit / truth.length : null, precision: urls.length ? good / urls.length : null,
		truthBody: truth.filter((t) => mdBody(t).includes(Q)).length,
		missedBody: missed.filter((t) => mdBody(t).includes(Q)).length,
		missed: missed.slice(0, 5), wrong: urls.filter((u) => !(texts.has(u) && has(texts.get(u)))).slice(0, 5) };
}

const kb = (b) => (b / 1024).toFixed(1);
const pct = (x) => x === null ? '–' : (100 * x).toFixed(1) + '%';

async function main() {
	const results = { records: N, date: new Date().toISOString(), queries: {} };
	corpus();
	if (TIMING_ONLY) {
		const f = path.join(WD, 'results.json');
		const old = JSON.parse(fs.readFileSync(f, 'utf8'));
		old.build = buildTiming();
		fs.writeFileSync(f, JSON.stringify(old, null, 1));
		report(old);
		return;
	}
	if (!SKIP_TIMING)
		results.build = buildTiming();
	log('building', OUT);
	clean('out');
	const b = timed([path.join(ROOT, 'gongkai'), 'build', '-q', '-C', path.join(WD, 'content'), '-t',
		path.join(ROOT, 'themes/default'), '-o', OUT]);
	results.ours = { buildWall: b.wall, ...dirStats(path.join(OUT, 'search')), searchJs: fs.statSync(path.join(OUT, 'assets/search.js')).size };
	const pf = NO_PF ? {} : {
		default: pagefind([], 'pagefind'),
		records: pagefind(['--glob', `sites/*/{${RECORD_KINDS}}/*/index.html`, '--output-subdir', 'pagefind-records'],
			'pagefind-records'),
	};
	for (const k in pf)
		results['pagefind_' + k] = { ...pf[k], urls: undefined };

	log('reading the truth from', OUT);
	const texts = truthTexts();
	const records = new Set([...texts.keys()].filter((f) => RECORD_RE.test(f)));
	results.pages = texts.size;
	results.recordPages = records.size;
	const full = oursFull();

	const { chromium } = require('playwright-core');
	const srv = await serve();
	const base = `http://127.0.0.1:${srv.port}`;
	let browser;
	const killer = setTimeout(() => { log('overall timeout'); process.exit(3); }, 40 * 60 * 1000);
	try {
		browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, timeout: 60000 });
		for (const [q, what, cls] of QUERIES) {
			const row = results.queries[q] = { what, cls };
			const enc = encodeURIComponent(q);
			// ours: the real search page, as a visitor opens it
			const m = await measure(browser, srv, `${base}/search/index.html?q=${enc}`,
				(p) => p.startsWith('/search/') && p !== '/search/index.html' || p === '/assets/search.js',
				() => { const s = document.getElementById('search-status');
					return s && /找到|没有找到|失败/.test(s.textContent) &&
						{ status: s.textContent, shown: document.querySelectorAll('#search-results li').length }; });
			const f = await full(q);
			row.ours = { ...m, total: f.total, ...score(f.urls, q, texts, records) };
			for (const k in pf) {
				const bundle = k === 'default' ? 'pagefind' : 'pagefind-records';
				const pm = await measure(browser, srv, `${base}/__bench/pf.html?b=${bundle}&q=${enc}`,
					(p) => p.startsWith('/' + bundle + '/'), () => window.__done);
				if (pm.result.error)
					throw new Error('pagefind: ' + pm.result.error);
				const ctx = await browser.newContext();
				try {
					const page = await ctx.newPage();
					await page.goto(`${base}/__bench/pf.html?b=${bundle}&full=1&q=${enc}`);
					const fr = await (await page.waitForFunction(() => window.__done, null, { timeout: 120000 })).jsonValue();
					if (fr.error)
						throw new Error('pagefind: ' + fr.error);
					const urls = fr.ids.map((id) => {
						if (!(id in pf[k].urls))
							throw new Error('pagefind result id without a fragment: ' + id);
						return norm(pf[k].urls[id]);
					});
					row['pagefind_' + k] = { ...pm, total: fr.total, ...score(urls, q, texts, records) };
				} finally {
					await ctx.close();
				}
			}
			log(`${q}: ours ${kb(row.ours.bytes)} KB ${row.ours.total} hits, recall ${pct(row.ours.recall)}, ` +
				`precision ${pct(row.ours.precision)}` + (NO_PF ? '' : `; pagefind ${kb(row.pagefind_default.bytes)} KB ` +
				`${row.pagefind_default.total} hits; records-only ${kb(row.pagefind_records.bytes)} KB`));
		}
	} finally {
		clearTimeout(killer);
		if (browser)
			await browser.close().catch(() => {});
		srv.server.closeAllConnections?.();
		srv.server.close();
	}
	fs.writeFileSync(path.join(WD, 'results.json'), JSON.stringify(results, null, 1));
	report(results);
}

const row0 = (rows) => rows.every((row) => row.pagefind_records);

function report(r) {
	const o = r.ours, d = r.pagefind_default, p = r.pagefind_records;
	console.log(`\n## Search benchmark: ${r.records} records (${r.recordPages} record pages, ${r.pages} HTML pages)\n`);
	if (r.build) {
		const B = r.build;
		console.log(`Build (median of ${B.runs.index.length} clean builds each, alternating, output in ${B.dir || 'the workdir'}):\n`);
		console.log('| | wall | CPU | files |');
		console.log('|---|---:|---:|---:|');
		console.log(`| gongkai build with the index | ${B.index.wall.toFixed(2)} s | ${B.index.cpu.toFixed(2)} s | ${B.index.files} |`);
		console.log(`| gongkai build without (GK_BENCH_NOINDEX=1) | ${B.noindex.wall.toFixed(2)} s | ${B.noindex.cpu.toFixed(2)} s | ${B.noindex.files} |`);
		console.log(`| difference | ${(B.index.wall - B.noindex.wall).toFixed(2)} s (+${(100 * (B.index.wall / B.noindex.wall - 1)).toFixed(0)}%) | ` +
			`${(B.index.cpu - B.noindex.cpu).toFixed(2)} s (+${(100 * (B.index.cpu / B.noindex.cpu - 1)).toFixed(0)}%) | ${B.index.files - B.noindex.files} |`);
		console.log(`| time inside search.c (add ${B.index.add.toFixed(2)} s + write ${B.index.write.toFixed(2)} s) | ` +
			`${B.index.searchc.toFixed(2)} s (${(100 * B.index.searchc / B.noindex.wall).toFixed(0)}% of the build without) | | |\n`);
	}
	console.log('Index:\n');
	console.log('| engine | pages indexed | index time | files | bytes | gzip -6 per file |');
	console.log('|---|---:|---:|---:|---:|---:|');
	const sc = r.build ? `${r.build.index.searchc.toFixed(2)} s (in build)` : '–';
	console.log(`| gongkai search/ | ${r.recordPages} | ${sc} | ${o.files} | ${(o.bytes / 1048576).toFixed(1)} MiB | ${(o.gz / 1048576).toFixed(1)} MiB |`);
	for (const [name, x] of d ? [['Pagefind default', d], ['Pagefind records only', p]] : [])
		console.log(`| ${name} | ${x.pages} | ${x.wall.toFixed(1)} s wall, ${x.cpu.toFixed(1)} s CPU, ${(x.rss / 1024).toFixed(1)} GiB RSS | ` +
			`${x.files} | ${(x.bytes / 1048576).toFixed(1)} MiB | ${(x.gz / 1048576).toFixed(1)} MiB |`);
	console.log('\nPer query (cold browser context; KB = 1024 bytes of response bodies, no HTTP compression; ' +
		'gz = the same files gzipped; recall and precision over the full result list):\n');
	console.log('| query | kind | pages containing it | gongkai KB (gz) | req | found | recall | precision | ' +
		'Pagefind KB | req | found | recall | precision | Pagefind records-only KB | found | recall | precision |');
	console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	const none = { bytes: 0, requests: 0, total: '–', recall: null, precision: null };
	for (const [q, row] of Object.entries(r.queries)) {
		const a = row.ours, x = row.pagefind_default || none, y = row.pagefind_records || none;
		console.log(`| ${q} | ${row.what} | ${a.truth} | ${kb(a.bytes)} (${kb(a.gz)}) | ${a.requests} | ${a.total} | ${pct(a.recall)} | ${pct(a.precision)} | ` +
			`${kb(x.bytes)} | ${x.requests} | ${x.total} | ${pct(x.recall)} | ${pct(x.precision)} | ` +
			`${kb(y.bytes)} | ${y.total} | ${pct(y.recall)} | ${pct(y.precision)} |`);
	}
	console.log('\nPer class (recall over the pages containing the query, precision over the full result list; ' +
		'absent: results returned):\n');
	console.log('| class | queries | gongkai recall | gongkai precision | gongkai KB max | Pagefind recall | Pagefind precision | Pagefind KB max |');
	console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
	const classes = [...new Set(Object.values(r.queries).map((row) => row.cls))];
	for (const c of classes) {
		const rows = Object.values(r.queries).filter((row) => row.cls === c);
		const agg = (k) => {
			const t = rows.reduce((a, row) => a + row[k].truth, 0), h = rows.reduce((a, row) => a + row[k].hit, 0);
			const n = rows.reduce((a, row) => a + row[k].returned, 0);
			const g = rows.reduce((a, row) => a + (row[k].precision ?? 0) * row[k].returned, 0);
			const max = Math.max(...rows.map((row) => row[k].bytes));
			return c === 'absent' ? [`${n} returned`, '', kb(max)] : [pct(t ? h / t : null), pct(n ? g / n : null), kb(max)];
		};
		const a = agg('ours'), x = row0(rows) ? agg('pagefind_records') : ['–', '–', '–'];
		console.log(`| ${c} | ${rows.length} | ${a[0]} | ${a[1]} | ${a[2]} | ${x[0]} | ${x[1]} | ${x[2]} |`);
	}
	const un = new Set(Object.values(r.queries).flatMap((row) => ['ours', 'pagefind_default', 'pagefind_records']
		.filter((k) => row[k]).flatMap((k) => row[k].unreported)));
	const bad = Object.entries(r.queries).flatMap(([q, row]) => ['ours', 'pagefind_default', 'pagefind_records']
		.filter((k) => row[k] && row[k].bytes - row[k].browserBytes !== row[k].unreported.reduce((a, u) => {
			const m = /server (\d+), browser (\d+|none)/.exec(u);
			return a + +m[1] - (m[2] === 'none' ? 0 : +m[2]);
		}, 0))
		.map((k) => `${q}/${k}`));
	console.log('\nBytes are the server\'s count; the browser\'s network events agree' +
		(un.size ? ' except for files they do not report: ' + [...un].join(', ') : '') +
		(bad.length ? '. MISMATCH beyond those: ' + bad.join(', ') : '.'));
	console.log('\nMisses of gongkai in the record\'s own title or Markdown body (the rest are in fields rendered ' +
		'from front matter or in page text): ' + Object.entries(r.queries).map(([q, row]) =>
		`${q} ${row.ours.missedBody}/${row.ours.truth - row.ours.hit}`).join(', '));
}

main().catch((e) => { console.error(e); process.exit(1); });

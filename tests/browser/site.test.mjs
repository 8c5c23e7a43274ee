// Real-browser quality gates for the demo site (issue 9): Debian's chromium
// driven by playwright-core, the site served by Debian's nginx on a loopback
// port (and from file://), axe-core for WCAG 2.1 AA.
//
//   SITE_DIR=tests/out/browser-site node --test tests/browser/
//
// tests/suite_browser.sh builds the site, runs `npm ci` and this file.
// Screenshots go to OUT_DIR/screenshots (printed at the start).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const SITE = path.resolve(ROOT, process.env.SITE_DIR || 'tests/out/browser-site');
const OUT = path.resolve(ROOT, process.env.OUT_DIR || 'tests/out/browser');
const SHOTS = path.join(OUT, 'screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync'];

// One page of each type, found in the built site (the first in sorted order).
function first(dir, re) {
	const d = path.join(SITE, dir);
	if (!fs.existsSync(d)) return null;
	const hit = fs.readdirSync(d).sort().find((n) => re.test(n) && fs.existsSync(path.join(d, n, 'index.html')));
	return hit ? `${dir}/${hit}/index.html` : null;
}
function recordOf(kind, re = /^\d{4}/) {
	for (const s of fs.readdirSync(path.join(SITE, 'sites')).sort()) {
		const p = first(`sites/${s}/${kind}`, re);
		if (p) return p;
	}
	return null;
}
function pageTypes() {
	const site = first('sites', /^[a-z0-9-]+$/);
	const t = {
		home: 'index.html',
		sites: 'sites/index.html',
		site,
		list: 'work/index.html',
		work: recordOf('work'),
		meeting: recordOf('meetings'),
		finance: recordOf('disclosures', /caiwu/),
		notice: recordOf('disclosures', /gongshi/),
		case: recordOf('cases'),
		assessment: recordOf('assessments'),
		report: recordOf('reports', /^\d{4}$/),
		matter: recordOf('matters'),
		matters: 'matters/index.html',
		matterstatus: first('matters/status', /./),
		tags: 'tags/index.html',
		tag: first('tags', /./),
		page: first('', /^about$/) || first('', /^[a-z]/),
		search: 'search/index.html',
		dashboard: 'dashboard/index.html',
		scoreboard: 'assessments/index.html',
		cases: 'cases/index.html',
		archive: first('archive', /^\d{4}$/),
		siteArchive: recordOf('archive', /^\d{4}$/),
		print: recordOf('print'),
		sitemap: 'sitemap/index.html',
		privacy: 'privacy/index.html',
		notfound: '404.html',
	};
	for (const [k, v] of Object.entries(t))
		if (!v || !fs.existsSync(path.join(SITE, v))) delete t[k];
	return t;
}

let nginx, port, browser, types;
// base_url of the demo site, read from content/site.yaml
const BASE = (() => {
	try {
		const m = fs.readFileSync(path.join(ROOT, process.env.CONTENT_DIR || 'content', 'site.yaml'), 'utf8').match(/^base_url:\s*["']?([^"'\s]+)/m);
		return m ? m[1].replace(/\/?$/, '/') : null;
	} catch { return null; }
})();

function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
	});
}

async function startNginx() {
	port = await freePort();
	const dir = path.join(OUT, 'nginx');
	fs.mkdirSync(path.join(dir, 'tmp'), { recursive: true });
	const conf = path.join(dir, 'nginx.conf');
	const asRoot = process.getuid && process.getuid() === 0;
	fs.writeFileSync(conf, `# written by tests/browser/site.test.mjs
${asRoot ? 'user root;' : ''}
worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  charset utf-8;
  charset_types text/css application/javascript;
  server {
    listen 127.0.0.1:${port};
    root ${SITE};
    index index.html;
    error_page 404 /404.html;
  }
}
`);
	nginx = spawn('/usr/sbin/nginx', ['-p', dir, '-c', conf], { stdio: ['ignore', 'inherit', 'inherit'] });
	for (let i = 0; i < 100; i++) {
		const ok = await new Promise((res) => {
			const c = net.connect(port, '127.0.0.1', () => { c.end(); res(true); });
			c.on('error', () => res(false));
		});
		if (ok) return;
		if (nginx.exitCode !== null) throw new Error(`nginx exited ${nginx.exitCode}; see ${dir}/error.log`);
		await new Promise((r) => setTimeout(r, 100));
	}
	throw new Error('nginx did not start listening in 10 s');
}

function stopNginx() {
	if (nginx && nginx.exitCode === null) {
		nginx.kill('SIGTERM');
		const t = setTimeout(() => { try { nginx.kill('SIGKILL'); } catch { /* gone */ } }, 3000);
		t.unref();
	}
}
process.on('exit', stopNginx);

const http = (p) => `http://127.0.0.1:${port}/${p}`;

// A page with every console error, page error, failed or non-loopback request recorded.
async function open(ctx, url) {
	const page = await ctx.newPage();
	const problems = [];
	page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
	page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
	page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
	page.on('response', (r) => { if (r.status() >= 400 && !r.url().endsWith('/404.html')) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
	await page.route('**/*', (route) => {
		const u = new URL(route.request().url());
		if (u.protocol === 'file:' || u.protocol === 'data:' || u.hostname === '127.0.0.1') return route.continue();
		if (BASE && u.href.startsWith(BASE)) {
			// absolute links to the site's own base_url (the 404 page has them) come from the local build
			const f = path.join(SITE, decodeURIComponent(u.pathname.slice(new URL(BASE).pathname.length)));
			if (fs.existsSync(f) && fs.statSync(f).isFile()) return route.fulfill({ path: f });
		}
		problems.push(`blocked non-loopback request: ${u.href}`);
		return route.abort();
	});
	const resp = await page.goto(url, { waitUntil: 'load', timeout: 20000 });
	return { page, problems, resp };
}

before(async () => {
	assert.ok(fs.existsSync(path.join(SITE, 'index.html')), `no site at ${SITE}: build it first`);
	fs.mkdirSync(SHOTS, { recursive: true });
	console.log(`# screenshots: ${SHOTS}`);
	types = pageTypes();
	console.log(`# page types: ${Object.entries(types).map(([k, v]) => `${k}=${v}`).join(' ')}`);
	await startNginx();
	browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true, timeout: 30000 });
});

after(async () => {
	try { if (browser) await browser.close(); } finally { stopNginx(); }
});

test('every page type loads over HTTP without console errors or failed requests', async () => {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const bad = [];
	for (const [name, p] of Object.entries(types)) {
		const { page, problems, resp } = await open(ctx, http(p));
		if (name !== 'notfound' && resp.status() !== 200) problems.push(`status ${resp.status()}`);
		if (problems.length) bad.push(`${name} (${p}): ${problems.join('; ')}`);
		await page.close();
	}
	// nginx serves the 404 page for a missing URL
	const { page, resp } = await open(ctx, http('no/such/page/'));
	assert.equal(resp.status(), 404);
	assert.match(await page.title(), /页面未找到/);
	await ctx.close();
	assert.deepEqual(bad, []);
});

test('every page type loads from file:// without console errors or failed requests', async () => {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const bad = [];
	for (const [name, p] of Object.entries(types)) {
		const { page, problems } = await open(ctx, pathToFileURL(path.join(SITE, p)).href);
		// every relative link of the page leads to a file that exists
		const hrefs = await page.$$eval('a[href]', (as) => as.map((a) => a.href));
		for (const h of hrefs) {
			if (!h.startsWith('file:')) continue;
			const f = decodeURIComponent(new URL(h).pathname);
			if (!fs.existsSync(f)) problems.push(`broken link ${h}`);
		}
		if (problems.length) bad.push(`${name}: ${[...new Set(problems)].slice(0, 5).join('; ')}`);
		await page.close();
	}
	// the 404 page is styled wherever it is opened (issue 19): from file:// too, at a depth
	// where no relative stylesheet link could reach it
	const { page } = await open(ctx, pathToFileURL(path.join(SITE, '404.html')).href);
	const red = await page.evaluate(() => getComputedStyle(document.querySelector('.site-header')).backgroundColor);
	if (red !== 'rgb(179, 18, 27)') bad.push(`404.html from file:// is not styled (header ${red})`);
	await ctx.close();
	assert.deepEqual(bad, []);
});

// The axe rules whose result can change with the layout or the colours alone, the DOM
// unchanged: what the second and third look at a page (1280 px, large-text mode) must run.
const LAYOUT_RULES = ['color-contrast', 'link-in-text-block', 'scrollable-region-focusable',
	'meta-viewport', 'avoid-inline-spacing'];

async function axe(page, rules) {
	if (!(await page.evaluate(() => !!window.axe))) await page.addScriptTag({ content: AXE });
	return page.evaluate(async (only) => {
		const r = await window.axe.run(document, {
			runOnly: only ? { type: 'rule', values: only } : { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
			resultTypes: ['violations'],
		});
		return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
	}, rules || null);
}

// Every HTML page of the built site (issue 19: all pages, not a sample), 404.html last.
// ONLY=<regexp> narrows the list when working on one page type.
function allPages() {
	const out = [];
	const walk = (rel) => {
		for (const e of fs.readdirSync(path.join(SITE, rel), { withFileTypes: true })) {
			const r = rel ? `${rel}/${e.name}` : e.name;
			if (e.isDirectory()) walk(r);
			else if (e.name === 'index.html') out.push(r);
		}
	};
	walk('');
	out.sort();
	if (fs.existsSync(path.join(SITE, '404.html'))) out.push('404.html');
	const only = process.env.ONLY ? new RegExp(process.env.ONLY) : null;
	return only ? out.filter((p) => only.test(p)) : out;
}

// What a 360 px page must not do: scroll sideways, or offer a tap target under 44 px.
function phoneProblems() {
	const de = document.documentElement;
	const small = [];
	for (const el of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary, label.a11y-label')) {
		const r = el.getBoundingClientRect();
		const cs = getComputedStyle(el);
		if (r.width === 0 || r.height === 0 || cs.visibility === 'hidden') continue;
		if (el.matches('.a11y-check, .skip, .sr')) continue;
		// WCAG 2.5.8 inline exception: a link inside a sentence or a table cell
		if (el.tagName === 'A' && el.closest('p, td, th, dd, figcaption, .body, blockquote, .tags')) continue;
		if (r.height < 44 || r.width < 44)
			small.push(`${el.tagName.toLowerCase()}${el.className ? '.' + el.className.split(' ')[0] : ''} "${(el.textContent || el.value || '').trim().slice(0, 12)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
	}
	// the widest element, named, so a failure says where to look
	let wide = '';
	if (de.scrollWidth > de.clientWidth + 1) {
		for (const el of document.querySelectorAll('body *')) {
			const r = el.getBoundingClientRect();
			if (r.right > de.clientWidth + 1 && getComputedStyle(el).position !== 'absolute') {
				wide = `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} (right edge ${Math.round(r.right)})`;
				break;
			}
		}
	}
	return { sw: de.scrollWidth, cw: de.clientWidth, small: [...new Set(small)].slice(0, 6), wide };
}

// Every page of the site at one width, visited by JOBS browser pages at once (the
// machine's cores; BROWSER_JOBS overrides), each reusing its page from URL to URL:
// a new page per URL would cost a renderer each, and the whole suite must stay well
// inside CI's hour on 2 cores.
const JOBS = Math.max(1, Number(process.env.BROWSER_JOBS) || Math.min(4, os.availableParallelism ? os.availableParallelism() : os.cpus().length));

async function everyPage(width, visit) {
	const pages = allPages();
	const bad = [];
	let next = 0;
	const worker = async () => {
		// a context each: the large-text switch a11y.js remembers is per context
		const ctx = await browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: 1 });
		const page = await ctx.newPage();
		// the site's own pages only: anything else would make the result depend on the network
		await page.route('**/*', (route) => {
			const u = new URL(route.request().url());
			return u.hostname === '127.0.0.1' || u.protocol === 'data:' ? route.continue() : route.abort();
		});
		while (next < pages.length) {
			const p = pages[next++];
			const mine = [];
			try {
				await page.goto(http(p), { waitUntil: 'load', timeout: 30000 });
				await visit(page, p, mine);
			} catch (e) {
				mine.push(`${p}: ${e.message.split('\n')[0]}`);
			}
			// as found, so a run cut short still says where
			for (const b of mine) console.log(`# ${width}: ${b}`);
			bad.push(...mine);
		}
		await ctx.close();
	};
	await Promise.all(Array.from({ length: JOBS }, worker));
	return bad.sort();
}

test('every page at 360 px: axe 0, normal and large-text mode; no sideways scrolling; tap targets >= 44 px', async () => {
	const bad = await everyPage(360, async (page, p, out) => {
		const v = await axe(page);
		if (v.length) out.push(`${p}: ${v.join(' | ')}`);
		let m = await page.evaluate(phoneProblems);
		if (m.sw > m.cw + 1) out.push(`${p}: scrolls sideways (${m.sw} > ${m.cw}) at ${m.wide}`);
		if (m.small.length) out.push(`${p}: small tap targets: ${m.small.join(', ')}`);
		// large-text mode, switched the way a resident does (the checkbox; no reload)
		await page.click('label[for="large-mode"]');
		const vl = await axe(page, LAYOUT_RULES);
		if (vl.length) out.push(`${p} large: ${vl.join(' | ')}`);
		m = await page.evaluate(phoneProblems);
		if (m.sw > m.cw + 1) out.push(`${p} large: scrolls sideways (${m.sw} > ${m.cw}) at ${m.wide}`);
		// off again: a11y.js remembers the switch for the next page
		await page.click('label[for="large-mode"]');
	});
	console.log(`# every page at 360 px: ${allPages().length} pages`);
	assert.deepEqual(bad, []);
});

test('every page at 1280 px: axe 0', async () => {
	// the DOM is the one axe checked in full at 360 px: the layout's rules are what is left
	const bad = await everyPage(1280, async (page, p, out) => {
		const v = await axe(page, LAYOUT_RULES);
		if (v.length) out.push(`${p}: ${v.join(' | ')}`);
	});
	assert.deepEqual(bad, []);
});

test('screenshots of every page type at 360 and 1280 px, and in print', async () => {
	for (const width of [360, 1280]) {
		const ctx = await browser.newContext({ viewport: { width, height: 740 }, deviceScaleFactor: 1 });
		const page = await ctx.newPage();
		for (const [name, p] of Object.entries(types)) {
			await page.goto(http(p), { waitUntil: 'load' });
			await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
			if (width === 1280) {
				await page.emulateMedia({ media: 'print' });
				await page.screenshot({ path: path.join(SHOTS, `${name}-print.png`), fullPage: true });
				await page.emulateMedia({ media: 'screen' });
			}
		}
		await ctx.close();
	}
	console.log(`# screenshots written to ${SHOTS}`);
});

const fontPx = (page) => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('main p, main li, main')).fontSize));

test('适老化 large-text mode switches without JavaScript and is remembered with it', async () => {
	const target = types.work || types.page;
	// without JavaScript: the checkbox alone switches the current page
	const nojs = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
	let { page } = await open(nojs, http(target));
	const normal = await fontPx(page);
	await page.click('label[for="large-mode"]');
	const large = await fontPx(page);
	assert.ok(large >= normal * 1.25, `large mode without JS: ${normal}px -> ${large}px`);
	const contrast = await page.evaluate(() => getComputedStyle(document.body).color);
	assert.equal(contrast, 'rgb(0, 0, 0)', 'large mode uses black text');
	await page.screenshot({ path: path.join(SHOTS, 'large-nojs-360.png'), fullPage: true });
	await page.click('label[for="large-mode"]');
	assert.equal(await fontPx(page), normal, 'switches back');
	await nojs.close();
	// with JavaScript: remembered on the next page and after a reload
	const js = await browser.newContext({ viewport: { width: 360, height: 740 } });
	({ page } = await open(js, http(target)));
	await page.click('label[for="large-mode"]');
	await page.goto(http(types.home));
	assert.ok(await page.isChecked('#large-mode'), 'remembered across pages');
	assert.ok((await fontPx(page)) >= normal * 1.25);
	await page.screenshot({ path: path.join(SHOTS, 'large-home-360.png'), fullPage: true });
	await page.reload();
	assert.ok(await page.isChecked('#large-mode'), 'remembered after reload');
	await page.click('label[for="large-mode"]');
	await page.goto(http(target));
	assert.equal(await page.isChecked('#large-mode'), false, 'switched off is remembered too');
	await js.close();
});

test('print: navigation hidden, tables kept whole', async () => {
	const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const bad = [];
	for (const name of ['finance', 'meeting', 'notice', 'assessment', 'site', 'work', 'matter']) {
		if (!types[name]) continue;
		const { page } = await open(ctx, http(types[name]));
		await page.emulateMedia({ media: 'print' });
		const r = await page.evaluate(() => {
			const hidden = (sel) => [...document.querySelectorAll(sel)].every((e) => getComputedStyle(e).display === 'none');
			const whole = [...document.querySelectorAll('table, tr')].every((e) => {
				const cs = getComputedStyle(e);
				return cs.breakInside === 'avoid' || cs.pageBreakInside === 'avoid';
			});
			return {
				nav: hidden('.site-nav') && hidden('.search-box') && hidden('.crumbs') && hidden('.a11y-bar') && hidden('.site-header'),
				tables: document.querySelectorAll('table').length,
				whole,
			};
		});
		if (!r.nav) bad.push(`${name}: navigation printed`);
		if (!r.whole) bad.push(`${name}: a table or row may break across pages`);
		if (name === 'finance' && r.tables === 0) bad.push('finance: no table');
		const pdf = await page.pdf({ path: path.join(OUT, `print-${name}.pdf`), format: 'A4' });
		// a matter's six steps are one sheet for the 村务公开栏 (issue 17)
		const sheets = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
		if (name === 'matter' && sheets !== 1) bad.push(`matter: prints on ${sheets} A4 pages, not one`);
		await page.close();
	}
	await ctx.close();
	assert.deepEqual(bad, []);
});

test('search finds the expected records', async (t) => {
	if (!fs.existsSync(path.join(SITE, 'search/index.html'))) {
		t.skip('no search/index.html in the built site (search not built yet)');
		return;
	}
	const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const queries = [['低保', /低保/], ['党员大会', /党员大会|党员/], ['财务公开', /财务/]];
	const bad = [];
	for (const base of [http('search/index.html'), pathToFileURL(path.join(SITE, 'search/index.html')).href]) {
		for (const [q, re] of queries) {
			const { page, problems } = await open(ctx, `${base}?q=${encodeURIComponent(q)}`);
			try {
				await page.waitForSelector('#search-results li', { timeout: 10000 });
			} catch { /* counted below */ }
			const titles = await page.$$eval('#search-results li', (ls) => ls.map((l) => l.textContent.trim()));
			if (!titles.length) bad.push(`${base} "${q}": no results (${await page.textContent('#search-status')})`);
			else if (!re.test(titles[0])) bad.push(`${base} "${q}": first result "${titles[0].slice(0, 40)}"`);
			if (problems.length) bad.push(`${base} "${q}": ${problems.join('; ')}`);
			await page.close();
		}
		const { page } = await open(ctx, `${base}?q=${encodeURIComponent('没有这个词语的记录')}`);
		await page.waitForFunction(() => document.getElementById('search-status').textContent.trim() !== '', null, { timeout: 10000 }).catch(() => {});
		if (await page.$$eval('#search-results li', (l) => l.length)) bad.push(`${base}: results for a word in no record`);
		await page.close();
	}
	await ctx.close();
	assert.deepEqual(bad, []);
});

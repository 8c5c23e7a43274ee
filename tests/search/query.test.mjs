// Queries against indexes written by generator/search.c, run through the
// query core of themes/default/assets/search.js in a vm context whose
// GK_SEARCH.load reads the index files from disk.
//
//   node --test tests/search/
//
// The index writer is tests/search/mkindex.c: set MKINDEX to a built driver
// (make build/search-mkindex), or the test compiles it with cc. Set
// SEARCH_BIG=1 to also measure a 10,000-page synthetic corpus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const searchJs = fs.readFileSync(path.join(root, 'themes/default/assets/search.js'), 'utf8');
let tmp, mkindex;

const PAGES = [
	['sites/a/notice/2024-01-05-dibao/index.html', '2024年低保名单公示', 'a', '甲村', 'notice', '公告', '2024-01-05',
	    '经村民代表会议评议，2024年低保对象名单公示如下。\\n低保标准为每月620元。'],
	['sites/a/work/2025-03-01-xiulu/index.html', '修路工程进展', 'a', '甲村', 'work', '工作记录', '2025-03-01',
	    '村道修路工程已完成路基，ABC建筑公司承建，投资１２０万元。'],
	['sites/b/work/2025-02-10-meeting/index.html', '村民代表会议', 'b', '乙村', 'work', '工作记录', '2025-02-10',
	    '会议讨论了低保评议和修路事项。修路资金由一事一议筹集。'],
	['sites/b/finance/2023-12-31-caiwu/index.html', '2023年第四季度财务公开', 'b', '乙村', 'finance', '财务公开', '2023-12-31',
	    '修桥支出30000元，道路维护支出5000元，低保补贴发放。'],
	['sites/c/notice/2025-01-15-tingdian/index.html', '停电通知', 'c', '丙村', 'notice', '公告', '2025-01-15',
	    '因线路检修，1月20日停电。联系人：王ABC，电话已隐藏。另见abcdef和Pagefind。'],
	['sites/c/about/index.html', '村务监督委员会', 'c', '丙村', 'about', '简介', '',
	    '村务监督委员会由三人组成，负责监督村务公开和修路等工程。'],
];

function build(args, input) {
	return execFileSync(mkindex, args, { input, encoding: 'utf8' });
}

// A fresh search.js over the index in dir; counts the bytes it loads.
function engine(dir) {
	const ctx = vm.createContext({});
	vm.runInContext(searchJs, ctx, { filename: 'search.js' });
	const gk = ctx.GK_SEARCH;
	const stats = { bytes: 0, files: [] };
	gk.load = (rel) => {
		const text = fs.readFileSync(path.join(dir, 'search', rel), 'utf8');
		stats.bytes += Buffer.byteLength(text);
		stats.files.push(rel);
		vm.runInContext(text, ctx, { filename: rel });
		return Promise.resolve();
	};
	return { gk, stats };
}

async function urls(gk, q, opts) {
	const r = await gk.search(q, opts);
	return Array.from(r.results, (x) => x.url);
}

// The full URLs of the pages whose URL contains each of names.
function U(...names) {
	return names.map((n) => {
		const hit = PAGES.filter((p) => p[0].includes(n));
		assert.equal(hit.length, 1, n);
		return hit[0][0];
	});
}

before(() => {
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-search-'));
	mkindex = process.env.MKINDEX;
	if (!mkindex) {
		mkindex = path.join(tmp, 'mkindex');
		execFileSync(process.env.CC || 'cc', [
			'-std=c11', '-Wall', '-Wextra', '-Werror', '-Wshadow', '-Wstrict-prototypes',
			'-Wmissing-prototypes', '-D_POSIX_C_SOURCE=200809L', '-D_DEFAULT_SOURCE', '-O2',
			'-I', path.join(root, 'generator'), '-o', mkindex,
			path.join(root, 'tests/search/mkindex.c'), path.join(root, 'generator/search.c'),
			path.join(root, 'generator/util.c'), '-lunistring',
		], { stdio: 'inherit' });
	}
	const tsv = PAGES.map((p) => p.join('\t')).join('\n') + '\n';
	build([path.join(tmp, 'small')], tsv);
	build(['-n', '400', path.join(tmp, 'synth')]);
});

after(() => {
	if (tmp)
		fs.rmSync(tmp, { recursive: true, force: true });
});

test('two characters: title match first, then tf, then newest', async () => {
	const { gk } = engine(path.join(tmp, 'small'));
	assert.deepEqual(await urls(gk, '低保'), U('2024-01-05-dibao', '2025-02-10-meeting', '2023-12-31-caiwu'));
	assert.deepEqual(await urls(gk, '修路'), U('2025-03-01-xiulu', '2025-02-10-meeting', 'c/about'));
});

test('one character', async () => {
	const { gk } = engine(path.join(tmp, 'small'));
	assert.deepEqual(await urls(gk, '路'),
	    U('2025-03-01-xiulu', '2025-02-10-meeting', '2025-01-15-tingdian', '2023-12-31-caiwu', 'c/about'));
});

test('partial words and longer runs: adjacent, in order; words separated by spaces each', async () => {
	const { gk } = engine(path.join(tmp, 'small'));
	assert.deepEqual(await urls(gk, '务监督'), U('c/about'));
	assert.deepEqual(await urls(gk, '修路工程'), U('2025-03-01-xiulu'));
	assert.deepEqual(await urls(gk, '低保 修路'), U('2025-02-10-meeting'));
	assert.deepEqual(await urls(gk, '「低保」，修路'), U('2025-02-10-meeting'));
	// 修路 and 工程 both occur in the meeting, but not adjacent
	assert.deepEqual(await urls(gk, '低保修路'), []);
	assert.deepEqual(await urls(gk, '修路资金'), U('2025-02-10-meeting'));
});

test('Latin words match as parts of words, case-insensitively', async () => {
	const { gk } = engine(path.join(tmp, 'small'));
	// tingdian has abc and abcdef: tf 2 beats xiulu's 1.
	assert.deepEqual(await urls(gk, 'abc'), U('2025-01-15-tingdian', '2025-03-01-xiulu'));
	assert.deepEqual(await urls(gk, 'ABCD'), U('2025-01-15-tingdian'));
	assert.deepEqual(await urls(gk, 'ＰａｇｅＦ'), U('2025-01-15-tingdian'));
	assert.deepEqual(await urls(gk, 'BCD'), U('2025-01-15-tingdian'));
	assert.deepEqual(await urls(gk, 'gefi'), U('2025-01-15-tingdian'));
	// one letter: anywhere in a word, as every other part (each character is a token too)
	assert.deepEqual(await urls(gk, 'a'), U('2025-01-15-tingdian', '2025-03-01-xiulu'));
});

test('digits match as written, inside longer numbers too, full-width folded', async () => {
	const { gk } = engine(path.join(tmp, 'small'));
	assert.deepEqual(await urls(gk, '2024'), U('2024-01-05-dibao'));
	assert.deepEqual(await urls(gk, '120'), U('2025-03-01-xiulu'));
	assert.deepEqual(await urls(gk, '１２０'), U('2025-03-01-xiulu'));
	assert.deepEqual(await urls(gk, '12'), U('2025-03-01-xiulu'));
	assert.deepEqual(await urls(gk, '20万'), U('2025-03-01-xiulu'));
	assert.deepEqual(await urls(gk, '1月20'), U('2025-01-15-tingdian'));
	assert.deepEqual(await urls(gk, '2024年低保'), U('2024-01-05-dibao'));
});

test('no results', async () => {
	const { gk } = engine(path.join(tmp, 'small'));
	assert.deepEqual(await urls(gk, '飞机'), []);
	assert.deepEqual(await urls(gk, 'xyz'), []);
	assert.deepEqual(await urls(gk, '，。！'), []);
	assert.deepEqual(await urls(gk, ''), []);
	assert.equal((await gk.search('飞机')).total, 0);
});

test('filters by site, kind and year', async () => {
	const { gk } = engine(path.join(tmp, 'small'));
	assert.deepEqual(await urls(gk, '修路', { site: 'b' }), U('2025-02-10-meeting'));
	assert.deepEqual(await urls(gk, '修路', { kind: 'work' }), U('2025-03-01-xiulu', '2025-02-10-meeting'));
	assert.deepEqual(await urls(gk, '低保', { year: '2024' }), U('2024-01-05-dibao'));
	assert.deepEqual(await urls(gk, '低保', { year: '2025' }), U('2025-02-10-meeting'));
	assert.deepEqual(await urls(gk, '低保', { year: '1999' }), []);
	assert.deepEqual(await urls(gk, '低保', { site: 'a', kind: 'work' }), []);
	assert.deepEqual(await urls(gk, '修路', { site: 'nosuch' }), []);
});

test('results carry labels, date and a highlighted snippet', async () => {
	const { gk } = engine(path.join(tmp, 'small'));
	const r = await gk.search('低保');
	const x = r.results[0];
	assert.equal(r.total, 3);
	assert.equal(x.url, 'sites/a/notice/2024-01-05-dibao/index.html');
	assert.equal(x.title, '2024年低保名单公示');
	assert.equal(x.site, '甲村');
	assert.equal(x.kind, '公告');
	assert.equal(x.date, '2024-01-05');
	assert.deepEqual(JSON.parse(JSON.stringify(x.snippet)), [
		['经村民代表会议评议，2024年', false], ['低保', true], ['对象名单公示如下。 ', false],
		['低保', true], ['标准为每月620元。', false],
	]);
	const y = (await gk.search('ＡＢＣ建')).results[0];
	assert.deepEqual(JSON.parse(JSON.stringify(y.snippet)).filter((s) => s[1]), [['ABC建', true]]);
});

test('snippet windows and marks', () => {
	const { gk } = engine(path.join(tmp, 'small'));
	const text = '甲'.repeat(100) + '修路' + '乙'.repeat(100);
	const s = JSON.parse(JSON.stringify(gk.snippet(text, false, ['修路工程'])));
	assert.equal(s[0][0], '…');
	assert.deepEqual(s[2], ['修路', true]);
	assert.equal(s[s.length - 1][0], '…');
	// no sentence end near: 120 characters, cut on both sides
	assert.equal(s.map((p) => p[0]).join('').length, 120 + 2);
	// sentences: from the end of the one before through the end of one, 40 characters or more
	const t = '甲'.repeat(60) + '。村里开会讨论了修路。' + '乙'.repeat(30) + '。' + '丙'.repeat(100);
	assert.deepEqual(JSON.parse(JSON.stringify(gk.snippet(t, true, ['修路']))),
	    [['村里开会讨论了', false], ['修路', true], ['。' + '乙'.repeat(30) + '。', false]]);
	assert.deepEqual(JSON.parse(JSON.stringify(gk.snippet('短文本', true, ['没有']))),
	    [['…', false], ['短文本', false]]);
});

test('query parsing mirrors the indexer', () => {
	const { gk } = engine(path.join(tmp, 'small'));
	const p = JSON.parse(JSON.stringify(gk.parse('修路工程款 ＡＢＣ 2024年，路 10,004.60元 2023-05-19 a')));
	assert.deepEqual(p.phrases, [
		[{ tok: '修路', off: 0 }, { tok: '工程', off: 2 }, { tok: '程款', off: 3 }],
		[{ tok: 'abc', off: 0, prefix: true }],
		[{ tok: '2024', off: 0, prefix: false }, { tok: '年', off: 4 }],
		[{ tok: '路', off: 0 }],
		[{ tok: '10,004.60', off: 0, prefix: false }, { tok: '元', off: 9 }],
		[{ tok: '2023', off: 0, prefix: false }, { tok: '05', off: 5, prefix: false },
		    { tok: '19', off: 8, prefix: true }],
		[{ tok: 'a', off: 0, prefix: false }],
	]);
	assert.deepEqual(p.marks, ['修路工程款', 'abc', '2024年', '路', '10,004.60元', '2023-05-19', 'a']);
});

test('JavaScript shard hash equals the C one for every token', () => {
	const dir = path.join(tmp, 'synth', 'search');
	const { gk } = engine(path.join(tmp, 'synth'));
	const ctx = vm.createContext({});
	let meta, checked = 0, bad = [];
	ctx.GK_SEARCH = { meta: (m) => { meta = m; }, shard() {}, doc() {} };
	vm.runInContext(fs.readFileSync(path.join(dir, 'meta.js'), 'utf8'), ctx);
	assert.ok(meta.shards > 20, `want many shards, got ${meta.shards}`);
	for (let s = 0; s < meta.shards; s++) {
		let tokens;
		ctx.GK_SEARCH.shard = (n, t) => { tokens = t; };
		vm.runInContext(fs.readFileSync(path.join(dir, 't', `${s}.js`), 'utf8'), ctx);
		for (const k of Object.keys(tokens)) {
			checked++;
			if (gk.shardOf(k, meta.shards) !== s)
				bad.push(k);
		}
	}
	assert.deepEqual(bad, []);
	assert.ok(checked > 10000, `checked ${checked}`);
});

test('the same input writes the same bytes', () => {
	const tsv = PAGES.map((p) => p.join('\t')).join('\n') + '\n';
	build([path.join(tmp, 'again')], tsv);
	const a = path.join(tmp, 'small', 'search'), b = path.join(tmp, 'again', 'search');
	const list = (d) => fs.readdirSync(d, { recursive: true }).sort();
	assert.deepEqual(list(a), list(b));
	for (const f of list(a))
		if (fs.statSync(path.join(a, f)).isFile())
			assert.ok(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))), f);
});

// A DOM just big enough for the search page of the lead's template.
function fakePage(search) {
	const byId = {};
	const node = (tag) => ({
		tagName: tag, children: [], options: [], className: '', value: '', href: '', listeners: {},
		_text: '',
		set textContent(t) { this._text = String(t); this.children = []; },
		get textContent() { return this._text + this.children.map((c) => c.textContent).join(''); },
		get firstChild() { return this.children[0] || null; },
		appendChild(c) { this.children.push(c); if (c.tagName === 'option') this.options.push(c); return c; },
		removeChild(c) { this.children.splice(this.children.indexOf(c), 1); return c; },
		addEventListener(type, fn) { this.listeners[type] = fn; },
	});
	for (const [id, tag] of [['search-form', 'form'], ['search-q', 'input'], ['search-site', 'select'],
	    ['search-kind', 'select'], ['search-year', 'select'], ['search-status', 'p'], ['search-results', 'ol'],
	    ['search-pages', 'nav']])
		byId[id] = node(tag);
	const doc = {
		readyState: 'loading', listeners: {},
		currentScript: { getAttribute: (a) => (a === 'data-index' ? './' : null) },
		getElementById: (id) => byId[id] || null,
		createElement: node,
		createTextNode: (t) => ({ textContent: t }),
		addEventListener(type, fn) { this.listeners[type] = fn; },
	};
	const history = { urls: [], replaceState(s, t, u) { this.urls.push(u); } };
	return { byId, doc, history, location: { search, pathname: '/search/index.html' } };
}

const tick = () => new Promise((r) => setImmediate(r));

test('the page: reads the URL, fills filters, renders results with marks', async () => {
	const dir = path.join(tmp, 'small', 'search');
	const pg = fakePage('?q=%E4%BD%8E%E4%BF%9D&site=a&x=%ZZ');
	const ctx = vm.createContext({ document: pg.doc, history: pg.history, location: pg.location });
	const loaded = [];
	// the sites' options come in the page's HTML (searchfeed.c), as gongkai writes them
	for (const [v, t] of [['', '全部村'], ['a', '甲村'], ['b', '乙村'], ['c', '丙村']])
		pg.byId['search-site'].appendChild(Object.assign(pg.doc.createElement('option'), { value: v, _text: t }));
	vm.runInContext(searchJs, ctx);
	ctx.GK_SEARCH.load = (rel) => {
		loaded.push(rel);
		vm.runInContext(fs.readFileSync(path.join(dir, rel), 'utf8'), ctx);
		return Promise.resolve();
	};
	pg.doc.listeners.DOMContentLoaded();
	for (let i = 0; i < 5; i++) await tick();
	const $ = pg.byId;
	assert.equal($['search-q'].value, '低保');
	assert.deepEqual($['search-site'].options.map((o) => o.textContent), ['全部村', '甲村', '乙村', '丙村']);
	assert.deepEqual($['search-year'].options.map((o) => o.value), ['', '2025', '2024', '2023']);
	assert.equal($['search-site'].value, 'a');
	assert.equal($['search-status'].textContent, '找到 1 条结果');
	const li = $['search-results'].children;
	assert.equal(li.length, 1);
	assert.equal(li[0].children[0].href, '../sites/a/notice/2024-01-05-dibao/index.html');
	assert.equal(li[0].children[0].textContent, '2024年低保名单公示');
	assert.equal(li[0].children[1].textContent, '甲村 · 公告 · 2024-01-05');
	assert.deepEqual(li[0].children[2].children.filter((c) => c.tagName === 'mark').map((c) => c.textContent), ['低保', '低保']);
	// the state is the URL's: the form submits to the page (GET), nothing is rewritten
	assert.deepEqual(pg.history.urls, []);
	assert.equal($['search-form'].listeners.submit, undefined);
	assert.equal($['search-pages'].children.length, 0);
	// the site names come with the results (sites.js), never before
	assert.ok(loaded.indexOf('sites.js') > loaded.indexOf('meta.js'), loaded.join(' '));
});

test('an absent word loads meta.js and one shard, not the site names', async () => {
	const { gk, stats } = engine(path.join(tmp, 'small'));
	const r = await gk.search('量子计算');
	assert.equal(r.total, 0);
	assert.deepEqual(stats.files.filter((f) => !f.startsWith('t/')), ['meta.js']);
});

test('the page: an empty query asks for one', async () => {
	const dir = path.join(tmp, 'small', 'search');
	const pg = fakePage('?q=+');
	const ctx = vm.createContext({ document: pg.doc, history: pg.history, location: pg.location });
	vm.runInContext(searchJs, ctx);
	ctx.GK_SEARCH.load = (rel) => {
		vm.runInContext(fs.readFileSync(path.join(dir, rel), 'utf8'), ctx);
		return Promise.resolve();
	};
	pg.doc.listeners.DOMContentLoaded();
	for (let i = 0; i < 5; i++) await tick();
	assert.equal(pg.byId['search-status'].textContent, '请输入关键词');
});

test('the page: a missing index says so', async () => {
	const pg = fakePage('?q=x');
	const ctx = vm.createContext({ document: pg.doc, history: pg.history, location: pg.location });
	vm.runInContext(searchJs, ctx);
	ctx.GK_SEARCH.load = (rel) => Promise.reject(new Error(rel));
	pg.doc.listeners.DOMContentLoaded();
	for (let i = 0; i < 3; i++) await tick();
	assert.equal(pg.byId['search-status'].textContent, '搜索索引加载失败，请稍后再试');
});

// Bytes one query loads: meta, shards (and hot-token files) and result parts.
test('a 10,000-page corpus: a two-character query loads at most 100 KB',
    { skip: process.env.SEARCH_BIG ? false : 'set SEARCH_BIG=1' }, async () => {
	const dir = path.join(tmp, 'big');
	build(['-n', '10000', dir]);
	const report = [];
	let worst = 0;
	for (const q of ['低保', '修路', '村务', '公开', '的是', '工作', '一事', '资金', '农田', '监督']) {
		const { gk, stats } = engine(dir);
		const r = await gk.search(q);
		report.push(`${q}: ${r.total} hits, ${stats.files.length} files, ${stats.bytes} bytes`);
		worst = Math.max(worst, stats.bytes);
	}
	console.log(report.join('\n'));
	assert.ok(worst <= 100 * 1024, `worst ${worst} bytes`);
});

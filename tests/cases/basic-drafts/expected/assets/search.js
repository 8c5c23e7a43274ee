/*
 * search.js: the site search, reading the index that generator/search.c
 * writes (its layout is described at the top of that file).
 *
 * Every index file is a script that calls GK_SEARCH.meta, .shard or .doc, so
 * it loads with a <script> element over HTTP and from file:// alike. The
 * query core (GK_SEARCH.search) touches no DOM: tests replace GK_SEARCH.load
 * and run it in node. The page part runs only when there is a document.
 *
 * Plain ES2017, no dependencies; results are built with textContent only.
 */
(function (G) {
	'use strict';

	var GK = G.GK_SEARCH || (G.GK_SEARCH = {});
	var ALPHA = '!#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~';
	var BASE = 46, TOP = 20, SNIPPET = 80, WORD_MAX = 32, PER_DIR = 100;
	var DIG = {};
	var store = { meta: null, shards: {}, docs: {} };
	var pending = {};

	for (var i = 0; i < ALPHA.length; i++)
		DIG[ALPHA.charCodeAt(i)] = i;

	/* Registration, called by the index files. */
	GK.meta = function (m) { store.meta = m; };
	GK.shard = function (n, tokens) { store.shards[n] = tokens; };
	GK.doc = function (n, part, d) { store.docs[n + '-' + part] = d; };

	/* Folder holding meta.js, ending in '/'. */
	GK.base = './';

	/* Loads one index file (path relative to GK.base); resolves once it ran. */
	GK.load = function (rel) {
		return new Promise(function (ok, fail) {
			var s = document.createElement('script');

			s.charset = 'utf-8';
			s.src = GK.base + rel;
			s.onload = function () { s.parentNode.removeChild(s); ok(); };
			s.onerror = function () { s.parentNode.removeChild(s); fail(new Error(rel)); };
			document.head.appendChild(s);
		});
	};

	function need(rel) {
		if (!pending[rel])
			pending[rel] = GK.load(rel).catch(function (e) {
				delete pending[rel];
				throw e;
			});
		return pending[rel];
	}

	/* Tokens, as in search_tokenize(). */

	function fold(c) {
		if (c >= 0xff10 && c <= 0xff19) return c - 0xff10 + 48;
		if (c >= 0xff21 && c <= 0xff3a) return c - 0xff21 + 97;
		if (c >= 0xff41 && c <= 0xff5a) return c - 0xff41 + 97;
		if (c >= 65 && c <= 90) return c + 32;
		return c;
	}

	/* 0 separates, 1 a CJK character, 2 part of a word. */
	function cls(c) {
		if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57))
			return 2;
		if ((c >= 0x2e80 && c <= 0x9fff && !(c >= 0x3000 && c <= 0x303f) && c !== 0x30fb) ||
		    (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3ffff))
			return 1;
		return 0;
	}

	/*
	 * Splits a query into index tokens (all must match) and the strings to
	 * highlight. A CJK run gives its bigrams (or its one character), a word
	 * itself; a word of two or more that starts with a letter matches as a
	 * prefix.
	 */
	GK.parse = function (q) {
		var terms = [], marks = [], seen = {}, run = [], word = '';

		function term(tok, prefix) {
			if (!seen[tok]) {
				seen[tok] = 1;
				terms.push({ tok: tok, prefix: prefix });
			}
		}
		function flush() {
			if (run.length === 1)
				term(run[0], false);
			for (var k = 0; k + 1 < run.length; k++)
				term(run[k] + run[k + 1], false);
			if (run.length)
				marks.push(run.join(''));
			if (word) {
				term(word, word.length > 1 && word.charCodeAt(0) >= 97);
				marks.push(word);
			}
			run = [];
			word = '';
		}
		for (var ch of String(q)) {
			var c = fold(ch.codePointAt(0)), k = cls(c);

			if (k !== 2 && word)
				flush();
			if (k === 2) {
				if (run.length)
					flush();
				if (word.length < WORD_MAX)
					word += String.fromCharCode(c);
			} else if (k === 1)
				run.push(ch);
			else
				flush();
		}
		flush();
		return { terms: terms, marks: marks };
	};

	function utf8(s) {
		var b = [];

		for (var ch of s) {
			var c = ch.codePointAt(0);

			if (c < 0x80)
				b.push(c);
			else if (c < 0x800)
				b.push(0xc0 | c >> 6, 0x80 | c & 63);
			else if (c < 0x10000)
				b.push(0xe0 | c >> 12, 0x80 | c >> 6 & 63, 0x80 | c & 63);
			else
				b.push(0xf0 | c >> 18, 0x80 | c >> 12 & 63, 0x80 | c >> 6 & 63, 0x80 | c & 63);
		}
		return b;
	}

	/* search_shard(): 64-bit FNV-1a modulo n, in 32-bit halves. */
	GK.shardOf = function (tok, n) {
		var b = utf8(tok), hi = 0xcbf29ce4, lo = 0x84222325;

		if (/^[a-z]/.test(tok) && b.length > 2)
			b = b.slice(0, 2);
		for (var k = 0; k < b.length; k++) {
			var a = ((lo ^ b[k]) >>> 0) * 0x1b3, alo = a % 4294967296;

			/* h * (2^40 + 0x1b3): lo << 40 only reaches the high half. */
			hi = (Math.imul(hi, 0x1b3) + (a - alo) / 4294967296 + (((lo ^ b[k]) >>> 0) << 8)) >>> 0;
			lo = alo;
		}
		return ((hi % n) * (4294967296 % n) + lo % n) % n;
	};

	/* Postings: Map of document number to v (title + 2 tf + 32 part). */
	function decode(s, into) {
		var v = 0, doc = -1, gap = -1;

		for (var k = 0; k < s.length; k++) {
			var d = DIG[s.charCodeAt(k)];

			if (d >= BASE) {
				v = v * BASE + d - BASE;
				continue;
			}
			v = v * BASE + d;
			if (gap < 0)
				gap = v;
			else {
				doc += gap + 1;
				var old = into.get(doc);

				/* A prefix matching several words: any title, tf summed. */
				into.set(doc, old === undefined ? v : (old & ~31) | (old | v) & 1 |
				    Math.min(15, (old >> 1 & 15) + (v >> 1 & 15)) << 1);
				gap = -1;
			}
			v = 0;
		}
		return into;
	}

	/* Resolves to the postings Map of a term ({tok, prefix}). */
	function postings(t) {
		var n = store.meta.shards, s = GK.shardOf(t.tok, n);

		return need('t/' + s + '.js').then(function () {
			var sh = store.shards[s] || {}, keys = [], hot = [];

			for (var key in sh)
				if (key === t.tok || (t.prefix && key.lastIndexOf(t.tok, 0) === 0))
					keys.push(key);
			keys.forEach(function (key) {
				if (typeof sh[key] === 'number')
					hot.push(need('t/h' + sh[key] + '.js'));
			});
			return Promise.all(hot).then(function () {
				var m = new Map();

				keys.forEach(function (key) {
					var p = sh[key];

					decode(typeof p === 'number' ? store.shards['h' + p][key] : p, m);
				});
				return m;
			});
		});
	}

	function index(list, id) {
		for (var k = 0; k < list.length; k++)
			if (list[k][0] === id)
				return k;
		return -1;
	}

	/*
	 * Runs a query. opts: {site, kind, year} (ids as in meta, "" for any).
	 * Resolves to {total, results: [{url, title, site, kind, date, snippet}]},
	 * the 20 best: title matches first, then term frequency, then newest.
	 */
	GK.search = function (q, opts) {
		var p = GK.parse(q), o = opts || {};

		return need('meta.js').then(function () {
			var meta = store.meta, terms = p.terms.slice(), lo = 0, hi = meta.docs;

			if (!terms.length)
				return { total: 0, results: [] };
			if (o.site)
				terms.push({ tok: '#s:' + o.site, facet: true });
			if (o.kind)
				terms.push({ tok: '#k:' + o.kind, facet: true });
			if (o.year) {
				var y = index(meta.years, +o.year);

				if (y < 0)
					return { total: 0, results: [] };
				lo = meta.years[y][1];
				hi = meta.years[y][2];
			}
			return Promise.all(terms.map(postings)).then(function (maps) {
				var small = maps[0], hits = [];

				maps.forEach(function (m) { if (m.size < small.size) small = m; });
				small.forEach(function (v, id) {
					var title = 0, tf = 0;

					if (id < lo || id >= hi)
						return;
					for (var k = 0; k < maps.length; k++) {
						var w = maps[k].get(id);

						if (w === undefined)
							return;
						if (!terms[k].facet) {
							title += w & 1;
							tf += w >> 1 & 15;
						}
					}
					hits.push({ id: id, title: title, tf: tf, part: maps[0].get(id) >> 5 });
				});
				hits.sort(function (a, b) {
					return b.title - a.title || b.tf - a.tf || a.id - b.id;
				});
				var top = hits.slice(0, TOP);

				return Promise.all(top.map(function (h) {
					return need('d/' + Math.floor(h.id / PER_DIR) + '/' + h.id + '-' + h.part + '.js');
				})).then(function () {
					return {
						total: hits.length,
						results: top.map(function (h) {
							var d = store.docs[h.id + '-' + h.part];
							var site = meta.sites[d[2]] || [], kind = meta.kinds[d[3]] || [];

							return {
								url: d[0], title: d[1], site: site[1] || '', kind: kind[1] || '',
								date: d[4], snippet: GK.snippet(d[6], d[5] > 0, p.marks)
							};
						})
					};
				});
			});
		});
	};

	function foldText(s) {
		var r = '';

		for (var k = 0; k < s.length; k++)
			r += String.fromCharCode(fold(s.charCodeAt(k)));
		return r;
	}

	/*
	 * About SNIPPET characters of text around the first match of any of
	 * marks, as [[text, marked], ...]; '…' pieces where text was cut.
	 * cutBefore says text starts after the beginning of the page's text.
	 */
	GK.snippet = function (text, cutBefore, marks) {
		var f = foldText(text), want = [], spans = [], first = -1, out = [];

		marks.forEach(function (m) {
			m = foldText(m);
			if (f.indexOf(m) >= 0 || m.length < 3)
				want.push(m);
			else
				/* The run is not contiguous here: mark its pieces. */
				for (var k = 0; k + 2 <= m.length; k++)
					want.push(m.substr(k, 2));
		});
		want.forEach(function (m) {
			for (var at = f.indexOf(m); m && at >= 0; at = f.indexOf(m, at + 1)) {
				spans.push([at, at + m.length]);
				if (first < 0 || at < first)
					first = at;
			}
		});
		var from = first > SNIPPET / 4 ? first - SNIPPET / 4 : 0;
		var to = Math.min(text.length, from + SNIPPET);

		if (to - from < SNIPPET)
			from = Math.max(0, to - SNIPPET);
		/* Do not split a surrogate pair. */
		if (from > 0 && (text.charCodeAt(from) & 0xfc00) === 0xdc00) from--;
		if (to < text.length && (text.charCodeAt(to) & 0xfc00) === 0xdc00) to++;
		spans.sort(function (a, b) { return a[0] - b[0]; });
		if (from > 0 || cutBefore)
			out.push(['…', false]);
		var pos = from;

		spans.forEach(function (s) {
			var a = Math.max(s[0], pos), b = Math.min(s[1], to);

			if (b <= a)
				return;
			if (a > pos)
				out.push([text.slice(pos, a), false]);
			out.push([text.slice(a, b), true]);
			pos = b;
		});
		if (pos < to)
			out.push([text.slice(pos, to), false]);
		if (to < text.length)
			out.push(['…', false]);
		return out;
	};

	/* The page */

	function params(search) {
		var r = {};

		search.replace(/^\?/, '').split('&').forEach(function (kv) {
			var k = kv.indexOf('='), key = k < 0 ? kv : kv.slice(0, k);

			if (!key)
				return;
			try {
				r[decodeURIComponent(key)] = k < 0 ? '' :
				    decodeURIComponent(kv.slice(k + 1).replace(/\+/g, ' '));
			} catch (e) {
				/* Malformed escapes: ignore the pair. */
			}
		});
		return r;
	}

	function el(tag, cls, text) {
		var e = document.createElement(tag);

		if (cls)
			e.className = cls;
		if (text !== undefined)
			e.textContent = text;
		return e;
	}

	function fill(sel, all, list) {
		if (!sel)
			return;
		if (!sel.options.length)
			sel.appendChild(el('option', '', all)).value = '';
		list.forEach(function (it) {
			sel.appendChild(el('option', '', it[1])).value = String(it[0]);
		});
	}

	function page() {
		var $ = function (id) { return document.getElementById(id); };
		var form = $('search-form'), input = $('search-q'), status = $('search-status');
		var list = $('search-results'), site = $('search-site'), kind = $('search-kind');
		var year = $('search-year'), seq = 0;
		/* The index is in <root>/search/; page URLs are relative to <root>. */
		var root = (GK.base === './' ? '' : GK.base) + '../';
		var q0 = params(location.search);

		if (!form || !input || !status || !list)
			return;
		function say(s) { status.textContent = s; }
		function value(sel) { return sel ? sel.value : ''; }
		function run() {
			var q = input.value.trim(), my = ++seq;
			var opts = { site: value(site), kind: value(kind), year: value(year) };
			var qs = [['q', q], ['site', opts.site], ['kind', opts.kind], ['year', opts.year]]
			    .filter(function (kv) { return kv[1]; })
			    .map(function (kv) { return kv[0] + '=' + encodeURIComponent(kv[1]); }).join('&');

			try {
				history.replaceState(null, '', qs ? '?' + qs : location.pathname);
			} catch (e) {
				/* Some browsers refuse it for file:// pages. */
			}
			while (list.firstChild)
				list.removeChild(list.firstChild);
			if (!q) {
				say('请输入关键词');
				return;
			}
			say('正在搜索…');
			GK.search(q, opts).then(function (r) {
				if (my !== seq)
					return;
				if (!r.total) {
					say('没有找到与“' + q + '”相关的内容');
					return;
				}
				say('找到 ' + r.total + ' 条结果');
				r.results.forEach(function (x) {
					var li = el('li', 'search-result'), a = el('a', '', x.title || x.url);
					var snip = el('p', 'search-snippet');

					a.href = root + x.url;
					li.appendChild(a);
					li.appendChild(el('p', 'search-meta',
					    [x.site, x.kind, x.date].filter(Boolean).join(' · ')));
					x.snippet.forEach(function (s) {
						snip.appendChild(s[1] ? el('mark', '', s[0]) : document.createTextNode(s[0]));
					});
					li.appendChild(snip);
					list.appendChild(li);
				});
			}, function () {
				if (my === seq)
					say('搜索索引加载失败，请稍后再试');
			});
		}
		input.value = q0.q || '';
		form.addEventListener('submit', function (e) {
			e.preventDefault();
			run();
		});
		need('meta.js').then(function () {
			var m = store.meta;

			fill(site, '全部村', m.sites);
			fill(kind, '全部类别', m.kinds);
			fill(year, '全部年份', m.years.map(function (y) { return [y[0], y[0] + '年']; }));
			if (site) site.value = q0.site || '';
			if (kind) kind.value = q0.kind || '';
			if (year) year.value = q0.year || '';
			run();
		}, function () {
			say('搜索索引加载失败，请稍后再试');
		});
	}

	if (typeof document !== 'undefined' && document.getElementById) {
		var script = document.currentScript || document.querySelector('script[data-index]');
		var base = (script && script.getAttribute('data-index')) || './';

		GK.base = /\/$/.test(base) ? base : base + '/';
		if (document.readyState === 'loading')
			document.addEventListener('DOMContentLoaded', page);
		else
			page();
	}
})(this);

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
	var ALPHA = ' !#$\'()+,-./:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~';
	var BASE = 40, PAGE = 10, TOP = 50, SNIPPET = 80, WORD_MAX = 32, PER_DIR = 100;
	var DIG = {};
	var store = { meta: null, sites: [], shards: {}, docs: {} };
	var pending = {};

	for (var i = 0; i < ALPHA.length; i++)
		DIG[ALPHA.charCodeAt(i)] = i;

	/* Registration, called by the index files. */
	GK.meta = function (m) { store.meta = m; };
	GK.sites = function (s) { store.sites = s; };
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

	/* Splits a query: white space and CJK or full-width punctuation. */
	function breaks(c) {
		return c <= 32 || (c >= 0x3000 && c <= 0x303f) || (c >= 0xfe30 && c <= 0xfe4f) ||
		    (c >= 0xff00 && c <= 0xffef) || c === 0x30fb;
	}

	/*
	 * Splits a query into phrases, each of which a result must contain as
	 * written (characters adjacent, in order). A phrase is a list of terms
	 * {tok, off, prefix}: the index token that must occur off characters
	 * after the phrase's start. A CJK run gives bigrams every second
	 * character (and the last one), or its one character; a word (letters,
	 * digits, a decimal point or thousands comma between digits) is itself,
	 * matched as a prefix of a token (the index has every suffix of a word:
	 * a prefix of a suffix is any part) when nothing follows it in the
	 * phrase and it is two characters or more (shards group words by their
	 * first two). Other characters
	 * (- / :) hold their place. marks are the phrases, to highlight.
	 */
	GK.parse = function (q) {
		var phrases = [], marks = [];

		var words = [[]];

		for (var ch of String(q)) {
			var c = fold(ch.codePointAt(0));

			if (breaks(c))
				words.push([]);
			else
				words[words.length - 1].push({ c: c, ch: ch, k: cls(c) });
		}
		words.forEach(function (cs) {
			var terms = [], k = 0;

			cs.forEach(function (x, j) {
				if ((x.c === 46 || x.c === 44) && j > 0 && cs[j - 1].c >= 48 && cs[j - 1].c <= 57 &&
				    j + 1 < cs.length && cs[j + 1].c >= 48 && cs[j + 1].c <= 57)
					x.k = 2;
			});
			while (k < cs.length) {
				var e = k, kind = cs[k].k;

				while (e < cs.length && cs[e].k === kind && kind)
					e++;
				if (kind === 1 && e - k === 1)
					terms.push({ tok: cs[k].ch, off: k });
				else if (kind === 1) {
					for (var j = k; j + 2 <= e; j += 2)
						terms.push({ tok: cs[j].ch + cs[j + 1].ch, off: j });
					if ((e - k) % 2)
						terms.push({ tok: cs[e - 2].ch + cs[e - 1].ch, off: e - 2 });
				} else if (kind === 2)
					terms.push({ tok: cs.slice(k, Math.min(e, k + WORD_MAX)).map(function (x) {
						return String.fromCharCode(x.c);
					}).join(''), off: k, prefix: e === cs.length && e - k > 1 });
				k = kind ? e : k + 1;
			}
			if (terms.length) {
				phrases.push(terms);
				marks.push(cs.map(function (x) { return x.k === 2 ? String.fromCharCode(x.c) : x.ch; }).join(''));
			}
		});
		return { phrases: phrases, marks: marks };
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

		if (/^[a-z0-9]/.test(tok) && b.length > 2)
			b = b.slice(0, 2);
		for (var k = 0; k < b.length; k++) {
			var a = ((lo ^ b[k]) >>> 0) * 0x1b3, alo = a % 4294967296;

			/* h * (2^40 + 0x1b3): lo << 40 only reaches the high half. */
			hi = (Math.imul(hi, 0x1b3) + (a - alo) / 4294967296 + (((lo ^ b[k]) >>> 0) << 8)) >>> 0;
			lo = alo;
		}
		return ((hi % n) * (4294967296 % n) + lo % n) % n;
	};

	/*
	 * Postings: Map of document number to {t: title, p: part of the first
	 * occurrence, pos: sorted positions}; a prefix matching several tokens
	 * merges them.
	 */
	function decode(s, into) {
		var v = 0, nums = [], doc = -1;

		for (var k = 0; k < s.length; k++) {
			var d = DIG[s.charCodeAt(k)];

			if (d >= BASE) {
				v = v * BASE + d - BASE;
				continue;
			}
			nums.push(v * BASE + d);
			v = 0;
		}
		for (var i = 0; i < nums.length;) {
			var x = nums[i + 1], n = nums[i + 2], pos = [], at = -1;

			doc += nums[i] + 1;
			for (var j = 0; j < n; j++)
				pos.push(at = j ? at + nums[i + 3 + j] + 1 : nums[i + 3]);
			i += 3 + n;
			var old = into.get(doc);

			if (old)
				pos = old.pos.concat(pos).sort(function (a, b) { return a - b; });
			into.set(doc, { t: (x & 1) | (old ? old.t : 0), p: old ? old.p : x >> 1, pos: pos });
		}
		return into;
	}

	/* Loads the shard of a term; resolves to the keys it matches ([] if none). */
	function keysOf(t) {
		var s = GK.shardOf(t.tok, store.meta.shards);

		return need('t/' + s + '.js').then(function () {
			var sh = store.shards[s] || {}, keys = [];

			for (var key in sh)
				if (key === t.tok || (t.prefix && key.lastIndexOf(t.tok, 0) === 0))
					keys.push(sh[key]);
			return keys;
		});
	}

	/*
	 * Resolves to the postings Map of a term, from the keys keysOf found: a
	 * string of postings, or [H, df, top] for a hot token's file t/hH.js.
	 */
	function postings(keys, t) {
		return Promise.all(keys.map(function (p) {
			return typeof p === 'string' ? null : need('t/h' + p[0] + '.js');
		})).then(function () {
			var m = new Map();

			keys.forEach(function (p) {
				if (typeof p !== 'string') {
					var h = store.shards['h' + p[0]];

					for (var key in h)
						p = h[key];
				}
				decode(p, m);
			});
			t.m = m;
		});
	}

	/*
	 * A one-token query without filters: its first pages are in the shard
	 * (search.c, put_hot_ref), ranked as match ranks, the count too.
	 */
	function ranked(keys, page) {
		var p = keys.length === 1 && typeof keys[0] !== 'string' ? keys[0] : null, n = [], v = 0, hits = [];

		if (!p || page * PAGE > (p[1] < TOP ? p[1] : TOP))
			return null;
		for (var k = 0; k < p[2].length; k++) {
			var d = DIG[p[2].charCodeAt(k)];

			if (d >= BASE)
				v = v * BASE + d - BASE;
			else
				n.push(v * BASE + d), v = 0;
		}
		for (k = 0; k + 2 < n.length; k += 3)
			hits.push({ id: n[k], title: n[k + 1] & 1, tf: n[k + 2], part: n[k + 1] >> 1 });
		hits.length = p[1];
		return hits;
	}

	function has(a, x) {
		var lo = 0, hi = a.length;

		while (lo < hi) {
			var mid = (lo + hi) >> 1;

			if (a[mid] < x) lo = mid + 1; else hi = mid;
		}
		return lo < a.length && a[lo] === x;
	}

	/* How often doc holds the phrase: its terms at their offsets. */
	function count(terms, doc) {
		var first = terms[0].m.get(doc), n = 0;

		first.pos.forEach(function (p) {
			for (var k = 1; k < terms.length; k++)
				if (!has(terms[k].m.get(doc).pos, p - terms[0].off + terms[k].off))
					return;
			n++;
		});
		return n;
	}

	function index(list, id) {
		for (var k = 0; k < list.length; k++)
			if (list[k][0] === id)
				return k;
		return -1;
	}

	/* Which documents hold every phrase: [{id, title, tf, part}]. */
	function match(phrases, facets, lo, hi) {
		var all = facets.concat.apply(facets, phrases), small = all[0].m, hits = [];

		all.forEach(function (t) { if (t.m.size < small.size) small = t.m; });
		small.forEach(function (v, id) {
			var title = 1, tf = 0;

			if (id < lo || id >= hi)
				return;
			for (var k = 0; k < all.length; k++)
				if (!all[k].m.has(id))
					return;
			for (k = 0; k < phrases.length; k++) {
				var n = count(phrases[k], id);

				if (!n)
					return;
				tf += n;
				phrases[k].forEach(function (t) { title &= t.m.get(id).t; });
			}
			hits.push({ id: id, title: title, tf: tf, part: phrases[0][0].m.get(id).p });
		});
		return hits.sort(function (a, b) {
			return b.title - a.title || b.tf - a.tf || a.id - b.id;
		});
	}

	/*
	 * The documents holding every phrase of p, ranked (match), or with page
	 * set, that page of a one-token query from its shard (ranked). The
	 * terms' shards are loaded one by one: once a token is absent, nothing
	 * more is (issue 20: bytes).
	 */
	function find(p, o, meta, page) {
		var facets = [], lo = 0, hi = meta.docs;

		if (!p.phrases.length)
			return Promise.resolve([]);
		if (o.site)
			facets.push({ tok: '#s:' + o.site });
		if (o.kind)
			facets.push({ tok: '#k:' + o.kind });
		if (o.year) {
			var y = index(meta.years, +o.year);

			if (y < 0)
				return Promise.resolve([]);
			lo = meta.years[y][1];
			hi = meta.years[y][2];
		}
		var all = facets.concat.apply(facets, p.phrases);

		return all.reduce(function (chain, t) {
			return chain.then(function (keys) {
				return keys && keysOf(t).then(function (k) { return k.length ? keys.concat([k]) : null; });
			});
		}, Promise.resolve([])).then(function (keys) {
			var hits = keys && page && all.length === 1 && lo === 0 && hi === meta.docs && ranked(keys[0], page);

			if (!keys || hits)
				return hits || [];
			return Promise.all(all.map(function (t, k) { return postings(keys[k], t); })).then(function () {
				return match(p.phrases, facets, lo, hi);
			});
		});
	}

	/*
	 * A date typed as 2023-05-19 or 2023-05 is also the date in words that
	 * pages show (2023年5月19日, 2023年5月; issue 20): the query's variants,
	 * one per choice of form for each date word (the first three).
	 */
	GK.variants = function (q) {
		var out = [''], n = 0;

		String(q).split(/\s+/).filter(Boolean).forEach(function (w) {
			var m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(foldText(w)), alts = [w];

			if (m && +m[2] >= 1 && +m[2] <= 12 && !(m[3] && (+m[3] < 1 || +m[3] > 31)) && n++ < 3)
				alts.push(m[1] + '年' + +m[2] + '月' + (m[3] ? +m[3] + '日' : ''));
			out = [].concat.apply([], out.map(function (v) {
				return alts.map(function (a) { return v ? v + ' ' + a : a; });
			}));
		});
		return out;
	};

	/* The hits of several variants: a document once, by its best title match and its occurrences in all. */
	function merge(lists) {
		var by = new Map();

		lists.forEach(function (l) {
			l.forEach(function (h) {
				var o = by.get(h.id);

				by.set(h.id, o ? { id: h.id, title: o.title | h.title, tf: o.tf + h.tf, part: o.part } : h);
			});
		});
		return Array.from(by.values()).sort(function (a, b) {
			return b.title - a.title || b.tf - a.tf || a.id - b.id;
		});
	}

	/*
	 * Runs a query. opts: {site, kind, year} (ids as in meta, "" for any),
	 * page (from 1), all (every result on one page: tests and the
	 * benchmark). Resolves to {total, pages, page, results: [{url, title,
	 * site, kind, date, snippet}]}, PAGE results of the page: title matches
	 * first, then how often the phrases occur, then newest.
	 */
	GK.search = function (q, opts) {
		var o = opts || {}, ps = GK.variants(q).map(GK.parse), page = Math.max(1, Math.floor(+o.page) || 1);
		var marks = [].concat.apply([], ps.map(function (p) { return p.marks; }));

		return need('meta.js').then(function () {
			var meta = store.meta;

			return Promise.all(ps.map(function (p) {
				return find(p, o, meta, !o.all && ps.length === 1 && page);
			})).then(function (lists) {
				var hits = lists.length === 1 ? lists[0] : merge(lists);

				if (!hits.length)
					return { total: 0, pages: 0, page: 1, results: [] };
				return results(meta, marks, hits, page, o.all ? Math.max(1, hits.length) : PAGE);
			});
		});
	};

	/* The page of hits asked for (the last if it is past the end), with the parts its snippets need. */
	function results(meta, marks, hits, page, size) {
		var pages = Math.ceil(hits.length / size), top;

		page = Math.min(pages, page);
		top = hits.slice((page - 1) * size, page * size);
		/* the site names only with results: a query that finds nothing stays small */
		return Promise.all(top.map(function (h) {
			return need('d/' + Math.floor(h.id / PER_DIR) + '/' + h.id + '-' + h.part + '.js');
		}).concat(top.length ? [need('sites.js')] : [])).then(function () {
			return {
				total: hits.length, pages: pages, page: page,
				results: top.map(function (h) {
					var d = store.docs[h.id + '-' + h.part];
					var site = store.sites[d[2]] || [], kind = meta.kinds[d[3]] || [];

					return {
						url: d[0], title: d[1], site: site[1] || '', kind: kind[1] || '',
						date: d[4], snippet: GK.snippet(d[6], d[5] > 0, marks)
					};
				})
			};
		});
	}

	function foldText(s) {
		var r = '';

		for (var k = 0; k < s.length; k++)
			r += String.fromCharCode(fold(s.charCodeAt(k)));
		return r;
	}

	var STOP = /[。！？；!?;\n]/;

	/*
	 * The sentences of text around the first match of any of marks (issue
	 * 19: a snippet reads as sentences): from the end of the sentence before
	 * the match, if it is near, through the end of the sentence holding it
	 * and the next ones while the snippet is short; cut with '…' only where a
	 * sentence is too long. As [[text, marked], ...]. cutBefore says text
	 * starts after the beginning of the page's text.
	 */
	GK.snippet = function (text, cutBefore, marks) {
		var f = foldText(text), want = [], spans = [], first = -1, last = 0, out = [];

		marks.forEach(function (m) {
			m = foldText(m);
			if (f.indexOf(m) >= 0 || m.length < 3)
				want.push(m);
			else
				/* The phrase is not whole here: mark its pieces. */
				for (var k = 0; k + 2 <= m.length; k++)
					want.push(m.substr(k, 2));
		});
		want.forEach(function (m) {
			for (var at = f.indexOf(m); m && at >= 0; at = f.indexOf(m, at + 1)) {
				spans.push([at, at + m.length]);
				if (first < 0 || at < first)
					first = at, last = at + m.length;
			}
		});
		if (first < 0)
			first = 0;
		var from = first, to = last, cap;

		while (from > 0 && first - from < SNIPPET / 2 && !STOP.test(text[from - 1]))
			from--;
		if (from > 0 && !STOP.test(text[from - 1]))
			from = Math.max(0, first - SNIPPET / 4);
		cap = Math.min(text.length, from + SNIPPET * 3 / 2);
		while (to < cap && (to - from < SNIPPET / 2 || !STOP.test(text[to - 1])))
			to++;
		/* Do not split a surrogate pair. */
		if (from > 0 && (text.charCodeAt(from) & 0xfc00) === 0xdc00) from--;
		if (to < text.length && (text.charCodeAt(to) & 0xfc00) === 0xdc00) to++;
		while (from < to && text[from] === ' ')
			from++;
		spans.sort(function (a, b) { return a[0] - b[0]; });
		if ((from > 0 || cutBefore) && !(from > 0 && STOP.test(text[from - 1])))
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
		if (to < text.length && !STOP.test(text[to - 1]))
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
			/* "" is the county's own pages: "any" lists them already */
			if (it[0] !== '')
				sel.appendChild(el('option', '', it[1])).value = String(it[0]);
		});
	}

	/* The query string of a search: q, the filters, the page. */
	function query(v) {
		return '?' + ['q', 'site', 'kind', 'year', 'page'].filter(function (k) { return v[k]; })
		    .map(function (k) { return k + '=' + encodeURIComponent(v[k]); }).join('&');
	}

	/*
	 * Links to the other pages of results: plain links with the whole state
	 * in the URL, so back and forward, bookmarks and file:// all work.
	 */
	function pager(nav, v, r) {
		function link(n, text) {
			var a = el('a', '', text);

			a.href = query(Object.assign({}, v, { page: n > 1 ? String(n) : '' }));
			nav.appendChild(a);
			nav.appendChild(document.createTextNode(' '));
		}
		if (r.pages < 2)
			return;
		if (r.page > 1)
			link(r.page - 1, '上一页');
		for (var n = 1; n <= r.pages; n++)
			if (n === r.page)
				nav.appendChild(el('span', 'search-page-now', String(n) + ' '));
			else if (n <= 2 || n > r.pages - 2 || Math.abs(n - r.page) <= 2)
				link(n, String(n));
			else if (n === 3 || n === r.pages - 2)
				nav.appendChild(document.createTextNode('… '));
		if (r.page < r.pages)
			link(r.page + 1, '下一页');
	}

	function show(list, root, r) {
		r.results.forEach(function (x) {
			var li = el('li', 'search-result'), a = el('a', '', x.title || x.url);
			var snip = el('p', 'search-snippet');

			a.href = root + x.url;
			li.appendChild(a);
			li.appendChild(el('p', 'search-meta', [x.site, x.kind, x.date].filter(Boolean).join(' · ')));
			x.snippet.forEach(function (s) {
				snip.appendChild(s[1] ? el('mark', '', s[0]) : document.createTextNode(s[0]));
			});
			li.appendChild(snip);
			list.appendChild(li);
		});
	}

	/*
	 * The search page runs the query in its URL; the form submits to the
	 * page itself (GET), so every search and every page of results is an
	 * entry in the history.
	 */
	function page() {
		var $ = function (id) { return document.getElementById(id); };
		var form = $('search-form'), input = $('search-q'), status = $('search-status');
		var list = $('search-results'), site = $('search-site'), kind = $('search-kind');
		var year = $('search-year'), nav = $('search-pages');
		/* The index is in <root>/search/; page URLs are relative to <root>. */
		var root = (GK.base === './' ? '' : GK.base) + '../';
		var v = params(location.search), q = (v.q || '').trim();

		if (!form || !input || !status || !list)
			return;
		function say(s) { status.textContent = s; }
		function fail() { say('搜索索引加载失败，请稍后再试'); }
		input.value = v.q || '';
		need('meta.js').then(function () {
			var m = store.meta;

			/* the sites are in the page's HTML (searchfeed.c): no sites.js before a result */
			fill(kind, '全部类别', m.kinds);
			fill(year, '全部年份', m.years.map(function (y) { return [y[0], y[0] + '年']; }));
			if (site) site.value = v.site || '';
			if (kind) kind.value = v.kind || '';
			if (year) year.value = v.year || '';
			if (!q)
				return say('请输入关键词');
			say('正在搜索…');
			return GK.search(q, { site: v.site, kind: v.kind, year: v.year, page: v.page }).then(function (r) {
				if (!r.total)
					return say('没有找到与“' + q + '”相关的内容');
				say('找到 ' + r.total + ' 条结果' + (r.pages > 1 ? '，第 ' + r.page + '/' + r.pages + ' 页' : ''));
				show(list, root, r);
				if (nav)
					pager(nav, v, r);
			});
		}).catch(fail);
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

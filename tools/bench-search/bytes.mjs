// tools/bench-search/bytes.mjs: the bytes a cold query loads from a built
// site's search index (issue 20: "at 100,000 records the first 10 results of
// a cold two-character query cost <= 100 KB, and a query whose rarest term is
// absent stops after <= 10 KB").
//
//   node tools/bench-search/bytes.mjs OUTPUT_DIR [QUERY ...]
//
// Runs the query core of themes/default/assets/search.js in a vm context, as
// tests/search/ does, with GK_SEARCH.load reading the index files of
// OUTPUT_DIR/search/ from disk; each query starts cold (a fresh context) and
// the bytes are the file sizes it loads: meta, shards, hot-token files and
// the result parts of the first page. No browser, no server, no compression
// (a web server's gzip would make every figure smaller). Exits 1 when a bound
// is broken.
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const searchJs = fs.readFileSync(path.join(root, 'themes/default/assets/search.js'), 'utf8');

// Classes of queries and their bound (KB), absent ones with the 10 KB bound;
// the issue bounds no longer phrase (null: reported only).
const DEFAULT = [
	['two characters', 100, ['党员', '低保', '公开', '村务', '会议', '资金', '修路', '学习', '支部', '监督']],
	['phrase', null, ['财务公开', '党员大会', '村民代表会议', '主题党日']],
	['absent', 10, ['量子计算', '火星基地', 'zzqxv', '魑魅魍魉']],
	['absent with a common word', 10, ['党员 量子计算', '公开 火星基地']],
];

function engine(dir) {
	const ctx = vm.createContext({});
	vm.runInContext(searchJs, ctx, { filename: 'search.js' });
	const gk = ctx.GK_SEARCH;
	const stats = { bytes: 0, files: 0 };
	gk.load = (rel) => {
		const text = fs.readFileSync(path.join(dir, 'search', rel), 'utf8');
		stats.bytes += Buffer.byteLength(text);
		stats.files++;
		vm.runInContext(text, ctx, { filename: rel });
		return Promise.resolve();
	};
	return { gk, stats };
}

async function main() {
	const [dir, ...qs] = process.argv.slice(2);
	if (!dir || !fs.existsSync(path.join(dir, 'search', 'meta.js'))) {
		console.error('usage: node tools/bench-search/bytes.mjs OUTPUT_DIR [QUERY ...]  (a site built by gongkai)');
		process.exit(2);
	}
	const classes = qs.length ? [['given', 100, qs]] : DEFAULT;
	let broken = 0;
	console.log('| class | query | results | files | KB | bound KB |');
	console.log('|---|---|---:|---:|---:|---:|');
	for (const [name, bound, list] of classes) {
		for (const q of list) {
			const { gk, stats } = engine(dir);
			const r = await gk.search(q);
			const kb = stats.bytes / 1024;
			const bad = bound !== null && kb > bound;
			broken += bad;
			console.log(`| ${name} | ${q} | ${r.total} | ${stats.files} | ${kb.toFixed(1)}${bad ? ' **over**' : ''} | ${bound ?? '—'} |`);
		}
	}
	console.log(broken ? `${broken} queries over their bound` : 'every query within its bound');
	process.exit(broken ? 1 : 0);
}

main();

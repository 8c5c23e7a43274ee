#!/bin/sh
# suite_lint.sh: tools/lint/callgraph.py (make lint, issue 16) on a tiny fake tree.
#
#   src/a.c, b.c, c.c   call each other in a loop: a -> b -> c -> a
#   src/d.c             calls a.c and hands it a callback that a.c calls through a
#                       pointer (no edge back, so d.c is in no loop); has a static
#                       helper() as a.c has (each file's own, no edge either way)
#   src/e.c             calls d.c; one function of over 100 lines with braces in strings,
#                       character literals, comments and an #if
#   src/*.h             include each other without a loop (one include is commented
#                       out); then x.h and y.h are added, which do loop
# The script must find exactly the loop a b c, fail with 1 (0 with --report), pass
# without a.c, and find the include loop. Then `make lint` runs on the real
# generator, which must have no loop.
#
# LINT_CC names the compiler (default gcc; it needs -fcallgraph-info).
# Prints PASS: lint ... / FAIL: lint ...: why.
cd "$(dirname "$0")/.." || exit 2
export TZ=UTC LC_ALL=C.UTF-8 LANGUAGE=en
top=$(pwd)
: "${LINT_CC:=gcc}"
script=$top/tools/lint/callgraph.py
tmp=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-lint.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fail=0
pass() { echo "PASS: lint $1"; }
failed() { echo "FAIL: lint $1: $2"; fail=$((fail + 1)); }

mkdir -p "$tmp/src" "$tmp/ci"
cat > "$tmp/src/types.h" <<'EOF'
#ifndef TYPES_H
#define TYPES_H
/* #include "calls.h" would be a loop, but it is only a comment */
// #include "calls.h"
typedef int (*callback)(int);
#endif
EOF
cat > "$tmp/src/calls.h" <<'EOF'
#ifndef CALLS_H
#define CALLS_H
#include "types.h"
int a_run(callback cb);
int b_step(int n);
int c_step(int n);
int d_main(void);
#endif
EOF
cat > "$tmp/src/a.c" <<'EOF'
#include "calls.h"
static int helper(int n) { return n + 1; }
int
a_run(callback cb)
{
	return b_step(helper(cb(1)));
}
EOF
cat > "$tmp/src/b.c" <<'EOF'
#include "calls.h"
int
b_step(int n)
{
	return n > 0 ? c_step(n - 1) : 0;
}
EOF
cat > "$tmp/src/c.c" <<'EOF'
#include "calls.h"
static int twice(int n) { return 2 * n; }
int
c_step(int n)
{
	return n > 1 ? a_run(twice) : n;
}
EOF
cat > "$tmp/src/d.c" <<'EOF'
#include "calls.h"
static int helper(int n) { return n - 1; }
static int d_cb(int n) { return helper(n); }
int
d_main(void)
{
	return a_run(d_cb);
}
EOF
{
	printf '#include <string.h>\n#include "calls.h"\nint e_long(const char *s);\n'
	printf 'int\ne_long(const char *s)\n{\n'
	printf '\tint n = (int)strlen("}}}") + %s;\n' "'}'"
	printf '\t/* } } } */\n\t// }\n#if 0\n\t{\n#endif\n'
	i=0
	while [ $i -lt 110 ]; do
		printf '\tn += s[%d %% 3] == %s;\n' $i "'{'"
		i=$((i + 1))
	done
	printf '\treturn n + d_main();\n}\n'
} > "$tmp/src/e.c"
elong=$(awk '/^\{/ { a = NR } /^\}/ { print NR - a + 1 }' "$tmp/src/e.c")

ok=1
for f in a b c d e; do
	(cd "$tmp" && $LINT_CC -std=c11 -O0 -fcallgraph-info -S -o "ci/$f.s" "src/$f.c") ||
		ok=0
done
if [ $ok = 0 ] || [ ! -f "$tmp/ci/e.ci" ]; then
	failed "compile" "$LINT_CC -fcallgraph-info did not write the .ci files"
	exit 1
fi
pass "compile: $LINT_CC -fcallgraph-info wrote one .ci per file"

lint() { (cd "$tmp" && python3 "$script" --src src "$@"); }

# ---- the loop a -> b -> c -> a, and nothing else ----
lint ci/a.ci ci/b.ci ci/c.ci ci/d.ci ci/e.ci > "$tmp/out" 2>&1
rc=$?
if [ $rc = 1 ]; then pass "a loop fails with 1"; else failed "a loop fails with 1" "exit $rc"; fi
loops=$(grep '^loop ' "$tmp/out")
if [ "$loops" = "loop 1 of 1: 3 files call each other: a.c b.c c.c" ]; then
	pass "finds exactly the loop a.c b.c c.c"
else
	failed "finds exactly the loop a.c b.c c.c" "got: $loops"
fi
edges=$(grep '^  [a-z]\.c:' "$tmp/out" | sed 's/    at .*//')
want='  a.c:a_run -> b.c:b_step
  b.c:b_step -> c.c:c_step
  c.c:c_step -> a.c:a_run'
if [ "$edges" = "$want" ]; then
	pass "one example call per edge of the loop"
else
	failed "one example call per edge of the loop" "got: $edges"
fi
if grep -q '^  a.c:a_run -> b.c:b_step    at src/a.c:6:9$' "$tmp/out"; then
	pass "the example call carries its call site"
else
	failed "the example call carries its call site" "$(grep 'a.c:a_run ->' "$tmp/out")"
fi
if grep -q '^  shortest loop: a.c -> b.c -> c.c -> a.c$' "$tmp/out"; then
	pass "shortest loop a.c -> b.c -> c.c -> a.c"
else
	failed "shortest loop" "$(grep 'shortest loop' "$tmp/out")"
fi
if grep -q '^call graph: 5 files, 9 functions, 7 calls between functions, 5 file edges$' "$tmp/out"; then
	pass "counts 9 functions, 7 calls, 5 file edges (strlen and the pointer call are none)"
else
	failed "counts 9 functions, 7 calls, 5 file edges" "$(head -1 "$tmp/out")"
fi
if grep -q '^no loop of #include among src/\*\.h$' "$tmp/out"; then
	pass "an #include in a comment is no edge"
else
	failed "an #include in a comment is no edge" "$(grep -i include "$tmp/out")"
fi
if grep -q "^info: the 5 longest functions" "$tmp/out" &&
	grep -A1 '^info: the 5 longest' "$tmp/out" | grep -Eq "^ +$elong  e.c:e_long \(lines 6-" &&
	grep -A1 '^info: 1 functions over 100 lines:$' "$tmp/out" | grep -q 'e.c:e_long'; then
	pass "longest function e.c:e_long, $elong lines, braces in literals and comments skipped"
else
	failed "longest function e.c:e_long ($elong lines)" "$(sed -n '/^info:/,$p' "$tmp/out")"
fi

# ---- --report prints the same and does not fail ----
lint --report ci/a.ci ci/b.ci ci/c.ci ci/d.ci ci/e.ci > "$tmp/report" 2>&1
rc=$?
if [ $rc = 0 ] && grep -q '^loop 1 of 1: 3 files call each other: a.c b.c c.c$' "$tmp/report"; then
	pass "--report lists the loop and exits 0"
else
	failed "--report lists the loop and exits 0" "exit $rc"
fi

# ---- without a.c the loop is gone ----
lint ci/b.ci ci/c.ci ci/d.ci ci/e.ci > "$tmp/out2" 2>&1
rc=$?
if [ $rc = 0 ] && grep -q '^no loop of mutual calls among files$' "$tmp/out2" &&
	tail -n 1 "$tmp/out2" | grep -q '^lint passed$'; then
	pass "no loop: exit 0, lint passed"
else
	failed "no loop: exit 0, lint passed" "exit $rc: $(tail -n 1 "$tmp/out2")"
fi

# ---- a loop of #include ----
printf '#include "y.h"\n' > "$tmp/src/x.h"
printf '#include "types.h"\n#include "x.h"\n' > "$tmp/src/y.h"
lint ci/b.ci ci/c.ci ci/d.ci ci/e.ci > "$tmp/out3" 2>&1
rc=$?
if [ $rc = 1 ] && grep -q '^include loop 1 of 1: x.h y.h$' "$tmp/out3" &&
	grep -q '^  src/y.h:2 includes x.h$' "$tmp/out3"; then
	pass "an #include loop fails with 1"
else
	failed "an #include loop fails with 1" "exit $rc: $(grep -i include "$tmp/out3")"
fi

# ---- bad input is exit 2 ----
printf 'not a graph\n' > "$tmp/ci/bad.ci"
lint ci/bad.ci > /dev/null 2> "$tmp/err"
rc=$?
if [ $rc = 2 ] && grep -q 'ci/bad.ci:1: not a VCG graph' "$tmp/err"; then
	pass "a file that is not a .ci is exit 2"
else
	failed "a file that is not a .ci is exit 2" "exit $rc: $(cat "$tmp/err")"
fi

# ---- the real generator: no loop of mutual calls among its files (issue 16) ----
if make -s --no-print-directory lint > "$tmp/real" 2>&1 && grep -q '^lint passed' "$tmp/real"; then
	pass "generator: no loop of mutual calls among files, no include loop"
else
	failed "generator: make lint" "$(grep -E '^(loop|include loop|  )' "$tmp/real" | head -n 12)"
fi

[ $fail = 0 ]

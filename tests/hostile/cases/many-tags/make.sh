f=content/sites/cun/work/2025-06-03-biaoqian.md
python3 -c '
import sys
w = sys.stdout.write
w("---\n标题: 十万个标签\n日期: 2025-06-03\n标签:\n")
for i in range(100000): w("  - 标签%d\n" % i)
w("---\n\n正文。\n")' > $f

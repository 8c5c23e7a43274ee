f=content/sites/cun/work/2025-06-02-shen.md
printf -- '---\n标题: 深层嵌套\n日期: 2025-06-02\n---\n\n' > $f
python3 -c '
import sys
w = sys.stdout.write
w("> " * 10000 + "引用\n\n")
w("- " * 10000 + "列表\n\n")
w("1. " * 10000 + "编号\n\n")
w("> - " * 5000 + "混合\n\n")
w("[" * 10000 + "链接" + "]" * 10000 + "\n\n")
w("*" * 10000 + "强调" + "*" * 10000 + "\n\n")
w("<" * 10000 + "\n\n")
w("".join("  " * i + "- 项\n" for i in range(300)))' >> $f

# 300,000 short rows (5 MB, under the size limit): parsing stops at row 20,001
# (CSVTABLE_MAX_ROWS) with one error at its line; memory follows the limit, not the file.
d=content/sites/cun/disclosures
mkdir -p $d
printf -- '---\n标题: 三十万行的名单\n日期: 2025-03-01\n类别: 村务公开\n所属期: 2025\n公示:\n  类型: 其他\n  开始: 2025-03-01\n  结束: 2025-03-10\n名单: 2025-03-01-mingdan.csv\n---\n\n正文。\n' > $d/2025-03-01-mingdan.md
python3 -c '
import sys
out = sys.stdout.buffer
out.write("序号,姓名\n".encode())
out.write("".join("%d,张\n" % i for i in range(1, 300001)).encode())' > $d/2025-03-01-mingdan.csv

f=content/sites/cun/work/2025-06-01-da.md
printf -- '---\n标题: 五十兆的记录\n日期: 2025-06-01\n---\n\n' > $f
python3 -c '
import sys
para = ("村里召开会议，研究修路和饮水工程。" * 20 + "\n\n").encode()
n = 50 * 1024 * 1024 // len(para) + 1
sys.stdout.buffer.write(para * n)' >> $f

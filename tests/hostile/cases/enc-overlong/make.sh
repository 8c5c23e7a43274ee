printf -- '---\n标题: 过长编码 \300\257 \340\200\257\n日期: 2025-06-06\n---\n\n\300\274script\300\276\n' > content/sites/cun/work/2025-06-06-bad.md

printf -- '---\n标题: 代理项 \355\240\200\n日期: 2025-06-06\n---\n\n\355\277\277\n' > content/sites/cun/work/2025-06-06-bad.md

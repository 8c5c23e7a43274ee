printf -- '---\n标题: 坏编码\n日期: 2025-06-06\n---\n\n正文\377\376。\n' > content/sites/cun/work/2025-06-06-bad.md

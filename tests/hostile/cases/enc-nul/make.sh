printf -- '---\n标题: 空字符\n日期: 2025-06-06\n---\n\n正文\000<script>alert(1)</script>\n' > content/sites/cun/work/2025-06-06-bad.md

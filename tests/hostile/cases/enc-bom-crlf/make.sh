printf '\357\273\277---\r\n标题: 带BOM和CRLF\r\n日期: 2025-06-07\r\n标签: [编码]\r\n---\r\n\r\n第一段。\r\n\r\n第二段。\r\n' > content/sites/cun/work/2025-06-07-bom.md

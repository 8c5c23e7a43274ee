# Characters XML 1.0 has no place for (C0 controls, U+FFFE, U+FFFF, other
# non-characters), in front matter (YAML escapes) and raw in the body: the
# feeds and the sitemap must stay well-formed (the suite runs xmllint).
f=content/sites/cun/work/2025-04-01-zifu.md
printf -- '---\n标题: "控制\\x01字符\\x0b\\x1f\\uFFFE非\\uFFFF字符\\uFDD0\\U0001FFFE\\U0010FFFF完"\n日期: 2025-04-01\n发布单位: "村委\\x08会\\uFFFF"\n标签: ["标\\x07签\\uFFFE"]\n---\n\n' > $f
printf '正文\001开头\013\037\357\277\276\357\277\277\357\267\220 和 \364\217\277\277 结尾 XMLCHARS-BODY\n' >> $f
f=content/sites/cun/disclosures/2025-04-02-gongkai.md
mkdir -p content/sites/cun/disclosures
printf -- '---\n标题: "公开\\x02事项\\uFFFF"\n日期: 2025-04-02\n类别: 村务公开\n所属期: 2025\n摘要: "摘\\x1b要\\uFFFE XMLCHARS-SUMMARY"\n---\n\n本月\002事项\357\277\277明细。\n' > $f

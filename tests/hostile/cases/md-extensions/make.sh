# Records and pages whose names end in .MD, .Md or .markdown are not read:
# each gets a warning that says how to rename it (issue 22: they were
# dropped without a word).
w=content/sites/cun/work
sed 's/^标题: .*/标题: 大写扩展名/' $w/2025-01-10-peixun.md > $w/2025-02-10-daxie.MD
sed 's/^标题: .*/标题: 长扩展名/' $w/2025-01-10-peixun.md > $w/2025-02-11-chang.markdown
cp content/pages/about.md content/pages/contact.Md
echo 'a,b' > $w/rows.csv

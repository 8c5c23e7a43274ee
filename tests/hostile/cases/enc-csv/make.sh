cp -R "$CASE/../escape-rows/content/sites/cun/disclosures" content/sites/cun/
rm content/sites/cun/disclosures/2025-03-02-gongshi.md
sed -i 's#名单: .*#名单: 2025-03-01-gongshi.csv#' content/sites/cun/disclosures/2025-03-01-gongshi.md
printf '序号,姓名\n1,\377\000\300\257\n' > content/sites/cun/disclosures/2025-03-01-gongshi.csv

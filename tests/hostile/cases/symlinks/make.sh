mkdir -p outside && echo 'SECRET-OUTSIDE' > outside/secret.txt
printf -- '---\n标题: 外部\n日期: 2025-05-01\n---\n\nSECRET-OUTSIDE\n' > outside/2025-05-01-waibu.md
ln -s /etc/passwd content/static/passwd.txt
ln -s ../../outside content/static/outdir
ln -s ../../../../outside/2025-05-01-waibu.md content/sites/cun/work/2025-05-01-waibu.md
ln -s /etc content/pages/etc
ln -s ../../../outside themes/default/assets/outdir
ln -s /etc/passwd themes/default/assets/passwd.css

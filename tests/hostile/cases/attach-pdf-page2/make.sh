# page 1 clean, page 2 with a made-up 身份证号 (valid check character)
python3 "$CASE/../../mkpdf.py" content/static/docs/qiandao.pdf "Sign-in sheet, 27 attendees" "Zhang San 11010519491231002X"

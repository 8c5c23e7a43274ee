python3 "$CASE/../../mkpdf.py" content/static/docs/qiandao.pdf "Contact Zhang San 13812345678" "Second page"

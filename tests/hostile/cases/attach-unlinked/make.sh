# a linked PDF and an unlinked one, both clean
python3 "$CASE/../../mkpdf.py" content/static/docs/linked.pdf "Training plan" "Second page"
python3 "$CASE/../../mkpdf.py" content/static/docs/orphan.pdf "Nobody links this"

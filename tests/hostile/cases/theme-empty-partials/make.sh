rm -f themes/default/templates/partials/*.html

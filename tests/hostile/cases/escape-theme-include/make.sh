# the 404 template includes files outside the theme
sed -i 's#partials/footer.html#../../../../../../etc/passwd#' themes/default/templates/404.html
sed -i 's#partials/head.html#/etc/hostname#' themes/default/templates/page.html

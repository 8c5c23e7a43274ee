# The 200 MB 名单 of csv-huge, under `gongkai check`: what reading the table costs alone.
. "$CASE/../csv-huge/make.sh"

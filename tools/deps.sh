#!/bin/sh
# Installs the Debian packages gongkai needs. `deps.sh build` reads
# tools/deps/*.build; `deps.sh test` reads those and tools/deps/*.test.
# As root it runs apt-get; as anyone else it prints the exact command and stops.
set -e
cd "$(dirname "$0")/deps"
case "$1" in
build) files=$(ls ./*.build) ;;
test) files=$(ls ./*.build ./*.test) ;;
*) echo "usage: deps.sh build|test" >&2; exit 2 ;;
esac
want=$(cat $files | sed 's/#.*//' | tr -s ' \t' '\n\n' | grep -v '^$' | sort -u)
missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "gongkai needs these Debian packages:$missing" >&2
	echo "Install them with:" >&2
	echo "  sudo apt-get install -y$missing" >&2
	exit 1
fi
echo "Installing missing Debian packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || true
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null

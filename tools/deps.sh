#!/bin/sh
# Installs the Debian packages gongkai needs: `deps.sh build` for building the
# site, `deps.sh test` for running every test. As root it runs apt-get; as
# anyone else it prints the exact command and stops.
set -e
build_pkgs="gcc make pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev libyaml-dev libjansson-dev libcsv-dev libqrencode-dev"
test_pkgs="$build_pkgs libxml2-utils valgrind"
case "$1" in
build) want=$build_pkgs ;;
test) want=$test_pkgs ;;
*) echo "usage: deps.sh build|test" >&2; exit 2 ;;
esac
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
echo "Installing missing packages:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || true
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null

#!/usr/bin/env bash
# install-llama.sh: a real llama.cpp (llama-server, llama-bench, llama-quantize,
# llama-mtmd-cli, ggml-rpc-server) from Debian sid's packages, unpacked into DEST.
#
# apt's own client downloads the .debs under a private configuration (its own sources
# list, package lists and cache inside DEST), so the system's apt state and libc are
# untouched; dpkg -x unpacks them. The tools then run through sid's own loader; harness/
# knows how (harness.LlamaInstall).
#
# Idempotent: when DEST/.installed names the same package set and the binaries are
# there, it does nothing, and no network is used.
#
# Usage: scripts/install-llama.sh [DEST]   (default: build/llama)
set -euo pipefail

DEST=${1:-build/llama}
SUITE=${LLAMA_DEBIAN_SUITE:-sid}
MIRROR=${LLAMA_DEBIAN_MIRROR:-http://deb.debian.org/debian}
PKGS=(llama.cpp-tools llama.cpp-tools-extra llama.cpp-examples libllama0 libggml0
      libggml0-backend-rpc libc6 libstdc++6 libgcc-s1 libgomp1 libssl3t64 zlib1g)
STAMP="$DEST/.installed"
WANT="suite=$SUITE pkgs=${PKGS[*]}"

fail() {
	cat >&2 <<MSG
install-llama: $*
install-llama: to use an existing llama.cpp build instead, pass its llama-server:
    go test ./vlrubric -args -llama-server /path/to/llama-server     (flag)
    LLAMA_SERVER=/path/to/llama-server make test           (env)
MSG
	exit 1
}

if [[ -f "$STAMP" && "$(head -n1 "$STAMP")" == "$WANT" && -x "$DEST/root/usr/bin/llama-server" ]]; then
	echo "install-llama: up to date in $DEST ($(sed -n 2p "$STAMP"))"
	exit 0
fi

os=$(uname -s) arch=$(uname -m)
if [[ $os != Linux || ( $arch != x86_64 && $arch != amd64 ) ]]; then
	fail "Debian's x86-64 Linux packages do not run on $os $arch: build llama.cpp there instead
    (macOS: brew install llama.cpp, whose llama-server is \$(brew --prefix)/bin/llama-server;
    elsewhere: cmake -B build && cmake --build build -j, as llama.cpp's docs/build.md says)"
fi
command -v apt-get >/dev/null || fail "apt-get not found: this installer needs a Debian-like system"
command -v dpkg >/dev/null || fail "dpkg not found: this installer needs a Debian-like system"

mkdir -p "$DEST"
DEST=$(cd "$DEST" && pwd)
APT="$DEST/apt"
rm -rf "$APT" "$DEST/root.new"
mkdir -p "$APT/lists/partial" "$APT/cache/archives/partial" "$APT/debs" "$DEST/root.new"
echo "deb $MIRROR $SUITE main" >"$APT/sources.list"
OPTS=(-o "Dir::Etc::SourceList=$APT/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
      -o "Dir::State::Lists=$APT/lists" -o "Dir::Cache=$APT/cache"
      -o "Dir::State::status=/dev/null" -o "APT::Sandbox::User=root" -o "Debug::NoLocking=1")

echo "install-llama: updating package lists for Debian $SUITE (private apt config in $APT)"
apt-get "${OPTS[@]}" -qq update >"$APT/update.log" 2>&1 || { tail -5 "$APT/update.log" >&2; fail "apt-get update for Debian $SUITE failed (log: $APT/update.log)"; }

echo "install-llama: downloading ${PKGS[*]}"
(cd "$APT/debs" && apt-get "${OPTS[@]}" -qq download "${PKGS[@]}") >"$APT/download.log" 2>&1 ||
	{ tail -5 "$APT/download.log" >&2; fail "apt-get download failed (log: $APT/download.log)"; }

for deb in "$APT"/debs/*.deb; do
	dpkg -x "$deb" "$DEST/root.new" || fail "dpkg -x $deb failed"
done

L="$DEST/root.new/usr/lib/x86_64-linux-gnu"
for f in "$L/ld-linux-x86-64.so.2" "$DEST/root.new/usr/bin/llama-server" "$L/ggml/backends0"; do
	[[ -e "$f" ]] || fail "the unpacked packages lack $f"
done
version=$(cd "$L/ggml/backends0" && "$L/ld-linux-x86-64.so.2" --library-path "$L:$L/llama" \
	"$DEST/root.new/usr/bin/llama-server" --version 2>&1 | grep -m1 '^version' || true)
[[ -n "$version" ]] || fail "the unpacked llama-server does not run (try: $L/ld-linux-x86-64.so.2 --library-path $L:$L/llama $DEST/root.new/usr/bin/llama-server --version)"

rm -rf "$DEST/root"
mv "$DEST/root.new" "$DEST/root"
rm -rf "$APT/cache" "$APT/lists"
printf '%s\n%s\n' "$WANT" "$version" >"$STAMP"
echo "install-llama: installed $version into $DEST/root"

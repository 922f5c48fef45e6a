#!/usr/bin/env bash
# rpc-worker.sh: run llama.cpp's ggml-rpc-server from the Debian tree that `make llama`
# unpacks, on a machine that lends its memory to a vlbench run on another (README,
# "Beyond one machine"). The arguments go to ggml-rpc-server as they are:
#
#   scripts/rpc-worker.sh -H 10.0.0.2 -p 50052 -t 32
#
# -H is the address to listen on (ggml-rpc-server's default 127.0.0.1 serves this machine
# only). RPC has no authentication: listen on a trusted network only. A llama.cpp build of
# your own has ggml-rpc-server beside llama-server: run that instead.
#
# Usage: scripts/rpc-worker.sh [ggml-rpc-server flags]   (LLAMA=DIR: the tree, default build/llama)
set -euo pipefail

DEST=${LLAMA:-$(dirname "$0")/../build/llama}
[[ -d "$DEST/root" ]] || { echo "rpc-worker: no llama.cpp in $DEST: run \`make llama\` first" >&2; exit 1; }
ROOT=$(cd "$DEST/root" && pwd)
L="$ROOT/usr/lib/x86_64-linux-gnu"
BIN="$ROOT/usr/libexec/x86_64-linux-gnu/llama/bin/ggml-rpc-server"
[[ -x "$BIN" ]] || { echo "rpc-worker: $BIN not found: run \`make llama\` (it installs llama.cpp-tools-extra)" >&2; exit 1; }
cd "$L/ggml/backends0" # ggml loads its CPU backend (the best for this CPU) from here
exec "$L/ld-linux-x86-64.so.2" --library-path "$L:$L/llama" "$BIN" "$@"

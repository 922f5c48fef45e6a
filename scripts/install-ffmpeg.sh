#!/usr/bin/env bash
# install-ffmpeg.sh: Debian's ffmpeg (ffmpeg and ffprobe), which the VideoMME loader of
# stdsets/ uses to sample frames. Idempotent: when ffmpeg is on PATH it does nothing.
#
# As root on a Debian-like system it runs apt-get; otherwise it says what to run and
# exits 0, so `make test` goes on (the VideoMME tests then skip, or fail under CI=true).
#
# Usage: scripts/install-ffmpeg.sh
set -euo pipefail

if command -v ffmpeg >/dev/null && command -v ffprobe >/dev/null; then
	echo "install-ffmpeg: $(command -v ffmpeg) present"
	exit 0
fi
if [[ $(uname -s) != Linux ]]; then
	echo "install-ffmpeg: ffmpeg is not on PATH, and Debian's package is for Linux: on $(uname -s) install ffmpeg" >&2
	echo "  (with ffprobe) yourself (macOS: brew install ffmpeg); the VideoMME tests skip without it, and fail with CI=true" >&2
	exit 0
fi
if ! command -v apt-get >/dev/null; then
	echo "install-ffmpeg: no apt-get here: install ffmpeg (with ffprobe) with your system's package manager" >&2
	exit 0
fi
if [[ $(id -u) != 0 ]]; then
	echo "install-ffmpeg: not root: run   sudo apt-get install -y --no-install-recommends ffmpeg" >&2
	exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends ffmpeg
echo "install-ffmpeg: $(command -v ffmpeg) installed"

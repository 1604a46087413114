#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# demo.sh - the end-to-end demo on uvsim (make demo).
set -e
build=${1:-build}
exec /usr/bin/python3 "$(dirname "$0")/demo.py" "$build"

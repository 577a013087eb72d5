#!/usr/bin/env bash
# Render an HTML brief to PNG and PDF with headless Chromium, so that a person can look at it.
#
#   scripts/render-brief.sh brief.html [OUTPUT-PREFIX]
#
# Writes OUTPUT-PREFIX.png (a screenshot, 1000x1600) and OUTPUT-PREFIX.pdf (printed as the
# browser's default paper size; the brief's print styles fit A4 and Letter). With --dump-dom,
# also OUTPUT-PREFIX.dom.html: the page as the browser built it. Needs chromium (Debian:
# apt-get install chromium); set CHROMIUM to use another binary. Nothing is fetched: the brief
# is self-contained, and background networking is off.
set -euo pipefail

dump=0
if [ "${1:-}" = "--dump-dom" ]; then dump=1; shift; fi
html=${1:?usage: scripts/render-brief.sh [--dump-dom] brief.html [output-prefix]}
prefix=${2:-${html%.html}}
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$chromium" ]; then
    echo "render-brief: chromium not found (apt-get install chromium, or set CHROMIUM)" >&2
    exit 3
fi
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
url="file://$(cd "$(dirname "$html")" && pwd)/$(basename "$html")"
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking
       --disable-component-update --disable-sync --no-first-run --user-data-dir="$profile"
       --hide-scrollbars)

run() { timeout 60 "$chromium" "${flags[@]}" "$@" 2>/dev/null; }

run --window-size=1000,1600 --screenshot="$prefix.png" "$url" >/dev/null
run --no-pdf-header-footer --print-to-pdf="$prefix.pdf" "$url" >/dev/null
if [ "$dump" = 1 ]; then
    run --dump-dom "$url" >"$prefix.dom.html"
fi
for out in "$prefix.png" "$prefix.pdf"; do
    [ -s "$out" ] || { echo "render-brief: $out was not written" >&2; exit 1; }
done
echo "$prefix.png"
echo "$prefix.pdf"

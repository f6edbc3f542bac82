#!/bin/sh
# Copy the world outline the dashboard draws its map on into the package (run by `make vendor`).
# world-atlas (ISC) is Natural Earth's public-domain 1:110m countries as TopoJSON; the copy
# is committed so that `pip install` alone serves the dashboard, with no network.
set -eu
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
dest=../src/eventwire/web/static
cp node_modules/world-atlas/countries-110m.json "$dest/world-110m.json"
cp node_modules/world-atlas/LICENSE "$dest/world-110m.LICENSE"
echo "vendored world-atlas $(node -p "require('./node_modules/world-atlas/package.json').version") into $dest"

#!/usr/bin/env bash
# Fails when the committed dist/ is not what `npm run bundle` builds from the current sources
# (the action runs dist/index.js and dist/post.js as committed: a stale bundle ships old code).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f dist/index.js ] || [ ! -f dist/post.js ]; then
  echo "check-dist: dist/index.js or dist/post.js is missing. Run \`npm run bundle\` and commit dist/." >&2
  exit 1
fi

fresh="$(mktemp -d)"
trap 'rm -rf "$fresh"' EXIT
node scripts/bundle.mjs "$fresh/dist" >/dev/null

if ! diff -r -q dist "$fresh/dist" >"$fresh/changes"; then
  echo "check-dist: dist/ is stale: it differs from a fresh build of the sources:" >&2
  sed 's/^/  /' "$fresh/changes" >&2
  echo "Fix: run \`npm run bundle\` and commit dist/." >&2
  exit 1
fi
echo "check-dist: dist/ matches the sources."

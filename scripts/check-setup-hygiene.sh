#!/usr/bin/env bash
# Set-up hygiene, checked by CI after the README's test command has run set-up once:
# a second `bash scripts/setup.sh` installs nothing (node_modules already matches the
# lockfile) and leaves the work tree exactly as git has it (no rewritten lockfile).
set -euo pipefail
cd "$(dirname "$0")/.."

dirty() { git status --porcelain --untracked-files=all; }

before="$(dirty)"
if [ -n "$before" ]; then
  printf 'check-setup-hygiene: FAILED: the work tree is not clean before the check:\n%s\n' "$before" >&2
  exit 1
fi
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
bash scripts/setup.sh 2>"$log" || { cat "$log" >&2; echo 'check-setup-hygiene: FAILED: set-up failed' >&2; exit 1; }
if ! grep -qF 'node_modules matches package-lock.json' "$log"; then
  cat "$log" >&2
  echo 'check-setup-hygiene: FAILED: a second set-up ran npm install again' >&2
  exit 1
fi
after="$(dirty)"
if [ -n "$after" ]; then
  printf 'check-setup-hygiene: FAILED: set-up changed the work tree:\n%s\n' "$after" >&2
  exit 1
fi
echo 'check-setup-hygiene: a second set-up installed nothing and left git status empty' >&2

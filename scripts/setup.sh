#!/usr/bin/env bash
# One-shot, idempotent set-up of a fresh Debian machine for development and CI:
#   1. Docker Engine (Debian's docker.io) installed and dockerd running
#   2. Debian's Chromium (browser tests) and the local sandbox image built from Debian packages
#   3. gVisor (Debian's runsc) registered with Docker, for `--runtime runsc` and the runsc tests
#   4. Node.js 24 (the runtime GitHub uses for the action) from the npm registry
#   5. npm install from the lockfile (skipped when node_modules matches package-lock.json) and the library build
# Every step says what it does; any failure stops with a message naming the step.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> setup: %s\n' "$*" >&2; }
die() { printf 'setup: FAILED: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

step "Docker Engine"
if ! command -v dockerd >/dev/null 2>&1; then
  echo "installing docker.io from Debian packages" >&2
  as_root apt-get update -q >/dev/null || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q docker.io >/dev/null || die "apt-get install docker.io failed"
fi
if ! docker info >/dev/null 2>&1; then
  echo "starting dockerd (log: /var/log/rlm-dockerd.log)" >&2
  as_root bash -c 'nohup dockerd >/var/log/rlm-dockerd.log 2>&1 &'
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { tail -n 20 /var/log/rlm-dockerd.log >&2 || true; die "dockerd did not come up within 60 s"; }
fi
echo "docker $(docker version --format '{{.Server.Version}}') is running" >&2

step "Chromium (for the dashboard and report tests, driven by playwright-core)"
if ! command -v chromium >/dev/null 2>&1; then
  echo "installing Debian's chromium" >&2
  as_root apt-get update -q >/dev/null || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q chromium >/dev/null || die "apt-get install chromium failed"
fi

step "sandbox image"
bash scripts/build-sandbox-image.sh || die "could not build the sandbox image"

step "gVisor (runsc) registered with Docker"
bash scripts/setup-gvisor.sh || die "could not install or register runsc"

step "Node.js 24"
NODE24_PREFIX="${RLM_NODE24_PREFIX:-$HOME/.cache/rlm-node24}"
if ! scripts/node24 node --version 2>/dev/null | grep -q '^v24\.'; then
  echo "installing node@24 from the npm registry into $NODE24_PREFIX" >&2
  mkdir -p "$NODE24_PREFIX"
  npm install --prefix "$NODE24_PREFIX" --no-audit --no-fund node@24 >/dev/null || die "npm install node@24 failed"
fi
echo "node $(scripts/node24 node --version)" >&2

step "npm dependencies"
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ "$(cat node_modules/.rlm-lock-hash 2>/dev/null || true)" != "$lock_hash" ]; then
  # `npm install` with the committed lockfile installs exactly the locked versions.
  # Not `npm ci`: npm >= 11.16 rejects its own lockfile when the registry (a mirror
  # here) has no manifests for other platforms' optional bindings (npm/cli#9846).
  scripts/node24 npm install --no-audit --no-fund || die "npm install failed"
  # Hash the lockfile as it is after the install, so an install that touched it
  # is not mistaken for a stale node_modules on the next run.
  sha256sum package-lock.json | cut -d' ' -f1 > node_modules/.rlm-lock-hash
else
  echo "node_modules matches package-lock.json" >&2
fi

step "build"
scripts/node24 npm run build >/dev/null || die "npm run build failed (run it to see the type errors)"
echo "setup: done" >&2

#!/usr/bin/env bash
# Installs gVisor (Debian's runsc package) and registers it with the running Docker Engine as the
# runtime `runsc`, so `docker.runtime: runsc` (--runtime runsc) can run the sandbox under it.
# Idempotent: installs only when missing, writes /etc/docker/daemon.json only when the entry is
# not there yet (merged into the existing JSON, never replacing it), and reloads dockerd with
# SIGHUP (runtimes are reloaded; running containers are not touched: no restart).
# --network=none: runsc refuses to start with networking enabled in the root network namespace,
# and the sandbox has no network anyway.
set -euo pipefail

DAEMON_JSON="${DOCKER_DAEMON_JSON:-/etc/docker/daemon.json}"
RUNSC_ENTRY='{"path": "/usr/bin/runsc", "runtimeArgs": ["--network=none"]}'
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
say() { echo "setup-gvisor: $*" >&2; }
registered() { docker info --format '{{json .Runtimes}}' 2>/dev/null | grep -q '"runsc"'; }

missing=()
command -v runsc >/dev/null 2>&1 || [ -x /usr/bin/runsc ] || missing+=(runsc)
command -v jq >/dev/null 2>&1 || missing+=(jq)
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} from Debian packages"
  as_root apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" >/dev/null
fi

current='{}'
if as_root test -s "$DAEMON_JSON"; then current="$(as_root cat "$DAEMON_JSON")"; fi
merged="$(jq --argjson entry "$RUNSC_ENTRY" '.runtimes.runsc = $entry' <<<"$current")"
if [ "$(jq -S . <<<"$current")" != "$(jq -S . <<<"$merged")" ]; then
  say "registering runsc in $DAEMON_JSON"
  as_root mkdir -p "$(dirname "$DAEMON_JSON")"
  as_root tee "$DAEMON_JSON.rlm-new" >/dev/null <<<"$merged"
  as_root mv "$DAEMON_JSON.rlm-new" "$DAEMON_JSON"
fi

if ! registered; then
  say "reloading dockerd (SIGHUP) so it picks up the runtime"
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet docker 2>/dev/null; then
    as_root systemctl reload docker
  else
    as_root kill -HUP "$(pidof dockerd)"
  fi
  for _ in $(seq 1 20); do registered && break; sleep 0.5; done
  registered || { say "dockerd did not register runsc; check its log"; exit 1; }
fi
say "runsc is registered ($(runsc --version 2>/dev/null | sed -n 1p))"

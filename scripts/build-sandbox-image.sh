#!/usr/bin/env bash
# Builds the local sandbox image from Debian packages (no container registry is
# needed): a minimal bookworm root filesystem with python3 and its full standard
# library. Idempotent: does nothing when the image already exists.
set -euo pipefail

IMAGE="${RLM_SANDBOX_IMAGE:-rlm-sandbox:bookworm}"
DOCKER="${DOCKER:-docker}"
# apt-get and debootstrap need root; on a machine where CI runs as a user, go through sudo.
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if "$DOCKER" image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "build-sandbox-image: $IMAGE already present"
  exit 0
fi

if ! command -v debootstrap >/dev/null 2>&1; then
  echo "build-sandbox-image: installing debootstrap" >&2
  as_root apt-get update -q >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null
fi

# Use the same Debian mirror that apt is configured with on this machine.
detect_mirror() {
  cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
    | grep -oE 'https?://[^ ]+/debian/?( |$)' | grep -v security | head -n 1 | tr -d ' ' || true
}
MIRROR="${DEBIAN_MIRROR:-$(detect_mirror)}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"

ROOTFS="$(mktemp -d /tmp/rlm-rootfs.XXXXXX)"
trap 'as_root rm -rf "$ROOTFS"' EXIT

echo "build-sandbox-image: debootstrap bookworm from $MIRROR (about a minute)" >&2
# python3 (not python3-minimal) pulls in libpython3.11-stdlib: json, asyncio, etc.
as_root debootstrap --variant=minbase --include=python3 bookworm "$ROOTFS" "$MIRROR" >/tmp/rlm-debootstrap.log 2>&1 || {
  echo "build-sandbox-image: debootstrap failed; last lines of /tmp/rlm-debootstrap.log:" >&2
  tail -n 20 /tmp/rlm-debootstrap.log >&2
  exit 1
}
# Keep the image small: package caches and docs are not needed at run time.
as_root rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/usr/share/doc "$ROOTFS"/usr/share/man

as_root tar -C "$ROOTFS" -c . | "$DOCKER" import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'CMD ["python3"]' \
  - "$IMAGE" >/dev/null
"$DOCKER" run --rm --network none "$IMAGE" python3 -c 'import json, asyncio, sqlite3; print("python ok")'
echo "build-sandbox-image: built $IMAGE"

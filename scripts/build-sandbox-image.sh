#!/usr/bin/env bash
# Builds the sandbox image locally under its default name, so the CLI, the library and the
# tests find it without a registry (`rlm image build` runs this script). Two recipes, one package
# list (sandbox/packages.txt, installed by sandbox/install-packages.sh in both):
#   debootstrap  (default on Debian/Ubuntu hosts): a bookworm root filesystem from the Debian
#                mirror apt uses here, then install-packages.sh inside it (chroot); needs root
#                (or sudo) and no container registry.
#   dockerfile   (default elsewhere): `docker build -f sandbox/Dockerfile`, the registry recipe;
#                needs Docker Hub and snapshot.debian.org.
# Idempotent by tag: the tag is a hash of the list and both recipe files, so an image left
# by an older list (e.g. rlm-sandbox:bookworm) is never mistaken for the current one.
#
#   scripts/build-sandbox-image.sh [--recipe debootstrap|dockerfile] [--tag NAME] [--print-name]
#
# --print-name prints the default image name and exits (src/sandbox/default-image.ts must match
# it; a unit test checks). --tag also tags the built image as NAME.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PACKAGES_FILE="$ROOT/sandbox/packages.txt"
DOCKERFILE="$ROOT/sandbox/Dockerfile"
INSTALLER="$ROOT/sandbox/install-packages.sh"
REPOSITORY="ghcr.io/rlm-runtime/rlm-sandbox"
DOCKER="${DOCKER:-docker}"

content_hash() { cat "$PACKAGES_FILE" "$INSTALLER" "$DOCKERFILE" | sha256sum | cut -c1-12; }
IMAGE="$REPOSITORY:bookworm-$(content_hash)"

RECIPE=""
EXTRA_TAG=""
while [ $# -gt 0 ]; do
  case "$1" in
    --print-name) echo "$IMAGE"; exit 0 ;;
    --recipe) RECIPE="${2:?--recipe needs debootstrap or dockerfile}"; shift 2 ;;
    --tag) EXTRA_TAG="${2:?--tag needs an image name}"; shift 2 ;;
    *) echo "build-sandbox-image: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ -z "$RECIPE" ]; then
  if command -v debootstrap >/dev/null 2>&1 || command -v apt-get >/dev/null 2>&1; then RECIPE=debootstrap; else RECIPE=dockerfile; fi
fi

tag_extra() { if [ -n "$EXTRA_TAG" ]; then "$DOCKER" tag "$IMAGE" "$EXTRA_TAG"; echo "build-sandbox-image: tagged $EXTRA_TAG" >&2; fi; }

if "$DOCKER" image inspect "$IMAGE" >/dev/null 2>&1; then
  echo "build-sandbox-image: $IMAGE already present"
  tag_extra
  exit 0
fi

# Headless matplotlib on a read-only root filesystem (the same ENV as sandbox/Dockerfile).
IMAGE_CONFIG=(
  'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  'ENV MPLBACKEND=Agg'
  'ENV MPLCONFIGDIR=/tmp/matplotlib'
  'ENV LANG=C.UTF-8'
  'USER 65534:65534'
  'CMD ["python3"]'
)

build_with_dockerfile() {
  echo "build-sandbox-image: docker build -f sandbox/Dockerfile (pulls debian from Docker Hub)" >&2
  "$DOCKER" build -q -f "$DOCKERFILE" -t "$IMAGE" "$ROOT" >/dev/null
}

build_with_debootstrap() {
  # apt-get and debootstrap need root; on a machine where CI runs as a user, go through sudo.
  as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
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
  local mirror="${DEBIAN_MIRROR:-$(detect_mirror)}"
  mirror="${mirror:-http://deb.debian.org/debian}"
  local rootfs log=/tmp/rlm-debootstrap.log
  rootfs="$(mktemp -d /tmp/rlm-rootfs.XXXXXX)"
  # shellcheck disable=SC2064 # expand now: the trap must remove this very directory
  trap "as_root rm -rf '$rootfs'" EXIT

  echo "build-sandbox-image: debootstrap bookworm from $mirror, then sandbox/packages.txt (a few minutes)" >&2
  fail() { echo "build-sandbox-image: $1 failed; last lines of $log:" >&2; tail -n 20 "$log" >&2; exit 1; }
  as_root debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$log" 2>&1 || fail debootstrap
  # The same installer as the Dockerfile, inside the new root; the packages' postinst
  # byte-compiles them, so imports need no writable __pycache__ on the read-only root.
  as_root mkdir -p "$rootfs/tmp/rlm-image"
  as_root cp "$PACKAGES_FILE" "$INSTALLER" "$rootfs/tmp/rlm-image/"
  as_root chroot "$rootfs" env LANG=C.UTF-8 sh /tmp/rlm-image/install-packages.sh /tmp/rlm-image/packages.txt \
    >>"$log" 2>&1 || fail install-packages.sh
  as_root rm -rf "$rootfs/tmp/rlm-image"

  local changes=()
  for line in "${IMAGE_CONFIG[@]}"; do changes+=(--change "$line"); done
  as_root tar -C "$rootfs" -c . | "$DOCKER" import "${changes[@]}" - "$IMAGE" >/dev/null
}

case "$RECIPE" in
  debootstrap) build_with_debootstrap ;;
  dockerfile) build_with_dockerfile ;;
  *) echo "build-sandbox-image: unknown recipe $RECIPE (debootstrap or dockerfile)" >&2; exit 2 ;;
esac

# The smoke test runs as the sandbox does: non-root, read-only, no network, /tmp a tmpfs.
# A failing image is removed, so the next run builds it again instead of finding it "present".
"$DOCKER" run --rm --network none --read-only --tmpfs /tmp --user 65534:65534 "$IMAGE" python3 -c '
import json, sqlite3, statistics, csv, asyncio
import numpy, pandas, pytest, matplotlib, matplotlib.pyplot as plt
plt.plot([1, 2], [3, 4]); plt.savefig("/tmp/smoke.png")
print("python", ".".join(map(str, __import__("sys").version_info[:3])), "numpy", numpy.__version__,
      "pandas", pandas.__version__, "matplotlib", matplotlib.__version__, "pytest", pytest.__version__)' \
  || { "$DOCKER" rmi "$IMAGE" >/dev/null; echo "build-sandbox-image: $IMAGE failed its smoke test" >&2; exit 1; }
tag_extra
echo "build-sandbox-image: built $IMAGE"

/**
 * The default sandbox image: Debian bookworm's python3 with pytest, numpy, pandas and matplotlib
 * (sandbox/packages.txt). One name everywhere: the release workflow publishes it to ghcr.io, the
 * Action pins it, and `scripts/build-sandbox-image.sh` (or `rlm image build`) builds exactly this
 * name locally, so offline machines satisfy the default without a registry.
 *
 * The tag is a hash of the package list and both recipes: a changed list is a new tag, so a
 * machine holding an older image builds or pulls the new one instead of reusing the old. A unit
 * test checks this constant against `scripts/build-sandbox-image.sh --print-name`.
 */
export const SANDBOX_IMAGE_REPOSITORY = 'ghcr.io/rlm-runtime/rlm-sandbox';
export const SANDBOX_IMAGE_TAG = 'bookworm-f00f95618a83';
export const DEFAULT_IMAGE = `${SANDBOX_IMAGE_REPOSITORY}:${SANDBOX_IMAGE_TAG}`;

/** The sandbox image the tests use: built locally from Debian packages by scripts/build-sandbox-image.sh. */
export const TEST_IMAGE = process.env.RLM_TEST_IMAGE ?? 'rlm-sandbox:bookworm';

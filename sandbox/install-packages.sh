#!/bin/sh
# Installs sandbox/packages.txt inside the image's root filesystem, as root, with apt's package
# lists already fetched. Both recipes run this very file: sandbox/Dockerfile (RUN) and
# scripts/build-sandbox-image.sh (chroot after debootstrap), so the two images hold the same
# packages. Lines with a '-' prefix are removed after the install (see packages.txt for why).
set -eu
list="${1:?usage: install-packages.sh PACKAGES_FILE}"
install=$(sed -e 's/#.*//' "$list" | awk 'NF && $1 !~ /^-/ { print $1 }')
prune=$(sed -e 's/#.*//' "$list" | awk '$1 ~ /^-/ { print substr($1, 2) }')

# shellcheck disable=SC2086 # one word per package
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $install

# Only what is installed: dpkg refuses to purge unknown names. --force-depends because the
# packages that depend on these (scipy, fonttools) do not use them at run time.
# shellcheck disable=SC2086
installed=$(dpkg-query -W -f '${Package} ${db:Status-Status}\n' $prune 2>/dev/null | awk '$2 == "installed" { print $1 }')
# shellcheck disable=SC2086
if [ -n "$installed" ]; then dpkg --purge --force-depends $installed; fi

# Package caches, lists, docs and translations are not needed at run time.
rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/cache/apt/archives/*.deb \
  /usr/share/doc /usr/share/man /usr/share/locale

#!/usr/bin/env bash
# Builds a Java 17 runtime base image offline, for machines that reach Debian's package mirror but no image
# registry: debootstrap a minimal Debian with openjdk-17-jre-headless, then `docker import` it. Idempotent: an
# image already there is kept. Needs root (debootstrap) and a running Docker engine.
#   docker/build-base.sh [IMAGE]        (default rigwatch/jre:17)
set -euo pipefail
image=${1:-rigwatch/jre:17}
if docker image inspect "$image" >/dev/null 2>&1; then
  echo "base image $image already built"
  exit 0
fi
command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install -y debootstrap" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "debootstrap needs root to build $image" >&2; exit 1; }

# the mirror this machine's apt uses (deb822 .sources or one-line sources.list), else Debian's own
mirror=$(grep -hsE '^(URIs:|deb )' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
  | grep -v security | head -n 1 | sed -E 's/^URIs:[[:space:]]*//; s/^deb[[:space:]]+(\[[^]]*\][[:space:]]+)?//; s/[[:space:]].*//' || true)
mirror=${mirror:-http://deb.debian.org/debian}
suite=${DEBIAN_SUITE:-bookworm}

root=$(mktemp -d /tmp/rigwatch-base.XXXXXX)
trap 'rm -rf "$root"' EXIT
echo "building $image: debootstrap $suite from $mirror (about 90 s)"
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates "$suite" "$root" "$mirror" \
  > "$root.log" 2>&1 || { echo "debootstrap failed; last lines of $root.log:" >&2; tail -n 20 "$root.log" >&2; exit 1; }
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | docker import --change 'ENV LANG=C.UTF-8' - "$image" >/dev/null
rm -f "$root.log"
docker run --rm "$image" java -version 2>&1 | head -n 1
echo "base image $image built"

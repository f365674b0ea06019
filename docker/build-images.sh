#!/usr/bin/env bash
# Builds rigwatch's two images: rigwatch:local (every command; the compose file picks the role) and
# rigwatch-kafka:local (Apache Kafka's broker from the project's own Maven artifacts). Idempotent.
#   docker/build-images.sh            build the jars if missing, then the images
# The Java base is $JAVA_IMAGE when set; else eclipse-temurin:17-jre when it is here or can be pulled; else
# rigwatch/jre:17, built offline from Debian's packages by docker/build-base.sh (about 90 s, once per machine).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
docker info >/dev/null 2>&1 || { echo "no Docker engine answers (start dockerd, or check DOCKER_HOST)" >&2; exit 1; }

if [ ! -f app/target/rigwatch-all.jar ] || [ ! -d deploy/target/kafka/libs ]; then
  echo "building the jars: mvn -B -q -DskipTests package"
  mvn -B -q -DskipTests package
fi

public=eclipse-temurin:17-jre
if [ -z "${JAVA_IMAGE:-}" ]; then
  if docker image inspect "$public" >/dev/null 2>&1 || timeout 60 docker pull -q "$public" >/dev/null 2>&1; then
    JAVA_IMAGE=$public
  else
    echo "$public cannot be pulled here: using a base built from Debian's packages"
    JAVA_IMAGE=rigwatch/jre:17
    docker/build-base.sh "$JAVA_IMAGE"
  fi
fi

build() {
  local tag=$1 file=$2
  echo "building $tag on $JAVA_IMAGE"
  # the log only on failure: Docker 20.10's legacy builder warns on every build that it is deprecated
  local log
  log=$(mktemp)
  if ! docker build -q --build-arg JAVA_IMAGE="$JAVA_IMAGE" -f "$file" -t "$tag" . >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "building $tag failed" >&2
    exit 1
  fi
  rm -f "$log"
}
build rigwatch:local Dockerfile
build rigwatch-kafka:local docker/kafka/Dockerfile
# each rebuild with new jars leaves the previous image untagged (about 450 MB): remove those of ours
docker image prune -f --filter label=dev.rigwatch.image >/dev/null
echo "images ready: rigwatch:local rigwatch-kafka:local (base $JAVA_IMAGE)"

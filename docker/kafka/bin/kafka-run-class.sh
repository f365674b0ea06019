#!/usr/bin/env bash
# Runs a class of Kafka's on the image's libraries, as Kafka's own script of that name does.
exec java ${KAFKA_HEAP_OPTS:--Xmx512m} ${KAFKA_OPTS:-} -Dlogback.configurationFile=/opt/kafka/config/logback.xml \
  -cp '/opt/kafka/libs/*' "$@"

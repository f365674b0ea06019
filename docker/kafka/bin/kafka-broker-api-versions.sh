#!/usr/bin/env bash
# Same path and arguments as in the apache/kafka image, so one healthcheck works on both.
KAFKA_HEAP_OPTS=${KAFKA_TOOL_HEAP_OPTS:--Xmx64m -XX:TieredStopAtLevel=1} \
  exec "$(dirname "$0")/kafka-run-class.sh" org.apache.kafka.tools.BrokerApiVersionsCommand "$@"

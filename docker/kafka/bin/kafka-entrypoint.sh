#!/usr/bin/env bash
# Writes server.properties from KAFKA_* env vars (defaults: one combined broker+controller node), formats the
# log directory on first start, then runs Kafka's broker in the foreground.
#   CLUSTER_ID                  the KRaft cluster id (the same on every node of a cluster)
#   KAFKA_SCRAM_USERS           user:password,... SCRAM-SHA-512 credentials written at format time
set -euo pipefail
config=/opt/kafka/config/server.properties

defaults=(
  KAFKA_NODE_ID=1
  KAFKA_PROCESS_ROLES=broker,controller
  KAFKA_LISTENERS=PLAINTEXT://:9092,CONTROLLER://:9093
  KAFKA_ADVERTISED_LISTENERS=PLAINTEXT://localhost:9092
  KAFKA_CONTROLLER_LISTENER_NAMES=CONTROLLER
  KAFKA_LISTENER_SECURITY_PROTOCOL_MAP=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
  KAFKA_LOG_DIRS=/var/lib/kafka/data
  KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR=1
  KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR=1
  KAFKA_TRANSACTION_STATE_LOG_MIN_ISR=1
  KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR=1
  KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR=1
  KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS=0
)
for pair in "${defaults[@]}"; do
  name=${pair%%=*}
  [ -n "${!name:-}" ] || export "$pair"
done
[ -n "${KAFKA_CONTROLLER_QUORUM_VOTERS:-}" ] || export KAFKA_CONTROLLER_QUORUM_VOTERS="${KAFKA_NODE_ID}@localhost:9093"

# env var -> property, as the apache/kafka image does; the JVM's and this script's own variables are not properties
: > "$config"
for name in $(compgen -e | grep '^KAFKA_' | sort); do
  case "$name" in
    KAFKA_HEAP_OPTS|KAFKA_OPTS|KAFKA_TOOL_HEAP_OPTS|KAFKA_SCRAM_USERS|KAFKA_JVM_PERFORMANCE_OPTS) continue ;;
  esac
  key=$(printf '%s' "${name#KAFKA_}" | tr '[:upper:]' '[:lower:]' | sed -e 's/___/-/g' -e 's/__/\x01/g' -e 's/_/./g' -e 's/\x01/_/g')
  printf '%s=%s\n' "$key" "${!name}" >> "$config"
done

log_dir=${KAFKA_LOG_DIRS%%,*}
if [ ! -f "$log_dir/meta.properties" ]; then
  format=(format --config "$config" --cluster-id "${CLUSTER_ID:-5L6g3nShT-eMCtK--X86sw}")
  IFS=',' read -r -a users <<< "${KAFKA_SCRAM_USERS:-}"
  for user in "${users[@]}"; do
    [ -n "$user" ] && format+=(--add-scram "SCRAM-SHA-512=[name=${user%%:*},password=${user#*:}]")
  done
  KAFKA_HEAP_OPTS=-Xmx256m kafka-storage.sh "${format[@]}" >/dev/null
  echo "formatted $log_dir for node ${KAFKA_NODE_ID} of cluster ${CLUSTER_ID:-5L6g3nShT-eMCtK--X86sw}"
fi
exec kafka-run-class.sh kafka.Kafka "$config"

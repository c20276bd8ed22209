#!/usr/bin/env bash
# A local Redis Cluster for development and CI: 3 masters and 3 replicas from the machine's own
# redis-server, on loopback ports 7000-7005 (REDIS_CLUSTER_PORT moves the first), with a short
# node timeout so a failover takes seconds. Idempotent: a cluster already answering is left as
# it is. `scripts/redis-cluster.sh stop` stops its nodes and removes their files.
set -euo pipefail

FIRST_PORT="${REDIS_CLUSTER_PORT:-7000}"
DIR="${REDIS_CLUSTER_DIR:-${TMPDIR:-/tmp}/qr-login-redis-cluster}"
PORTS=$(seq "$FIRST_PORT" $((FIRST_PORT + 5)))

if [[ "${1:-start}" == "stop" ]]; then
  for port in $PORTS; do
    redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  done
  rm -rf "$DIR"
  exit 0
fi

if redis-cli -p "$FIRST_PORT" cluster info 2>/dev/null | grep -q "cluster_state:ok"; then
  echo "Redis Cluster already up on 127.0.0.1:$FIRST_PORT-$((FIRST_PORT + 5))"
  exit 0
fi

mkdir -p "$DIR"
for port in $PORTS; do
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  rm -f "$DIR/nodes-$port.conf"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$port" \
    --cluster-enabled yes --cluster-config-file "$DIR/nodes-$port.conf" \
    --cluster-node-timeout 2000 --save "" --appendonly no \
    --dir "$DIR" --logfile "$DIR/redis-$port.log"
done
for port in $PORTS; do
  for _ in $(seq 1 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
done

nodes=""
for port in $PORTS; do nodes="$nodes 127.0.0.1:$port"; done
# shellcheck disable=SC2086
redis-cli --cluster create $nodes --cluster-replicas 1 --cluster-yes >"$DIR/create.log"

# Up means every replica has finished its first sync too: until then a failover could promote a
# replica that holds nothing (on a loaded machine the first sync takes a while).
replicas_synced() {
  local port role
  for port in $PORTS; do
    role=$(redis-cli -p "$port" info replication)
    if grep -q "role:slave" <<<"$role" && ! grep -q "master_link_status:up" <<<"$role"; then
      return 1
    fi
  done
}

for _ in $(seq 1 300); do
  if redis-cli -p "$FIRST_PORT" cluster info | grep -q "cluster_state:ok" && replicas_synced; then
    echo "Redis Cluster up: REDIS_CLUSTER_NODES=127.0.0.1:$FIRST_PORT,127.0.0.1:$((FIRST_PORT + 1)),127.0.0.1:$((FIRST_PORT + 2))"
    exit 0
  fi
  sleep 0.1
done
echo "Redis Cluster did not reach cluster_state:ok with its replicas in sync; see $DIR" >&2
exit 1

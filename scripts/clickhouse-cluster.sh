#!/usr/bin/env bash
# A two-shard ClickHouse cluster on loopback, for the ClickHouse connector's
# tests (issue #15): two clickhouse-server processes, each with its own data
# folder and ports, and a remote_servers entry `duto_2shards` naming both.
#
#   scripts/clickhouse-cluster.sh start [dir]   # idempotent: a running shard is left alone
#   scripts/clickhouse-cluster.sh stop  [dir]
#   scripts/clickhouse-cluster.sh status [dir]
#
# Shard 1: HTTP 8123, TCP 9000, interserver 9009. Shard 2: HTTP 8124, TCP 9001,
# interserver 9010. The folder defaults to /tmp/duto-clickhouse. ClickHouse
# refuses to run as root on data it does not own, so as root the servers run
# as the `clickhouse` user (made by the Debian package) through setpriv.
set -euo pipefail

cmd="${1:-start}"
dir="${2:-${DUTO_CLICKHOUSE_DIR:-/tmp/duto-clickhouse}}"
server="$(command -v clickhouse-server || true)"
[ -n "$server" ] || server=/usr/sbin/clickhouse-server

http_port() { echo $((8122 + $1)); }
tcp_port() { echo $((8999 + $1)); }
inter_port() { echo $((9008 + $1)); }

ping_shard() { curl -fsS --max-time 2 "http://127.0.0.1:$(http_port "$1")/ping" >/dev/null 2>&1; }

write_config() {
  local n="$1" d="$dir/shard$1"
  mkdir -p "$d/data" "$d/tmp" "$d/user_files" "$d/format_schemas" "$d/log"
  cat >"$d/config.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <logger>
    <level>warning</level>
    <log>$d/log/server.log</log>
    <errorlog>$d/log/server.err.log</errorlog>
    <size>10M</size>
    <count>2</count>
  </logger>
  <http_port>$(http_port "$n")</http_port>
  <tcp_port>$(tcp_port "$n")</tcp_port>
  <interserver_http_port>$(inter_port "$n")</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <listen_host>127.0.0.1</listen_host>
  <max_connections>256</max_connections>
  <keep_alive_timeout>3</keep_alive_timeout>
  <max_concurrent_queries>50</max_concurrent_queries>
  <uncompressed_cache_size>8589934592</uncompressed_cache_size>
  <mark_cache_size>268435456</mark_cache_size>
  <path>$d/data/</path>
  <tmp_path>$d/tmp/</tmp_path>
  <user_files_path>$d/user_files/</user_files_path>
  <format_schema_path>$d/format_schemas/</format_schema_path>
  <users_config>$d/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <mlock_executable>false</mlock_executable>
  <remote_servers>
    <duto_2shards>
      <shard><replica><host>127.0.0.1</host><port>$(tcp_port 1)</port></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>$(tcp_port 2)</port></replica></shard>
    </duto_2shards>
  </remote_servers>
  <macros><shard>$n</shard></macros>
  <builtin_dictionaries_reload_interval>3600</builtin_dictionaries_reload_interval>
  <max_session_timeout>3600</max_session_timeout>
  <default_session_timeout>60</default_session_timeout>
</yandex>
XML
  cat >"$d/users.xml" <<XML
<?xml version="1.0"?>
<yandex>
  <profiles>
    <default><max_memory_usage>2000000000</max_memory_usage><load_balancing>random</load_balancing></default>
    <readonly><readonly>1</readonly></readonly>
  </profiles>
  <users>
    <default>
      <password></password>
      <networks><ip>127.0.0.1</ip><ip>::1</ip></networks>
      <profile>default</profile>
      <quota>default</quota>
    </default>
  </users>
  <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors><result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time></interval></default></quotas>
</yandex>
XML
}

start_shard() {
  local n="$1" d="$dir/shard$1"
  if ping_shard "$n"; then
    # Someone's ClickHouse (the package's own service) may hold the port: it must be one of ours.
    local known
    known="$(curl -fsS --max-time 5 "http://127.0.0.1:$(http_port "$n")/" \
      --data-binary "SELECT count() FROM system.clusters WHERE cluster = 'duto_2shards'" 2>/dev/null || echo 0)"
    if [ "$known" = 0 ]; then
      echo "port $(http_port "$n") is held by a ClickHouse without cluster duto_2shards (the package's service? stop it: service clickhouse-server stop)" >&2
      return 1
    fi
    echo "clickhouse shard $n already answers on http://127.0.0.1:$(http_port "$n")"
    return 0
  fi
  write_config "$n"
  local run=()
  if [ "$(id -u)" = 0 ] && id clickhouse >/dev/null 2>&1; then
    chown -R clickhouse:clickhouse "$d"
    run=(setpriv --reuid=clickhouse --regid=clickhouse --init-groups)
  fi
  # Detached from this shell (setsid, which execs like setpriv does: $! is the server), its own log;
  # the pid file says which process to stop.
  setsid "${run[@]}" "$server" --config-file="$d/config.xml" >>"$d/log/stdout.log" 2>&1 </dev/null &
  echo $! >"$d/server.pid"
  for _ in $(seq 1 60); do
    if ping_shard "$n"; then
      echo "clickhouse shard $n started on http://127.0.0.1:$(http_port "$n")"
      return 0
    fi
    sleep 0.5
  done
  echo "clickhouse shard $n did not start; its log:" >&2
  tail -n 20 "$d/log/server.err.log" "$d/log/stdout.log" >&2 2>/dev/null || true
  return 1
}

stop_shard() {
  local n="$1" pidfile="$dir/shard$1/server.pid"
  if [ ! -f "$pidfile" ]; then
    echo "clickhouse shard $n: no pid file, nothing to stop"
    return 0
  fi
  local pid
  pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.25
    done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid"; fi
  fi
  rm -f "$pidfile"
  echo "clickhouse shard $n stopped"
}

case "$cmd" in
  start)
    if [ ! -x "$server" ]; then
      echo "clickhouse-server is not installed (apt-get install clickhouse-server)" >&2
      exit 2
    fi
    mkdir -p "$dir"
    start_shard 1
    start_shard 2
    ;;
  stop)
    stop_shard 1
    stop_shard 2
    ;;
  status)
    for n in 1 2; do
      if ping_shard "$n"; then echo "shard $n: up (http $(http_port "$n"))"; else echo "shard $n: down"; fi
    done
    ;;
  *)
    echo "usage: $0 start|stop|status [dir]" >&2
    exit 64
    ;;
esac

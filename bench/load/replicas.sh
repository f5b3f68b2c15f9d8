#!/usr/bin/env bash
# Several replicas against one: two CleanseBot processes sharing one redis-server behind nginx (deploy/nginx/
# cleansebot.conf, round-robin), and one CleanseBot in memory, driven side by side in one run with the same
# closed-loop load (bench/load/messages.lua). Prints each round, then the ratios. Usage, from anywhere:
#   bash bench/load/replicas.sh                      # 3 rounds x 15 s per set-up after 45 s of warm-up, 16 connections
#   ROUNDS=1 DURATION=5 bash bench/load/replicas.sh  # a quick look
# Needs redis-server, nginx and wrk (Debian packages; installed if missing). Everything runs on loopback, on free
# ports, in a temporary folder; the cores are shared by the bots, Redis, nginx and wrk alike.
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15}
# 15 s left the in-memory bot cold: its first round ran at 60-64% of its later ones, which flattered the replicas.
WARMUP=${WARMUP:-45}
CONNECTIONS=${CONNECTIONS:-16}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d /tmp/cleansebot-replicas.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

for tool in redis-server nginx wrk; do
  if ! command -v "$tool" >/dev/null && [[ ! -x /usr/sbin/$tool ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server nginx wrk >/dev/null
    break
  fi
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
REDIS_PORT=$(free_port); A_PORT=$(free_port); B_PORT=$(free_port); MEMORY_PORT=$(free_port); NGINX_PORT=$(free_port)

echo "Building (Release)..." >&2
dotnet build "$ROOT/bench/CleanseBot.Benchmarks/CleanseBot.Benchmarks.csproj" -c Release -v quiet -nologo >/dev/null
TOOL=(dotnet "$ROOT/bench/CleanseBot.Benchmarks/bin/Release/net10.0/CleanseBot.Benchmarks.dll")
BOT=(dotnet "$ROOT/src/CleanseBot/bin/Release/net10.0/CleanseBot.dll" --RateLimiting:Enabled=false --Logging:LogLevel:Default=Warning)
KEY=bench-signing-key-of-at-least-32-characters

redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$WORK" --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
SHARED=(--Redis:Configuration="127.0.0.1:$REDIS_PORT" --DirectLine:TokenSigningKey="$KEY")
# Each bot keeps its question log in its own SQLite file in this run's folder, as each replica does when deployed
# (README, "Run several replicas"): by default all three would write one file beside the binary, contending for its
# write lock, and that file would grow from run to run.
log() { echo "--QuestionLog:ConnectionString=Data Source=$WORK/questions-$1.db"; }
"${BOT[@]}" --urls "http://127.0.0.1:$A_PORT" "${SHARED[@]}" "$(log a)" >"$WORK/a.log" 2>&1 &
A_PID=$!; PIDS+=("$A_PID")
"${BOT[@]}" --urls "http://127.0.0.1:$B_PORT" "${SHARED[@]}" "$(log b)" >"$WORK/b.log" 2>&1 &
B_PID=$!; PIDS+=("$B_PID")
"${BOT[@]}" --urls "http://127.0.0.1:$MEMORY_PORT" "$(log memory)" >"$WORK/memory.log" 2>&1 &
MEMORY_PID=$!; PIDS+=("$MEMORY_PID")

# deploy/nginx/cleansebot.conf as shipped, with the upstream and the listener pointed at this run's ports.
sed -e "s/server bot-1:8080/server 127.0.0.1:$A_PORT/" -e "s/server bot-2:8080/server 127.0.0.1:$B_PORT/" \
    -e "s/listen 80;/listen 127.0.0.1:$NGINX_PORT;/" "$ROOT/deploy/nginx/cleansebot.conf" >"$WORK/cleansebot.conf"
cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $WORK/body; proxy_temp_path $WORK/proxy; fastcgi_temp_path $WORK/fastcgi;
  uwsgi_temp_path $WORK/uwsgi; scgi_temp_path $WORK/scgi;
  include $WORK/cleansebot.conf;
}
CONF
"$NGINX" -p "$WORK" -c "$WORK/nginx.conf" -g "daemon off; pid $WORK/nginx.pid; error_log $WORK/nginx-error.log;" &
NGINX_PID=$!; PIDS+=("$NGINX_PID")

export BODIES=$WORK/bodies.jsonl
"${TOOL[@]}" bodies >"$BODIES"
head -1 "$BODIES" >"$WORK/first.json"
for port in $A_PORT $B_PORT $MEMORY_PORT $NGINX_PORT; do
  for ((t = 0; t < 600; t++)); do
    curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary "@$WORK/first.json" "http://127.0.0.1:$port/api/messages" && break
    sleep 0.1
  done
done

drive() { # port seconds -> requests seconds errors p50 p99 p99.9 (µs)
  wrk -t1 -c"$CONNECTIONS" -d"$2s" --timeout 10s -s "$ROOT/bench/load/messages.lua" "http://127.0.0.1:$1" | awk -F'\t' '$1 == "RESULT" { OFS = "\t"; $1 = ""; print substr($0, 2) }'
}

echo "Warm-up: ${WARMUP} s each" >&2
drive "$MEMORY_PORT" "$WARMUP" >/dev/null
drive "$NGINX_PORT" "$WARMUP" >/dev/null

# Where a message's CPU goes: each process's user + system time over the rounds (in clock ticks; nginx's worker is the
# child of its master), and the Redis commands each message costs (INFO commandstats). Redis counts a script (EVALSHA)
# and each command the script runs, so the scripts are the round trips and the rest is what they do inside.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
NGINX_WORKER=$(pgrep -P "$NGINX_PID" | head -1)
REDIS_PID=${PIDS[0]}
redis_calls() { redis-cli -p "$REDIS_PORT" info commandstats | awk -F'[:=,]' '/^cmdstat_/ && !/cmdstat_(info|scan|memory|client|config|ping|cluster|subscribe|echo)/ { sum += $3 } END { print sum + 0 }'; }
redis_stats() { redis-cli -p "$REDIS_PORT" info commandstats | awk -F'[:=,]' '/^cmdstat_/ && !/cmdstat_(info|scan|memory|client|config|ping|cluster|subscribe|echo)/ { sub("cmdstat_", "", $1); print $1 "\t" $3 }'; }
CPU=$WORK/cpu.tsv
redis_stats >"$WORK/redis-before.tsv"

RESULTS=$WORK/results.tsv
for ((round = 1; round <= ROUNDS; round++)); do
  for setup in $([[ $((round % 2)) == 1 ]] && echo "memory replicas" || echo "replicas memory"); do
    port=$([[ $setup == memory ]] && echo "$MEMORY_PORT" || echo "$NGINX_PORT")
    before=($(cpu_ticks "$A_PID") $(cpu_ticks "$B_PID") $(cpu_ticks "$REDIS_PID") $(cpu_ticks "$NGINX_WORKER") $(cpu_ticks "$MEMORY_PID") $(redis_calls))
    fields=$(drive "$port" "$DURATION")
    after=($(cpu_ticks "$A_PID") $(cpu_ticks "$B_PID") $(cpu_ticks "$REDIS_PID") $(cpu_ticks "$NGINX_WORKER") $(cpu_ticks "$MEMORY_PID") $(redis_calls))
    printf '%s\t%s\t%s\n' "$setup" "$round" "$fields" >>"$RESULTS"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$setup" "$(cut -f1 <<<"$fields")" $((after[0] + after[1] - before[0] - before[1])) \
      $((after[2] - before[2])) $((after[3] - before[3])) $((after[4] - before[4])) $((after[5] - before[5])) "$(getconf CLK_TCK)" >>"$CPU"
    echo "round $round $setup: requests seconds errors p50 p99 p99.9(µs) = $fields" >&2
  done
done

rss() { awk '/VmHWM/ { print $2 }' "/proc/$1/status"; }
KEYS=$(redis-cli -p "$REDIS_PORT" --scan --pattern 'cleansebot:state:*' | head -200)
STATE_BYTES=$(for key in $KEYS; do redis-cli -p "$REDIS_PORT" memory usage "$key"; done | awk '{ sum += $1; n++ } END { if (n) printf "%d\t%d", sum / n, n; else printf "0\t0" }')

echo
echo "Two replicas + Redis behind nginx against one in-memory instance: $(nproc) cores, $CONNECTIONS connections, $ROUNDS rounds x $DURATION s after $WARMUP s warm-up"
awk -F'\t' -v rss_a="$(rss "$A_PID")" -v rss_b="$(rss "$B_PID")" -v rss_m="$(rss "$MEMORY_PID")" -v state="$STATE_BYTES" '
  { requests[$1] += $3; seconds[$1] += $4; errors[$1] += $5; p50[$1] += $6; p99[$1] += $7; n[$1]++ }
  END {
    for (s in n) printf "%-9s %8.0f msg/s  p50 %6.2f ms  p99 %6.2f ms  errors %d\n", s, requests[s] / seconds[s], p50[s] / n[s] / 1000, p99[s] / n[s] / 1000, errors[s]
    printf "throughput ratio (replicas / memory): %.2f\n", (requests["replicas"] / seconds["replicas"]) / (requests["memory"] / seconds["memory"])
    printf "p99 ratio (replicas / memory):        %.2f\n", (p99["replicas"] / n["replicas"]) / (p99["memory"] / n["memory"])
    printf "peak RSS: replica A %d MB, replica B %d MB, in-memory %d MB (ratios %.2f, %.2f)\n", rss_a / 1024, rss_b / 1024, rss_m / 1024, rss_a / rss_m, rss_b / rss_m
    split(state, st, "\t"); printf "conversation state in Redis: %d bytes per conversation (MEMORY USAGE, mean of %d keys)\n", st[1], st[2]
  }' "$RESULTS"
awk -F'\t' '
  { requests[$1] += $2; bots[$1] += $3; redis[$1] += $4; nginx[$1] += $5; memory[$1] += $6; calls[$1] += $7; hz = $8 }
  END {
    us = 1e6 / hz
    printf "CPU per message, replicas: both bots %.0f µs, Redis %.0f µs, nginx %.0f µs (total %.0f); in memory: the bot %.0f µs\n",
      bots["replicas"] * us / requests["replicas"], redis["replicas"] * us / requests["replicas"], nginx["replicas"] * us / requests["replicas"],
      (bots["replicas"] + redis["replicas"] + nginx["replicas"]) * us / requests["replicas"], memory["memory"] * us / requests["memory"]
    printf "Redis commands per message (a script and each command it runs count one each): %.2f\n", calls["replicas"] / requests["replicas"]
  }' "$CPU"
redis_stats >"$WORK/redis-after.tsv"
awk -F'\t' -v requests="$(awk -F'\t' '$1 == "replicas" { n += $2 } END { print n }' "$CPU")" '
  FNR == NR { before[$1] = $2; next }
  { line = line sprintf(" %s %.2f", $1, ($2 - before[$1]) / requests) }
  END { print "of which, per message:" line }' "$WORK/redis-before.tsv" "$WORK/redis-after.tsv"

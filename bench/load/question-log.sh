#!/usr/bin/env bash
# What the question log costs: two CleanseBot processes side by side in one run, one with the log on (a SQLite file in
# a temporary folder) and one with it off, driven in turn by the same closed-loop load as run.sh (wrk, messages.lua).
# Usage, from anywhere:
#   bash bench/load/question-log.sh                      # 3 rounds x 15 s each after 20 s of warm-up, 16 connections
#   ROUNDS=1 DURATION=5 bash bench/load/question-log.sh  # a quick look
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-20}
CONNECTIONS=${CONNECTIONS:-16}
ON_PORT=5311
OFF_PORT=5312

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d /tmp/cleansebot-log-load.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

echo "Building (Release)..." >&2
dotnet build "$ROOT/bench/CleanseBot.Benchmarks/CleanseBot.Benchmarks.csproj" -c Release -v quiet -nologo >/dev/null
dotnet build "$ROOT/tools/CleanseBot.Insights/CleanseBot.Insights.csproj" -c Release -v quiet -nologo >/dev/null
TOOL=(dotnet "$ROOT/bench/CleanseBot.Benchmarks/bin/Release/net10.0/CleanseBot.Benchmarks.dll")
BOT=(dotnet "$ROOT/src/CleanseBot/bin/Release/net10.0/CleanseBot.dll" --RateLimiting:Enabled=false --Logging:LogLevel:Default=Warning)

export BODIES=$WORK/bodies.jsonl
"${TOOL[@]}" bodies >"$BODIES"

"${BOT[@]}" --urls "http://127.0.0.1:$ON_PORT" --QuestionLog:ConnectionString="Data Source=$WORK/questions.db" >"$WORK/on.log" 2>&1 &
ON_PID=$!; PIDS+=("$ON_PID")
"${BOT[@]}" --urls "http://127.0.0.1:$OFF_PORT" --QuestionLog:Enabled=false >"$WORK/off.log" 2>&1 &
OFF_PID=$!; PIDS+=("$OFF_PID")
head -1 "$BODIES" >"$WORK/first.json"
for port in $ON_PORT $OFF_PORT; do
  for ((t = 0; t < 600; t++)); do
    curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary "@$WORK/first.json" "http://127.0.0.1:$port/api/messages" && break
    sleep 0.1
  done
done

drive() { # port seconds -> requests/s
  wrk -t1 -c"$CONNECTIONS" -d"$2s" --timeout 10s -s "$ROOT/bench/load/messages.lua" "http://127.0.0.1:$1" |
    awk -F'\t' '$1 == "RESULT" { printf "%.1f\t%d\t%d\t%d\n", $2 / $3, $4, $5, $7 }'
}

echo "Warm-up: ${WARMUP} s each" >&2
drive $ON_PORT "$WARMUP" >/dev/null
drive $OFF_PORT "$WARMUP" >/dev/null

# The driven bot's user + system CPU over a round (clock ticks), the writer's batches included: throughput moves with
# whatever else the machine runs, CPU per message much less.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
TICK_US=$((1000000 / $(getconf CLK_TCK)))

on_total=0 off_total=0
printf 'round\tlog\trequests/s\terrors\tp50 µs\tp99 µs\tCPU µs/message\n'
for ((round = 1; round <= ROUNDS; round++)); do
  for which in $([[ $((round % 2)) == 1 ]] && echo "on off" || echo "off on"); do
    port=$([[ $which == on ]] && echo $ON_PORT || echo $OFF_PORT)
    pid=$([[ $which == on ]] && echo "$ON_PID" || echo "$OFF_PID")
    before=$(cpu_ticks "$pid")
    read -r rate errors p50 p99 < <(drive "$port" "$DURATION")
    cpu=$(awk -v ticks=$(($(cpu_ticks "$pid") - before)) -v us="$TICK_US" -v rate="$rate" -v seconds="$DURATION" 'BEGIN { printf "%.0f", ticks * us / (rate * seconds) }')
    printf '%d\t%s\t%s\t%s\t%s\t%s\t%s\n' "$round" "$which" "$rate" "$errors" "$p50" "$p99" "$cpu"
    if [[ $which == on ]]; then on_total=$(awk -v a="$on_total" -v b="$rate" 'BEGIN { print a + b }'); else off_total=$(awk -v a="$off_total" -v b="$rate" 'BEGIN { print a + b }'); fi
    if [[ $which == on ]]; then on_cpu=$((${on_cpu:-0} + cpu)); else off_cpu=$((${off_cpu:-0} + cpu)); fi
  done
done

logged=$(dotnet "$ROOT/tools/CleanseBot.Insights/bin/Release/net10.0/CleanseBot.Insights.dll" report --since 1d --QuestionLog:ConnectionString "Data Source=$WORK/questions.db" 2>/dev/null | head -1 || true)
echo
echo "$(nproc) cores, $CONNECTIONS connections, $ROUNDS rounds x $DURATION s each after $WARMUP s warm-up"
awk -v on="$on_total" -v off="$off_total" 'BEGIN { printf "throughput with the log on / off: %.3f (%.1f%% %s)\n", on / off, (on > off ? on / off - 1 : 1 - on / off) * 100, (on > off ? "more" : "less") }'
awk -v on="$on_cpu" -v off="$off_cpu" -v rounds="$ROUNDS" 'BEGIN { printf "CPU per message, log on / off: %.0f / %.0f µs (%.3f)\n", on / rounds, off / rounds, on / off }'
rss() { awk '/VmHWM/ { print int($2 / 1024) }' "/proc/$1/status"; }
echo "peak RSS, log on / off: $(rss "$ON_PID") / $(rss "$OFF_PID") MB"
echo "the log's own count: $logged"

#!/usr/bin/env bash
# End-to-end load benchmark: CleanseBot against the floor (bench/CleanseBot.EchoBot: the same Bot Framework
# CloudAdapter with a bot that only echoes), on loopback, with the same closed-loop load. docs/performance.md
# explains the method and the figures. Usage, from anywhere:
#   bash bench/load/run.sh                      # 3 rounds x 15 s per bot after 30 s of warm-up, 16 connections
#   ROUNDS=1 DURATION=5 bash bench/load/run.sh  # a quick look
# Settings (environment): ROUNDS, DURATION (s), WARMUP (s), CONNECTIONS, THREADS (wrk's), STARTS (cold starts
# timed per bot), KNOWLEDGE (a knowledge folder for CleanseBot instead of its own, e.g. from `generate`),
# BOT_ARGS (more command-line settings for CleanseBot, e.g. "--Logging:LogLevel:Default=Warning"),
# READY_TO_RUN=1 (run both bots as published with ReadyToRun, as a deployment would, instead of as built).
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-30}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
STARTS=${STARTS:-5}
KNOWLEDGE=${KNOWLEDGE:-}
BOT_ARGS=${BOT_ARGS:-}
READY_TO_RUN=${READY_TO_RUN:-}
ECHO_PORT=5301
BOT_PORT=5302

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=$(mktemp -d /tmp/cleansebot-load.XXXXXX)
RESULTS=$WORK/results.tsv
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package)..." >&2
  apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi

echo "Building (Release)..." >&2
dotnet build "$ROOT/bench/CleanseBot.Benchmarks/CleanseBot.Benchmarks.csproj" -c Release -v quiet -nologo >/dev/null
TOOL=(dotnet "$ROOT/bench/CleanseBot.Benchmarks/bin/Release/net10.0/CleanseBot.Benchmarks.dll")
ECHO_DIR=$ROOT/bench/CleanseBot.EchoBot/bin/Release/net10.0
BOT_DIR=$ROOT/src/CleanseBot/bin/Release/net10.0
if [[ -n $READY_TO_RUN ]]; then
  echo "Publishing both bots with ReadyToRun..." >&2
  for project in src/CleanseBot bench/CleanseBot.EchoBot; do
    dotnet publish "$ROOT/$project" -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
      -o "$WORK/$(basename "$project")" -v quiet -nologo >/dev/null
  done
  ECHO_DIR=$WORK/CleanseBot.EchoBot
  BOT_DIR=$WORK/CleanseBot
fi
ECHO_CMD=(dotnet "$ECHO_DIR/CleanseBot.EchoBot.dll" --urls "http://127.0.0.1:$ECHO_PORT")
BOT_CMD=(dotnet "$BOT_DIR/CleanseBot.dll" --urls "http://127.0.0.1:$BOT_PORT" --RateLimiting:Enabled=false)
if [[ -n $KNOWLEDGE ]]; then BOT_CMD+=(--Knowledge:Folder "$(cd "$KNOWLEDGE" && pwd)"); fi
if [[ -n $BOT_ARGS ]]; then read -ra extra <<<"$BOT_ARGS"; BOT_CMD+=("${extra[@]}"); fi

export BODIES=$WORK/bodies.jsonl
"${TOOL[@]}" bodies >"$BODIES"
echo "$(wc -l <"$BODIES") expectReplies messages (evaluation/questions.tsv, answerable rows) in turn; work files in $WORK" >&2

# Cold starts, alternating which bot goes first: process start to the first answer to a real question. CleanseBot
# twice: as it usually starts, opening the index an earlier start saved (one untimed start saves it first), and as
# it starts after a new build or a knowledge change, building the index (no snapshot folder: none saved or read).
"${TOOL[@]}" first-answer --url "http://127.0.0.1:$BOT_PORT/api/messages" -- "${BOT_CMD[@]}" >/dev/null
sleep 1 # the index is saved just after the first answer
for ((i = 1; i <= STARTS; i++)); do
  for bot in $([[ $((i % 2)) == 1 ]] && echo "echo cleansebot cleansebot-building" || echo "cleansebot-building cleansebot echo"); do
    case $bot in
      echo) port=$ECHO_PORT; cmd=("${ECHO_CMD[@]}") ;;
      cleansebot) port=$BOT_PORT; cmd=("${BOT_CMD[@]}") ;;
      *) port=$BOT_PORT; cmd=("${BOT_CMD[@]}" --Knowledge:SnapshotFolder=) ;;
    esac
    read -r ms cpu < <("${TOOL[@]}" first-answer --cpu --url "http://127.0.0.1:$port/api/messages" -- "${cmd[@]}")
    printf 'start\t%s\t%s\t%s\t%s\n' "$bot" "$ms" "$cpu" "$i" >>"$RESULTS"
    echo "cold start $i $bot: $ms ms to first answer, $cpu ms of CPU" >&2
  done
done

# Both bots up for the whole load run; each is idle while the other is driven.
"${ECHO_CMD[@]}" >"$WORK/echo.log" 2>&1 &
ECHO_PID=$!; PIDS+=("$ECHO_PID")
"${BOT_CMD[@]}" >"$WORK/cleansebot.log" 2>&1 &
BOT_PID=$!; PIDS+=("$BOT_PID")
head -1 "$BODIES" >"$WORK/first.json"
for port in $ECHO_PORT $BOT_PORT; do
  for ((t = 0; t < 600; t++)); do
    curl -sf -o /dev/null -H 'Content-Type: application/json' --data-binary "@$WORK/first.json" "http://127.0.0.1:$port/api/messages" && break
    sleep 0.1
  done
done

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; } # user + system CPU time of a process, in clock ticks

drive() { # bot port seconds -> the RESULT fields of messages.lua
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$3s" --timeout 10s -s "$ROOT/bench/load/messages.lua" "http://127.0.0.1:$2" | awk -F'\t' '$1 == "RESULT" { OFS = "\t"; $1 = ""; print substr($0, 2) }'
}

echo "Warm-up: ${WARMUP} s each" >&2
drive echo $ECHO_PORT "$WARMUP" >/dev/null
drive cleansebot $BOT_PORT "$WARMUP" >/dev/null

for ((round = 1; round <= ROUNDS; round++)); do
  for bot in $([[ $((round % 2)) == 1 ]] && echo "echo cleansebot" || echo "cleansebot echo"); do
    port=$([[ $bot == echo ]] && echo $ECHO_PORT || echo $BOT_PORT)
    pid=$([[ $bot == echo ]] && echo "$ECHO_PID" || echo "$BOT_PID")
    before=$(cpu_ticks "$pid")
    fields=$(drive "$bot" "$port" "$DURATION")
    # The server's CPU seconds in the round: contention from other processes on the machine moves it far less than the rate.
    cpu=$(awk -v ticks=$(($(cpu_ticks "$pid") - before)) -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", ticks / hz }')
    printf 'load\t%s\t%s\t%s\t%s\n' "$bot" "$round" "$fields" "$cpu" >>"$RESULTS"
    echo "round $round $bot: $fields $cpu" >&2
  done
done

printf 'rss\techo\t%s\n' "$(awk '/VmHWM/ { print $2 }' "/proc/$ECHO_PID/status")" >>"$RESULTS"
printf 'rss\tcleansebot\t%s\n' "$(awk '/VmHWM/ { print $2 }' "/proc/$BOT_PID/status")" >>"$RESULTS"

echo
echo "CleanseBot against the floor: $(nproc) cores, $CONNECTIONS connections, $THREADS wrk thread(s), $ROUNDS rounds x $DURATION s each after $WARMUP s warm-up${KNOWLEDGE:+, knowledge $KNOWLEDGE}${READY_TO_RUN:+, ReadyToRun}"
echo
"${TOOL[@]}" load-report "$RESULTS"

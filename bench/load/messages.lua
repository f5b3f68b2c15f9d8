-- wrk script for bench/load/run.sh: POSTs the expectReplies activities of the file named by the
-- environment variable BODIES (one JSON activity per line) to /api/messages, in turn, and prints one
-- tab-separated line of results that run.sh records: requests, seconds, errors, p50, p99 and p99.9 in µs.
local requests = {}
local next_request = 0

function init(args)
  local file = assert(io.open(os.getenv("BODIES"), "r"))
  for line in file:lines() do
    requests[#requests + 1] = wrk.format("POST", "/api/messages", { ["Content-Type"] = "application/json" }, line)
  end
  file:close()
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function done(summary, latency, _)
  local errors = summary.errors
  io.write(string.format("RESULT\t%d\t%.3f\t%d\t%d\t%d\t%d\n",
    summary.requests, summary.duration / 1e6,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9)))
end

-- One request, repeated: BENCH_METHOD, BENCH_PATH, BENCH_BODY (or BENCH_BODY_FILE, for bodies too
-- large for the environment) and BENCH_CONTENT_TYPE set it.
wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.path = os.getenv("BENCH_PATH") or "/"
local body = os.getenv("BENCH_BODY")
local file = os.getenv("BENCH_BODY_FILE")
if file and #file > 0 then
  local handle = assert(io.open(file, "rb"))
  body = handle:read("*a")
  handle:close()
end
if body and #body > 0 then
  wrk.body = body
  wrk.headers["Content-Type"] = os.getenv("BENCH_CONTENT_TYPE") or "application/x-www-form-urlencoded"
end

function done(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, non2xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end

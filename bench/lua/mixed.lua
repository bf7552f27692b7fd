-- A mixed load of valid and invalid requests, cycled per connection (no HEAD: wrk would wait
-- for the body that a HEAD answer announces but never sends). Counts answers by status
-- class; done() prints "RESULT requests=N 2xx=N 4xx=N 5xx=N errors=N". DELAY_MS paces each
-- connection: it waits that long before each request.
local requests = {}

-- Built in init(): wrk.format only adds the Host header once the thread knows its target.
local function build()
  local form = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  return {
  wrk.format("GET", "/"),
  wrk.format("GET", "/test"),
  wrk.format("GET", "/test/42"),
  wrk.format("GET", "/test/caf%C3%A9"),
  wrk.format("POST", "/exemple", form, "param1=jeej"),
  wrk.format("POST", "/test", form, "a=1&b=2&c=3"),
  wrk.format("GET", "/convert/int/18446744073709551616"),
  wrk.format("GET", "/convert/path/a/b/"),
  wrk.format("OPTIONS", "/exemple"),
  -- invalid: each must be a 4xx, never a 5xx
  wrk.format("GET", "/nope"),
  wrk.format("PUT", "/test"),
  wrk.format("GET", "/test/"),
  wrk.format("GET", "/test/a%2Fb"),
  wrk.format("GET", "/convert/int/-1"),
  wrk.format("GET", "/convert/float/" .. string.rep("9", 400) .. ".0"),
  wrk.format("POST", "/exemple", form, "Param1=x"),
  wrk.format("POST", "/exemple", form, "param1=%FF%zz"),
  wrk.format("POST", "/test", { ["Content-Type"] = "multipart/form-data; boundary=x" }, "--x\r\nbroken"),
  wrk.format("POST", "/test", { ["Content-Type"] = "application/json" }, string.rep("[", 5000)),
  wrk.format("POST", "/test", form, string.rep("k=v&", 1001)),
  wrk.format("POST", "/test", { ["Content-Type"] = ";;;=" }, "a=1"),
  }
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  requests = build()
  counter = 0
  ok, client, server = 0, 0, 0
end

local delay_ms = tonumber(os.getenv("DELAY_MS") or "")
if delay_ms then
  function delay()
    return delay_ms
  end
end

function request()
  counter = counter + 1
  return requests[(counter % #requests) + 1]
end

function response(status, headers, body)
  if status >= 500 then server = server + 1
  elseif status >= 400 then client = client + 1
  else ok = ok + 1 end
end

function done(summary, latency, requests_)
  local totals = { ok = 0, client = 0, server = 0 }
  for _, thread in ipairs(threads) do
    totals.ok = totals.ok + thread:get("ok")
    totals.client = totals.client + thread:get("client")
    totals.server = totals.server + thread:get("server")
  end
  local e = summary.errors
  io.write(string.format("RESULT requests=%d 2xx=%d 4xx=%d 5xx=%d errors=%d\n", summary.requests,
    totals.ok, totals.client, totals.server, e.connect + e.read + e.write + e.timeout))
end

-- GET /items/{id} (ITEMS_MODE=get) or PUT /items/{id} with If-Match (ITEMS_MODE=put), over the ids 1 to ITEMS_COUNT
-- in turn. A PUT sends the item's current ETag, the one the last answer for that id gave, and skips an id whose answer
-- is not back yet. ITEMS_ETAGS carries what is known from one run to the next on the same database: a file of
-- "id etag" lines, read at the start (absent: every item at version 1, as seeded) and written at the end, where an id
-- still waiting for its answer when wrk stopped is "id ?", unknown and skipped from then on. Run with one thread
-- (-t1), with several times more ids than connections. done() prints the line bench/lib.sh's load reads.
local mode = os.getenv("ITEMS_MODE") or "get"
local count = tonumber(os.getenv("ITEMS_COUNT") or "1000")
local etags_file = os.getenv("ITEMS_ETAGS")
local body = '{"name":"Widget","description":"Replaced by the benchmark","price":21.5}'
local headers = { ["Content-Type"] = "application/json" }
local next_id = 0
local gets = {}
etags = {}
pending = {}
unknown = {}
other = 0 -- answers neither 2xx nor counted by wrk as errors (1xx, 3xx)

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  if mode == "get" then
    for id = 1, count do
      gets[id] = wrk.format("GET", "/items/" .. id)
    end
  elseif etags_file then
    local handle = io.open(etags_file, "r")
    if handle then
      for id, etag in handle:read("*a"):gmatch("(%d+) (%S+)") do
        if etag == "?" then unknown[tonumber(id)] = true else etags[tonumber(id)] = etag end
      end
      handle:close()
    end
  end
end

function request()
  next_id = next_id % count + 1
  if mode == "get" then
    return gets[next_id]
  end
  for _ = 1, count do
    if not pending[next_id] and not unknown[next_id] then break end
    next_id = next_id % count + 1
  end
  pending[next_id] = true
  headers["If-Match"] = etags[next_id] or ('"' .. next_id .. '.1"')
  return wrk.format("PUT", "/items/" .. next_id, headers, body)
end

if mode == "put" then
  function response(status, answer_headers, answer_body)
    if status >= 200 and status < 300 then
      local etag = answer_headers["ETag"] or answer_headers["etag"] or answer_headers["Etag"]
      local id = etag and tonumber(etag:match('^"(%d+)%.%d+"$'))
      if id then
        etags[id] = etag
        pending[id] = nil
      else
        other = other + 1 -- a 2xx without the item's ETag: the next PUT of that item would fail
      end
    elseif status < 400 then
      other = other + 1
    end
  end
end

function done(summary, latency, requests)
  local extra = 0
  for _, thread in ipairs(threads) do
    extra = extra + (thread:get("other") or 0)
    if mode == "put" and etags_file then
      local handle = assert(io.open(etags_file, "w"))
      for id, etag in pairs(thread:get("etags")) do
        handle:write(id, " ", etag, "\n")
      end
      for _, ids in ipairs({ thread:get("pending"), thread:get("unknown") }) do
        for id in pairs(ids) do
          handle:write(id, " ?\n")
        end
      end
      handle:close()
    end
  end
  io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + extra,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end

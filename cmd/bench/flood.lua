-- The unique-query flood of issue 12: every request asks for a view nobody
-- asked for before (a search term made of a run nonce, the thread and a
-- counter), so no page cache can answer it. done() prints how many answers
-- had each status, one "status CODE COUNT" line each, for the bench.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_id", #threads)
end

function init(args)
  nonce = args[1] or "x"
  counter = 0
  statuses = {}
end

function request()
  counter = counter + 1
  return wrk.format(nil, "/?q=" .. nonce .. "-" .. thread_id .. "-" .. counter)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for code, n in pairs(t:get("statuses")) do
      total[code] = (total[code] or 0) + n
    end
  end
  for code, n in pairs(total) do
    io.write(string.format("status %d %d\n", code, n))
  end
end

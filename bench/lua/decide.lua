-- Approve a different waiting post with every request: each thread takes every
-- Nth line of BENCH_IDS ("post_id version_id"), so no post is decided twice.
local session, csrf = os.getenv("BENCH_SESSION"), os.getenv("BENCH_CSRF")
local origin = os.getenv("BENCH_ORIGIN")
local posts = {}
for line in io.lines(os.getenv("BENCH_IDS")) do
  local post, version = line:match("(%d+) (%d+)")
  table.insert(posts, {post, version})
end

local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("offset", counter)
  table.insert(threads, thread)
end

function init(args)
  step = tonumber(os.getenv("BENCH_THREADS"))
  next_index = offset
  unexpected = 0
end

function request()
  local entry = posts[next_index]
  next_index = next_index + step
  if entry == nil then
    return wrk.format("GET", "/healthz/")
  end
  local path = "/approvals/" .. entry[1] .. "/"
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "__Host-sessionid=" .. session .. "; __Host-csrftoken=" .. csrf,
    ["X-Forwarded-Proto"] = "https",
    ["Origin"] = origin,
    ["Referer"] = origin .. path,
  }, "csrfmiddlewaretoken=" .. csrf .. "&outcome=approved&version=" .. entry[2])
end

function response(status, headers, body)
  if status ~= 302 then unexpected = unexpected + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("unexpected") end
  io.write(string.format("unexpected responses: %d\n", total))
end

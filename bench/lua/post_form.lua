-- One POST per request, with the session and CSRF cookies of a signed-in user.
-- BENCH_PATH is the form's address; BENCH_BODY its fields (without the token).
local session, csrf = os.getenv("BENCH_SESSION"), os.getenv("BENCH_CSRF")
local origin = os.getenv("BENCH_ORIGIN")

wrk.method = "POST"
wrk.path = os.getenv("BENCH_PATH")
wrk.body = "csrfmiddlewaretoken=" .. csrf .. "&" .. os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "__Host-sessionid=" .. session .. "; __Host-csrftoken=" .. csrf
wrk.headers["X-Forwarded-Proto"] = "https"
wrk.headers["Origin"] = origin
wrk.headers["Referer"] = origin .. wrk.path

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  unexpected = 0
end

-- A form that fails validation answers 200 or 400: only the redirect is a success.
function response(status, headers, body)
  if status ~= 302 then unexpected = unexpected + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("unexpected") end
  io.write(string.format("unexpected responses: %d\n", total))
end

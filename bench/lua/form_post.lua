-- What the form-POST scripts share, loaded by each with dofile: the signed-in
-- user's session and CSRF cookies on every POST, and the count of answers other
-- than the redirect a saved form gives (one that fails validation answers 200
-- or 400), written when wrk is done.
local session, csrf = os.getenv("BENCH_SESSION"), os.getenv("BENCH_CSRF")
local origin = os.getenv("BENCH_ORIGIN")
local form = {}

-- A form's fields, without the token, as the body to POST.
function form.body(fields)
  return "csrfmiddlewaretoken=" .. csrf .. "&" .. fields
end

function form.headers(path)
  return {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "__Host-sessionid=" .. session .. "; __Host-csrftoken=" .. csrf,
    ["X-Forwarded-Proto"] = "https",
    ["Origin"] = origin,
    ["Referer"] = origin .. path,
  }
end

local threads = {}
function form.keep(thread)
  table.insert(threads, thread)
end

function init(args)
  unexpected = 0
end

function response(status, headers, body)
  if status ~= 302 then unexpected = unexpected + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("unexpected") end
  io.write(string.format("unexpected responses: %d\n", total))
end

return form

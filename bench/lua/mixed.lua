-- A Monday morning: mostly readers of the guidance, some authors, a few approvers.
-- Each request picks a kind of person by weight; any 4xx/5xx, or a redirect to the
-- sign-in page, counts as an error.
local csrf, origin = os.getenv("BENCH_CSRF"), os.getenv("BENCH_ORIGIN")
local reader, author, approver =
  os.getenv("BENCH_READER"), os.getenv("BENCH_AUTHOR"), os.getenv("BENCH_APPROVER")
local principle, body = os.getenv("BENCH_PRINCIPLE"), os.getenv("BENCH_BODY")

local function cookie(session)
  return "__Host-sessionid=" .. session .. "; __Host-csrftoken=" .. csrf
end

local function get(path, session)
  return wrk.format("GET", path, {["Cookie"] = cookie(session), ["X-Forwarded-Proto"] = "https"})
end

-- (weight, request maker): 100 in all.
local mix = {
  {55, function() return get(principle, reader) end},
  {10, function() return get("/", reader) end},
  {5, function() return get("/search/?q=libel", reader) end},
  {10, function() return get("/posts/", author) end},
  {5, function()
    return wrk.format("POST", "/posts/new/", {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Cookie"] = cookie(author),
      ["X-Forwarded-Proto"] = "https",
      ["Origin"] = origin,
      ["Referer"] = origin .. "/posts/new/",
    }, "csrfmiddlewaretoken=" .. csrf .. "&" .. body)
  end},
  {15, function() return get("/approvals/", approver) end},
}

local threads = {}
function setup(thread)
  thread:set("seed", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(seed * 7919)
  errors = 0
end

function request()
  local pick = math.random(100)
  for _, entry in ipairs(mix) do
    pick = pick - entry[1]
    if pick <= 0 then return entry[2]() end
  end
end

function response(status, headers, body)
  local location = headers["Location"] or headers["location"] or ""
  if status >= 400 or location:find("/accounts/login/", 1, true) then
    errors = errors + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("errors") end
  io.write(string.format("unexpected responses: %d\n", total))
end

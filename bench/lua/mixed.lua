-- A Monday morning: mostly readers of the guidance, some authors, a few approvers.
-- Each request picks a kind of person by weight; any 4xx/5xx, or a redirect to the
-- sign-in page, counts as an error.
--
-- Proposed posts are counted too, to check against the database: those sent,
-- those saved (the redirect to the new post, whose number is kept) and those the
-- load balancer answered with its "form may not have been sent" page. With
-- BENCH_POST_SECONDS set, no post is proposed after that many seconds (the
-- author reads their list instead), so that every one sent is answered before
-- wrk stops.
local csrf, origin = os.getenv("BENCH_CSRF"), os.getenv("BENCH_ORIGIN")
local reader, author, approver =
  os.getenv("BENCH_READER"), os.getenv("BENCH_AUTHOR"), os.getenv("BENCH_APPROVER")
local principle, body = os.getenv("BENCH_PRINCIPLE"), os.getenv("BENCH_BODY")
local post_seconds = tonumber(os.getenv("BENCH_POST_SECONDS") or "")

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
    if post_until and os.time() >= post_until then return get("/posts/", author) end
    posts_sent = posts_sent + 1
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
  errors, posts_sent, posts_refused, posts_saved = 0, 0, 0, ""
  post_until = post_seconds and os.time() + post_seconds
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
  local saved = status == 302 and location:match("^/posts/(%d+)/$")
  if saved then
    posts_saved = posts_saved .. saved .. " "
  elseif status >= 400 or location:find("/accounts/login/", 1, true) then
    errors = errors + 1
    if body:find("form-not-sent", 1, true) then posts_refused = posts_refused + 1 end
  end
end

function done(summary, latency, requests)
  local total, sent, refused, saved = 0, 0, 0, {}
  for _, thread in ipairs(threads) do
    total = total + thread:get("errors")
    sent = sent + thread:get("posts_sent")
    refused = refused + thread:get("posts_refused")
    table.insert(saved, thread:get("posts_saved"))
  end
  io.write(string.format("unexpected responses: %d\n", total))
  io.write(string.format("posts sent: %d\n", sent))
  io.write(string.format("posts refused by the balancer: %d\n", refused))
  io.write("posts saved: " .. table.concat(saved) .. "\n")
end

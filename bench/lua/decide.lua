-- Approve a different waiting post with every request: each thread takes every
-- Nth line of BENCH_IDS ("post_id version_id"), so no post is decided twice.
local form = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "form_post.lua")
local posts = {}
for line in io.lines(os.getenv("BENCH_IDS")) do
  local post, version = line:match("(%d+) (%d+)")
  table.insert(posts, {post, version})
end

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("offset", counter)
  form.keep(thread)
end

local form_init = init
function init(args)
  form_init(args)
  step = tonumber(os.getenv("BENCH_THREADS"))
  next_index = offset
end

function request()
  local entry = posts[next_index]
  next_index = next_index + step
  if entry == nil then
    return wrk.format("GET", "/healthz/")
  end
  local path = "/approvals/" .. entry[1] .. "/"
  return wrk.format(
    "POST", path, form.headers(path), form.body("outcome=approved&version=" .. entry[2])
  )
end

-- One POST per request, with the session and CSRF cookies of a signed-in user.
-- BENCH_PATH is the form's address; BENCH_BODY its fields (without the token).
local form = dofile(debug.getinfo(1, "S").source:match("^@(.*/)") .. "form_post.lua")

wrk.method = "POST"
wrk.path = os.getenv("BENCH_PATH")
wrk.body = form.body(os.getenv("BENCH_BODY"))
for name, value in pairs(form.headers(wrk.path)) do wrk.headers[name] = value end

setup = form.keep

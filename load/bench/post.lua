-- wrk: POST the multipart form prepared by presign.py (policy fields, key, 4 KiB file) to the URL given.
local dir = assert(os.getenv("BENCH_DIR"), "BENCH_DIR must name the directory presign.py wrote")
local f = assert(io.open(dir .. "/post.body", "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
local b = assert(io.open(dir .. "/post.boundary", "r"))
wrk.headers["Content-Type"] = "multipart/form-data; boundary=" .. b:read("*l")
b:close()

-- PUTs a body of BODY_BYTES (default 1 MiB) on every request: bulk upload through the gateway.
local size = tonumber(os.getenv("BODY_BYTES") or "1048576")
wrk.method = "PUT"
wrk.body = string.rep("x", size)
wrk.headers["Content-Type"] = "application/octet-stream"

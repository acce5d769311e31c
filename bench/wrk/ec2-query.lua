-- Shared by the API-throughput scripts: an EC2 Query request with a fixed, well-formed SigV4
-- Authorization header. Neither Backlane nor moto checks the signature; both read the credential
-- scope (access key, region, service) from it.
local M = {}

M.headers = {
  ["Content-Type"] = "application/x-www-form-urlencoded; charset=utf-8",
  ["X-Amz-Date"] = "20260101T000000Z",
  ["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/ec2/aws4_request, "
    .. "SignedHeaders=content-type;host;x-amz-date, "
    .. "Signature=0000000000000000000000000000000000000000000000000000000000000000",
}

-- Numbers the wrk threads 1..n, so that each thread's names are its own.
local threads = {}
local counter = 0
function M.setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

-- One machine-readable line for bench/api-throughput.sh, after wrk's own summary.
function M.done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d errors=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, errors, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end

function M.name(label, tid, n)
  return string.format("%s-%d-%07d", label, tid, n)
end

return M

-- A GetObject as an SDK signs it (the signature is not checked; the scope names S3 in us-east-1), so a
-- Backlane workload's real decider classifies it and the path engine judges it.
wrk.headers["Host"] = "bucket.s3.us-east-1.amazonaws.com"
wrk.headers["x-amz-date"] = "20261207T134500Z"
wrk.headers["x-amz-content-sha256"] = "UNSIGNED-PAYLOAD"
wrk.headers["Authorization"] = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261207/us-east-1/s3/aws4_request, "
  .. "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000"

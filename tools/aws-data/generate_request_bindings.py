#!/usr/bin/env python3
"""Writes core/.../data/request-bindings.json: how a request on the wire names its AWS operation and IAM action.

Usage: generate_request_bindings.py MODELS_DIR IAM_ACTION_OVERRIDES_JSON IAM_SERVICE_REFERENCE_TXT_GZ OUTPUT_JSON

MODELS_DIR holds botocore's service-2.json models (Apache License 2.0). Per service, keyed by its SigV4 signing
name: the endpoint prefix (the first label of its hostnames), the IAM prefix, the protocols it speaks, the JSON
target prefix (X-Amz-Target: <prefix>.<Operation>, also the Smithy service name of rpc-v2-cbor paths) and its
operations. REST operations keep their HTTP binding: method, path template, the query-string literals of the
requestUri (`?uploads`, `?list-type=2`), and the query parameters and headers the input requires (UploadPart's
partNumber and uploadId, CopyObject's x-amz-copy-source), which tell apart operations sharing a path.
An operation's IAM action is <iamPrefix>:<Operation> unless IAM_ACTION_OVERRIDES_JSON says otherwise; every
action is checked against the Service Authorization Reference the project ships, so a wrong name fails here.
"""
import gzip
import json
import os
import sys

# model file prefix -> IAM prefix (Service Authorization Reference)
SERVICES = {
    "s3": "s3", "sqs": "sqs", "kms": "kms", "dynamodb": "dynamodb", "ssm": "ssm", "secretsmanager": "secretsmanager",
    "ecr": "ecr", "sns": "sns", "lambda": "lambda", "sts": "sts", "ec2": "ec2", "elbv2": "elasticloadbalancing",
    "logs": "logs", "cloudwatch": "cloudwatch", "fis": "fis", "route53resolver": "route53resolver",
}
# Served on S3 Express's control endpoint, never on s3.<region>; it shares ListBuckets' binding (GET /).
LEFT_OUT = {("s3", "ListDirectoryBuckets")}


def reference_actions(path):
    actions = {}
    with gzip.open(path, "rt") as f:
        next(f)
        for line in f:
            prefix, _, body = line.rstrip("\n").partition("\t")
            actions[prefix.lower()] = {name.lower() for name in json.loads(body)["actions"]}
    return actions


def binding(model, operation):
    http = operation["http"]
    uri = http["requestUri"]
    path, _, query = uri.partition("?")
    literals = {}
    for part in filter(None, query.split("&")):
        key, _, value = part.partition("=")
        literals[key] = value
    required_query, required_headers = [], []
    if "input" in operation:
        shape = model["shapes"][operation["input"]["shape"]]
        for member in shape.get("required", []):
            spec = shape["members"][member]
            if spec.get("location") == "querystring":
                required_query.append(spec["locationName"])
            elif spec.get("location") == "header":
                required_headers.append(spec["locationName"].lower())
    result = {"method": http["method"], "path": path}
    if literals:
        result["queryLiterals"] = literals
    if required_query:
        result["requiredQuery"] = sorted(required_query)
    if required_headers:
        result["requiredHeaders"] = sorted(required_headers)
    return result


def main(models_dir, overrides_file, reference_file, target):
    with open(overrides_file) as f:
        overrides = json.load(f)
    known = reference_actions(reference_file)
    services = {}
    problems = []
    for prefix, iam_prefix in sorted(SERVICES.items()):
        name = next(n for n in os.listdir(models_dir) if n.startswith(prefix + "-") and n.endswith(".service-2.json"))
        with open(os.path.join(models_dir, name)) as f:
            model = json.load(f)
        metadata = model["metadata"]
        signing = metadata.get("signingName") or metadata["endpointPrefix"]
        protocols = metadata.get("protocols") or [metadata["protocol"]]
        rest = any(p.startswith("rest-") for p in protocols)
        entry = {"model": prefix, "endpointPrefix": metadata["endpointPrefix"], "iamPrefix": iam_prefix, "protocols": protocols}
        if "targetPrefix" in metadata:
            entry["targetPrefix"] = metadata["targetPrefix"]
        if metadata.get("globalEndpoint"):
            entry["globalEndpoint"] = metadata["globalEndpoint"]
        operations = {}
        seen = {}
        for op_name, operation in sorted(model["operations"].items()):
            if (prefix, op_name) in LEFT_OUT:
                continue
            override = overrides.get(prefix, {}).get(op_name, {})
            action = override.get("action", iam_prefix + ":" + op_name)
            op = {}
            if action != iam_prefix + ":" + op_name:
                op["action"] = action
            if "withVersionId" in override:
                op["withVersionId"] = override["withVersionId"]
            for checked in [] if override.get("unverified") else filter(None, [action, override.get("withVersionId")]):
                service_prefix, _, action_name = checked.partition(":")
                if action_name.lower() not in known.get(service_prefix, set()):
                    problems.append(f"{prefix} {op_name}: {checked} is not in the Service Authorization Reference")
            if rest:
                op.update(binding(model, operation))
                if operation.get("deprecated"):
                    op["deprecated"] = True
                key = json.dumps([op["method"], op["path"], op.get("queryLiterals"), op.get("requiredQuery"), op.get("requiredHeaders")],
                                 sort_keys=True)
                seen.setdefault(key, []).append(op_name)
            operations[op_name] = op
        for key, names in seen.items():
            current = [n for n in names if not operations[n].get("deprecated")]
            if len(current) > 1:
                problems.append(f"{prefix}: {names} share one HTTP binding {key}")
        entry["operations"] = operations
        services[signing] = entry
    # Unmatched operations of services whose action names differ are reported, to be added to the overrides file.
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        sys.exit(1)
    with open(target, "w") as f:
        json.dump({"source": "botocore 1.43.11 service models (Apache License 2.0); IAM actions checked against "
                             "iam-service-reference.txt.gz; see SOURCES.md",
                   "services": services}, f, separators=(",", ":"), sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])

#!/usr/bin/env python3
"""Writes core/.../data/service-hostnames.json from botocore's endpoints.json (partition "aws").

Usage: generate_service_hostnames.py ENDPOINTS_JSON OUTPUT_JSON

Every hostname AWS serves for a service in a region: the region's own endpoint (its "hostname", else the
partition's "{service}.{region}.{dnsSuffix}"), the FIPS and dual-stack variants the endpoint lists, and the
hostnames of the service's other endpoints (aws-global, fips-<region>, bedrock-runtime-<region>, ...) under
the region of their credential scope. Non-regionalized services (isRegionalized false: iam, route53,
cloudfront, ...) have one global entry: their partition endpoint. Template variants of the partition and
service defaults are left out: they produce names AWS does not serve in every region (sqs-fips.eu-west-1).

Output, compact: per service, groups of regions whose names are the same once the region is written
"{region}"; the first name of a group is the service's standard name there. "subdomains" lists the services
whose names take labels on the left: S3's bucket names (virtual-hosted-style requests) and S3 Control's
account IDs ({account-id}.s3-control.{region}.amazonaws.com), per the Amazon S3 user guide and API reference.
A name written "*.<name>" stands only for the names under <name>: S3's access points
({access-point}-{account-id}.s3-accesspoint[.dualstack].{region}.amazonaws.com, Amazon S3 user guide "Access
points"), which endpoints.json does not list, are added to every region of S3.
"""
import json
import sys

PARTITION = "aws"
SUBDOMAINS = ["s3", "s3-control"]
EXTRA = {"s3": ["*.s3-accesspoint.{region}.amazonaws.com", "*.s3-accesspoint.dualstack.{region}.amazonaws.com"]}


def expand(template, service, region, dns_suffix):
    return template.replace("{service}", service).replace("{region}", region).replace("{dnsSuffix}", dns_suffix)


def main(source, target):
    with open(source) as f:
        data = json.load(f)
    partition = next(p for p in data["partitions"] if p["partition"] == PARTITION)
    regions = set(partition["regions"])
    suffix = partition["dnsSuffix"]
    default_hostname = partition["defaults"]["hostname"]
    # (service, region) -> [standard name, other names...]; global services keep their partition endpoint.
    names = {}
    global_services = set()
    for service, spec in sorted(partition["services"].items()):
        endpoints = spec.get("endpoints", {})
        if not spec.get("isRegionalized", True) and "partitionEndpoint" in spec:
            endpoint = endpoints[spec["partitionEndpoint"]]
            region = endpoint.get("credentialScope", {}).get("region", "us-east-1")
            host = expand(endpoint.get("hostname", default_hostname), service, region, suffix)
            add(names, (service, region), host, endpoint)
            global_services.add(service)
            continue
        for key in sorted(endpoints, key=lambda k: (k not in regions, k)):
            endpoint = endpoints[key]
            if key in regions:
                host = expand(endpoint.get("hostname", spec.get("defaults", {}).get("hostname", default_hostname)), service, key, suffix)
                add(names, (service, key), host, endpoint)
                continue
            region = endpoint.get("credentialScope", {}).get("region")
            if region not in regions:
                continue
            host = endpoint.get("hostname")
            add(names, (service, region), expand(host, service, region, suffix) if host else None, endpoint)
    # A hostname several services list (rds.<region> under rds, docdb and neptune, which share RDS's API)
    # belongs to the service it is named after, else to the first in name order.
    owners = {}
    for (service, region), hosts in sorted(names.items()):
        for host in hosts:
            named_after = host.startswith(service + ".") or host.startswith(service + "-fips.")
            current = owners.get(host)
            if current is None or (named_after and not current[2]):
                owners[host] = (service, region, named_after)
    owners = {host: (service, region) for host, (service, region, _) in owners.items()}
    services = {}
    for (service, region), hosts in sorted(names.items()):
        own = [host for host in hosts if owners[host] == (service, region)]
        if not own:
            continue
        templated = tuple(host.replace(region, "{region}") for host in own) + tuple(EXTRA.get(service, []))
        groups = services.setdefault(service, {})
        groups.setdefault(templated, []).append(region)
    out = {
        "source": "botocore endpoints.json, partition aws (version %s)" % data.get("version"),
        "subdomains": SUBDOMAINS,
        "services": {
            service: {
                **({"global": True} if service in global_services else {}),
                "names": [{"hostnames": list(templated), "regions": sorted(regions_of)} for templated, regions_of in groups.items()],
            }
            for service, groups in sorted(services.items())
        },
    }
    with open(target, "w") as f:
        json.dump(out, f, separators=(",", ":"), sort_keys=False)
        f.write("\n")
    total = sum(len(group["regions"]) for spec in out["services"].values() for group in spec["names"])
    print("%d services, %d service-regions, %d hostnames" % (len(services), total, len(owners)), file=sys.stderr)


def add(names, key, host, endpoint):
    hosts = names.setdefault(key, [])
    candidates = ([host] if host else []) + [variant["hostname"] for variant in endpoint.get("variants", []) if "hostname" in variant]
    for candidate in candidates:
        # "localhost:8000" (DynamoDB Local) is no AWS hostname.
        if ":" not in candidate and "{" not in candidate and candidate not in hosts:
            hosts.append(candidate)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

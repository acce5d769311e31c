#!/usr/bin/env python3
"""Writes core/.../data/amazon-address-ranges.json from AWS's ip-ranges.json.

Usage: generate_amazon_address_ranges.py IP_RANGES_JSON PREFIX_LISTS_JSON REGIONS_JSON OUTPUT_JSON

AWS's public API endpoints (sqs, kms, sts, ...) answer from addresses that ip-ranges.json lists only under
"AMAZON": no narrower service (S3, DYNAMODB, EC2, CLOUDFRONT, ...) claims them. Per region this keeps such
AMAZON-only IPv4 prefixes that also overlap no CIDR of Backlane's S3/DynamoDB prefix lists, of length /16 to
/24, the first MAX_RANGES of them in address order: Backlane gives each service of the region one address
from them, so a service's name never routes into another service's gateway endpoint.
"""
import bisect
import ipaddress
import json
import sys

MAX_RANGES = 8


def main(ip_ranges, prefix_lists, regions_file, target):
    with open(ip_ranges) as f:
        ranges = json.load(f)
    with open(prefix_lists) as f:
        lists = json.load(f)["prefixLists"]
    with open(regions_file) as f:
        regions = [region["name"] for region in json.load(f)["regions"]]
    claimed = [ipaddress.ip_network(p["ip_prefix"]) for p in ranges["prefixes"] if p["service"] != "AMAZON"]
    claimed += [ipaddress.ip_network(cidr) for pl in lists for cidr in pl["cidrs"]]
    claimed = list(ipaddress.collapse_addresses(claimed))
    starts = [int(network.network_address) for network in claimed]

    def overlaps(network):
        # claimed is sorted and disjoint: only the last range starting at or before our end can overlap.
        index = bisect.bisect_right(starts, int(network.broadcast_address)) - 1
        return index >= 0 and int(claimed[index].broadcast_address) >= int(network.network_address)

    by_region = {}
    for prefix in ranges["prefixes"]:
        if prefix["service"] != "AMAZON" or prefix["region"] not in regions:
            continue
        network = ipaddress.ip_network(prefix["ip_prefix"])
        if 16 <= network.prefixlen <= 24 and not overlaps(network):
            by_region.setdefault(prefix["region"], set()).add(network)
    out = {
        "source": "https://ip-ranges.amazonaws.com/ip-ranges.json syncToken %s createDate %s" % (ranges["syncToken"], ranges["createDate"]),
        "ranges": [
            {"region": region, "cidrs": [str(n) for n in sorted(by_region.get(region, ()), key=lambda n: int(n.network_address))[:MAX_RANGES]]}
            for region in regions
        ],
    }
    missing = [entry["region"] for entry in out["ranges"] if not entry["cidrs"]]
    if missing:
        sys.exit("no AMAZON-only range for " + ", ".join(missing))
    with open(target, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:5])

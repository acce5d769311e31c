#!/usr/bin/env python3
"""Builds the DNS benchmark's VPC in a running Backlane and writes the same zone for its peers.

Through the EC2 API (boto3): a VPC with both DNS attributes on, three subnets, ten interface endpoints with
private DNS on, and network interfaces. Then asks the VPC's view (GET /_backlane/dns/answer) for every name
the benchmark queries, and writes what it answered as a dnsmasq hosts file, an unbound local-data file and a
dnsperf query file, so that all three servers answer the same names with the same addresses.

Usage: dns_zone.py ENDPOINT_URL OUT_DIR   (prints the VPC's listener port)
"""
import json
import os
import random
import sys
import urllib.parse
import urllib.request

import boto3
from botocore.config import Config

REGION = "us-east-1"
ZONES = ["us-east-1a", "us-east-1b", "us-east-1c"]
SERVICES = ["sts", "ssm", "kms", "sqs", "secretsmanager", "logs", "ecr.api", "sns", "lambda", "monitoring"]
PUBLIC_NAMES = ["s3.us-east-1.amazonaws.com", "dynamodb.us-east-1.amazonaws.com", "ec2.us-east-1.amazonaws.com",
                "elasticloadbalancing.us-east-1.amazonaws.com", "sqs.us-east-2.amazonaws.com"]
INTERFACES = 40
MISSING = 20


def admin(endpoint, method, path):
    request = urllib.request.Request(endpoint + path, method=method)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


def main():
    endpoint, out = sys.argv[1], sys.argv[2]
    ec2 = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name=REGION).client(
        "ec2", endpoint_url=endpoint, config=Config(retries={"max_attempts": 1}))
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
    subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=zone)["Subnet"]["SubnetId"]
               for i, zone in enumerate(ZONES)]
    group = ec2.create_security_group(VpcId=vpc, GroupName="endpoints", Description="endpoints")["GroupId"]
    names = []
    for service in SERVICES:
        created = ec2.create_vpc_endpoint(VpcId=vpc, VpcEndpointType="Interface", ServiceName=f"com.amazonaws.{REGION}.{service}",
                                          SubnetIds=subnets, SecurityGroupIds=[group], PrivateDnsEnabled=True)["VpcEndpoint"]
        names.append("api.ecr.us-east-1.amazonaws.com" if service == "ecr.api" else f"{service}.{REGION}.amazonaws.com")
        names.extend(entry["DnsName"] for entry in created["DnsEntries"] if entry["DnsName"].endswith("vpce.amazonaws.com"))
    for i in range(INTERFACES):
        eni = ec2.create_network_interface(SubnetId=subnets[i % len(subnets)], Groups=[group])["NetworkInterface"]
        names.append(eni["PrivateDnsName"])
    names.extend(PUBLIC_NAMES)

    records = {}
    for name in names:
        answer = admin(endpoint, "GET", "/_backlane/dns/answer?" + urllib.parse.urlencode({"vpc": vpc, "name": name, "type": "A"}))
        if answer["rcode"] != "NOERROR" or not answer["answers"]:
            sys.exit(f"the view does not answer {name}: {answer}")
        records[name] = [record["address"] for record in answer["answers"]]
    missing = [f"host-{i}.missing.example" for i in range(MISSING)]
    for name in missing:
        answer = admin(endpoint, "GET", "/_backlane/dns/answer?" + urllib.parse.urlencode({"vpc": vpc, "name": name, "type": "A"}))
        if answer["rcode"] != "NXDOMAIN":
            sys.exit(f"the view answers {name}: {answer}")

    with open(os.path.join(out, "hosts"), "w") as hosts:
        for name, addresses in records.items():
            for address in addresses:
                hosts.write(f"{address} {name}\n")
    with open(os.path.join(out, "unbound-local.conf"), "w") as local:
        local.write("server:\n")
        for name, addresses in records.items():
            for address in addresses:
                local.write(f'    local-data: "{name}. 60 IN A {address}"\n')
    # 90% names that exist (one in four with a capital letter, as stub resolvers sometimes send them), 10% NXDOMAIN.
    generator = random.Random(7)
    with open(os.path.join(out, "queries"), "w") as queries:
        for i in range(100_000):
            if i % 10 == 9:
                name = generator.choice(missing)
            else:
                name = generator.choice(names)
                if i % 4 == 0:
                    name = name[0].upper() + name[1:]
            queries.write(f"{name} A\n")
    listener = admin(endpoint, "POST", "/_backlane/dns?" + urllib.parse.urlencode({"vpc": vpc}))
    print(json.dumps({"vpc": vpc, "port": listener["port"], "names": len(names),
                      "records": sum(len(addresses) for addresses in records.values())}))


if __name__ == "__main__":
    main()

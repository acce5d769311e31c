"""Runs the same VPC endpoint scenario against an endpoint (Backlane or moto_server) and prints the results as JSON.

Scenario: a VPC with DNS hostnames, two subnets in two zones, a route table and a security group; a gateway
endpoint for S3 on the route table; an interface endpoint for EC2 in both subnets with private DNS and the
group. Then the endpoints, their network interfaces, the route table and the EC2 service detail are described,
and a few invalid requests are made.

Usage: python3 vpc_endpoints.py http://localhost:PORT > out.json
"""
import json
import sys

import boto3
from botocore.exceptions import ClientError

url = sys.argv[1]
ec2 = boto3.client("ec2", endpoint_url=url, region_name="us-east-1", aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
                   aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")


def error(call):
    try:
        call()
        return "accepted"
    except ClientError as e:
        return e.response["Error"]["Code"] + ": " + e.response["Error"]["Message"]


vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
ec2.modify_vpc_attribute(VpcId=vpc, EnableDnsHostnames={"Value": True})
subnet_a = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
subnet_b = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.2.0/24", AvailabilityZone="us-east-1b")["Subnet"]["SubnetId"]
subnet_a2 = ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.3.0/24", AvailabilityZone="us-east-1a")["Subnet"]["SubnetId"]
table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
group = ec2.create_security_group(VpcId=vpc, GroupName="endpoints", Description="endpoints")["GroupId"]

result = {}
gateway = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.us-east-1.s3", RouteTableIds=[table])["VpcEndpoint"]
result["gateway_create"] = gateway
interface = ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.us-east-1.ec2", VpcEndpointType="Interface",
                                    SubnetIds=[subnet_a, subnet_b], SecurityGroupIds=[group], PrivateDnsEnabled=True)["VpcEndpoint"]
result["interface_create"] = interface
result["described"] = ec2.describe_vpc_endpoints(VpcEndpointIds=[gateway["VpcEndpointId"], interface["VpcEndpointId"]])["VpcEndpoints"]
result["interface_enis"] = ec2.describe_network_interfaces(NetworkInterfaceIds=interface["NetworkInterfaceIds"])["NetworkInterfaces"]
result["route_table"] = ec2.describe_route_tables(RouteTableIds=[table])["RouteTables"][0]["Routes"]
result["ec2_service"] = ec2.describe_vpc_endpoint_services(ServiceNames=["com.amazonaws.us-east-1.ec2"])["ServiceDetails"]
result["errors"] = {
    "unknown_service": error(lambda: ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.us-east-1.nothing")),
    "gateway_for_ec2": error(lambda: ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.us-east-1.ec2",
                                                             VpcEndpointType="Gateway", RouteTableIds=[table])),
    "two_subnets_one_zone": error(lambda: ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.us-east-1.sts",
                                                                  VpcEndpointType="Interface", SubnetIds=[subnet_a, subnet_a2],
                                                                  PrivateDnsEnabled=False)),
    "second_private_dns_for_ec2": error(lambda: ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.us-east-1.ec2",
                                                                        VpcEndpointType="Interface", SubnetIds=[subnet_b],
                                                                        PrivateDnsEnabled=True)),
    "policy_not_json": error(lambda: ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.us-east-1.dynamodb",
                                                             RouteTableIds=[table], PolicyDocument="{not json")),
    "second_s3_route_in_table": error(lambda: ec2.create_vpc_endpoint(VpcId=vpc, ServiceName="com.amazonaws.us-east-1.s3",
                                                                      RouteTableIds=[table])),
    "delete_unknown": ec2.delete_vpc_endpoints(VpcEndpointIds=["vpce-00000000000000999"]).get("Unsuccessful"),
}
print(json.dumps(result, indent=1, default=str, sort_keys=True))

# Flow logs: a VPC and a subnet, a flow log of the VPC's rejected traffic to an S3 bucket prefix (Parquet, hourly
# partitions) and a flow log of all the subnet's traffic to a CloudWatch Logs log group, by ARN, in a custom format at
# 60 seconds.

resource "aws_vpc" "flow_logs" {
  cidr_block = "10.70.0.0/16"
}

resource "aws_subnet" "app" {
  vpc_id            = aws_vpc.flow_logs.id
  cidr_block        = "10.70.1.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_flow_log" "rejects_to_s3" {
  vpc_id               = aws_vpc.flow_logs.id
  traffic_type         = "REJECT"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::backlane-flow-logs/vpc"

  destination_options {
    file_format        = "parquet"
    per_hour_partition = true
  }

  tags = {
    Name = "vpc-rejects"
  }
}

resource "aws_flow_log" "subnet_to_logs" {
  subnet_id                = aws_subnet.app.id
  traffic_type             = "ALL"
  log_destination_type     = "cloud-watch-logs"
  log_destination          = "arn:aws:logs:us-east-1:000000000000:log-group:/backlane/subnet-flows"
  iam_role_arn             = "arn:aws:iam::000000000000:role/flow-logs-delivery"
  max_aggregation_interval = 60
  log_format               = "$${version} $${interface-id} $${srcaddr} $${dstaddr} $${dstport} $${action} $${flow-direction} $${reject-reason}"
}

output "flow_logs_vpc_id" {
  value = aws_vpc.flow_logs.id
}

output "flow_logs_subnet_id" {
  value = aws_subnet.app.id
}

output "s3_flow_log_id" {
  value = aws_flow_log.rejects_to_s3.id
}

output "logs_flow_log_id" {
  value = aws_flow_log.subnet_to_logs.id
}

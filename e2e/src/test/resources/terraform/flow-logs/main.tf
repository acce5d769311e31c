# Flow logs end to end, applied by FlowLogTerraformIT against Backlane: a VPC and a subnet, a flow log
# of the VPC's rejected traffic to an S3 bucket prefix (Parquet, hourly partitions) and a flow log of
# all the subnet's traffic to a CloudWatch Logs log group, by ARN, in a custom format at 60 seconds.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}

variable "endpoint" {
  description = "Backlane's URL, e.g. http://127.0.0.1:4577"
  type        = string
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "test"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  skip_region_validation      = true

  endpoints {
    ec2 = var.endpoint
    sts = var.endpoint
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.70.0.0/16"
}

resource "aws_subnet" "app" {
  vpc_id            = aws_vpc.main.id
  cidr_block        = "10.70.1.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_flow_log" "rejects_to_s3" {
  vpc_id               = aws_vpc.main.id
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

output "vpc_id" {
  value = aws_vpc.main.id
}

output "subnet_id" {
  value = aws_subnet.app.id
}

output "s3_flow_log_id" {
  value = aws_flow_log.rejects_to_s3.id
}

output "logs_flow_log_id" {
  value = aws_flow_log.subnet_to_logs.id
}

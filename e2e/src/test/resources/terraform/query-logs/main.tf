# Route 53 Resolver query logging and a flow log to CloudWatch Logs, applied by QueryLogTerraformIT against
# Backlane: a VPC, two log groups, a query logging configuration to one of them associated with the VPC,
# and a flow log of the VPC to the other.

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
    cloudwatchlogs  = var.endpoint
    ec2             = var.endpoint
    route53resolver = var.endpoint
    sts             = var.endpoint
  }
}

resource "aws_vpc" "main" {
  cidr_block = "10.75.0.0/16"
}

resource "aws_cloudwatch_log_group" "dns" {
  name = "/backlane/dns-queries"
}

resource "aws_cloudwatch_log_group" "flows" {
  name = "/backlane/vpc-flows"
}

resource "aws_route53_resolver_query_log_config" "dns" {
  name            = "vpc-dns-queries"
  destination_arn = aws_cloudwatch_log_group.dns.arn

  tags = {
    team = "network"
  }
}

resource "aws_route53_resolver_query_log_config_association" "main" {
  resolver_query_log_config_id = aws_route53_resolver_query_log_config.dns.id
  resource_id                  = aws_vpc.main.id
}

resource "aws_flow_log" "vpc" {
  vpc_id          = aws_vpc.main.id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.flows.arn
  iam_role_arn    = "arn:aws:iam::000000000000:role/flow-logs-delivery"
}

output "vpc_id" {
  value = aws_vpc.main.id
}

output "query_log_config_id" {
  value = aws_route53_resolver_query_log_config.dns.id
}

output "association_id" {
  value = aws_route53_resolver_query_log_config_association.main.id
}

output "flow_log_id" {
  value = aws_flow_log.vpc.id
}

# CloudWatch Logs end to end, applied by LogsTerraformIT against Backlane: a log group with retention and tags
# (the destination a flow log writes to), one of the infrequent-access class without retention, and a stream.

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
    cloudwatchlogs = var.endpoint
    ec2            = var.endpoint
    sts            = var.endpoint
  }
}

resource "aws_cloudwatch_log_group" "flow" {
  name              = "/vpc/flow-logs"
  retention_in_days = 30

  tags = {
    Name = "flow-logs"
    team = "network"
  }
}

resource "aws_cloudwatch_log_group" "archive" {
  name            = "/archive/queries"
  log_group_class = "INFREQUENT_ACCESS"
}

resource "aws_cloudwatch_log_stream" "eni" {
  name           = "eni-0a1b2c3d4e5f60718-all"
  log_group_name = aws_cloudwatch_log_group.flow.name
}

output "flow_arn" {
  value = aws_cloudwatch_log_group.flow.arn
}

output "stream_arn" {
  value = aws_cloudwatch_log_stream.eni.arn
}

# The observability stack, applied by ObservabilityTerraformIT against Backlane in one graph: none of its resources
# has a fixed wait in the provider, so its time is the provider's start-ups, which one stack pays once instead of once
# per part (docs/terraform.md). Each part is a file: logs.tf (CloudWatch Logs groups and a stream), flow-logs.tf (flow
# logs to S3 and to CloudWatch Logs by ARN), query-logs.tf (Route 53 Resolver query logging and a flow log to log
# groups of the stack) and fis.tf (an AWS FIS experiment template).

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
    fis             = var.endpoint
    route53resolver = var.endpoint
    sts             = var.endpoint
  }
}

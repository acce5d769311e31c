# The endpoints stack, applied by EndpointsTerraformIT against Backlane in one graph, so the provider's fixed waits
# (a minute before each subnet association's ModifyVpcEndpoint and again on its removal, 30 s twice after each
# network load balancer; docs/terraform.md) run side by side instead of one stack after another. Each part is a file:
# endpoints.tf (gateway, interface and endpoint-service endpoints in account 000000000000), subnet-association.tf (an
# endpoint that gets its subnet from aws_vpc_endpoint_subnet_association) and cross-account-zones.tf (a service and a
# consumer in two accounts whose zone names differ). Backlane takes each provider block's account from its 12-digit
# access key ID, and the default account from "test".

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
    ec2   = var.endpoint
    sts   = var.endpoint
    elbv2 = var.endpoint
  }
}

provider "aws" {
  alias                       = "provider"
  region                      = "us-east-1"
  access_key                  = "111111111111"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  skip_region_validation      = true

  endpoints {
    ec2   = var.endpoint
    sts   = var.endpoint
    elbv2 = var.endpoint
  }
}

provider "aws" {
  alias                       = "consumer"
  region                      = "us-east-1"
  access_key                  = "222222222222"
  secret_key                  = "test"
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_requesting_account_id  = true
  skip_region_validation      = true

  endpoints {
    ec2   = var.endpoint
    sts   = var.endpoint
    elbv2 = var.endpoint
  }
}

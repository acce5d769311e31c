# The network stack, applied by NetworkTerraformIT against Backlane in one graph, so the provider's fixed 10 s waits
# (a VPC's DNS hostnames, instances started and terminated, a NAT gateway deleted; docs/terraform.md) run side by side.
# Each part is a file: network.tf (a three-AZ network with a NAT gateway, security groups, a prefix list and a network
# ACL) and instances.tf (two instances in a VPC of their own). The provider asks STS for its account, as it does
# unless told to skip it.

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
  skip_region_validation      = true

  endpoints {
    ec2   = var.endpoint
    sts   = var.endpoint
    elbv2 = var.endpoint
  }
}

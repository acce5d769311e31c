# An interface endpoint that gets its subnet from an aws_vpc_endpoint_subnet_association, applied by
# VpcEndpointSubnetAssociationTerraformIT against Backlane. Apart from the endpoints stack because the
# provider waits a fixed minute before the association's ModifyVpcEndpoint, and again on destroy,
# whatever the server answers (modifyVPCEndpointExclusive's Delay): in a class of its own that minute
# overlaps with the other classes' forks instead of lengthening the endpoints stack.

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

# Private DNS needs the VPC's DNS hostnames, and turning them on costs a fixed 10 s wait: the endpoints stack
# covers private DNS, so this VPC keeps AWS's defaults.
resource "aws_vpc" "main" {
  cidr_block = "10.91.0.0/16"
  tags       = { Name = "endpoint-subnet-association" }
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
  availability_zone = ["us-east-1a", "us-east-1b"][count.index]
}

resource "aws_security_group" "endpoint" {
  name        = "endpoint-ssm"
  description = "HTTPS to the ssm endpoint"
  vpc_id      = aws_vpc.main.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}

# No subnet_ids: the subnet comes from the association, the one resource that must not set them too.
resource "aws_vpc_endpoint" "ssm" {
  vpc_id             = aws_vpc.main.id
  service_name       = "com.amazonaws.us-east-1.ssm"
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.endpoint.id]
}

resource "aws_vpc_endpoint_subnet_association" "ssm" {
  vpc_endpoint_id = aws_vpc_endpoint.ssm.id
  subnet_id       = aws_subnet.private[1].id
}

output "vpc_id" {
  value = aws_vpc.main.id
}

output "ssm_subnet_id" {
  value = aws_subnet.private[1].id
}

output "ssm_endpoint_id" {
  value = aws_vpc_endpoint.ssm.id
}

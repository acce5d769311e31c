# An AWS FIS experiment template end to end, applied by FisTerraformIT against Backlane: a template that throttles a
# role's EC2 calls and then waits, with a stop condition of none and tags.

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
    fis = var.endpoint
    ec2 = var.endpoint
    sts = var.endpoint
  }
}

resource "aws_fis_experiment_template" "throttle" {
  description = "throttle orders' EC2 calls, then wait"
  role_arn    = "arn:aws:iam::000000000000:role/fis"

  stop_condition {
    source = "none"
  }

  target {
    name           = "orders"
    resource_type  = "aws:iam:role"
    selection_mode = "ALL"
    resource_arns  = ["arn:aws:iam::000000000000:role/orders"]
  }

  action {
    name      = "throttle"
    action_id = "aws:fis:inject-api-throttle-error"

    target {
      key   = "Roles"
      value = "orders"
    }

    parameter {
      key   = "service"
      value = "ec2"
    }
    parameter {
      key   = "operations"
      value = "DescribeVpcs,DescribeSubnets"
    }
    parameter {
      key   = "percentage"
      value = "50"
    }
    parameter {
      key   = "duration"
      value = "PT5M"
    }
  }

  action {
    name      = "wait"
    action_id = "aws:fis:wait"

    parameter {
      key   = "duration"
      value = "PT1M"
    }
  }

  tags = {
    Name = "throttle-orders"
    team = "orders"
  }
}

output "template_id" {
  value = aws_fis_experiment_template.throttle.id
}

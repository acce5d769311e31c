# An AWS FIS experiment template: it throttles a role's EC2 calls and then waits, with a stop condition of none and
# tags.

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

# VPC endpoints in the default account: gateway endpoints for S3 and DynamoDB on two route tables, interface endpoints
# for three services across two AZs with private DNS and their own security groups, and an NLB-backed endpoint service
# that requires acceptance, with a consumer endpoint that accepts itself.

data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  zones = slice(data.aws_availability_zones.available.names, 0, 2)
}

resource "aws_vpc" "main" {
  cidr_block           = "10.90.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = "endpoints" }
}

resource "aws_subnet" "private" {
  count             = 2
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
  availability_zone = local.zones[count.index]
  tags              = { Name = "private-${count.index}" }
}

resource "aws_route_table" "private" {
  count  = 2
  vpc_id = aws_vpc.main.id
  tags   = { Name = "private-${count.index}" }
}

resource "aws_route_table_association" "private" {
  count          = 2
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private[count.index].id
}

# Gateway endpoints: S3 names its route tables, DynamoDB gets them through associations.
resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = aws_route_table.private[*].id
  tags              = { Name = "s3" }
}

resource "aws_vpc_endpoint" "dynamodb" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.dynamodb"
  vpc_endpoint_type = "Gateway"
  tags              = { Name = "dynamodb" }
}

resource "aws_vpc_endpoint_route_table_association" "dynamodb" {
  count           = 2
  vpc_endpoint_id = aws_vpc_endpoint.dynamodb.id
  route_table_id  = aws_route_table.private[count.index].id
}

# Interface endpoints, each with a security group of its own.
resource "aws_security_group" "endpoint" {
  for_each    = toset(["ec2", "sts", "ssm"])
  name        = "endpoint-${each.key}"
  description = "HTTPS to the ${each.key} endpoint"
  vpc_id      = aws_vpc.main.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.main.cidr_block]
  }
}

resource "aws_vpc_endpoint" "ec2" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.us-east-1.ec2"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = aws_subnet.private[*].id
  security_group_ids  = [aws_security_group.endpoint["ec2"].id]
  private_dns_enabled = true
}

resource "aws_vpc_endpoint" "sts" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.us-east-1.sts"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = aws_subnet.private[*].id
  security_group_ids  = [aws_security_group.endpoint["sts"].id]
  private_dns_enabled = true
}

# SSM in one zone only (a subnet given through aws_vpc_endpoint_subnet_association is subnet-association.tf's).
resource "aws_vpc_endpoint" "ssm" {
  vpc_id              = aws_vpc.main.id
  service_name        = "com.amazonaws.us-east-1.ssm"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = [aws_subnet.private[1].id]
  security_group_ids  = [aws_security_group.endpoint["ssm"].id]
  private_dns_enabled = true
}

# The provider side: an internal NLB in both zones behind an endpoint service that requires acceptance.
resource "aws_lb" "service" {
  name               = "endpoint-service"
  internal           = true
  load_balancer_type = "network"
  subnets            = aws_subnet.private[*].id
}

resource "aws_lb_target_group" "service" {
  name     = "endpoint-service"
  port     = 80
  protocol = "TCP"
  vpc_id   = aws_vpc.main.id
}

resource "aws_lb_listener" "service" {
  load_balancer_arn = aws_lb.service.arn
  port              = 80
  protocol          = "TCP"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.service.arn
  }
}

resource "aws_vpc_endpoint_service" "service" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.service.arn]
  tags                       = { Name = "service" }
}

# The consumer side: an endpoint to the service that accepts itself.
resource "aws_security_group" "consumer" {
  name        = "service-consumer"
  description = "TCP 80 to the endpoint service"
  vpc_id      = aws_vpc.main.id
}

resource "aws_vpc_endpoint" "consumer" {
  vpc_id             = aws_vpc.main.id
  service_name       = aws_vpc_endpoint_service.service.service_name
  vpc_endpoint_type  = "Interface"
  subnet_ids         = aws_subnet.private[*].id
  security_group_ids = [aws_security_group.consumer.id]
  auto_accept        = true
}

output "endpoints_vpc_id" {
  value = aws_vpc.main.id
}

output "service_id" {
  value = aws_vpc_endpoint_service.service.id
}

output "consumer_endpoint_id" {
  value = aws_vpc_endpoint.consumer.id
}

output "ssm_subnet_id" {
  value = aws_subnet.private[1].id
}

output "ssm_endpoint_id" {
  value = aws_vpc_endpoint.ssm.id
}

output "dynamodb_endpoint_id" {
  value = aws_vpc_endpoint.dynamodb.id
}

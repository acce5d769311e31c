# An interface endpoint that gets its subnet from an aws_vpc_endpoint_subnet_association (ModifyVpcEndpoint
# AddSubnetIds; RemoveSubnetIds on destroy), in a VPC of its own. The provider waits a fixed minute before each of
# those calls, which overlaps here with the load balancers' waits of the other parts.

# No private DNS here (endpoints.tf covers it), so this VPC keeps AWS's DNS defaults.
resource "aws_vpc" "association" {
  cidr_block = "10.91.0.0/16"
  tags       = { Name = "endpoint-subnet-association" }
}

resource "aws_subnet" "association" {
  count             = 2
  vpc_id            = aws_vpc.association.id
  cidr_block        = cidrsubnet(aws_vpc.association.cidr_block, 8, count.index)
  availability_zone = ["us-east-1a", "us-east-1b"][count.index]
}

resource "aws_security_group" "association" {
  name        = "association-ssm"
  description = "HTTPS to the ssm endpoint"
  vpc_id      = aws_vpc.association.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = [aws_vpc.association.cidr_block]
  }
}

# No subnet_ids: the subnet comes from the association, the one resource that must not set them too.
resource "aws_vpc_endpoint" "association" {
  vpc_id             = aws_vpc.association.id
  service_name       = "com.amazonaws.us-east-1.ssm"
  vpc_endpoint_type  = "Interface"
  security_group_ids = [aws_security_group.association.id]
}

resource "aws_vpc_endpoint_subnet_association" "ssm" {
  vpc_endpoint_id = aws_vpc_endpoint.association.id
  subnet_id       = aws_subnet.association[1].id
}

output "association_vpc_id" {
  value = aws_vpc.association.id
}

output "association_subnet_id" {
  value = aws_subnet.association[1].id
}

output "association_endpoint_id" {
  value = aws_vpc_endpoint.association.id
}

# A typical three-AZ network: every resource here must create, read back without drift, and destroy through the
# unmodified hashicorp/aws provider.

data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_vpc" "main" {
  cidr_block           = "10.80.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags = {
    Name = "tf-main"
  }
}

# Subnet 0 is public (it holds the NAT gateway); subnets 1 and 2 are private.
resource "aws_subnet" "net" {
  count             = 3
  vpc_id            = aws_vpc.main.id
  cidr_block        = cidrsubnet(aws_vpc.main.cidr_block, 8, count.index)
  availability_zone = data.aws_availability_zones.available.names[count.index]
  tags = {
    Name = "tf-${count.index == 0 ? "public" : "private"}-${count.index}"
  }
}

resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.main.id
  tags = {
    Name = "tf-igw"
  }
}

resource "aws_eip" "nat" {
  domain = "vpc"
  tags = {
    Name = "tf-nat"
  }
}

resource "aws_nat_gateway" "nat" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.net[0].id
  tags = {
    Name = "tf-nat"
  }
  depends_on = [aws_internet_gateway.igw]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.main.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
  tags = {
    Name = "tf-public"
  }
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.main.id
  tags = {
    Name = "tf-private"
  }
}

resource "aws_route" "private_default" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.nat.id
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.net[0].id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table_association" "private" {
  count          = 2
  subnet_id      = aws_subnet.net[count.index + 1].id
  route_table_id = aws_route_table.private.id
}

resource "aws_ec2_managed_prefix_list" "office" {
  name           = "tf-office"
  address_family = "IPv4"
  max_entries    = 5
  entry {
    cidr        = "198.51.100.0/24"
    description = "office"
  }
  entry {
    cidr        = "203.0.113.0/24"
    description = "vpn"
  }
}

# Rules inline, the way older configurations write them.
resource "aws_security_group" "web" {
  name        = "tf-web"
  description = "web servers"
  vpc_id      = aws_vpc.main.id

  ingress {
    description = "https from anywhere"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description     = "ssh from the office"
    from_port       = 22
    to_port         = 22
    protocol        = "tcp"
    prefix_list_ids = [aws_ec2_managed_prefix_list.office.id]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = {
    Name = "tf-web"
  }
}

# Rules as their own resources, the way current configurations write them.
resource "aws_security_group" "db" {
  name        = "tf-db"
  description = "databases"
  vpc_id      = aws_vpc.main.id
  tags = {
    Name = "tf-db"
  }
}

resource "aws_vpc_security_group_ingress_rule" "db_from_web" {
  security_group_id            = aws_security_group.db.id
  referenced_security_group_id = aws_security_group.web.id
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  description                  = "postgres from the web tier"
}

resource "aws_vpc_security_group_ingress_rule" "db_from_office" {
  security_group_id = aws_security_group.db.id
  prefix_list_id    = aws_ec2_managed_prefix_list.office.id
  ip_protocol       = "tcp"
  from_port         = 5432
  to_port           = 5432
}

resource "aws_vpc_security_group_egress_rule" "db_out" {
  security_group_id = aws_security_group.db.id
  cidr_ipv4         = "10.80.0.0/16"
  ip_protocol       = "-1"
}

resource "aws_network_acl" "private" {
  vpc_id = aws_vpc.main.id

  ingress {
    rule_no    = 100
    action     = "allow"
    protocol   = "tcp"
    cidr_block = "10.80.0.0/16"
    from_port  = 0
    to_port    = 65535
  }

  ingress {
    rule_no    = 200
    action     = "deny"
    protocol   = "-1"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }

  egress {
    rule_no    = 100
    action     = "allow"
    protocol   = "-1"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }

  tags = {
    Name = "tf-private"
  }
}

resource "aws_network_acl_association" "private" {
  count          = 2
  network_acl_id = aws_network_acl.private.id
  subnet_id      = aws_subnet.net[count.index + 1].id
}

output "vpc_id" {
  value = aws_vpc.main.id
}

output "subnet_ids" {
  value = aws_subnet.net[*].id
}

output "nat_gateway_id" {
  value = aws_nat_gateway.nat.id
}

output "allocation_id" {
  value = aws_eip.nat.id
}

output "internet_gateway_id" {
  value = aws_internet_gateway.igw.id
}

output "prefix_list_id" {
  value = aws_ec2_managed_prefix_list.office.id
}

output "security_group_ids" {
  value = [aws_security_group.web.id, aws_security_group.db.id]
}

output "network_acl_id" {
  value = aws_network_acl.private.id
}

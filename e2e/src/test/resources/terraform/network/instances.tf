# Instances: a VPC with a public subnet, a security group, an AMI looked up with a data source, and two instances — a
# t3.micro with a public address, tags, user data and an instance profile, and an m5.large with a fixed private address.

data "aws_ami" "amazon_linux" {
  most_recent = true
  owners      = ["amazon"]

  filter {
    name   = "name"
    values = ["amzn-ami-hvm-*-x86_64-gp2"]
  }
}

resource "aws_vpc" "instances" {
  cidr_block           = "10.60.0.0/16"
  enable_dns_hostnames = true
}

resource "aws_subnet" "instances" {
  vpc_id            = aws_vpc.instances.id
  cidr_block        = "10.60.1.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_security_group" "instances" {
  name   = "web"
  vpc_id = aws_vpc.instances.id

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_instance" "web" {
  ami                         = data.aws_ami.amazon_linux.id
  instance_type               = "t3.micro"
  subnet_id                   = aws_subnet.instances.id
  vpc_security_group_ids      = [aws_security_group.instances.id]
  associate_public_ip_address = true
  iam_instance_profile        = "web-profile"
  user_data                   = "#!/bin/sh\necho hello\n"

  tags = {
    Name = "web"
  }
}

resource "aws_instance" "worker" {
  ami                    = data.aws_ami.amazon_linux.id
  instance_type          = "m5.large"
  subnet_id              = aws_subnet.instances.id
  vpc_security_group_ids = [aws_security_group.instances.id]
  private_ip             = "10.60.1.50"
}

output "instances_vpc_id" {
  value = aws_vpc.instances.id
}

output "web_id" {
  value = aws_instance.web.id
}

output "web_public_ip" {
  value = aws_instance.web.public_ip
}

output "worker_id" {
  value = aws_instance.worker.id
}

output "worker_private_ip" {
  value = aws_instance.worker.private_ip
}

# A cross-account endpoint service whose zones differ by name but not by ID: the provider (account 111111111111) runs
# an NLB-backed endpoint service in its "us-east-1a" and "us-east-1b"; the consumer (account 222222222222, whose zone
# names map to other zone IDs) places its subnets by zone ID, so its endpoint lands in the service's physical zones.

data "aws_availability_zones" "provider" {
  provider = aws.provider
  state    = "available"
}

data "aws_availability_zones" "consumer" {
  provider = aws.consumer
  state    = "available"
}

# The provider side, in its own "us-east-1a" and "us-east-1b".
resource "aws_vpc" "provider" {
  provider   = aws.provider
  cidr_block = "10.60.0.0/16"
}

resource "aws_subnet" "provider" {
  provider          = aws.provider
  count             = 2
  vpc_id            = aws_vpc.provider.id
  cidr_block        = cidrsubnet(aws_vpc.provider.cidr_block, 8, count.index)
  availability_zone = data.aws_availability_zones.provider.names[count.index]
}

resource "aws_lb" "zones" {
  provider           = aws.provider
  name               = "zones-service"
  internal           = true
  load_balancer_type = "network"
  subnets            = aws_subnet.provider[*].id
}

resource "aws_vpc_endpoint_service" "zones" {
  provider                   = aws.provider
  acceptance_required        = false
  network_load_balancer_arns = [aws_lb.zones.arn]
}

resource "aws_vpc_endpoint_service_allowed_principal" "consumer" {
  provider                = aws.provider
  vpc_endpoint_service_id = aws_vpc_endpoint_service.zones.id
  principal_arn           = "arn:aws:iam::222222222222:root"
}

# The consumer side: the same physical zones, chosen by zone ID.
resource "aws_vpc" "consumer" {
  provider   = aws.consumer
  cidr_block = "10.61.0.0/16"
}

resource "aws_subnet" "consumer" {
  provider             = aws.consumer
  count                = 2
  vpc_id               = aws_vpc.consumer.id
  cidr_block           = cidrsubnet(aws_vpc.consumer.cidr_block, 8, count.index)
  availability_zone_id = aws_subnet.provider[count.index].availability_zone_id
}

data "aws_vpc_endpoint_service" "seen_by_consumer" {
  provider     = aws.consumer
  service_name = aws_vpc_endpoint_service.zones.service_name
  depends_on   = [aws_vpc_endpoint_service_allowed_principal.consumer]
}

resource "aws_vpc_endpoint" "zones" {
  provider          = aws.consumer
  vpc_id            = aws_vpc.consumer.id
  service_name      = data.aws_vpc_endpoint_service.seen_by_consumer.service_name
  vpc_endpoint_type = "Interface"
  subnet_ids        = aws_subnet.consumer[*].id
}

output "provider_zones" {
  value = zipmap(data.aws_availability_zones.provider.names, data.aws_availability_zones.provider.zone_ids)
}

output "consumer_zones" {
  value = zipmap(data.aws_availability_zones.consumer.names, data.aws_availability_zones.consumer.zone_ids)
}

output "provider_subnet_zones" {
  value = aws_subnet.provider[*].availability_zone
}

output "provider_subnet_zone_ids" {
  value = aws_subnet.provider[*].availability_zone_id
}

output "consumer_subnet_zones" {
  value = aws_subnet.consumer[*].availability_zone
}

output "consumer_subnet_zone_ids" {
  value = aws_subnet.consumer[*].availability_zone_id
}

output "service_zones_seen_by_provider" {
  value = aws_vpc_endpoint_service.zones.availability_zones
}

output "service_zones_seen_by_consumer" {
  value = data.aws_vpc_endpoint_service.seen_by_consumer.availability_zones
}

output "zones_consumer_endpoint_id" {
  value = aws_vpc_endpoint.zones.id
}

output "zones_consumer_endpoint_state" {
  value = aws_vpc_endpoint.zones.state
}

# Route 53 Resolver query logging and a flow log to CloudWatch Logs: a VPC, two log groups, a query logging
# configuration to one of them associated with the VPC, and a flow log of the VPC to the other.

resource "aws_vpc" "query_logs" {
  cidr_block = "10.75.0.0/16"
}

resource "aws_cloudwatch_log_group" "dns_queries" {
  name = "/backlane/dns-queries"
}

resource "aws_cloudwatch_log_group" "vpc_flows" {
  name = "/backlane/vpc-flows"
}

resource "aws_route53_resolver_query_log_config" "dns" {
  name            = "vpc-dns-queries"
  destination_arn = aws_cloudwatch_log_group.dns_queries.arn

  tags = {
    team = "network"
  }
}

resource "aws_route53_resolver_query_log_config_association" "main" {
  resolver_query_log_config_id = aws_route53_resolver_query_log_config.dns.id
  resource_id                  = aws_vpc.query_logs.id
}

resource "aws_flow_log" "vpc" {
  vpc_id          = aws_vpc.query_logs.id
  traffic_type    = "ALL"
  log_destination = aws_cloudwatch_log_group.vpc_flows.arn
  iam_role_arn    = "arn:aws:iam::000000000000:role/flow-logs-delivery"
}

output "query_logs_vpc_id" {
  value = aws_vpc.query_logs.id
}

output "query_log_config_id" {
  value = aws_route53_resolver_query_log_config.dns.id
}

output "association_id" {
  value = aws_route53_resolver_query_log_config_association.main.id
}

output "query_logs_flow_log_id" {
  value = aws_flow_log.vpc.id
}

# CloudWatch Logs: a log group with retention and tags (the destination a flow log writes to), one of the
# infrequent-access class without retention, and a stream.

resource "aws_cloudwatch_log_group" "flow" {
  name              = "/vpc/flow-logs"
  retention_in_days = 30

  tags = {
    Name = "flow-logs"
    team = "network"
  }
}

resource "aws_cloudwatch_log_group" "archive" {
  name            = "/archive/queries"
  log_group_class = "INFREQUENT_ACCESS"
}

resource "aws_cloudwatch_log_stream" "eni" {
  name           = "eni-0a1b2c3d4e5f60718-all"
  log_group_name = aws_cloudwatch_log_group.flow.name
}

output "flow_arn" {
  value = aws_cloudwatch_log_group.flow.arn
}

output "stream_arn" {
  value = aws_cloudwatch_log_stream.eni.arn
}

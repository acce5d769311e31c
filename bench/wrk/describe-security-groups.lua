-- DescribeSecurityGroups filtered by a group-name wildcard with a literal prefix, e.g. load-1-000012*,
-- which matches ten of the groups that create-security-group.lua made (it drops the counter's last
-- digit). Arguments: the creators' label, the number of wrk threads that created, and how many groups
-- each made at least.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local q = require("ec2-query")

setup = q.setup
done = q.done

local label, creators, perCreator
function init(args)
  label = args[1]
  creators = tonumber(args[2])
  perCreator = tonumber(args[3])
  math.randomseed(tid * 7919)
end

request = function()
  local t = math.random(1, creators)
  local n = math.random(1, math.max(1, math.floor(perCreator / 10) - 1)) * 10
  local prefix = q.name(label, t, n):sub(1, -2)
  local body = "Action=DescribeSecurityGroups&Version=2016-11-15&Filter.1.Name=group-name&Filter.1.Value.1="
    .. prefix .. "*"
  return wrk.format("POST", "/", q.headers, body)
end

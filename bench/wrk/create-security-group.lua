-- CreateSecurityGroup in the default VPC, each call with a name no call used before:
-- <label>-<wrk thread>-<7-digit counter>; the label (the script's argument, default "load") keeps a
-- warm-up's names apart from the measured run's.
package.path = debug.getinfo(1, "S").source:match("@(.*/)") .. "?.lua;" .. package.path
local q = require("ec2-query")

setup = q.setup
done = q.done

local label = "load"
function init(args)
  label = args[1] or label
end

local n = 0
request = function()
  n = n + 1
  local body = "Action=CreateSecurityGroup&Version=2016-11-15&GroupName=" .. q.name(label, tid, n)
    .. "&GroupDescription=bench"
  return wrk.format("POST", "/", q.headers, body)
end

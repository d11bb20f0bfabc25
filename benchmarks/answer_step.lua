-- One full answer step per two requests: POST an answer (written to SQLite, 303), then GET the
-- next question page. Sessions come from a file (cookie, CSRF token and first question per
-- line, read from the page) so that no
-- session's answer log grows unrealistically long.
local sessions = {}
local step = 0

function init(args)
  for line in io.lines(args[1]) do
    local cookie, token, question = line:match("^(%S+) (%S+) (%S+)$")
    sessions[#sessions + 1] = {cookie = cookie, token = token, question = question}
  end
end

function request()
  step = step + 1
  local s = sessions[(math.floor(step / 2) % #sessions) + 1]
  local headers = {["Cookie"] = "kenri=" .. s.cookie, ["Accept-Encoding"] = "gzip"}
  if step % 2 == 1 then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
    return wrk.format("POST", "/q/1", headers,
                      "question=" .. s.question .. "&answer=no&csrf=" .. s.token)
  end
  return wrk.format("GET", "/q/2", headers)
end

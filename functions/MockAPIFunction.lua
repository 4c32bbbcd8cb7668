-- The mock API of the error-handling tutorial (seed 003): it answers with the status code it
-- is given, raising the error a real API client would raise for it.
local TooManyRequestsException = exception("TooManyRequestsException")
local ServerUnavailableException = exception("ServerUnavailableException")
local UnknownException = exception("UnknownException")

function handler(event, context)
  local statuscode = event.statuscode
  if statuscode == "429" then
    error(TooManyRequestsException("429 Too Many Requests"))
  elseif statuscode == "503" then
    error(ServerUnavailableException("503 Server Unavailable"))
  elseif statuscode == "200" then
    return "200 OK"
  else
    error(UnknownException("Unknown error"))
  end
end

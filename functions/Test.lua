-- Seed 001's function: it fails with TestError when asked to, and succeeds otherwise.
local TestError = exception("TestError")

function handler(event, context)
  if event.fail == true then
    error(TestError("the event asked for a failure"))
  end
  return "success"
end

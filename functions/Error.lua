-- Seed 001's error handler: the state machine's Catch routes a failed Test call here, and
-- the call shows up as "called error_handler" in the log group /aws/lambda/Error.
function handler(event, context)
  print("called error_handler")
end

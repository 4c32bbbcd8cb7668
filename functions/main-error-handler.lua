-- Seed 000's main error handler. A rule sends it the "Step Functions Execution Status
-- Change" event of every ingest or analysis execution that ends FAILED, ABORTED or
-- TIMED_OUT. It reads the execution's history to find the last error (the state, its error
-- and its cause), records it on the execution's item in the ingest table, and publishes the
-- status to the status topic (SNS) and the iot-status topic (IoT).
local sfn = aws.client("stepfunctions")
local dynamodb = aws.client("dynamodb")
local sns = aws.client("sns")
local iot = aws.client("iot-data")

-- The events whose details carry an error, by the member that holds them.
local failures = {
  "lambdaFunctionFailedEventDetails", "lambdaFunctionTimedOutEventDetails", "taskFailedEventDetails",
  "taskTimedOutEventDetails", "executionFailedEventDetails", "executionTimedOutEventDetails",
}

-- The last error of an execution: the state it happened in, its error and its cause.
local function last_error(execution_arn)
  local last, state, token = nil, nil, nil
  repeat
    local page = sfn.get_execution_history({executionArn = execution_arn, maxResults = 1000, nextToken = token})
    for _, event in ipairs(page.events) do
      if event.stateEnteredEventDetails then state = event.stateEnteredEventDetails.name end
      for _, member in ipairs(failures) do
        local details = event[member]
        if details and details.error then
          last = {state = state or "", error = details.error, cause = details.cause or ""}
        end
      end
    end
    token = page.nextToken
  until token == nil
  return last
end

function handler(event, context)
  local detail = event.detail
  local failure = last_error(detail.executionArn) or {
    state = "", error = detail.error ~= json.null and detail.error or detail.status,
    cause = detail.cause ~= json.null and detail.cause or "",
  }
  log.info("execution", detail.name, detail.status, "at", failure.state, failure.error)

  dynamodb.update_item({
    TableName = "ingest",
    Key = {id = {S = detail.name}},
    UpdateExpression = "SET #status = :status, #error = :error, executionArn = :arn, stateMachineArn = :machine",
    ExpressionAttributeNames = {["#status"] = "status", ["#error"] = "error"},
    ExpressionAttributeValues = {
      [":status"] = {S = detail.status},
      [":error"] = {M = {state = {S = failure.state}, error = {S = failure.error}, cause = {S = failure.cause}}},
      [":arn"] = {S = detail.executionArn},
      [":machine"] = {S = detail.stateMachineArn},
    },
  })

  local message = json.encode({
    id = detail.name, executionArn = detail.executionArn, status = detail.status,
    state = failure.state, error = failure.error, cause = failure.cause,
  })
  sns.publish({
    TopicArn = "arn:aws:sns:us-east-1:123456789012:status",
    Subject = "Execution " .. detail.name .. " " .. detail.status,
    Message = message,
    MessageAttributes = {status = {DataType = "String", StringValue = detail.status}},
  })
  iot.publish({topic = "iot-status", qos = 1, payload = message})
  return {id = detail.name, status = detail.status}
end

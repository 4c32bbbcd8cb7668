-- Stands in for SQS's SendMessage in the adapted LambdaSQSIntegration example: HybridPath
-- mocks LambdaState only, so SQSState calls this function for real.
function handler(event, context)
  print("sending to " .. event.QueueUrl)
  return {MessageId = "sent-by-lua", QueueUrl = event.QueueUrl}
end

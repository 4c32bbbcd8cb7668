-- Seed 000's analysis step: a source that cannot be analysed raises AnalysisError.
local AnalysisError = exception("AnalysisError")

function handler(event, context)
  if event.fail then error(AnalysisError("the source has no readable content")) end
  return {source = event.source, findings = 0}
end

-- Seed 000's ingest step: a source that cannot be reached fails the execution.
local SourceUnreachable = exception("SourceUnreachable")

function handler(event, context)
  if event.fail then
    error(SourceUnreachable("cannot reach " .. tostring(event.source or "the source")))
  end
  return {source = event.source, delaySeconds = event.delaySeconds, ingested = true}
end

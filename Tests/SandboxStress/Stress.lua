-- The stress driver: runs one library call a case names (event.call, a Lua expression),
-- says how its first run ended, then repeats it until the deadline stops the function. So
-- every case ends as Sandbox.Timedout (or Runtime.OutOfMemory), and the time it stopped at
-- shows whether the deadline held while that call ran.
function handler(event)
  local f, problem = load("return " .. event.call, "=case")
  if not f then
    print("CASE\tcompile-error\t" .. problem)
    error(problem)
  end
  local ok, result = pcall(f)
  local shown, text = pcall(tostring, result)
  local what = ok and ("returned " .. type(result)) or ("error " .. (shown and text or "(an error object tostring cannot show)"))
  print("CASE\t" .. (ok and "returned" or "error") .. "\t" .. what:sub(1, 160):gsub("[\r\n\t]", " "))
  while true do pcall(f) end
end

/// Lua run in every environment before the function's script: the authoring API for named
/// errors. It keeps what it needs in locals, so a script that replaces globals or library
/// functions cannot change how errors are built.
///
///     local TooManyRequests = exception("TooManyRequestsException")
///     error(TooManyRequests("429 Too Many Requests"))
///
/// raises an error whose `errorType` is `TooManyRequestsException`. `error({errorType = "X",
/// errorMessage = "m"})` does the same without a constructor.
///
/// It also makes the host APIs, as boto3's clients look to a Python function:
///
///     local sfn = aws.client("stepfunctions")
///     local history = sfn.get_execution_history({executionArn = arn})
///
/// A call the host refuses raises a named error (such as `AccessDeniedException`) the script
/// may catch with pcall.
///
/// And `log.debug/info/warn/error` write a table as JSON, by the host's writer, where Lambda's
/// Python runtime writes a dict as `str(dict)`; `print` stays Lua's own.
enum Prelude {
    static let chunkName = "=prelude"

    static let source = #"""
    local setmetatable, getmetatable, tostring, type, error, rawset = setmetatable, getmetatable, tostring, type, error, rawset
    local pcall, ipairs, pack, unpack = pcall, ipairs, table.pack, table.unpack
    local utf8len = utf8.len
    local host_call = __host_call
    __host_call = nil

    local Exception = {}
    Exception.__index = Exception
    Exception.__tostring = function(e)
      if e.errorMessage == nil or e.errorMessage == "" then return e.errorType end
      return e.errorType .. ": " .. e.errorMessage
    end

    function exception(name)
      if type(name) ~= "string" or name == "" then
        error("exception(name): the name must be a non-empty string", 2)
      end
      return setmetatable({errorType = name}, {
        __call = function(_, message)
          if message == nil then message = "" end
          return setmetatable({errorType = name, errorMessage = tostring(message)}, Exception)
        end,
        __tostring = function() return "exception " .. name end,
      })
    end

    -- json.encode(value) and json.decode(text), as the host writes and reads JSON.
    function json.encode(value)
      local ok, result = host_call("json:encode", value)
      if not ok then error(setmetatable(result, Exception), 2) end
      return result
    end

    function json.decode(text)
      local ok, result = host_call("json:decode", text)
      if not ok then error(setmetatable(result, Exception), 2) end
      return result
    end

    -- log.debug/info/warn/error(...): a table is written as JSON, unless it says how to
    -- print itself (__tostring, as exceptions do) or cannot be JSON (a cycle, a function),
    -- when it is written as tostring gives it.
    local function loggable(value)
      if type(value) ~= "table" then return value end
      local mt = getmetatable(value)
      if type(mt) == "table" and mt.__tostring ~= nil then return value end
      local called, ok, text = pcall(host_call, "json:encode", value)
      if called and ok then return text end
      return value
    end

    for _, level in ipairs({"debug", "info", "warn", "error"}) do
      local write = log[level]
      log[level] = function(...)
        local args = pack(...)
        for i = 1, args.n do args[i] = loggable(args[i]) end
        return write(unpack(args, 1, args.n))
      end
    end

    local clients = {}
    aws = {}

    function aws.client(service)
      if type(service) ~= "string" then
        error("aws.client(service): the service must be a name such as \"stepfunctions\"", 2)
      end
      if clients[service] then return clients[service] end
      local client = {}
      setmetatable(client, {__index = function(_, action)
        -- client.action(params) and client:action(params) both work.
        local method = function(first, second)
          local params = first
          if first == client then params = second end
          -- A Lua string is bytes, a host call's string text: a body that is not UTF-8 would
          -- arrive changed, so it is refused (docs/buckets.md, "Bodies").
          if service == "s3" and type(params) == "table" and type(params.Body) == "string" and not utf8len(params.Body) then
            error(setmetatable({errorType = "NotImplemented",
              errorMessage = "The Body is not UTF-8 text, and host passes a function's Body as text"}, Exception))
          end
          local ok, result = host_call(service .. ":" .. action, params or {})
          if not ok then error(setmetatable(result, Exception)) end
          return result
        end
        rawset(client, action, method)
        return method
      end})
      clients[service] = client
      return client
    end
    """#
}

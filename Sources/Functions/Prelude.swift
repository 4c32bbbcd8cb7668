/// Lua run in every environment before the function's script: the authoring API for named
/// errors. It keeps what it needs in locals, so a script that replaces globals or library
/// functions cannot change how errors are built.
///
///     local TooManyRequests = exception("TooManyRequestsException")
///     error(TooManyRequests("429 Too Many Requests"))
///
/// raises an error whose `errorType` is `TooManyRequestsException`. `error({errorType = "X",
/// errorMessage = "m"})` does the same without a constructor.
enum Prelude {
    static let chunkName = "=prelude"

    static let source = #"""
    local setmetatable, tostring, type, error = setmetatable, tostring, type, error

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
    """#
}

-- Conformance cases for string.find / match / gmatch / gsub (Lua 5.4 pattern matching).
-- Every expected value below was produced by running the case with the real Lua 5.4.4
-- interpreter (lua5.4); the sandbox's own implementation must give the same results.
-- Error cases compare the message without its position prefix and function name.
-- Uses only the string library, select, pcall, type, tostring and math.type (no io, require,
-- debug or load). Defines handler(event, context) returning {passed = n, failed = {...}}.

local function pack(...)
  return {n = select("#", ...), ...}
end

-- One value as text: "integer:3", "float:1.5", "string:abc", "nil:nil", ...
local function render(v)
  local t = type(v)
  if t == "number" then
    return (math.type(v) or "number") .. ":" .. tostring(v)
  end
  return t .. ":" .. tostring(v)
end

-- Runs a gmatch iterator to its end (at most 50 steps) and returns everything it produced.
local function collect(it)
  local out = ""
  for _ = 1, 50 do
    local r = pack(it())
    if r[1] == nil then
      return out .. "END(" .. r.n .. ")"
    end
    for i = 1, r.n do
      out = out .. render(r[i]) .. ","
    end
    out = out .. ";"
  end
  return out .. "STOPPED"
end

-- Calls an exhausted gmatch iterator again.
local function gmatch_twice(s, p)
  local it = string.gmatch(s, p)
  local first = collect(it)
  local again = pack(it())
  return first .. " again:" .. again.n .. ":" .. tostring(again[1])
end

-- Plain substring test written without the pattern functions under test.
local function has_at(s, sub, i)
  return s:sub(i, i + #sub - 1) == sub
end

-- An error message without what depends on how the function was reached: the "chunk:line: "
-- position and the function name in "bad argument #n to 'name' (...)".
local function normalize_error(msg)
  if type(msg) ~= "string" then
    return "non-string error: " .. tostring(msg)
  end
  for i = 1, #msg do
    if has_at(msg, "bad argument #", i) then
      local open = nil
      for j = i, #msg do
        if msg:sub(j, j) == "'" then
          if open == nil then
            open = j
          else
            return msg:sub(i, open) .. "?" .. msg:sub(j)
          end
        end
      end
      return msg:sub(i)
    end
  end
  return msg
end

-- Expects f(...) to raise an error; returns "error" and the normalized message.
local function err(f, ...)
  local r = pack(pcall(f, ...))
  if r[1] then
    local vals = ""
    for i = 2, r.n do vals = vals .. render(r[i]) .. "," end
    return "no error", vals
  end
  return "error", normalize_error(r[2])
end

local cases = {
  {"string.find(\"hello world\", \"o w\")", function() return string.find("hello world", "o w") end,
   {n = 2, 5, 7}},
  {"string.find(\"hello world\", \"l+\")", function() return string.find("hello world", "l+") end,
   {n = 2, 3, 4}},
  {"string.find(\"hello world\", \"o\", 6)", function() return string.find("hello world", "o", 6) end,
   {n = 2, 8, 8}},
  {"string.find(\"hello\", \"l\", -2)", function() return string.find("hello", "l", -2) end,
   {n = 2, 4, 4}},
  {"string.find(\"hello\", \"l\", -100)", function() return string.find("hello", "l", -100) end,
   {n = 2, 3, 3}},
  {"string.find(\"hello\", \"h\", 0)", function() return string.find("hello", "h", 0) end,
   {n = 2, 1, 1}},
  {"string.find(\"hello\", \"\", 10)", function() return string.find("hello", "", 10) end,
   {n = 1, nil}},
  {"string.find(\"hello\", \"\", 6)", function() return string.find("hello", "", 6) end,
   {n = 2, 6, 5}},
  {"string.find(\"hello\", \"\", 7)", function() return string.find("hello", "", 7) end,
   {n = 1, nil}},
  {"string.find(\"\", \"\")", function() return string.find("", "") end,
   {n = 2, 1, 0}},
  {"string.find(\"\", \"a\")", function() return string.find("", "a") end,
   {n = 1, nil}},
  {"string.find(\"a.b\", \".\", 1, true)", function() return string.find("a.b", ".", 1, true) end,
   {n = 2, 2, 2}},
  {"string.find(\"a+b\", \"+\", 1, true)", function() return string.find("a+b", "+", 1, true) end,
   {n = 2, 2, 2}},
  {"string.find(\"a+b\", \"+\")", function() return string.find("a+b", "+") end,
   {n = 2, 2, 2}},
  {"string.find(\"a+b\", \"a+b\", 1, true)", function() return string.find("a+b", "a+b", 1, true) end,
   {n = 2, 1, 3}},
  {"string.find(\"a+b\", \"%+\")", function() return string.find("a+b", "%+") end,
   {n = 2, 2, 2}},
  {"string.find(\"x[y\", \"[\", 1, true)", function() return string.find("x[y", "[", 1, true) end,
   {n = 2, 2, 2}},
  {"string.find(\"abc\", \"c\", math.mininteger)", function() return string.find("abc", "c", math.mininteger) end,
   {n = 2, 3, 3}},
  {"string.find(\"abc\", \"c\", math.maxinteger)", function() return string.find("abc", "c", math.maxinteger) end,
   {n = 1, nil}},
  {"string.find(\"abc\", \"b\", 2, false)", function() return string.find("abc", "b", 2, false) end,
   {n = 2, 2, 2}},
  {"string.find(\"abc\", \"b\", 3, nil)", function() return string.find("abc", "b", 3, nil) end,
   {n = 1, nil}},
  {"string.find(\"a\\0b\", \"\\0\", 1, true)", function() return string.find("a\0b", "\0", 1, true) end,
   {n = 2, 2, 2}},
  {"string.find(\"a\\0b\", \"b\\0\")", function() return string.find("a\0b", "b\0") end,
   {n = 1, nil}},
  {"string.find(\"a\\0b\", \"%z\")", function() return string.find("a\0b", "%z") end,
   {n = 2, 2, 2}},
  {"string.find(\"hello\", \"(l)(l)\")", function() return string.find("hello", "(l)(l)") end,
   {n = 4, 3, 4, "l", "l"}},
  {"string.find(\"hello\", \"()ll()\")", function() return string.find("hello", "()ll()") end,
   {n = 4, 3, 4, 3, 5}},
  {"string.find(\"hello\", \"^h\")", function() return string.find("hello", "^h") end,
   {n = 2, 1, 1}},
  {"string.find(\"hello\", \"^e\")", function() return string.find("hello", "^e") end,
   {n = 1, nil}},
  {"string.find(\"hello\", \"o$\")", function() return string.find("hello", "o$") end,
   {n = 2, 5, 5}},
  {"string.find(\"hello\", \"^hello$\")", function() return string.find("hello", "^hello$") end,
   {n = 2, 1, 5}},
  {"string.find(\"abc\", \"^b\", 2)", function() return string.find("abc", "^b", 2) end,
   {n = 2, 2, 2}},
  {"string.find(\"THE (quick) fox\", \"%((%a+)%)\")", function() return string.find("THE (quick) fox", "%((%a+)%)") end,
   {n = 3, 5, 11, "quick"}},
  {"string.find(12345, 34)", function() return string.find(12345, 34) end,
   {n = 2, 3, 4}},
  {"string.find(\"  x\", \"%S\")", function() return string.find("  x", "%S") end,
   {n = 2, 3, 3}},
  {"string.find(\"aaa\", \"a-\", 2)", function() return string.find("aaa", "a-", 2) end,
   {n = 2, 2, 1}},
  {"string.find(\"aaab\", \"a-b\")", function() return string.find("aaab", "a-b") end,
   {n = 2, 1, 4}},
  {"string.find(\"abc\", \"[b-]\")", function() return string.find("abc", "[b-]") end,
   {n = 2, 2, 2}},
  {"string.find(\"a-c\", \"[b-]\")", function() return string.find("a-c", "[b-]") end,
   {n = 2, 2, 2}},
  {"string.match(\"hello world\", \"%w+\")", function() return string.match("hello world", "%w+") end,
   {n = 1, "hello"}},
  {"string.match(\"hello world\", \"(%w+) (%w+)\")", function() return string.match("hello world", "(%w+) (%w+)") end,
   {n = 2, "hello", "world"}},
  {"string.match(\"key = value\", \"(%w+)%s*=%s*(%w+)\")", function() return string.match("key = value", "(%w+)%s*=%s*(%w+)") end,
   {n = 2, "key", "value"}},
  {"string.match(\"  trim me  \", \"^%s*(.-)%s*$\")", function() return string.match("  trim me  ", "^%s*(.-)%s*$") end,
   {n = 1, "trim me"}},
  {"string.match(\"2024-01-15\", \"(%d+)-(%d+)-(%d+)\")", function() return string.match("2024-01-15", "(%d+)-(%d+)-(%d+)") end,
   {n = 3, "2024", "01", "15"}},
  {"string.match(\"hello\", \".-\")", function() return string.match("hello", ".-") end,
   {n = 1, ""}},
  {"string.match(\"hello\", \".*\")", function() return string.match("hello", ".*") end,
   {n = 1, "hello"}},
  {"string.match(\"hello\", \"l*\")", function() return string.match("hello", "l*") end,
   {n = 1, ""}},
  {"string.match(\"hello\", \"l+\")", function() return string.match("hello", "l+") end,
   {n = 1, "ll"}},
  {"string.match(\"hello\", \"x?h\")", function() return string.match("hello", "x?h") end,
   {n = 1, "h"}},
  {"string.match(\"hello\", \"h?e\")", function() return string.match("hello", "h?e") end,
   {n = 1, "he"}},
  {"string.match(\"hello\", \"()ll()\")", function() return string.match("hello", "()ll()") end,
   {n = 2, 3, 5}},
  {"string.match(\"hello\", \"()\")", function() return string.match("hello", "()") end,
   {n = 1, 1}},
  {"string.match(\"hello\", \"\", 3)", function() return string.match("hello", "", 3) end,
   {n = 1, ""}},
  {"string.match(\"hello\", \"o\", -1)", function() return string.match("hello", "o", -1) end,
   {n = 1, "o"}},
  {"string.match(\"hello\", \".\", 10)", function() return string.match("hello", ".", 10) end,
   {n = 1, nil}},
  {"string.match(\"hello\", \"$\", 6)", function() return string.match("hello", "$", 6) end,
   {n = 1, ""}},
  {"string.match(\"hello\", \"^\", 6)", function() return string.match("hello", "^", 6) end,
   {n = 1, ""}},
  {"string.match(\"hello\", \"(h)(e)(l)(l)(o)\")", function() return string.match("hello", "(h)(e)(l)(l)(o)") end,
   {n = 5, "h", "e", "l", "l", "o"}},
  {"string.match(\"alo xyzK\", \"(%w+)K\")", function() return string.match("alo xyzK", "(%w+)K") end,
   {n = 1, "xyz"}},
  {"string.match(\"254 K\", \"(%d*)K\")", function() return string.match("254 K", "(%d*)K") end,
   {n = 1, ""}},
  {"string.match(\"alo \", \"(%w*)$\")", function() return string.match("alo ", "(%w*)$") end,
   {n = 1, ""}},
  {"string.match(\"alo \", \"(%w+)$\")", function() return string.match("alo ", "(%w+)$") end,
   {n = 1, nil}},
  {"string.match(\"0123456789\", \"(.+(.?)())\")", function() return string.match("0123456789", "(.+(.?)())") end,
   {n = 3, "0123456789", "", 11}},
  {"string.match(\"abc\", \"a$b\")", function() return string.match("abc", "a$b") end,
   {n = 1, nil}},
  {"string.match(\"a$b\", \"a$b\")", function() return string.match("a$b", "a$b") end,
   {n = 1, "a$b"}},
  {"string.match(\"a^b\", \"a^b\")", function() return string.match("a^b", "a^b") end,
   {n = 1, "a^b"}},
  {"string.match(\"^b\", \"^^b\")", function() return string.match("^b", "^^b") end,
   {n = 1, "^b"}},
  {"string.match(\"abc\", \"%a%a%a\")", function() return string.match("abc", "%a%a%a") end,
   {n = 1, "abc"}},
  {"string.match(\"aB1 _.\\t\", \"%a+\")", function() return string.match("aB1 _.\t", "%a+") end,
   {n = 1, "aB"}},
  {"string.match(\"aB1 _.\\t\", \"%A+\")", function() return string.match("aB1 _.\t", "%A+") end,
   {n = 1, "1 _.\9"}},
  {"string.match(\"aB1 _.\\t\", \"%u\")", function() return string.match("aB1 _.\t", "%u") end,
   {n = 1, "B"}},
  {"string.match(\"aB1 _.\\t\", \"%l%u\")", function() return string.match("aB1 _.\t", "%l%u") end,
   {n = 1, "aB"}},
  {"string.match(\"aB1 _.\\t\", \"%d\")", function() return string.match("aB1 _.\t", "%d") end,
   {n = 1, "1"}},
  {"string.match(\"aB1 _.\\t\", \"%D+\")", function() return string.match("aB1 _.\t", "%D+") end,
   {n = 1, "aB"}},
  {"string.match(\"aB1 _.\\t\", \"%s+\")", function() return string.match("aB1 _.\t", "%s+") end,
   {n = 1, " "}},
  {"string.match(\"aB1 _.\\t\", \"%S+\")", function() return string.match("aB1 _.\t", "%S+") end,
   {n = 1, "aB1"}},
  {"string.match(\"aB1 _.\\t\", \"%w+\")", function() return string.match("aB1 _.\t", "%w+") end,
   {n = 1, "aB1"}},
  {"string.match(\"aB1 _.\\t\", \"%W+\")", function() return string.match("aB1 _.\t", "%W+") end,
   {n = 1, " _.\9"}},
  {"string.match(\"aB1 _.\\t\", \"%p+\")", function() return string.match("aB1 _.\t", "%p+") end,
   {n = 1, "_."}},
  {"string.match(\"aB1 _.\\t\", \"%P+\")", function() return string.match("aB1 _.\t", "%P+") end,
   {n = 1, "aB1 "}},
  {"string.match(\"aB1 _.\\t\", \"%c\")", function() return string.match("aB1 _.\t", "%c") end,
   {n = 1, "\9"}},
  {"string.match(\"aB1 _.\\t\", \"%C+\")", function() return string.match("aB1 _.\t", "%C+") end,
   {n = 1, "aB1 _."}},
  {"string.match(\"aB1 _.\\t\", \"%g+\")", function() return string.match("aB1 _.\t", "%g+") end,
   {n = 1, "aB1"}},
  {"string.match(\"aB1 _.\\t\", \"%G+\")", function() return string.match("aB1 _.\t", "%G+") end,
   {n = 1, " "}},
  {"string.match(\"deadBEEFxyz\", \"%x+\")", function() return string.match("deadBEEFxyz", "%x+") end,
   {n = 1, "deadBEEF"}},
  {"string.match(\"deadBEEFxyz\", \"%X+\")", function() return string.match("deadBEEFxyz", "%X+") end,
   {n = 1, "xyz"}},
  {"string.match(\"a\\0b\", \"%z\")", function() return string.match("a\0b", "%z") end,
   {n = 1, "\0"}},
  {"string.match(\"a.b\", \"%.\")", function() return string.match("a.b", "%.") end,
   {n = 1, "."}},
  {"string.match(\"100%\", \"%d+%%\")", function() return string.match("100%", "%d+%%") end,
   {n = 1, "100%"}},
  {"string.match(\"f(x)\", \"%((.)%)\")", function() return string.match("f(x)", "%((.)%)") end,
   {n = 1, "x"}},
  {"string.match(\"a]b\", \"[]]\")", function() return string.match("a]b", "[]]") end,
   {n = 1, "]"}},
  {"string.match(\"a]b\", \"[^]]+\")", function() return string.match("a]b", "[^]]+") end,
   {n = 1, "a"}},
  {"string.match(\"x-y\", \"[a-]\")", function() return string.match("x-y", "[a-]") end,
   {n = 1, "-"}},
  {"string.match(\"x-y\", \"[-a]\")", function() return string.match("x-y", "[-a]") end,
   {n = 1, "-"}},
  {"string.match(\"b\", \"[a-c-e]\")", function() return string.match("b", "[a-c-e]") end,
   {n = 1, "b"}},
  {"string.match(\"-\", \"[a-c-e]\")", function() return string.match("-", "[a-c-e]") end,
   {n = 1, "-"}},
  {"string.match(\"d\", \"[a-c-e]\")", function() return string.match("d", "[a-c-e]") end,
   {n = 1, nil}},
  {"string.match(\"%\", \"[%%]\")", function() return string.match("%", "[%%]") end,
   {n = 1, "%"}},
  {"string.match(\"ab]c\", \"[a%]b]+\")", function() return string.match("ab]c", "[a%]b]+") end,
   {n = 1, "ab]"}},
  {"string.match(\"^x\", \"[%^x]+\")", function() return string.match("^x", "[%^x]+") end,
   {n = 1, "^x"}},
  {"string.match(\"a1_b2\", \"[%w_]+\")", function() return string.match("a1_b2", "[%w_]+") end,
   {n = 1, "a1_b2"}},
  {"string.match(\"A1 b2\", \"[^%s]+\")", function() return string.match("A1 b2", "[^%s]+") end,
   {n = 1, "A1"}},
  {"string.match(\"hello123\", \"[a-z]+\")", function() return string.match("hello123", "[a-z]+") end,
   {n = 1, "hello"}},
  {"string.match(\"HELLO\", \"[a-z]\")", function() return string.match("HELLO", "[a-z]") end,
   {n = 1, nil}},
  {"string.match(\"z\", \"[b-a]\")", function() return string.match("z", "[b-a]") end,
   {n = 1, nil}},
  {"string.match(\".\", \"[.]\")", function() return string.match(".", "[.]") end,
   {n = 1, "."}},
  {"string.match(\"THE (quick) fox\", \"%f[%a]%a+\")", function() return string.match("THE (quick) fox", "%f[%a]%a+") end,
   {n = 1, "THE"}},
  {"string.match(\"THE (quick) fox\", \"%f[%l]%a+\")", function() return string.match("THE (quick) fox", "%f[%l]%a+") end,
   {n = 1, "quick"}},
  {"string.match(\"hello world\", \"%f[%w]%w+$\")", function() return string.match("hello world", "%f[%w]%w+$") end,
   {n = 1, "world"}},
  {"string.match(\"abc\", \"%f[%z]\")", function() return string.match("abc", "%f[%z]") end,
   {n = 1, ""}},
  {"string.match(\"abc\", \".%f[%z]\")", function() return string.match("abc", ".%f[%z]") end,
   {n = 1, "c"}},
  {"string.match(\"abc\", \"%f[^%z]\")", function() return string.match("abc", "%f[^%z]") end,
   {n = 1, ""}},
  {"string.match(\"THE (quick) fox\", \"%b()\")", function() return string.match("THE (quick) fox", "%b()") end,
   {n = 1, "(quick)"}},
  {"string.match(\"[[x]] y\", \"%b[]\")", function() return string.match("[[x]] y", "%b[]") end,
   {n = 1, "[[x]]"}},
  {"string.match(\"(()\", \"%b()\")", function() return string.match("(()", "%b()") end,
   {n = 1, "()"}},
  {"string.match(\"(()))\", \"%b()\")", function() return string.match("(()))", "%b()") end,
   {n = 1, "(())"}},
  {"string.match(\"aab\", \"%bab\")", function() return string.match("aab", "%bab") end,
   {n = 1, "ab"}},
  {"string.match(\"abb\", \"%bab\")", function() return string.match("abb", "%bab") end,
   {n = 1, "ab"}},
  {"string.match(\"aa\", \"%baa\")", function() return string.match("aa", "%baa") end,
   {n = 1, "aa"}},
  {"string.match(\"if (a and (b or c)) then\", \"if (%b()) then\")", function() return string.match("if (a and (b or c)) then", "if (%b()) then") end,
   {n = 1, "(a and (b or c))"}},
  {"string.match(\"xx\", \"(x)%1\")", function() return string.match("xx", "(x)%1") end,
   {n = 1, "x"}},
  {"string.match(\"xy\", \"(x)%1\")", function() return string.match("xy", "(x)%1") end,
   {n = 1, nil}},
  {"string.match(\"abab\", \"((a)b)%1\")", function() return string.match("abab", "((a)b)%1") end,
   {n = 2, "ab", "a"}},
  {"string.match(\"abab\", \"((a)b)%2\")", function() return string.match("abab", "((a)b)%2") end,
   {n = 2, "ab", "a"}},
  {"string.match(\"say \\\"hi\\\" now\", \"([\\\"'])(.-)%1\")", function() return string.match("say \"hi\" now", "([\"'])(.-)%1") end,
   {n = 2, "\"", "hi"}},
  {"string.match(\"aaa\", \"(a)%1*\")", function() return string.match("aaa", "(a)%1*") end,
   {n = 1, nil}},
  {"string.match(\"x\", (\"(x?)\"):rep(32))", function() return string.match("x", ("(x?)"):rep(32)) end,
   {n = 32, "x", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", "", ""}},
  {"string.match((\"a\"):rep(300), (\"a?\"):rep(199))", function() return string.match(("a"):rep(300), ("a?"):rep(199)) end,
   {n = 1, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}},
  {"string.match((\"a\"):rep(300), (\"a\"):rep(250))", function() return string.match(("a"):rep(300), ("a"):rep(250)) end,
   {n = 1, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}},
  {"string.match(\"x\", \"x\", 1.0)", function() return string.match("x", "x", 1.0) end,
   {n = 1, "x"}},
  {"string.match(\"x\", \"x\", \"1\")", function() return string.match("x", "x", "1") end,
   {n = 1, "x"}},
  {"string.gsub(\"hello world\", \"o\", \"0\")", function() return string.gsub("hello world", "o", "0") end,
   {n = 2, "hell0 w0rld", 2}},
  {"string.gsub(\"hello world\", \"(o)\", \"[%1]\")", function() return string.gsub("hello world", "(o)", "[%1]") end,
   {n = 2, "hell[o] w[o]rld", 2}},
  {"string.gsub(\"hello world\", \"\", \"-\")", function() return string.gsub("hello world", "", "-") end,
   {n = 2, "-h-e-l-l-o- -w-o-r-l-d-", 12}},
  {"string.gsub(\"hello world\", \"%w+\", \"%0 %0\", 1)", function() return string.gsub("hello world", "%w+", "%0 %0", 1) end,
   {n = 2, "hello hello world", 1}},
  {"string.gsub(\"hello world\", \"%w+\", \"%0 %0\", 0)", function() return string.gsub("hello world", "%w+", "%0 %0", 0) end,
   {n = 2, "hello world", 0}},
  {"string.gsub(\"hello world\", \"%w+\", \"%0 %0\", -1)", function() return string.gsub("hello world", "%w+", "%0 %0", -1) end,
   {n = 2, "hello world", 0}},
  {"string.gsub(\"hello world\", \"(%w+) (%w+)\", \"%2 %1\")", function() return string.gsub("hello world", "(%w+) (%w+)", "%2 %1") end,
   {n = 2, "world hello", 1}},
  {"string.gsub(\"hello\", \"l\", \"%%\")", function() return string.gsub("hello", "l", "%%") end,
   {n = 2, "he%%o", 2}},
  {"string.gsub(\"hello\", \"l\", \"%1\")", function() return string.gsub("hello", "l", "%1") end,
   {n = 2, "hello", 2}},
  {"string.gsub(\"hello\", \"()l\", \"%1\")", function() return string.gsub("hello", "()l", "%1") end,
   {n = 2, "he34o", 2}},
  {"string.gsub(\"hello\", \"l\", {l = \"L\"})", function() return string.gsub("hello", "l", {l = "L"}) end,
   {n = 2, "heLLo", 2}},
  {"string.gsub(\"hello\", \"l\", {l = false})", function() return string.gsub("hello", "l", {l = false}) end,
   {n = 2, "hello", 2}},
  {"string.gsub(\"hello\", \"l\", {l = 7})", function() return string.gsub("hello", "l", {l = 7}) end,
   {n = 2, "he77o", 2}},
  {"string.gsub(\"hello\", \"l\", {})", function() return string.gsub("hello", "l", {}) end,
   {n = 2, "hello", 2}},
  {"string.gsub(\"hello\", \"()l\", {[3] = \"T\"})", function() return string.gsub("hello", "()l", {[3] = "T"}) end,
   {n = 2, "heTlo", 2}},
  {"string.gsub(\"hello\", \"(h)(e)\", {h = \"H\"})", function() return string.gsub("hello", "(h)(e)", {h = "H"}) end,
   {n = 2, "Hllo", 1}},
  {"string.gsub(\"hello\", \"l\", function(x) return nil end)", function() return string.gsub("hello", "l", function(x) return nil end) end,
   {n = 2, "hello", 2}},
  {"string.gsub(\"hello\", \"l\", function(x) return false end)", function() return string.gsub("hello", "l", function(x) return false end) end,
   {n = 2, "hello", 2}},
  {"string.gsub(\"hello\", \"(l)(l)\", function(a, b) return b .. a .. \"!\" end)", function() return string.gsub("hello", "(l)(l)", function(a, b) return b .. a .. "!" end) end,
   {n = 2, "hell!o", 1}},
  {"string.gsub(\"hello\", \"l\", function(x) return 1.5 end)", function() return string.gsub("hello", "l", function(x) return 1.5 end) end,
   {n = 2, "he1.51.5o", 2}},
  {"string.gsub(\"hello\", \"()\", function(p) return p end)", function() return string.gsub("hello", "()", function(p) return p end) end,
   {n = 2, "1h2e3l4l5o6", 6}},
  {"string.gsub(\"hello\", \"%w\", function(c) return c:upper() end, 2)", function() return string.gsub("hello", "%w", function(c) return c:upper() end, 2) end,
   {n = 2, "HEllo", 2}},
  {"string.gsub(\"hello\", \"l\", 5)", function() return string.gsub("hello", "l", 5) end,
   {n = 2, "he55o", 2}},
  {"string.gsub(\"hello\", \"l\", 5.5)", function() return string.gsub("hello", "l", 5.5) end,
   {n = 2, "he5.55.5o", 2}},
  {"string.gsub(\"hello\", \"l\", \"x\", 1.0)", function() return string.gsub("hello", "l", "x", 1.0) end,
   {n = 2, "hexlo", 1}},
  {"string.gsub(\"hello\", \"^h\", \"H\")", function() return string.gsub("hello", "^h", "H") end,
   {n = 2, "Hello", 1}},
  {"string.gsub(\"hello\", \"^\", \">\")", function() return string.gsub("hello", "^", ">") end,
   {n = 2, ">hello", 1}},
  {"string.gsub(\"hello\", \"$\", \"!\")", function() return string.gsub("hello", "$", "!") end,
   {n = 2, "hello!", 1}},
  {"string.gsub(\"hello\", \"^$\", \"!\")", function() return string.gsub("hello", "^$", "!") end,
   {n = 2, "hello", 0}},
  {"string.gsub(\"\", \"^$\", \"!\")", function() return string.gsub("", "^$", "!") end,
   {n = 2, "!", 1}},
  {"string.gsub(\"\", \"\", \"x\")", function() return string.gsub("", "", "x") end,
   {n = 2, "x", 1}},
  {"string.gsub(\"abc\", \".-\", \"-\")", function() return string.gsub("abc", ".-", "-") end,
   {n = 2, "-a-b-c-", 4}},
  {"string.gsub(\"abc\", \"x*\", \"-\")", function() return string.gsub("abc", "x*", "-") end,
   {n = 2, "-a-b-c-", 4}},
  {"string.gsub(\"abc\", \"b*\", \"-\")", function() return string.gsub("abc", "b*", "-") end,
   {n = 2, "-a-c-", 3}},
  {"string.gsub(\"aaa\", \"a*\", \"-\")", function() return string.gsub("aaa", "a*", "-") end,
   {n = 2, "-", 1}},
  {"string.gsub(\"abc d\", \"%f[%w]%w+\", \"<%0>\")", function() return string.gsub("abc d", "%f[%w]%w+", "<%0>") end,
   {n = 2, "<abc> <d>", 2}},
  {"string.gsub(\"x\", \"(()x)\", \"%2%1\")", function() return string.gsub("x", "(()x)", "%2%1") end,
   {n = 2, "1x", 1}},
  {"string.gsub(\"a,b,,c\", \",\", \";\")", function() return string.gsub("a,b,,c", ",", ";") end,
   {n = 2, "a;b;;c", 3}},
  {"string.gsub(\"a\\0b\\0c\", \"%z\", \"0\")", function() return string.gsub("a\0b\0c", "%z", "0") end,
   {n = 2, "a0b0c", 2}},
  {"string.gsub(\"one two  three\", \"%s+\", \" \")", function() return string.gsub("one two  three", "%s+", " ") end,
   {n = 2, "one two three", 2}},
  {"string.gsub(\"$x + $y\", \"%$(%w+)\", {x = \"1\", y = \"2\"})", function() return string.gsub("$x + $y", "%$(%w+)", {x = "1", y = "2"}) end,
   {n = 2, "1 + 2", 2}},
  {"string.gsub(\"abc\", \"%w\", \"%0%0\")", function() return string.gsub("abc", "%w", "%0%0") end,
   {n = 2, "aabbcc", 3}},
  {"string.gsub(\"abc\", \"\", \"\")", function() return string.gsub("abc", "", "") end,
   {n = 2, "abc", 4}},
  {"string.gsub(\"hello world\", \"o\", \"0\", 1)", function() return string.gsub("hello world", "o", "0", 1) end,
   {n = 2, "hell0 world", 1}},
  {"string.gsub(\"hello world\", \"[aeiou]\", string.upper)", function() return string.gsub("hello world", "[aeiou]", string.upper) end,
   {n = 2, "hEllO wOrld", 3}},
  {"string.gsub(\"abc\", \"b\", \"%%1\")", function() return string.gsub("abc", "b", "%%1") end,
   {n = 2, "a%1c", 1}},
  {"select(\"#\", string.gsub(\"abc\", \"b\", \"x\"))", function() return select("#", string.gsub("abc", "b", "x")) end,
   {n = 1, 2}},
  {"collect(string.gmatch(\"hello world from Lua\", \"%a+\"))", function() return collect(string.gmatch("hello world from Lua", "%a+")) end,
   {n = 1, "string:hello,;string:world,;string:from,;string:Lua,;END(0)"}},
  {"collect(string.gmatch(\"k=v, a=b\", \"(%w+)=(%w+)\"))", function() return collect(string.gmatch("k=v, a=b", "(%w+)=(%w+)")) end,
   {n = 1, "string:k,string:v,;string:a,string:b,;END(0)"}},
  {"collect(string.gmatch(\"abc\", \"\"))", function() return collect(string.gmatch("abc", "")) end,
   {n = 1, "string:,;string:,;string:,;string:,;END(0)"}},
  {"collect(string.gmatch(\"abc\", \"()\"))", function() return collect(string.gmatch("abc", "()")) end,
   {n = 1, "integer:1,;integer:2,;integer:3,;integer:4,;END(0)"}},
  {"collect(string.gmatch(\"abc\", \".-\"))", function() return collect(string.gmatch("abc", ".-")) end,
   {n = 1, "string:,;string:,;string:,;string:,;END(0)"}},
  {"collect(string.gmatch(\"abc\", \"x*\"))", function() return collect(string.gmatch("abc", "x*")) end,
   {n = 1, "string:,;string:,;string:,;string:,;END(0)"}},
  {"collect(string.gmatch(\"^a^a\", \"^a\"))", function() return collect(string.gmatch("^a^a", "^a")) end,
   {n = 1, "string:^a,;string:^a,;END(0)"}},
  {"collect(string.gmatch(\"aaa\", \"^a\"))", function() return collect(string.gmatch("aaa", "^a")) end,
   {n = 1, "END(0)"}},
  {"collect(string.gmatch(\"abc\", \".\", 2))", function() return collect(string.gmatch("abc", ".", 2)) end,
   {n = 1, "string:b,;string:c,;END(0)"}},
  {"collect(string.gmatch(\"abc\", \".\", -1))", function() return collect(string.gmatch("abc", ".", -1)) end,
   {n = 1, "string:c,;END(0)"}},
  {"collect(string.gmatch(\"abc\", \".\", 10))", function() return collect(string.gmatch("abc", ".", 10)) end,
   {n = 1, "END(0)"}},
  {"collect(string.gmatch(\"abc\", \"\", 4))", function() return collect(string.gmatch("abc", "", 4)) end,
   {n = 1, "string:,;END(0)"}},
  {"collect(string.gmatch(\"abc\", \"\", 5))", function() return collect(string.gmatch("abc", "", 5)) end,
   {n = 1, "END(0)"}},
  {"collect(string.gmatch(\"abc\", \"\", -10))", function() return collect(string.gmatch("abc", "", -10)) end,
   {n = 1, "string:,;string:,;string:,;string:,;END(0)"}},
  {"collect(string.gmatch(\"a,b,,c\", \"([^,]*)\"))", function() return collect(string.gmatch("a,b,,c", "([^,]*)")) end,
   {n = 1, "string:a,;string:b,;string:,;string:c,;END(0)"}},
  {"collect(string.gmatch(\"abc\", \"a*$\"))", function() return collect(string.gmatch("abc", "a*$")) end,
   {n = 1, "string:,;END(0)"}},
  {"collect(string.gmatch(\"one two\", \"()(%a+)()\"))", function() return collect(string.gmatch("one two", "()(%a+)()")) end,
   {n = 1, "integer:1,string:one,integer:4,;integer:5,string:two,integer:8,;END(0)"}},
  {"collect(string.gmatch(\"(a)(b(c))\", \"%b()\"))", function() return collect(string.gmatch("(a)(b(c))", "%b()")) end,
   {n = 1, "string:(a),;string:(b(c)),;END(0)"}},
  {"collect(string.gmatch(\"THE (quick) fox\", \"%f[%a]%a\"))", function() return collect(string.gmatch("THE (quick) fox", "%f[%a]%a")) end,
   {n = 1, "string:T,;string:q,;string:f,;END(0)"}},
  {"collect(string.gmatch(\"aaa\", \"a-\"))", function() return collect(string.gmatch("aaa", "a-")) end,
   {n = 1, "string:,;string:,;string:,;string:,;END(0)"}},
  {"collect(string.gmatch(\"abab\", \"(a)(b)\"))", function() return collect(string.gmatch("abab", "(a)(b)")) end,
   {n = 1, "string:a,string:b,;string:a,string:b,;END(0)"}},
  {"gmatch_twice(\"ab\", \".\")", function() return gmatch_twice("ab", ".") end,
   {n = 1, "string:a,;string:b,;END(0) again:0:nil"}},
  {"err(string.find, \"abc\", \"%\")", function() return err(string.find, "abc", "%") end,
   {n = 2, "error", "malformed pattern (ends with '%')"}},
  {"err(string.find, \"abc\", \"[a\")", function() return err(string.find, "abc", "[a") end,
   {n = 2, "error", "malformed pattern (missing ']')"}},
  {"err(string.find, \"abc\", \"[]\")", function() return err(string.find, "abc", "[]") end,
   {n = 2, "error", "malformed pattern (missing ']')"}},
  {"err(string.find, \"abc\", \"[^]\")", function() return err(string.find, "abc", "[^]") end,
   {n = 2, "error", "malformed pattern (missing ']')"}},
  {"err(string.find, \"abc\", \"[%\")", function() return err(string.find, "abc", "[%") end,
   {n = 2, "error", "malformed pattern (missing ']')"}},
  {"err(string.find, \"abc\", \"%f\")", function() return err(string.find, "abc", "%f") end,
   {n = 2, "error", "missing '[' after '%f' in pattern"}},
  {"err(string.find, \"abc\", \"%fa\")", function() return err(string.find, "abc", "%fa") end,
   {n = 2, "error", "missing '[' after '%f' in pattern"}},
  {"err(string.find, \"abc\", \"%b\")", function() return err(string.find, "abc", "%b") end,
   {n = 2, "error", "malformed pattern (missing arguments to '%b')"}},
  {"err(string.find, \"abc\", \"%ba\")", function() return err(string.find, "abc", "%ba") end,
   {n = 2, "error", "malformed pattern (missing arguments to '%b')"}},
  {"err(string.find, \"abc\", \"(a\")", function() return err(string.find, "abc", "(a") end,
   {n = 2, "error", "unfinished capture"}},
  {"err(string.find, \"abc\", \"a)\")", function() return err(string.find, "abc", "a)") end,
   {n = 2, "no error", "nil:nil,"}},
  {"err(string.find, \"abc\", \"%1\")", function() return err(string.find, "abc", "%1") end,
   {n = 2, "error", "invalid capture index %1"}},
  {"err(string.find, \"abc\", \"(a)%2\")", function() return err(string.find, "abc", "(a)%2") end,
   {n = 2, "error", "invalid capture index %2"}},
  {"err(string.find, \"abc\", \"(a%1)\")", function() return err(string.find, "abc", "(a%1)") end,
   {n = 2, "error", "invalid capture index %1"}},
  {"err(string.find, \"abc\", \"%0\")", function() return err(string.find, "abc", "%0") end,
   {n = 2, "error", "invalid capture index %0"}},
  {"err(string.match, \"x\", (\"(x?)\"):rep(33))", function() return err(string.match, "x", ("(x?)"):rep(33)) end,
   {n = 2, "error", "too many captures"}},
  {"err(string.match, \"x\", (\"()\"):rep(33))", function() return err(string.match, "x", ("()"):rep(33)) end,
   {n = 2, "error", "too many captures"}},
  {"err(string.match, (\"a\"):rep(300), (\"a?\"):rep(200))", function() return err(string.match, ("a"):rep(300), ("a?"):rep(200)) end,
   {n = 2, "error", "pattern too complex"}},
  {"err(string.match, (\"a\"):rep(300), (\"a?\"):rep(300) .. \"b\")", function() return err(string.match, ("a"):rep(300), ("a?"):rep(300) .. "b") end,
   {n = 2, "error", "pattern too complex"}},
  {"err(string.gmatch(\"abc\", \"(\"))", function() return err(string.gmatch("abc", "(")) end,
   {n = 2, "error", "unfinished capture"}},
  {"err(string.gmatch(\"abc\", \"%\"))", function() return err(string.gmatch("abc", "%")) end,
   {n = 2, "error", "malformed pattern (ends with '%')"}},
  {"err(string.gsub, \"hello\", \"(\", \"x\")", function() return err(string.gsub, "hello", "(", "x") end,
   {n = 2, "no error", "string:xhxexlxlxox,integer:6,"}},
  {"err(string.gsub, \"hello\", \"%\", \"x\")", function() return err(string.gsub, "hello", "%", "x") end,
   {n = 2, "error", "malformed pattern (ends with '%')"}},
  {"err(string.gsub, \"hello\", \"l\", \"%2\")", function() return err(string.gsub, "hello", "l", "%2") end,
   {n = 2, "error", "invalid capture index %2"}},
  {"err(string.gsub, \"hello\", \"(l)\", \"%2\")", function() return err(string.gsub, "hello", "(l)", "%2") end,
   {n = 2, "error", "invalid capture index %2"}},
  {"err(string.gsub, \"hello\", \"(l)\", \"%9\")", function() return err(string.gsub, "hello", "(l)", "%9") end,
   {n = 2, "error", "invalid capture index %9"}},
  {"err(string.gsub, \"hello\", \"l\", \"%\")", function() return err(string.gsub, "hello", "l", "%") end,
   {n = 2, "error", "invalid use of '%' in replacement string"}},
  {"err(string.gsub, \"hello\", \"l\", \"%x\")", function() return err(string.gsub, "hello", "l", "%x") end,
   {n = 2, "error", "invalid use of '%' in replacement string"}},
  {"err(string.gsub, \"hello\", \"l\", {l = {}})", function() return err(string.gsub, "hello", "l", {l = {}}) end,
   {n = 2, "error", "invalid replacement value (a table)"}},
  {"err(string.gsub, \"hello\", \"l\", {l = true})", function() return err(string.gsub, "hello", "l", {l = true}) end,
   {n = 2, "error", "invalid replacement value (a boolean)"}},
  {"err(string.gsub, \"hello\", \"l\", function() return {} end)", function() return err(string.gsub, "hello", "l", function() return {} end) end,
   {n = 2, "error", "invalid replacement value (a table)"}},
  {"err(string.gsub, \"hello\", \"l\")", function() return err(string.gsub, "hello", "l") end,
   {n = 2, "error", "bad argument #3 to '?' (string/function/table expected, got no value)"}},
  {"err(string.gsub, \"hello\", \"l\", true)", function() return err(string.gsub, "hello", "l", true) end,
   {n = 2, "error", "bad argument #3 to '?' (string/function/table expected, got boolean)"}},
  {"err(string.gsub, \"hello\", \"l\", \"x\", 1.5)", function() return err(string.gsub, "hello", "l", "x", 1.5) end,
   {n = 2, "error", "bad argument #4 to '?' (number has no integer representation)"}},
  {"err(string.gsub, \"hello\", \"l\", \"x\", \"y\")", function() return err(string.gsub, "hello", "l", "x", "y") end,
   {n = 2, "error", "bad argument #4 to '?' (number expected, got string)"}},
  {"err(string.gsub, \"hello\", \"(l\", function() return \"x\" end)", function() return err(string.gsub, "hello", "(l", function() return "x" end) end,
   {n = 2, "error", "unfinished capture"}},
  {"err(string.find, \"abc\", nil)", function() return err(string.find, "abc", nil) end,
   {n = 2, "error", "bad argument #2 to '?' (string expected, got nil)"}},
  {"err(string.find, nil, \"a\")", function() return err(string.find, nil, "a") end,
   {n = 2, "error", "bad argument #1 to '?' (string expected, got nil)"}},
  {"err(string.find, \"abc\", \"b\", {})", function() return err(string.find, "abc", "b", {}) end,
   {n = 2, "error", "bad argument #3 to '?' (number expected, got table)"}},
  {"err(string.match, \"abc\", \"b\", \"x\")", function() return err(string.match, "abc", "b", "x") end,
   {n = 2, "error", "bad argument #3 to '?' (number expected, got string)"}},
  {"err(string.match, \"abc\", \"b\", 1.5)", function() return err(string.match, "abc", "b", 1.5) end,
   {n = 2, "error", "bad argument #3 to '?' (number has no integer representation)"}},
  {"err(string.gmatch, \"abc\", {})", function() return err(string.gmatch, "abc", {}) end,
   {n = 2, "error", "bad argument #2 to '?' (string expected, got table)"}},
  {"err(string.find, \"abc\", \".-(%b\")", function() return err(string.find, "abc", ".-(%b") end,
   {n = 2, "error", "malformed pattern (missing arguments to '%b')"}},
}

local function same(a, b)
  if type(a) ~= type(b) then return false end
  if type(a) == "number" and math.type(a) ~= math.type(b) then return false end
  return a == b
end

local function show(r)
  local s = "n=" .. r.n
  for i = 1, r.n do s = s .. " " .. render(r[i]) end
  return s
end

function handler(event, context)
  local passed, failed = 0, {}
  for i = 1, #cases do
    local c = cases[i]
    local desc, f, want = c[1], c[2], c[3]
    local got = pack(pcall(f))
    local ok = got[1]
    if not ok then
      failed[#failed + 1] = "#" .. i .. " " .. desc .. ": raised " .. tostring(got[2])
    else
      local same_all = (got.n - 1 == want.n)
      if same_all then
        for j = 1, want.n do
          local g, e = got[j + 1], want[j]
          if want[1] == "error" and j == 2 and type(g) == "string" and type(e) == "string" then
            -- the message must end with the expected one
            if #g < #e or g:sub(#g - #e + 1) ~= e then same_all = false end
          elseif not same(g, e) then
            same_all = false
          end
        end
      end
      if same_all then
        passed = passed + 1
      else
        local g = {n = got.n - 1}
        for j = 2, got.n do g[j - 1] = got[j] end
        failed[#failed + 1] = "#" .. i .. " " .. desc .. ": expected " .. show(want) .. ", got " .. show(g)
      end
    end
  end
  return {passed = passed, failed = failed, total = #cases}
end

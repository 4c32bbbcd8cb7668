/* Lua 5.4's function-like macros as inline functions Swift can call, and the C half of the
 * sandbox. Swift sees only what is declared here; nothing here is AWS-specific. */
#ifndef HS_SHIM_H
#define HS_SHIM_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

static inline int hs_lua_pcall(lua_State *L, int nargs, int nresults, int msgh) {
    return lua_pcall(L, nargs, nresults, msgh);
}
static inline void hs_lua_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void hs_lua_pushcfunction(lua_State *L, lua_CFunction f) { lua_pushcfunction(L, f); }
static inline int hs_lua_isnoneornil(lua_State *L, int i) { return lua_isnoneornil(L, i); }
static inline int hs_lua_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline int hs_lua_registryindex(void) { return LUA_REGISTRYINDEX; }
/* The library's own identification ("$LuaVersion: Lua 5.4.4  Copyright ..."), read from the
 * library that is running, which may be another release than the headers'. */
static inline const char *hs_lua_ident(void) { return lua_ident; }

#include "hs_budget.h"
#if __has_include("hs_strlib.h")
#include "hs_strlib.h"
#define HS_HAVE_STRLIB 1
#endif
#include "hs_state.h"
#include "hs_tape.h"
#include "hs_sandbox.h"

#endif

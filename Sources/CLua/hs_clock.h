/* The time of day scripts see: os.time() and os.date() read the host's clock (HSState.now),
 * so that the host decides what time it is. */
#ifndef HS_CLOCK_H
#define HS_CLOCK_H

#include <time.h>
#include <lua.h>
#include <lauxlib.h>
#include "hs_state.h"

/* Pushes the host's time of day as os.time gives it: whole seconds since the epoch. */
static inline void hs_push_now(lua_State *L) {
    HSState *s = hs_state(L);
    double now = s->now ? s->now(s->emit_context) : (double)time(NULL);
    lua_pushinteger(L, (lua_Integer)now);
}

/* Calls the original library function (upvalue 1) with the arguments on the stack. */
static inline int hs_call_original(lua_State *L) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* os.time(): the host decides what time it is (on a virtual clock, the execution's time), so
 * the form without a table reads the host's clock. os.time(table) converts the table, as
 * Lua's own does. */
static inline int hs_os_time(lua_State *L) {
    if (!lua_isnoneornil(L, 1)) return hs_call_original(L);
    lua_settop(L, 0);
    hs_push_now(L);
    return 1;
}

/* os.date(format): without a time it formats the host's time of day, as os.time() gives it. */
static inline int hs_os_date(lua_State *L) {
    if (lua_isnoneornil(L, 2)) {
        lua_settop(L, 1);
        hs_push_now(L);
    }
    return hs_call_original(L);
}

#endif

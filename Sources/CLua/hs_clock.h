/* The time of day scripts see: os.time() and os.date() read the host's clock (HSState.now),
 * so that the host decides what time it is. */
#ifndef HS_CLOCK_H
#define HS_CLOCK_H

#include <time.h>
#include <lua.h>
#include <lauxlib.h>
#include "hs_state.h"
#include "hs_libs.h"

/* Pushes the host's time of day as os.time gives it: whole seconds since the epoch. */
static inline void hs_push_now(lua_State *L) {
    HSState *s = hs_state(L);
    double now = s->now ? s->now(s->emit_context) : (double)time(NULL);
    lua_pushinteger(L, (lua_Integer)now);
}

/* os.time(): the host decides what time it is (on a virtual clock, the execution's time), so
 * the form without a table reads the host's clock. os.time(table) converts the table, as
 * Lua's own does. */
static inline int hs_os_time(lua_State *L) {
    if (!lua_isnoneornil(L, 1)) return hs_call_upvalue(L);
    lua_settop(L, 0);
    hs_push_now(L);
    return 1;
}

/* os.date(format): without a time it formats the host's time of day, as os.time() gives it.
 * A long format is formatted in pieces (hs_date_pieces). */
static inline int hs_os_date(lua_State *L) {
    if (lua_isnoneornil(L, 2)) {
        lua_settop(L, 1);
        hs_push_now(L);
    }
    return hs_date_pieces(L);
}

#endif

/* Coroutines and finalizers: every way one interpreter thread runs another. Each switch is
 * recorded for the watchdog (hs_watchdog.h), which arms the thread running at the deadline,
 * and each nesting checks the C stack (hs_stack_guard). */
#ifndef HS_COROUTINE_H
#define HS_COROUTINE_H

#include <lua.h>
#include <lauxlib.h>
#include "hs_state.h"
#include "hs_watchdog.h"

static inline int hs_budget_spent(lua_State *L) {
    HSState *s = hs_state(L);
    return s->budget.timed_out || s->out_of_memory;
}

/* lua_resume(co, L), with co recorded as the running thread for as long as it runs. */
static inline int hs_resume(lua_State *L, lua_State *co, int narg, int *results) {
    HSState *s = hs_state(L);
    hs_stack_guard(L);
    hs_watch_switch(s, co);
    int status = lua_resume(co, L, narg, results);
    hs_watch_switch(s, L);
    return status;
}

/* lua_resetthread(co) (closing its pending to-be-closed variables, whose __close runs in co),
 * with co recorded as the running thread. */
static inline int hs_reset(lua_State *L, lua_State *co) {
    HSState *s = hs_state(L);
    hs_stack_guard(L);
    hs_watch_switch(s, co);
    int status = lua_resetthread(co);
    hs_watch_switch(s, L);
    return status;
}

/* Resumes `co` with `narg` arguments from L, as Lua's coroutine library does. */
static inline int hs_auxresume(lua_State *L, lua_State *co, int narg) {
    int results;
    if (!lua_checkstack(co, narg)) {
        lua_pushliteral(L, "too many arguments to resume");
        return -1;
    }
    lua_xmove(L, co, narg);
    int status = hs_resume(L, co, narg, &results);
    if (status == LUA_OK || status == LUA_YIELD) {
        if (!lua_checkstack(L, results + 1)) {
            lua_pop(co, results);
            lua_pushliteral(L, "too many results to resume");
            return -1;
        }
        lua_xmove(co, L, results);
        return results;
    }
    lua_xmove(co, L, 1);
    return -1;
}

/* coroutine.resume(co, ...): true and the results, or false and the error. */
static inline int hs_coroutine_resume(lua_State *L) {
    lua_State *co = lua_tothread(L, 1);
    luaL_argexpected(L, co, 1, "coroutine");
    int r = hs_auxresume(L, co, lua_gettop(L) - 1);
    if (r < 0) {
        lua_pushboolean(L, 0);
        lua_insert(L, -2);
        return 2;
    }
    lua_pushboolean(L, 1);
    lua_insert(L, -(r + 1));
    return r + 1;
}

/* coroutine.wrap's function. On an error Lua closes the dead coroutine's to-be-closed
 * variables, and after a timeout that would run their __close with hooks off (Lua turns
 * hooks off while its hook runs, and the dead thread never turns them back on): once the
 * budget is spent they are left unclosed. */
static inline int hs_wrapped(lua_State *L) {
    lua_State *co = lua_tothread(L, lua_upvalueindex(1));
    int r = hs_auxresume(L, co, lua_gettop(L));
    if (r >= 0) return r;
    int status = lua_status(co);
    if (status != LUA_OK && status != LUA_YIELD && !hs_budget_spent(L)) {
        status = hs_reset(L, co);
        lua_xmove(co, L, 1);
    }
    if (status != LUA_ERRMEM && lua_type(L, -1) == LUA_TSTRING) {
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
    }
    return lua_error(L);
}

static inline int hs_coroutine_wrap(lua_State *L) {
    luaL_checktype(L, 1, LUA_TFUNCTION);
    lua_State *co = lua_newthread(L);
    lua_pushvalue(L, 1);
    lua_xmove(L, co, 1);
    lua_pushcclosure(L, hs_wrapped, 1);
    return 1;
}

/* coroutine.close: Lua's own (upvalue 1), run with the closed coroutine recorded as running.
 * Once the budget is spent it only stops the script, as its __close would run with hooks
 * off. */
static inline int hs_coroutine_close(lua_State *L) {
    HSState *s = hs_state(L);
    if (hs_budget_spent(L)) hs_check_deadline(L);
    if (s->out_of_memory) return luaL_error(L, HS_OOM_MESSAGE);
    lua_State *co = lua_tothread(L, 1);
    luaL_argexpected(L, co, 1, "coroutine");
    hs_stack_guard(L);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    hs_watch_switch(s, co);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    hs_watch_switch(s, L);
    return lua_gettop(L);
}

/* Lua calls __gc metamethods with hooks off, so a finalizer that never returns could not be
 * stopped. The sandbox therefore never lets Lua finalize a script's table: setmetatable hides
 * __gc while it sets the metatable (Lua marks an object for finalization only then), and ties
 * a sentinel userdata to the table through an ephemeron table instead. When the table dies,
 * the sentinel's own __gc (hs_finalize) runs the table's __gc, as it is at that moment, in a
 * coroutine of its own, where the hook and its deadline apply. Errors become warnings, as
 * Lua makes them. */
static inline int hs_finalize(lua_State *L) {
    lua_getiuservalue(L, 1, 1);                 /* 2: the table */
    if (!lua_getmetatable(L, 2)) return 0;      /* 3: its metatable */
    lua_pushliteral(L, "__gc");
    lua_rawget(L, 3);                           /* 4: its finalizer now */
    if (!lua_toboolean(L, 4)) return 0;
    lua_State *co = lua_newthread(L);           /* 5 */
    lua_pushvalue(L, 4);
    lua_pushvalue(L, 2);
    lua_xmove(L, co, 2);
    int results;
    int status = hs_resume(L, co, 1, &results);
    if (status == LUA_OK) return 0;
    if (status == LUA_YIELD) return luaL_error(L, "attempt to yield from a finalizer");
    lua_xmove(co, L, 1);
    return lua_error(L);
}

#endif

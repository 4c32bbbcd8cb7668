/* The budget of one sandboxed Lua state: its deadline and what has been spent.
 * Shared by the count hook (hs_sandbox.h) and the pattern matcher (hs_strlib.h). */
#ifndef HS_BUDGET_H
#define HS_BUDGET_H

#include <stdint.h>
#include <time.h>
#include <lua.h>
#include <lauxlib.h>

/* The message a script sees when its deadline passes. */
#define HS_TIMEOUT_MESSAGE "Task timed out"

typedef struct HSBudget {
    int64_t deadline_ns;   /* CLOCK_MONOTONIC nanoseconds; INT64_MAX when none */
    int timed_out;         /* set once the deadline has passed; stays set */
} HSBudget;

static inline int64_t hs_now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* The budget lives in the extra space of every thread of the state: lua_newthread copies the
 * main thread's extra space, so coroutines see the same pointer. NULL outside a sandbox. */
static inline HSBudget *hs_budget(lua_State *L) {
    return *(HSBudget **)lua_getextraspace(L);
}

/* Raises the timeout error when the deadline has passed. Called from C code that Lua calls,
 * never from Swift. */
static inline void hs_check_deadline(lua_State *L) {
    HSBudget *b = hs_budget(L);
    if (b == NULL) return;
    if (b->timed_out || hs_now_ns() >= b->deadline_ns) {
        b->timed_out = 1;
        luaL_error(L, HS_TIMEOUT_MESSAGE);
    }
}

#endif

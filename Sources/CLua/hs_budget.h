/* The budget of one sandboxed Lua state: its deadline and what has been spent.
 * Shared by the count hook (hs_state.h), the watchdog (hs_watchdog.h), the library
 * replacements (hs_libs.h) and the pattern matcher (hs_strlib.h). */
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
    /* Set by the watchdog thread at the deadline (read and written with __atomic builtins,
     * so that Swift can still import this struct). */
    int expired;
    /* The coroutine running now: the one the watchdog arms (hs_watchdog.h). Written by the
     * interpreter's thread whenever it switches coroutines, read by its signal handler. */
    lua_State *running;
    /* Set on the interpreter's thread once the hook is armed past the deadline (hs_watch_arm):
     * from then on the sandbox's strcoll ends every comparison at once (hs_watchdog.h). */
    int armed;
    /* The C stack of the interpreter's thread: where the window began and, once looked up,
     * how far the stack may grow (hs_stack_guard). */
    char *stack_start;
    char *stack_limit;
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

/* Whether the deadline has passed: the watchdog's flag (one load), else the clock. */
static inline int hs_deadline_passed(HSBudget *b) {
    return b->timed_out || __atomic_load_n(&b->expired, __ATOMIC_RELAXED) || hs_now_ns() >= b->deadline_ns;
}

/* The count hook (hs_state.h). */
static inline void hs_hook(lua_State *L, lua_Debug *ar);

/* Raises the timeout error, with the hook armed to fire at the very next instruction, so that a
 * script that catches the error is stopped there. */
static inline void hs_raise_timeout(lua_State *L, HSBudget *b) {
    b->timed_out = 1;
    lua_sethook(L, hs_hook, LUA_MASKCOUNT, 1);
    luaL_error(L, HS_TIMEOUT_MESSAGE);
}

/* Raises the timeout error when the deadline has passed. Called from C code that Lua calls,
 * never from Swift. */
static inline void hs_check_deadline(lua_State *L) {
    HSBudget *b = hs_budget(L);
    if (b == NULL) return;
    if (hs_deadline_passed(b)) hs_raise_timeout(L, b);
}

/* The cheap check for every step of a loop in C: the watchdog's flag on every call, the
 * clock (in case no watchdog slot was free) every 1024th. */
static inline void hs_poll_deadline(lua_State *L, size_t step) {
    HSBudget *b = hs_budget(L);
    if (b == NULL) return;
    if (__atomic_load_n(&b->expired, __ATOMIC_RELAXED) || b->timed_out || ((step & 1023) == 0 && hs_now_ns() >= b->deadline_ns))
        hs_raise_timeout(L, b);
}

#endif

/* One sandboxed Lua state's C-side state: the counting allocator, the count hook that
 * enforces the deadline, and the warning function. */
#ifndef HS_STATE_H
#define HS_STATE_H

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <lua.h>
#include <lauxlib.h>
#include "hs_budget.h"

/* Every this many VM instructions the hook looks at the clock (a few ns each). */
#define HS_HOOK_COUNT 1000
/* Deepest JSON value that crosses the boundary, either way. */
#define HS_MAX_DEPTH 1000
/* Room given to a script that ran out of memory, so that its unwinding can allocate its
 * error message and traceback. */
#define HS_OOM_HEADROOM (1 << 20)
#define HS_OOM_MESSAGE "not enough memory"

/* What a script writes, as the host sees it. */
enum {
    HS_EMIT_PRINT = 0,
    HS_EMIT_WARNING = 1,
    HS_EMIT_DEBUG = 2,
    HS_EMIT_INFO = 3,
    HS_EMIT_WARN = 4,
    HS_EMIT_ERROR = 5,
};

/* Called by the sandbox with a line a script wrote. It must not call back into Lua. */
typedef void (*HSEmitFunction)(void *context, int kind, const char *text, size_t length);

/* Called by the sandbox when a script calls a host API: the operation's name and its request
 * as a tape (hs_tape.h). It sets the reply (HSState.reply) and returns 0 when the reply is the
 * result, 1 when it is an error object, and HS_HOST_OUT_OF_MEMORY when the work would not
 * fit in the script's memory (hs_charge). It must not call back into Lua. */
#define HS_HOST_OUT_OF_MEMORY 2
/* Returned before any work when the work would not fit: the sandbox collects garbage and asks
 * once more. */
#define HS_HOST_NEEDS_MEMORY 3
typedef int (*HSHostCallFunction)(void *context, const char *operation, size_t length,
                                  const unsigned char *request, size_t request_length);

/* Called by the sandbox when a script asks what time it is (os.time(), os.date()): seconds
 * since the Unix epoch, by the host's clock. It must not call back into Lua. */
typedef double (*HSNowFunction)(void *context);

typedef struct HSState {
    HSBudget budget;             /* first member: the extra space of every thread points here */
    lua_State *L;
    size_t mem_used, mem_peak, mem_limit;
    size_t charged;              /* bytes the host holds on the script's behalf (hs_charge) */
    int enforce_limit;           /* the cap binds only while script code runs */
    int refusals;                /* growing allocations refused in a row */
    int out_of_memory;           /* the cap was reached even after Lua's emergency collection */
    HSEmitFunction emit;
    void *emit_context;
    HSHostCallFunction host_call;
    HSNowFunction now;
    const unsigned char *reply;  /* the host's answer to the current call, owned by the host */
    size_t reply_len;
    size_t reply_charged;        /* bytes of the reply the host charged (hs_charge) */
    unsigned char *out;          /* the tape of the last value encoded (hs_tape.h) */
    size_t out_len, out_cap;
    size_t written;              /* values written to tapes, for the deadline checks */
    char warning[1024];          /* a warning being assembled from its pieces */
    size_t warning_len;
    int warning_continues;
    int ref_null, ref_array_mt, ref_sentinels, ref_sentinel_mt, ref_last_error, ref_context;
    int watch_slot;              /* this window's slot in the watchdog, or -1 (hs_watchdog.h) */
    sigset_t watch_mask;         /* the thread's signal mask before the window */
    int watch_restore;           /* whether that mask blocked SIGURG, so must be put back */
    HSBudget *watch_outer;       /* the window open on this thread before this one, or NULL */
} HSState;

static inline HSState *hs_state(lua_State *L) { return (HSState *)hs_budget(L); }

/* Lua's allocator contract (lua_Alloc), counting every byte. Past the cap a growing
 * allocation is refused; Lua then runs one emergency collection and asks again, and only a
 * second refusal in a row means the script is really out of memory. */
static inline void *hs_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
    HSState *s = (HSState *)ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        s->mem_used -= old;
        return NULL;
    }
    if (nsize > old && s->enforce_limit && s->mem_used + s->charged - old + nsize > s->mem_limit) {
        if (++s->refusals >= 2 && !s->out_of_memory) {
            s->out_of_memory = 1;
            s->mem_limit += HS_OOM_HEADROOM;
        }
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (p == NULL) return NULL;
    if (nsize > old) s->refusals = 0;
    s->mem_used = s->mem_used - old + nsize;
    if (s->mem_used + s->charged > s->mem_peak) s->mem_peak = s->mem_used + s->charged;
    return p;
}

/* Work the host does for a script (the tape of a value, JSON text, a host call's reply)
 * counts against the script's memory: charges `n` bytes and returns 1 when they fit under the
 * cap with what the interpreter holds, else refuses them and returns 0. Outside a budgeted
 * window everything fits. Give the bytes back with hs_uncharge. */
static inline int hs_charge(HSState *s, size_t n) {
    if (s->enforce_limit && (n > s->mem_limit || s->mem_used + s->charged + n > s->mem_limit)) return 0;
    s->charged += n;
    if (s->mem_used + s->charged > s->mem_peak) s->mem_peak = s->mem_used + s->charged;
    return 1;
}

static inline void hs_uncharge(HSState *s, size_t n) {
    s->charged = n > s->charged ? 0 : s->charged - n;
}

/* The count hook. It looks at the clock every HS_HOOK_COUNT instructions; the watchdog
 * (hs_watchdog.h) re-arms it with a count of 1 at the deadline, so that it fires at the next
 * instruction even when the last ones were long C calls. Past the deadline (or once memory
 * ran out) it keeps firing on every instruction and raises, so a script that catches the
 * error with pcall is stopped again at its very next instruction; nothing it does can get
 * past it. A count of 1 armed by a late signal for a window that had already ended is put
 * back to HS_HOOK_COUNT. */
static inline void hs_hook(lua_State *L, lua_Debug *ar) {
    (void)ar;
    HSState *s = hs_state(L);
    if (s->out_of_memory) {
        lua_sethook(L, hs_hook, LUA_MASKCOUNT, 1);
        luaL_error(L, HS_OOM_MESSAGE);
    }
    if (hs_deadline_passed(&s->budget)) {
        s->budget.timed_out = 1;
        lua_sethook(L, hs_hook, LUA_MASKCOUNT, 1);
        luaL_error(L, HS_TIMEOUT_MESSAGE);
    }
    if (lua_gethookcount(L) != HS_HOOK_COUNT) lua_sethook(L, hs_hook, LUA_MASKCOUNT, HS_HOOK_COUNT);
}

/* lua_WarnFunction: warnings (among them errors in __gc metamethods) arrive in pieces;
 * a whole one goes to the host. Control messages ("@on", "@off") are ignored: the sandbox
 * always reports warnings. */
static inline void hs_warn(void *ud, const char *message, int tocont) {
    HSState *s = (HSState *)ud;
    if (!s->warning_continues && !tocont && message[0] == '@') return;
    size_t n = strlen(message);
    size_t room = sizeof(s->warning) - s->warning_len;
    if (n > room) n = room;
    memcpy(s->warning + s->warning_len, message, n);
    s->warning_len += n;
    s->warning_continues = tocont;
    if (!tocont) {
        if (s->emit) s->emit(s->emit_context, HS_EMIT_WARNING, s->warning, s->warning_len);
        s->warning_len = 0;
    }
}

static inline int hs_panic(lua_State *L) {
    /* Unreachable by design: the host only calls Lua through lua_pcall. */
    const char *m = lua_tostring(L, -1);
    fprintf(stderr, "host: Lua error outside a protected call: %s\n", m ? m : "?");
    abort();
}

#endif

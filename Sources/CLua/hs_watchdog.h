/* The watchdog: one thread for the whole process that stops every script at its deadline,
 * even while the script's last VM instruction is a long C call (comparing two huge strings,
 * a table resize), where the count hook cannot look at the clock.
 *
 * Lua documents lua_sethook as safe to call asynchronously: lua.c sets a hook from its SIGINT
 * handler, and ldebug.c's comment on lua_sethook says so. The watchdog does the same: at a
 * window's deadline it sets the budget's `expired` flag and sends SIGURG to the interpreter's
 * thread, whose handler re-arms the count hook of the coroutine running there with a count of
 * 1. The hook then fires at the very next instruction. The handler runs on the interpreter's
 * own thread, as lua.c's does, so it never races with the interpreter from another core. C
 * code that loops for a long time (hs_libs.h, hs_strlib.h) reads `expired` as it goes.
 *
 * One VM instruction does its C work without ever reading that flag: comparing two strings
 * (`<`, `<=`, and every comparison a sort makes), which Lua's lvm.c does by calling strcoll
 * and strlen once per NUL-separated piece, some 15 ns per NUL byte. So host defines strcoll
 * itself (hs_strcoll, exported from the executable by the linker setting in Package.swift),
 * which the dynamic linker binds liblua's calls to ahead of the C library's. It is the C
 * library's, in the current locale, as Lua compares strings (manual §3.4.4), until the handler
 * has armed the hook of the window open on the calling thread (the budget's `armed`); from
 * then on it answers "greater" at once, and the comparison ends. Its result is never seen: the
 * hook fires at the instruction after it and at every one after that, so no script code runs
 * past the deadline (a pcall that catches the error is stopped at its own next instruction),
 * and nothing of a timed-out environment is used again. `armed` rather than `expired`, which
 * the watchdog sets before the signal arrives: only once the hook is armed is a made-up answer
 * sure to go unseen.
 *
 * SIGURG is ignored by default, so a stray one does nothing, and nothing else in host uses it.
 * Windows register themselves in a fixed table of slots; with every slot taken a window still
 * has the count hook and the clock checks, only without the wake-up at its deadline.
 *
 * Variables of these headers exist once for each object file that uses them, so everything
 * here is used from one Swift file only (LuaSandbox.swift). */
#ifndef HS_WATCHDOG_H
#define HS_WATCHDOG_H

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <lua.h>
#include "hs_budget.h"
#include "hs_state.h"

#define HS_WATCH_SLOTS 256
#define HS_WATCH_SIGNAL SIGURG

static struct {
    pthread_once_t once;
    int started;
    pthread_mutex_t mutex;
    pthread_cond_t wake;
    HSState *state[HS_WATCH_SLOTS];      /* published with release, read by the handler */
    pthread_t thread[HS_WATCH_SLOTS];
    int64_t deadline[HS_WATCH_SLOTS];
    int fired[HS_WATCH_SLOTS];
} hs_watch = {.once = PTHREAD_ONCE_INIT, .mutex = PTHREAD_MUTEX_INITIALIZER};

/* glibc's, declared here because <pthread.h> declares it only under _GNU_SOURCE. */
extern int pthread_getattr_np(pthread_t thread, pthread_attr_t *attributes);

/* The budget of the window open on this thread, for hs_strcoll: NULL outside any window; a
 * window opened inside another (a host call that runs a second interpreter) hides the outer
 * one until it closes. */
static inline HSBudget **hs_watch_window_here(void) {
    static __thread HSBudget *window;
    return &window;
}

/* Arms the hook of the coroutine running in s's window, once its deadline has passed. Runs in
 * the signal handler and on the interpreter's thread after each coroutine switch. */
static inline void hs_watch_arm(HSState *s) {
    if (!__atomic_load_n(&s->budget.expired, __ATOMIC_SEQ_CST)) return;
    lua_State *running = __atomic_load_n(&s->budget.running, __ATOMIC_SEQ_CST);
    if (running != NULL) lua_sethook(running, hs_hook, LUA_MASKCOUNT, 1);
    __atomic_store_n(&s->budget.armed, 1, __ATOMIC_RELAXED);
}

/* Records the coroutine that runs from now on, and arms it if the deadline has passed: the
 * signal may have armed the one that just stopped running. */
static inline void hs_watch_switch(HSState *s, lua_State *running) {
    __atomic_store_n(&s->budget.running, running, __ATOMIC_SEQ_CST);
    hs_watch_arm(s);
}

static void hs_watch_signal(int sig) {
    (void)sig;
    int saved = errno;
    pthread_t self = pthread_self();
    for (int i = 0; i < HS_WATCH_SLOTS; i++) {
        HSState *s = __atomic_load_n(&hs_watch.state[i], __ATOMIC_ACQUIRE);
        /* A slot of this thread belongs to a window open on this thread: only this thread
         * closes it, so it cannot go away while the handler runs. */
        if (s != NULL && pthread_equal(hs_watch.thread[i], self)) hs_watch_arm(s);
    }
    errno = saved;
}

static void *hs_watch_main(void *unused) {
    (void)unused;
    pthread_mutex_lock(&hs_watch.mutex);
    for (;;) {
        int64_t now = hs_now_ns(), next = INT64_MAX;
        for (int i = 0; i < HS_WATCH_SLOTS; i++) {
            HSState *s = hs_watch.state[i];
            if (s == NULL || hs_watch.fired[i]) continue;
            if (hs_watch.deadline[i] <= now) {
                hs_watch.fired[i] = 1;
                __atomic_store_n(&s->budget.expired, 1, __ATOMIC_SEQ_CST);
                pthread_kill(hs_watch.thread[i], HS_WATCH_SIGNAL);
            } else if (hs_watch.deadline[i] < next) {
                next = hs_watch.deadline[i];
            }
        }
        if (next == INT64_MAX) {
            pthread_cond_wait(&hs_watch.wake, &hs_watch.mutex);
        } else {
            struct timespec until = {(time_t)(next / 1000000000), (long)(next % 1000000000)};
            pthread_cond_timedwait(&hs_watch.wake, &hs_watch.mutex, &until);
        }
    }
    return NULL;
}

static void hs_watch_start(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = hs_watch_signal;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    if (sigaction(HS_WATCH_SIGNAL, &action, NULL) != 0) return;
    pthread_condattr_t attributes;
    pthread_condattr_init(&attributes);
    pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC);
    pthread_cond_init(&hs_watch.wake, &attributes);
    pthread_condattr_destroy(&attributes);
    pthread_t thread;
    pthread_attr_t thread_attributes;
    pthread_attr_init(&thread_attributes);
    pthread_attr_setdetachstate(&thread_attributes, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&thread_attributes, 64 * 1024);
    if (pthread_create(&thread, &thread_attributes, hs_watch_main, NULL) == 0) hs_watch.started = 1;
    pthread_attr_destroy(&thread_attributes);
}

/* Opens s's window with the watchdog; the window's deadline is s->budget.deadline_ns. The
 * interpreter's thread may be one that blocks signals (libdispatch's worker threads block
 * them all), so SIGURG is unblocked for the window and the thread's mask restored after. */
static inline void hs_watch_register(HSState *s) {
    s->watch_slot = -1;
    s->watch_outer = *hs_watch_window_here();
    *hs_watch_window_here() = &s->budget;
    pthread_once(&hs_watch.once, hs_watch_start);
    if (!hs_watch.started) return;
    sigset_t urgent;
    sigemptyset(&urgent);
    sigaddset(&urgent, HS_WATCH_SIGNAL);
    pthread_sigmask(SIG_UNBLOCK, &urgent, &s->watch_mask);
    pthread_mutex_lock(&hs_watch.mutex);
    for (int i = 0; i < HS_WATCH_SLOTS; i++) {
        if (hs_watch.state[i] != NULL) continue;
        hs_watch.thread[i] = pthread_self();
        hs_watch.deadline[i] = s->budget.deadline_ns;
        hs_watch.fired[i] = 0;
        __atomic_store_n(&hs_watch.state[i], s, __ATOMIC_RELEASE);
        s->watch_slot = i;
        pthread_cond_signal(&hs_watch.wake);
        break;
    }
    pthread_mutex_unlock(&hs_watch.mutex);
}

/* Closes s's window: no signal is sent for it after this returns (one sent before may still
 * arrive; the hook puts a count armed too late back). */
static inline void hs_watch_unregister(HSState *s) {
    *hs_watch_window_here() = s->watch_outer;
    s->watch_outer = NULL;
    if (!hs_watch.started) return;
    if (s->watch_slot >= 0) {
        pthread_mutex_lock(&hs_watch.mutex);
        __atomic_store_n(&hs_watch.state[s->watch_slot], NULL, __ATOMIC_RELEASE);
        pthread_mutex_unlock(&hs_watch.mutex);
        s->watch_slot = -1;
    }
    pthread_sigmask(SIG_SETMASK, &s->watch_mask, NULL);
}

/* ---- strcoll ---- */

typedef int (*HSStrcoll)(const char *, const char *);

/* The strcoll every caller in the process gets (LuaSandbox.swift defines the symbol with this
 * body): the C library's, unless the window open on this thread is past its deadline with its
 * hook armed (by the watchdog, or by the hook itself when it raised the timeout). Then it
 * returns 1 ("greater") at once, which ends Lua's comparison loop (l_strcmp returns the first
 * nonzero strcoll result); "greater" rather than "less" so that no loop that looks for a
 * smaller element (a quicksort's partition) runs on. */
static inline int hs_strcoll(const char *a, const char *b) {
    static HSStrcoll next;
    HSBudget *window = *hs_watch_window_here();
    if (window != NULL && (__atomic_load_n(&window->armed, __ATOMIC_RELAXED) || window->timed_out)) return 1;
    HSStrcoll found = __atomic_load_n(&next, __ATOMIC_ACQUIRE);
    if (found == NULL) {
        /* The definition this one hides: the C library's (dlsym, RTLD_NEXT). */
        found = (HSStrcoll)dlsym(RTLD_NEXT, "strcoll");
        if (found == NULL) {
            fprintf(stderr, "host: the C library's strcoll was not found: %s\n", dlerror());
            abort();
        }
        __atomic_store_n(&next, found, __ATOMIC_RELEASE);
    }
    return found(a, b);
}

/* ---- the C stack ---- */

/* Room kept free on the C stack below any call that nests interpreters: what Lua itself may
 * use between two of the sandbox's checks (LUAI_MAXCCALLS, 200 levels of C calls). */
#define HS_STACK_RESERVE (256 * 1024)

/* Raises "C stack overflow" when the C stack of the interpreter's thread is nearly used up.
 * Lua counts nested C calls per coroutine, and some paths (closing a coroutine from the
 * __close of another, Lua 5.4.4's "C-stack overflow with deep nesting of coroutine.close")
 * start that count again, so the sandbox measures the stack itself wherever it nests one
 * interpreter call in another: coroutine.resume, wrap and close, and finalizers. */
static inline void hs_stack_guard(lua_State *L) {
    HSBudget *b = hs_budget(L);
    char here;
    if (b == NULL || b->stack_start == NULL) return;
    if (b->stack_limit == NULL) {
        pthread_attr_t attributes;
        void *low = NULL;
        size_t size = 0;
        if (pthread_getattr_np(pthread_self(), &attributes) == 0) {
            pthread_attr_getstack(&attributes, &low, &size);
            pthread_attr_destroy(&attributes);
        }
        /* The stack grows down from stack_start; without an answer, assume 1 MB. */
        char *bottom = low != NULL ? (char *)low : b->stack_start - (1 << 20);
        b->stack_limit = bottom + HS_STACK_RESERVE;
    }
    if (&here < b->stack_limit) luaL_error(L, "C stack overflow");
}

#endif

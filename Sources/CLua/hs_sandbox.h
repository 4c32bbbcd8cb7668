/* Building a sandbox: the libraries a script may use, the functions that replace unsafe
 * ones, and the protected entry points the Swift side calls with lua_pcall. Swift itself
 * only pushes light C functions, light userdata and integers, and reads strings that are
 * already strings: calls that can never raise. */
#ifndef HS_SANDBOX_H
#define HS_SANDBOX_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include "hs_state.h"
#include "hs_tape.h"
#include "hs_clock.h"
#include "hs_watchdog.h"
#include "hs_coroutine.h"
#include "hs_libs.h"
#include "hs_load.h"

/* ---- the functions scripts see ---- */

/* Joins the arguments as Lua's print does (tostring, separated by tabs). */
static inline void hs_join_arguments(lua_State *L, luaL_Buffer *b, int first) {
    int n = lua_gettop(L);
    luaL_buffinit(L, b);
    for (int i = first; i <= n; i++) {
        HS_LOOP_CHECK(L, i);
        if (i > first) luaL_addchar(b, '\t');
        luaL_tolstring(L, i, NULL);
        luaL_addvalue(b);
    }
    luaL_pushresult(b);
}

static inline void hs_emit_top(lua_State *L, int kind) {
    HSState *s = hs_state(L);
    size_t n;
    const char *text = lua_tolstring(L, -1, &n);
    if (s->emit) s->emit(s->emit_context, kind, text, n);
    /* The host may stop taking a long text's lines at the deadline; the script stops too. */
    hs_check_deadline(L);
}

static inline int hs_print(lua_State *L) {
    luaL_Buffer b;
    hs_join_arguments(L, &b, 1);
    hs_emit_top(L, HS_EMIT_PRINT);
    return 0;
}

/* log.debug/info/warn/error: the level is the closure's upvalue. */
static inline int hs_log(lua_State *L) {
    luaL_Buffer b;
    int kind = (int)lua_tointeger(L, lua_upvalueindex(1));
    hs_join_arguments(L, &b, 1);
    hs_emit_top(L, kind);
    return 0;
}

/* Lua runs a message handler for an error raised inside a hook with hooks off, so an xpcall
 * handler that never returns would escape the deadline. This xpcall calls the script's
 * handler only while the budget lasts; once it is spent the error passes through as it is. */
static inline int hs_xpcall_handler(lua_State *L) {
    HSState *s = hs_state(L);
    if (s->budget.timed_out || s->out_of_memory) return 1;
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static inline int hs_finish_pcall(lua_State *L, int status, lua_KContext extra) {
    if (status != LUA_OK && status != LUA_YIELD) {
        lua_pushboolean(L, 0);
        lua_pushvalue(L, -2);
        return 2;
    }
    return lua_gettop(L) - (int)extra;
}

/* xpcall(f, handler, ...) as the base library has it, with the handler wrapped. */
static inline int hs_xpcall(lua_State *L) {
    int n = lua_gettop(L);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_pushvalue(L, 2);
    lua_pushcclosure(L, hs_xpcall_handler, 1);
    lua_replace(L, 2);
    lua_pushboolean(L, 1);
    lua_pushvalue(L, 1);
    lua_rotate(L, 3, 2);
    int status = lua_pcallk(L, n - 2, LUA_MULTRET, 2, 2, hs_finish_pcall);
    return hs_finish_pcall(L, status, 2);
}

static inline int hs_setmetatable(lua_State *L) {
    HSState *s = hs_state(L);
    int t = lua_type(L, 2);
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
    if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
        return luaL_error(L, "cannot change a protected metatable");
    lua_settop(L, 2);
    int finalized = 0;
    if (t == LUA_TTABLE) {
        lua_pushliteral(L, "__gc");
        finalized = lua_rawget(L, 2) != LUA_TNIL;   /* 3: the finalizer */
        if (finalized) {
            lua_pushliteral(L, "__gc");
            lua_pushnil(L);
            lua_rawset(L, 2);
        }
    }
    lua_pushvalue(L, 2);
    lua_setmetatable(L, 1);
    if (finalized) {
        lua_pushliteral(L, "__gc");
        lua_pushvalue(L, 3);
        lua_rawset(L, 2);
        lua_rawgeti(L, LUA_REGISTRYINDEX, s->ref_sentinels);
        lua_pushvalue(L, 1);
        if (lua_rawget(L, -2) == LUA_TNIL) {
            lua_pop(L, 1);
            lua_pushvalue(L, 1);
            lua_newuserdatauv(L, 0, 1);
            lua_pushvalue(L, 1);
            lua_setiuservalue(L, -2, 1);
            lua_rawgeti(L, LUA_REGISTRYINDEX, s->ref_sentinel_mt);
            lua_setmetatable(L, -2);
            lua_rawset(L, -3);
        }
    }
    lua_settop(L, 1);
    return 1;
}

static inline int hs_collectgarbage(lua_State *L) {
    const char *option = luaL_optstring(L, 1, "collect");
    if (strcmp(option, "count") != 0)
        return luaL_error(L, "collectgarbage(\"%s\") is not available in the sandbox", option);
    int k = lua_gc(L, LUA_GCCOUNT), b = lua_gc(L, LUA_GCCOUNTB);
    lua_pushnumber(L, (lua_Number)k + (lua_Number)b / 1024);
    return 1;
}

static inline int hs_null_tostring(lua_State *L) {
    lua_pushliteral(L, "null");
    return 1;
}

/* json.array(t): marks t (or a new table) as a JSON array, so that it stays one when empty. */
static inline int hs_json_array(lua_State *L) {
    if (lua_isnoneornil(L, 1)) lua_newtable(L);
    else luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, hs_state(L)->ref_array_mt);
    lua_setmetatable(L, 1);
    return 1;
}

static inline int hs_remaining_millis(lua_State *L) {
    HSState *s = hs_state(L);
    int64_t left = (s->budget.deadline_ns - hs_now_ns()) / 1000000;
    lua_pushinteger(L, left > 0 ? left : 0);
    return 1;
}

/* __host_call(operation, request): the one door from a script to the host. Returns true and
 * the result, or false and an error object; the prelude turns the latter into an error. The
 * request is encoded like a result (so it must be JSON-able); the reply is decoded like an
 * event. */
static inline int hs_host_call(lua_State *L) {
    HSState *s = hs_state(L);
    size_t length;
    const char *operation = luaL_checklstring(L, 1, &length);
    lua_settop(L, 2);
    lua_newtable(L);                    /* 3: tables being written, for the cycle check */
    lua_insert(L, 2);                   /* the request moves to 3 */
    s->out_len = 0;
    hs_tape_write(L, s, 3, 0);
    if (s->host_call == NULL) return luaL_error(L, "no host APIs are available here");
    /* 4: the request, kept as a Lua string: a finalizer run by the collection below may make
     * a host call of its own, which reuses the tape's buffer. */
    lua_pushlstring(L, (const char *)s->out, s->out_len);
    hs_out_release(s);
    size_t request_len;
    const unsigned char *request = (const unsigned char *)lua_tolstring(L, 4, &request_len);
    s->reply = NULL;
    s->reply_len = 0;
    int failed = s->host_call(s->emit_context, operation, length, request, request_len);
    if (failed == HS_HOST_NEEDS_MEMORY) {
        /* The host would not start work that does not fit: collect the script's garbage, as
         * Lua does before it refuses an allocation, and ask once more. */
        lua_gc(L, LUA_GCCOLLECT, 0);
        s->reply = NULL;
        s->reply_len = 0;
        failed = s->host_call(s->emit_context, operation, length, request, request_len);
    }
    if (failed == HS_HOST_OUT_OF_MEMORY || failed == HS_HOST_NEEDS_MEMORY) {
        s->out_of_memory = 1;
        return luaL_error(L, HS_OOM_MESSAGE);
    }
    hs_check_deadline(L);
    if (s->reply == NULL) return luaL_error(L, "the host gave no answer");
    /* Copy the reply into a Lua string before anything can run a collection: a finalizer
     * could make another host call, whose reply replaces this one in the host's buffer. The
     * copy is the script's memory now; the host's charge for its buffer ends. */
    size_t charged = s->reply_charged;
    s->reply_charged = 0;
    lua_pushlstring(L, (const char *)s->reply, s->reply_len);
    hs_uncharge(s, charged);
    size_t reply_len;
    const unsigned char *reply = (const unsigned char *)lua_tolstring(L, -1, &reply_len);
    HSTapeReader r = {reply, reply + reply_len};
    lua_pushboolean(L, !failed);
    hs_tape_push(L, s, &r, 0);
    return 2;
}


static inline void hs_replace_field(lua_State *L, const char *library, const char *name, lua_CFunction f, int keep_original) {
    lua_getglobal(L, library);
    if (keep_original) {
        lua_getfield(L, -1, name);
        lua_pushcclosure(L, f, 1);
    } else {
        lua_pushcfunction(L, f);
    }
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

/* ---- building the sandbox ---- */

static inline void hs_open_library(lua_State *L, const char *name, lua_CFunction open) {
    luaL_requiref(L, name, open, 1);
    lua_pop(L, 1);
}

/* Allow-list: copy what is allowed, never delete what is not (Lua's linit.c advice). */
static inline void hs_keep_fields(lua_State *L, const char *library, const char *const *names) {
    lua_getglobal(L, library);
    lua_newtable(L);
    for (const char *const *name = names; *name; name++) {
        lua_getfield(L, -2, *name);
        lua_setfield(L, -2, *name);
    }
    lua_setglobal(L, library);
    lua_pop(L, 1);
}

/* Replaces the global library table `library` with a copy of all its fields. */
static inline void hs_copy_library(lua_State *L, const char *library) {
    lua_getglobal(L, library);
    lua_newtable(L);
    lua_pushnil(L);
    while (lua_next(L, -3) != 0) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
    lua_setglobal(L, library);
    lua_pop(L, 1);
}

static inline void hs_new_ref_table(lua_State *L, const char *name, int *ref) {
    lua_newtable(L);
    lua_pushstring(L, name);
    lua_setfield(L, -2, "__name");
    *ref = luaL_ref(L, LUA_REGISTRYINDEX);
}

/* lua_CFunction: opens the safe libraries into the global table and installs the
 * replacements. Runs once, under lua_pcall, on a fresh state. */
static inline int hs_build_sandbox(lua_State *L) {
    HSState *s = hs_state(L);
    hs_open_library(L, LUA_GNAME, luaopen_base);
    hs_open_library(L, LUA_TABLIBNAME, luaopen_table);
    hs_open_library(L, LUA_STRLIBNAME, luaopen_string);
    hs_open_library(L, LUA_MATHLIBNAME, luaopen_math);
    hs_open_library(L, LUA_UTF8LIBNAME, luaopen_utf8);
    hs_open_library(L, LUA_COLIBNAME, luaopen_coroutine);
    hs_open_library(L, LUA_OSLIBNAME, luaopen_os);
    /* luaL_requiref records each library in the registry's _LOADED, out of scripts' reach;
     * tracebacks look global functions up there to name them ("in function 'handler'"). */

    static const char *const os_allowed[] = {"time", "clock", "date", "difftime", NULL};
    hs_keep_fields(L, LUA_OSLIBNAME, os_allowed);
    /* Scripts get copies of the libraries whose functions the sandbox replaces; the registry
     * keeps Lua's own tables, so that an error raised by an original function the sandbox
     * calls still names it ("bad argument #3 to 'string.format'"). Strings index the copy. */
    hs_copy_library(L, LUA_STRLIBNAME);
    hs_copy_library(L, LUA_TABLIBNAME);
    hs_copy_library(L, LUA_UTF8LIBNAME);
    hs_copy_library(L, LUA_COLIBNAME);
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_getglobal(L, LUA_STRLIBNAME);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 2);
    hs_replace_field(L, LUA_OSLIBNAME, "time", hs_os_time, 1);
    hs_replace_field(L, LUA_OSLIBNAME, "date", hs_os_date, 1);

    lua_pushnil(L); lua_setglobal(L, "dofile");
    lua_pushnil(L); lua_setglobal(L, "loadfile");
    lua_pushcfunction(L, hs_load);
    lua_setglobal(L, "load");
    lua_pushcfunction(L, hs_collectgarbage);
    lua_setglobal(L, "collectgarbage");
    lua_pushcfunction(L, hs_xpcall);
    lua_setglobal(L, "xpcall");
    lua_pushcfunction(L, hs_setmetatable);
    lua_setglobal(L, "setmetatable");
    lua_createtable(L, 0, 1);                   /* tables with a finalizer -> their sentinel */
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    s->ref_sentinels = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, hs_finalize);
    lua_setfield(L, -2, "__gc");
    s->ref_sentinel_mt = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_pushcfunction(L, hs_print);
    lua_setglobal(L, "print");
    /* For the prelude, which keeps it in a local and removes the global. */
    lua_pushcfunction(L, hs_host_call);
    lua_setglobal(L, "__host_call");

    hs_replace_field(L, LUA_COLIBNAME, "resume", hs_coroutine_resume, 0);
    hs_replace_field(L, LUA_COLIBNAME, "wrap", hs_coroutine_wrap, 0);
    hs_replace_field(L, LUA_COLIBNAME, "close", hs_coroutine_close, 1);
    hs_replace_field(L, LUA_TABLIBNAME, "move", hs_table_move, 0);
    hs_replace_field(L, LUA_TABLIBNAME, "insert", hs_table_insert, 0);
    hs_replace_field(L, LUA_TABLIBNAME, "remove", hs_table_remove, 0);
    hs_replace_field(L, LUA_TABLIBNAME, "sort", hs_table_sort, 1);
    hs_replace_field(L, LUA_TABLIBNAME, "concat", hs_table_concat, 1);
    hs_replace_field(L, LUA_STRLIBNAME, "rep", hs_string_rep, 0);
    hs_replace_field(L, LUA_STRLIBNAME, "format", hs_string_format, 1);
    hs_replace_field(L, LUA_STRLIBNAME, "pack", hs_string_pack, 1);
    hs_replace_field(L, LUA_UTF8LIBNAME, "len", hs_utf8_len, 1);
    hs_replace_field(L, LUA_UTF8LIBNAME, "codes", hs_utf8_codes, 1);

    lua_getglobal(L, LUA_STRLIBNAME);
    lua_pushnil(L);
    lua_setfield(L, -2, "dump");
#ifdef HS_HAVE_STRLIB
    hs_open_strlib_patterns(L, lua_gettop(L));
#endif
    lua_pop(L, 1);

    /* log.debug/info/warn/error */
    static const struct { const char *name; int kind; } levels[] = {
        {"debug", HS_EMIT_DEBUG}, {"info", HS_EMIT_INFO}, {"warn", HS_EMIT_WARN}, {"error", HS_EMIT_ERROR}};
    lua_createtable(L, 0, 4);
    for (size_t i = 0; i < sizeof(levels) / sizeof(levels[0]); i++) {
        lua_pushinteger(L, levels[i].kind);
        lua_pushcclosure(L, hs_log, 1);
        lua_setfield(L, -2, levels[i].name);
    }
    lua_setglobal(L, "log");

    /* json.null: a userdata no script can forge; json.array marks arrays. */
    hs_new_ref_table(L, "json.array", &s->ref_array_mt);
    /* Locked, as json.null's is: a __gc a script put here would run with hooks off. */
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->ref_array_mt);
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
    /* The last error the message handler saw, with its traceback: {error, traceback}. */
    lua_createtable(L, 2, 0);
    s->ref_last_error = luaL_ref(L, LUA_REGISTRYINDEX);
    /* The previous call's context, whose unchanged members the next one reuses. */
    lua_createtable(L, 16, 0);
    s->ref_context = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_createtable(L, 0, 2);
    lua_newuserdatauv(L, 0, 0);
    lua_newtable(L);
    lua_pushcfunction(L, hs_null_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pushliteral(L, "json.null");
    lua_setfield(L, -2, "__name");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    s->ref_null = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_setfield(L, -2, "null");
    lua_pushcfunction(L, hs_json_array);
    lua_setfield(L, -2, "array");
    lua_setglobal(L, "json");

    lua_setwarnf(L, hs_warn, s);
    lua_sethook(L, hs_hook, LUA_MASKCOUNT, HS_HOOK_COUNT);
    return 0;
}

/* ---- protected entry points for Swift ---- */

/* Message handler for script calls: records the error and its traceback in the registry and
 * returns the error as it is. Nothing of the host's reaches a script this way: the handler
 * also runs for errors that a script still sees afterwards (a parser error load returns, the
 * error a __close handler receives), and those must be the script's own values, as Lua
 * documents them. Not called for memory errors (Lua's rule); skipped once the budget is
 * spent. */
static inline int hs_message_handler(lua_State *L) {
    HSState *s = hs_state(L);
    if (s->budget.timed_out || s->out_of_memory) return 1;
    lua_settop(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->ref_last_error);
    luaL_traceback(L, L, NULL, 1);
    lua_rawseti(L, 2, 2);
    lua_pushvalue(L, 1);
    lua_rawseti(L, 2, 1);
    lua_settop(L, 1);
    return 1;
}

/* lua_CFunction(code pointer, length, chunk name): compiles text only. Returns the function,
 * or false and the parser's message. */
static inline int hs_compile(lua_State *L) {
    const char *code = (const char *)lua_touserdata(L, 1);
    size_t length = (size_t)lua_tointeger(L, 2);
    const char *name = (const char *)lua_touserdata(L, 3);
    if (hs_load_chunk(L, code, length, 0, name) != LUA_OK) {
        lua_pushboolean(L, 0);
        lua_insert(L, -2);
        return 2;
    }
    return 1;
}

/* A function's dump (lua_dump), in memory the host owns: the host's cache of compiled
 * chunks, not the script's memory (as the script's text is not). */
typedef struct HSDumpBuffer {
    unsigned char *bytes;
    size_t len, cap;
} HSDumpBuffer;

static inline int hs_dump_writer(lua_State *L, const void *p, size_t n, void *ud) {
    HSDumpBuffer *b = (HSDumpBuffer *)ud;
    (void)L;
    if (b->cap - b->len < n) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap - b->len < n) cap *= 2;
        unsigned char *grown = (unsigned char *)realloc(b->bytes, cap);
        if (grown == NULL) return 1;
        b->bytes = grown;
        b->cap = cap;
    }
    memcpy(b->bytes + b->len, p, n);
    b->len += n;
    return 0;
}

/* Writes the function on top of the stack, with its debug information (source name, lines,
 * local names: the same messages and tracebacks), into b; 0 when it all fit. lua_dump cannot
 * raise, so Swift calls this directly. Used only on a function hs_compile just made from
 * text. The caller frees b->bytes. */
static inline int hs_dump(lua_State *L, HSDumpBuffer *b) {
    return lua_dump(L, hs_dump_writer, b, 0);
}

typedef struct HSDumpReader {
    const char *p;
    size_t left;
} HSDumpReader;

static inline const char *hs_dump_read(lua_State *L, void *data, size_t *size) {
    HSDumpReader *r = (HSDumpReader *)data;
    (void)L;
    *size = r->left;
    r->left = 0;
    return *size ? r->p : NULL;
}

/* lua_CFunction(pointer, length, chunk name): loads what hs_dump wrote. Binary chunks come
 * only from here, from a dump the host made of text it compiled itself (mode "t"); nothing a
 * script passes ever reaches it (docs/sandbox.md#load-text-only). */
static inline int hs_load_dump(lua_State *L) {
    HSDumpReader r = {(const char *)lua_touserdata(L, 1), (size_t)lua_tointeger(L, 2)};
    const char *name = (const char *)lua_touserdata(L, 3);
    if (lua_load(L, hs_dump_read, &r, name, "b") != LUA_OK) return lua_error(L);
    return 1;
}

/* lua_CFunction(name pointer): the global of that name (through any metamethods _G has). */
static inline int hs_get_global(lua_State *L) {
    lua_getglobal(L, (const char *)lua_touserdata(L, 1));
    return 1;
}

/* lua_CFunction(name pointer, tape pointer, length): sets a global to a decoded value. */
static inline int hs_set_global(lua_State *L) {
    HSTapeReader r;
    r.p = (const unsigned char *)lua_touserdata(L, 2);
    r.end = r.p + (size_t)lua_tointeger(L, 3);
    hs_tape_push(L, hs_state(L), &r, 0);
    lua_setglobal(L, (const char *)lua_touserdata(L, 1));
    return 0;
}

/* The length of the member of a flat object tape at r (u32 key length, key, then a null,
 * boolean, number or string), or 0 when what is there is not such a member. Reads only
 * within r; raises nothing. */
static inline size_t hs_tape_flat_member(const HSTapeReader *r) {
    size_t left = (size_t)(r->end - r->p), n;
    uint32_t k, v;
    if (left < 5) return 0;
    memcpy(&k, r->p, 4);
    if (left - 4 < (size_t)k + 1) return 0;
    n = 4 + (size_t)k;
    switch (r->p[n]) {
    case 'n': case 't': case 'f': n += 1; break;
    case 'i': case 'd': n += 9; break;
    case 's':
        if (left - n < 5) return 0;
        memcpy(&v, r->p + n + 1, 4);
        n += 5 + (size_t)v;
        break;
    default: return 0;
    }
    return n <= left ? n : 0;
}

/* lua_CFunction(tape pointer, length): the context object, with its one method.
 *
 * A context is a flat object that changes little from one call to the next (the request id),
 * and turning its text into Lua strings (hashing each one to intern it) cost more than the
 * rest of a small call. So the state keeps the previous context's members (registry,
 * ref_context: {key 1, value 1, key 2, value 2, ...}); a member whose key and value have the
 * same bytes as the previous call's at the same place reuses those Lua values. The table is
 * new on every call and built in the same order with the same size as a decoded tape, so a
 * script sees exactly what decoding gives. A context that is not a flat object is decoded as
 * any value. */
static inline int hs_push_context(lua_State *L) {
    HSState *s = hs_state(L);
    const unsigned char *p = (const unsigned char *)lua_touserdata(L, 1);
    size_t n = (size_t)lua_tointeger(L, 2);
    uint32_t count;
    lua_settop(L, 2);
    if (p == NULL || n < 5 || p[0] != '{') {
        hs_tape_decode(L);
        goto method;
    }
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->ref_context);           /* 3: the previous members */
    HSTapeReader r = {p + 5, p + n};
    memcpy(&count, p + 1, 4);
    lua_createtable(L, 0, (int)count);                            /* 4: the context */
    for (uint32_t i = 0; i < count; i++) {
        size_t m = hs_tape_flat_member(&r);
        if (m == 0) {                                              /* not flat: decode it all */
            lua_settop(L, 2);
            hs_tape_decode(L);
            goto method;
        }
        uint32_t k;
        memcpy(&k, r.p, 4);
        const unsigned char *key = r.p + 4, *value = key + k;
        size_t value_len = m - 4 - k, had;
        lua_Integer slot = 1 + 2 * (lua_Integer)i;
        int same = 0;
        if (lua_rawgeti(L, 3, slot) == LUA_TSTRING) {               /* 5: the previous key */
            const char *old = lua_tolstring(L, 5, &had);
            same = had == k && memcmp(old, key, k) == 0;
        }
        if (same) {
            int t = lua_rawgeti(L, 3, slot + 1);                  /* 6: the previous value */
            switch (value[0]) {
            case 'n': case 't': case 'f': {
                /* null is json.null, which is never stored here: decode it */
                same = (value[0] == 't' || value[0] == 'f') && t == LUA_TBOOLEAN && lua_toboolean(L, 6) == (value[0] == 't');
                break;
            }
            case 'i': {
                int64_t v;
                memcpy(&v, value + 1, 8);
                same = t == LUA_TNUMBER && lua_isinteger(L, 6) && lua_tointeger(L, 6) == (lua_Integer)v;
                break;
            }
            case 's': {
                const char *old = t == LUA_TSTRING ? lua_tolstring(L, 6, &had) : NULL;
                same = old != NULL && had == value_len - 5 && memcmp(old, value + 5, had) == 0;
                break;
            }
            default: same = 0;                                    /* a double: decode it */
            }
            if (!same) lua_pop(L, 1);
        }
        if (!same) {
            lua_settop(L, 4);
            lua_pushlstring(L, (const char *)key, k);
            HSTapeReader member = {value, value + value_len};
            hs_tape_push(L, s, &member, 1);
            lua_pushvalue(L, -2);
            lua_rawseti(L, 3, slot);
            lua_pushvalue(L, -1);
            lua_rawseti(L, 3, slot + 1);
        }
        lua_rawset(L, 4);
        lua_settop(L, 4);
        r.p += m;
    }
method:
    lua_pushcfunction(L, hs_remaining_millis);
    lua_setfield(L, -2, "get_remaining_time_in_millis");
    return 1;
}

static inline int hs_tostring(lua_State *L) {
    luaL_tolstring(L, 1, NULL);
    return 1;
}

/* A value as text, even when its __tostring fails: lua.c's fallback wording. */
static inline void hs_push_text(lua_State *L, int idx) {
    idx = lua_absindex(L, idx);
    int t = lua_type(L, idx);
    if (t != LUA_TSTRING && t != LUA_TNUMBER && luaL_getmetafield(L, idx, "__tostring") == LUA_TNIL) {
        lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, idx));
        return;
    }
    if (t != LUA_TSTRING && t != LUA_TNUMBER) lua_pop(L, 1);
    lua_pushcfunction(L, hs_tostring);
    lua_pushvalue(L, idx);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK || lua_type(L, -1) != LUA_TSTRING) {
        lua_pop(L, 1);
        lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, idx));
    }
}

/* lua_CFunction(error value): what went wrong, as three values: the error's name (a string
 * field `errorType` of a table error, else nil), its message (the `errorMessage` field of a
 * table error, else the error as text) and the traceback (nil when none was taken). */
static inline int hs_describe_error(lua_State *L) {
    HSState *s = hs_state(L);
    lua_settop(L, 1);
    /* 2: the error, 3: its traceback when the message handler recorded this error */
    lua_pushvalue(L, 1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, s->ref_last_error);
    lua_rawgeti(L, -1, 1);
    int recorded = lua_rawequal(L, -1, 1);
    lua_pop(L, 1);
    if (recorded) lua_rawgeti(L, -1, 2); else lua_pushnil(L);
    lua_pushnil(L);
    lua_rawseti(L, -3, 1);
    lua_pushnil(L);
    lua_rawseti(L, -3, 2);
    lua_remove(L, -2);
    if (lua_type(L, 2) == LUA_TTABLE) {
        lua_getfield(L, 2, "errorType");
        if (lua_type(L, -1) != LUA_TSTRING) { lua_pop(L, 1); lua_pushnil(L); }
        lua_getfield(L, 2, "errorMessage");
        if (lua_type(L, -1) == LUA_TNIL) {
            lua_pop(L, 1);
            if (lua_type(L, -1) == LUA_TSTRING) lua_pushliteral(L, "");
            else hs_push_text(L, 2);
        } else {
            int m = lua_gettop(L);
            hs_push_text(L, m);
            lua_remove(L, m);
        }
    } else {
        lua_pushnil(L);
        hs_push_text(L, 2);
    }
    lua_pushvalue(L, 3);
    return 3;
}

/* ---- lifecycle, called from Swift directly: none of these can raise ---- */

static inline HSState *hs_open(size_t memory_limit, HSEmitFunction emit, HSHostCallFunction host_call, HSNowFunction now,
                               void *emit_context) {
    HSState *s = (HSState *)calloc(1, sizeof(HSState));
    if (s == NULL) return NULL;
    s->mem_limit = memory_limit;
    s->host_call = host_call;
    s->now = now;
    s->emit = emit;
    s->emit_context = emit_context;
    s->budget.deadline_ns = INT64_MAX;
    s->watch_slot = -1;
    lua_State *L = lua_newstate(hs_alloc, s);
    if (L == NULL) { free(s); return NULL; }
    *(HSBudget **)lua_getextraspace(L) = &s->budget;
    lua_atpanic(L, hs_panic);
    s->L = L;
    return s;
}

/* Closing runs the remaining finalizers under the same cap as script code, and with the
 * deadline already passed, so each of them is stopped at its first hook: a finalizer can
 * neither hang the host nor allocate past the function's memory. */
static inline void hs_close(HSState *s) {
    char here;
    if (s == NULL) return;
    s->budget.deadline_ns = 0;
    s->budget.running = s->L;
    s->budget.stack_start = &here;
    s->budget.stack_limit = NULL;
    s->enforce_limit = 1;
    lua_close(s->L);
    free(s->out);
    free(s);
}

/* Starts a budgeted window: the deadline and the memory cap bind script code until
 * hs_end_budget, and the watchdog stops the script at the deadline. */
static inline void hs_begin_budget(HSState *s, int64_t timeout_ns) {
    char here;
    s->budget.timed_out = 0;
    __atomic_store_n(&s->budget.expired, 0, __ATOMIC_SEQ_CST);
    __atomic_store_n(&s->budget.armed, 0, __ATOMIC_RELAXED);
    s->budget.deadline_ns = hs_now_ns() + timeout_ns;
    __atomic_store_n(&s->budget.running, s->L, __ATOMIC_SEQ_CST);
    s->budget.stack_start = &here;
    s->budget.stack_limit = NULL;
    s->refusals = 0;
    s->mem_peak = s->mem_used + s->charged;
    s->enforce_limit = 1;
    hs_watch_register(s);
}

static inline void hs_end_budget(HSState *s) {
    hs_watch_unregister(s);
    /* A call that overran inside C and returned before the hook fired still timed out. */
    if (hs_now_ns() >= s->budget.deadline_ns || __atomic_load_n(&s->budget.expired, __ATOMIC_SEQ_CST)) s->budget.timed_out = 1;
    s->enforce_limit = 0;
    s->budget.deadline_ns = 0;
    s->budget.stack_start = NULL;
    hs_out_release(s);
}

/* A string at idx, or NULL when the value there is not a string (no conversion). */
static inline const char *hs_string_at(lua_State *L, int idx, size_t *length) {
    if (lua_type(L, idx) != LUA_TSTRING) return NULL;
    return lua_tolstring(L, idx, length);
}

#endif

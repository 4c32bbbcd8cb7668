/* Values cross between Swift and Lua as a "tape": a flat, typed encoding that Swift writes
 * and reads, and C turns into Lua values and back under lua_pcall, so no Lua error can ever
 * unwind through Swift. Numbers keep their kind and exact bits; no text is parsed.
 *
 *   'n' null   't' true   'f' false
 *   'i' int64 (8 bytes, host order)   'd' double (8 bytes, host order)
 *   's' u32 length, bytes
 *   '[' u32 count, count values
 *   '{' u32 count, count pairs of (u32 length, key bytes, value)
 */
#ifndef HS_TAPE_H
#define HS_TAPE_H

#include <math.h>
#include <stdint.h>
#include <string.h>
#include <lua.h>
#include <lauxlib.h>
#include "hs_state.h"

typedef struct HSTapeReader {
    const unsigned char *p, *end;
} HSTapeReader;

static inline void hs_tape_need(lua_State *L, HSTapeReader *r, size_t n) {
    if ((size_t)(r->end - r->p) < n) luaL_error(L, "corrupt value tape");
}

static inline uint32_t hs_tape_u32(lua_State *L, HSTapeReader *r) {
    uint32_t v;
    hs_tape_need(L, r, 4);
    memcpy(&v, r->p, 4);
    r->p += 4;
    return v;
}

/* Pushes the next value of the tape. JSON null becomes json.null; arrays carry the
 * json.array metatable so that an empty one stays an array on the way back. */
static inline void hs_tape_push(lua_State *L, HSState *s, HSTapeReader *r, int depth) {
    if (depth > HS_MAX_DEPTH) luaL_error(L, "JSON value nested too deeply");
    luaL_checkstack(L, 4, "JSON value nested too deeply");
    hs_tape_need(L, r, 1);
    unsigned char tag = *r->p++;
    switch (tag) {
    case 'n': lua_rawgeti(L, LUA_REGISTRYINDEX, s->ref_null); break;
    case 't': lua_pushboolean(L, 1); break;
    case 'f': lua_pushboolean(L, 0); break;
    case 'i': {
        int64_t v;
        hs_tape_need(L, r, 8);
        memcpy(&v, r->p, 8);
        r->p += 8;
        lua_pushinteger(L, (lua_Integer)v);
        break;
    }
    case 'd': {
        double v;
        hs_tape_need(L, r, 8);
        memcpy(&v, r->p, 8);
        r->p += 8;
        lua_pushnumber(L, (lua_Number)v);
        break;
    }
    case 's': {
        uint32_t n = hs_tape_u32(L, r);
        hs_tape_need(L, r, n);
        lua_pushlstring(L, (const char *)r->p, n);
        r->p += n;
        break;
    }
    case '[': {
        uint32_t n = hs_tape_u32(L, r);
        lua_createtable(L, (int)n, 0);
        for (uint32_t i = 1; i <= n; i++) {
            hs_tape_push(L, s, r, depth + 1);
            lua_rawseti(L, -2, (lua_Integer)i);
        }
        lua_rawgeti(L, LUA_REGISTRYINDEX, s->ref_array_mt);
        lua_setmetatable(L, -2);
        break;
    }
    case '{': {
        uint32_t n = hs_tape_u32(L, r);
        lua_createtable(L, 0, (int)n);
        for (uint32_t i = 0; i < n; i++) {
            uint32_t k = hs_tape_u32(L, r);
            hs_tape_need(L, r, k);
            lua_pushlstring(L, (const char *)r->p, k);
            r->p += k;
            hs_tape_push(L, s, r, depth + 1);
            lua_rawset(L, -3);
        }
        break;
    }
    default: luaL_error(L, "corrupt value tape");
    }
}

/* lua_CFunction(tape pointer, length): pushes the value the tape holds. */
static inline int hs_tape_decode(lua_State *L) {
    HSTapeReader r;
    r.p = (const unsigned char *)lua_touserdata(L, 1);
    r.end = r.p + (size_t)lua_tointeger(L, 2);
    hs_tape_push(L, hs_state(L), &r, 0);
    return 1;
}

/* The tape is memory the host holds for the script: it is charged to the script's memory as
 * it grows (a value that shares subtables can be far larger written out than in memory), and
 * a tape that does not fit is the script running out of memory. */
static inline void hs_out_put(lua_State *L, HSState *s, const void *bytes, size_t n) {
    if (s->out_cap - s->out_len < n) {
        size_t cap = s->out_cap ? s->out_cap : 256;
        while (cap - s->out_len < n) cap *= 2;
        if (!hs_charge(s, cap - s->out_cap)) {
            s->out_of_memory = 1;
            luaL_error(L, HS_OOM_MESSAGE);
        }
        unsigned char *grown = (unsigned char *)realloc(s->out, cap);
        if (grown == NULL) {
            hs_uncharge(s, cap - s->out_cap);
            luaL_error(L, HS_OOM_MESSAGE);
        }
        s->out = grown;
        s->out_cap = cap;
    }
    memcpy(s->out + s->out_len, bytes, n);
    s->out_len += n;
}

/* Frees the tape once the host has read it, and gives its bytes back to the script. */
static inline void hs_out_release(HSState *s) {
    hs_uncharge(s, s->out_cap);
    free(s->out);
    s->out = NULL;
    s->out_len = s->out_cap = 0;
}

static inline void hs_out_tag(lua_State *L, HSState *s, char tag) { hs_out_put(L, s, &tag, 1); }

static inline void hs_out_u32(lua_State *L, HSState *s, size_t n) {
    if (n > UINT32_MAX) luaL_error(L, "value too large");
    uint32_t v = (uint32_t)n;
    hs_out_put(L, s, &v, 4);
}

static inline void hs_out_string(lua_State *L, HSState *s, int idx) {
    size_t n;
    const char *str = lua_tolstring(L, idx, &n);
    hs_out_u32(L, s, n);
    hs_out_put(L, s, str, n);
}

/* The marshalling errors, worded as Lambda's Python runtime words them where it has one. */
#define HS_MARSHAL_CYCLE "Circular reference detected"
#define HS_MARSHAL_FLOAT "Out of range float values are not JSON compliant"

static inline void hs_tape_write(lua_State *L, HSState *s, int idx, int depth);

/* A table is a JSON array when its keys are exactly 1..n (n >= 1), or when it is empty and
 * carries the json.array metatable; an empty table otherwise is an object. String keys make
 * an object. Any other mix is refused rather than guessed at. */
static inline void hs_tape_write_table(lua_State *L, HSState *s, int idx, int depth) {
    if (depth > HS_MAX_DEPTH) luaL_error(L, "value nested too deeply (more than %d levels)", HS_MAX_DEPTH);
    luaL_checkstack(L, 6, "value nested too deeply");
    /* cycle check: the table of tables being written sits at stack index 2 */
    lua_pushvalue(L, idx);
    if (lua_rawget(L, 2) != LUA_TNIL) luaL_error(L, HS_MARSHAL_CYCLE);
    lua_pop(L, 1);
    lua_pushvalue(L, idx);
    lua_pushboolean(L, 1);
    lua_rawset(L, 2);

    size_t strings = 0, integers = 0;
    lua_Integer largest = 0;
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING) {
            strings++;
        } else if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1) {
            lua_Integer k = lua_tointeger(L, -1);
            integers++;
            if (k > largest) largest = k;
        } else {
            luaL_error(L, "table key of type %s cannot become a JSON object key",
                       lua_type(L, -1) == LUA_TNUMBER ? "number (not a positive integer)" : luaL_typename(L, -1));
        }
    }
    if (strings > 0 && integers > 0) luaL_error(L, "table mixes string keys and array indices");
    if (integers > 0 && (lua_Integer)integers != largest)
        luaL_error(L, "array has a hole (indices up to %d, but %d elements)", (int)largest, (int)integers);

    int is_array = integers > 0;
    if (strings == 0 && integers == 0 && lua_getmetatable(L, idx)) {
        lua_rawgeti(L, LUA_REGISTRYINDEX, s->ref_array_mt);
        is_array = lua_rawequal(L, -1, -2);
        lua_pop(L, 2);
    }
    if (is_array) {
        hs_out_tag(L, s, '[');
        hs_out_u32(L, s, integers);
        for (lua_Integer i = 1; i <= largest; i++) {
            lua_rawgeti(L, idx, i);
            hs_tape_write(L, s, lua_gettop(L), depth + 1);
            lua_pop(L, 1);
        }
    } else {
        hs_out_tag(L, s, '{');
        hs_out_u32(L, s, strings);
        lua_pushnil(L);
        while (lua_next(L, idx) != 0) {
            hs_out_string(L, s, -2);
            hs_tape_write(L, s, lua_gettop(L), depth + 1);
            lua_pop(L, 1);
        }
    }
    lua_pushvalue(L, idx);
    lua_pushnil(L);
    lua_rawset(L, 2);
}

static inline void hs_tape_write(lua_State *L, HSState *s, int idx, int depth) {
    /* Writing runs in C, where the hook never fires: check the deadline as it goes. */
    if ((++s->written & 4095) == 0) hs_check_deadline(L);
    switch (lua_type(L, idx)) {
    case LUA_TNIL: hs_out_tag(L, s, 'n'); break;
    case LUA_TBOOLEAN: hs_out_tag(L, s, lua_toboolean(L, idx) ? 't' : 'f'); break;
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx)) {
            int64_t v = (int64_t)lua_tointeger(L, idx);
            hs_out_tag(L, s, 'i');
            hs_out_put(L, s, &v, 8);
        } else {
            double v = (double)lua_tonumber(L, idx);
            if (!isfinite(v)) luaL_error(L, HS_MARSHAL_FLOAT);
            hs_out_tag(L, s, 'd');
            hs_out_put(L, s, &v, 8);
        }
        break;
    case LUA_TSTRING:
        hs_out_tag(L, s, 's');
        hs_out_string(L, s, idx);
        break;
    case LUA_TTABLE: hs_tape_write_table(L, s, idx, depth); break;
    case LUA_TUSERDATA: {
        lua_rawgeti(L, LUA_REGISTRYINDEX, s->ref_null);
        int is_null = lua_rawequal(L, -1, idx);
        lua_pop(L, 1);
        if (is_null) { hs_out_tag(L, s, 'n'); break; }
    } /* fall through */
    default:
        luaL_error(L, "Object of type %s is not JSON serializable", luaL_typename(L, idx));
    }
}

/* What the host's own JSON parser may hold while it reads `n` bytes of JSON text, and the
 * reply that carries the value back: the parsed tree (some 48 bytes a value, counting the
 * array and object storage around it), the text's bytes three times over (strings in the
 * tree, the reply's tape, its buffer). Values are counted by the separators and brackets
 * outside strings. Reads no more than `n` bytes. */
static inline size_t hs_json_cost(const unsigned char *p, size_t n) {
    size_t values = 1;
    int in_string = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (in_string) {
            if (c == '\\') i++;
            else if (c == '"') in_string = 0;
        } else if (c == '"') {
            in_string = 1;
        } else if (c == ',' || c == ':' || c == '[' || c == '{') {
            values++;
        }
    }
    return values * 48 + n * 3;
}

/* lua_CFunction(value): writes the value's tape into the state's out buffer. */
static inline int hs_tape_encode(lua_State *L) {
    HSState *s = hs_state(L);
    lua_settop(L, 1);
    lua_newtable(L); /* index 2: tables being written, for the cycle check */
    s->out_len = 0;
    hs_tape_write(L, s, 1, 0);
    return 0;
}

#endif

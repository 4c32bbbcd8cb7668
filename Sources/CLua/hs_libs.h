/* Library functions whose cost a script chooses, with a bound or a deadline check of their
 * own. Lua's count hook fires only between VM instructions, so a C function that loops over a
 * count, a length or a format a script picked runs past the deadline unless it looks at the
 * deadline itself (docs/sandbox.md#the-deadline). Each replacement keeps the results and
 * error messages of the function it replaces (Lua 5.4 manual, section 6), and where it can,
 * it calls the original on pieces of the work and checks the deadline between them. */
#ifndef HS_LIBS_H
#define HS_LIBS_H

#include <limits.h>
#include <string.h>
#include <lua.h>
#include <lauxlib.h>
#include "hs_budget.h"
#include "hs_state.h"

/* Checks the deadline every 1024 steps of a loop in C (the hook cannot fire there). */
#define HS_LOOP_CHECK(L, i) hs_poll_deadline(L, (size_t)(i))

/* Calls the original library function (upvalue 1) with the arguments on the stack. */
static inline int hs_call_upvalue(lua_State *L) {
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
    return lua_gettop(L);
}

/* ---- table ---- */

/* table.move, table.insert and table.remove loop in C over counts a script chooses (a
 * __len can claim 10^10 elements): the same functions, with the deadline checked. */
static inline int hs_table_move(lua_State *L) {
    lua_Integer f = luaL_checkinteger(L, 2);
    lua_Integer e = luaL_checkinteger(L, 3);
    lua_Integer t = luaL_checkinteger(L, 4);
    int tt = !lua_isnoneornil(L, 5) ? 5 : 1;
    luaL_checkany(L, 1);
    luaL_checkany(L, tt);
    if (e >= f) {
        luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
        lua_Integer n = e - f + 1;
        luaL_argcheck(L, t <= LUA_MAXINTEGER - n + 1, 4, "destination wrap around");
        if (t > e || t <= f || (tt != 1 && !lua_compare(L, 1, tt, LUA_OPEQ))) {
            for (lua_Integer i = 0; i < n; i++) {
                HS_LOOP_CHECK(L, i);
                lua_geti(L, 1, f + i);
                lua_seti(L, tt, t + i);
            }
        } else {
            for (lua_Integer i = n - 1; i >= 0; i--) {
                HS_LOOP_CHECK(L, i);
                lua_geti(L, 1, f + i);
                lua_seti(L, tt, t + i);
            }
        }
    }
    lua_pushvalue(L, tt);
    return 1;
}

static inline int hs_table_insert(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer e = luaL_len(L, 1) + 1;
    lua_Integer pos;
    switch (lua_gettop(L)) {
    case 2: pos = e; break;
    case 3:
        pos = luaL_checkinteger(L, 2);
        luaL_argcheck(L, (lua_Unsigned)pos - 1u < (lua_Unsigned)e, 2, "position out of bounds");
        for (lua_Integer i = e; i > pos; i--) {
            HS_LOOP_CHECK(L, i);
            lua_geti(L, 1, i - 1);
            lua_seti(L, 1, i);
        }
        break;
    default: return luaL_error(L, "wrong number of arguments to 'insert'");
    }
    lua_seti(L, 1, pos);
    return 0;
}

static inline int hs_table_remove(lua_State *L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_Integer size = luaL_len(L, 1);
    lua_Integer pos = luaL_optinteger(L, 2, size);
    if (pos != size) luaL_argcheck(L, (lua_Unsigned)pos - 1u <= (lua_Unsigned)size, 2, "position out of bounds");
    lua_geti(L, 1, pos);
    for (; pos < size; pos++) {
        HS_LOOP_CHECK(L, pos);
        lua_geti(L, 1, pos + 1);
        lua_seti(L, 1, pos);
    }
    lua_pushnil(L);
    lua_seti(L, 1, pos);
    return 1;
}

/* table.sort: a heap sort, whose every comparison looks at the deadline (one comparison of two
 * huge strings runs in C for as long as their length). Lua documents only the order it leaves
 * (manual table.sort: the order of equal elements is not kept, and an order function that is
 * not a strict order may leave any order), so a different algorithm keeps every promise. A
 * value that is not a table (one with __index and __newindex) goes to Lua's own sort. */
static inline int hs_sort_less(lua_State *L, lua_Integer a, lua_Integer b, int has_order, size_t *step) {
    HS_LOOP_CHECK(L, ++*step);
    if (has_order) lua_pushvalue(L, 2);
    lua_geti(L, 1, a);
    lua_geti(L, 1, b);
    if (has_order) {
        lua_call(L, 2, 1);
        int less = lua_toboolean(L, -1);
        lua_pop(L, 1);
        return less;
    }
    int less = lua_compare(L, -2, -1, LUA_OPLT);
    lua_pop(L, 2);
    return less;
}

static inline void hs_sort_swap(lua_State *L, lua_Integer a, lua_Integer b) {
    lua_geti(L, 1, a);
    lua_geti(L, 1, b);
    lua_seti(L, 1, a);
    lua_seti(L, 1, b);
}

static inline void hs_sift_down(lua_State *L, lua_Integer root, lua_Integer end, int has_order, size_t *step) {
    for (;;) {
        lua_Integer child = 2 * root, largest = root;
        if (child > end) return;
        if (hs_sort_less(L, largest, child, has_order, step)) largest = child;
        if (child + 1 <= end && hs_sort_less(L, largest, child + 1, has_order, step)) largest = child + 1;
        if (largest == root) return;
        hs_sort_swap(L, root, largest);
        root = largest;
    }
}

static inline int hs_table_sort(lua_State *L) {
    if (lua_type(L, 1) != LUA_TTABLE) return hs_call_upvalue(L);
    lua_Integer n = luaL_len(L, 1);
    if (n > 1) {
        luaL_argcheck(L, n < INT_MAX, 1, "array too big");
        if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TFUNCTION);
        lua_settop(L, 2);
        int has_order = !lua_isnil(L, 2);
        size_t step = 0;
        for (lua_Integer i = n / 2; i >= 1; i--) hs_sift_down(L, i, n, has_order, &step);
        for (lua_Integer end = n; end > 1; end--) {
            hs_sort_swap(L, 1, end);
            hs_sift_down(L, 1, end - 1, has_order, &step);
        }
    }
    return 0;
}

/* table.concat(list, sep, i, j), looking at the deadline every 1024 pieces. */
static inline void hs_concat_field(lua_State *L, luaL_Buffer *b, lua_Integer i) {
    lua_geti(L, 1, i);
    if (!lua_isstring(L, -1))
        luaL_error(L, "invalid value (at index %I) in table for 'concat'", (LUAI_UACINT)i);
    luaL_addvalue(b);
}

static inline int hs_table_concat(lua_State *L) {
    if (lua_type(L, 1) != LUA_TTABLE) return hs_call_upvalue(L);
    size_t lsep;
    const char *sep = luaL_optlstring(L, 2, "", &lsep);
    lua_Integer i = luaL_optinteger(L, 3, 1);
    lua_Integer last = lua_isnoneornil(L, 4) ? luaL_len(L, 1) : luaL_checkinteger(L, 4);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    size_t step = 0;
    for (; i < last; i++) {
        HS_LOOP_CHECK(L, ++step);
        hs_concat_field(L, &b, i);
        luaL_addlstring(&b, sep, lsep);
    }
    if (i == last) hs_concat_field(L, &b, i);
    luaL_pushresult(&b);
    return 1;
}

/* ---- string ---- */

/* string.rep(s, n, sep): the result is laid out by doubling copies, with the deadline looked
 * at between them, where Lua's copies s and sep once per repetition. Lua refuses results
 * longer than INT_MAX bytes ("resulting string too large"). */
static inline int hs_string_rep(lua_State *L) {
    size_t l, lsep;
    const char *s = luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    const char *sep = luaL_optlstring(L, 3, "", &lsep);
    if (n <= 0 || l + lsep == 0) {
        lua_pushliteral(L, "");
        return 1;
    }
    if (l + lsep < l || l + lsep > (size_t)INT_MAX / (size_t)n) return luaL_error(L, "resulting string too large");
    size_t total = (size_t)n * l + (size_t)(n - 1) * lsep;
    luaL_Buffer b;
    char *p = luaL_buffinitsize(L, &b, total);
    memcpy(p, s, l);
    if (n > 1) {
        /* After the first copy of s come n - 1 units of sep and s. */
        size_t unit = lsep + l, units = (size_t)n - 1, done = 1;
        char *base = p + l;
        memcpy(base, sep, lsep);
        memcpy(base + lsep, s, l);
        while (done < units) {
            hs_check_deadline(L);
            size_t k = done < units - done ? done : units - done;
            memcpy(base + done * unit, base, k * unit);
            done += k;
        }
    }
    luaL_pushresultsize(&b, total);
    return 1;
}

/* Where an argument a replacement below rewrites is long enough to be worth it. */
#define HS_LONG_ARGUMENT (64 * 1024)

/* string.format with "%q" of a long string: Lua's quoting loops over every byte in C. The
 * sandbox quotes such a string itself, in 64 KB pieces (each quoted by Lua's own format, the
 * deadline looked at between them), and hands Lua's format the result for a plain "%s" in the
 * same place, so arguments keep their numbers in error messages. A piece never ends on a
 * character Lua writes as a numeric escape before a digit ("\0" then "1" is "\0001"). */
static inline void hs_quote_long(lua_State *L, int arg) {
    size_t length;
    const char *text = lua_tolstring(L, arg, &length);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    luaL_addchar(&b, '"');
    size_t at = 0;
    while (at < length) {
        hs_check_deadline(L);
        size_t end = length - at > HS_LONG_ARGUMENT ? at + HS_LONG_ARGUMENT : length;
        while (end < length && ((unsigned char)text[end - 1] < 0x20 || text[end - 1] == 0x7F) && text[end] >= '0' && text[end] <= '9')
            end++;
        lua_pushvalue(L, lua_upvalueindex(1));
        lua_pushliteral(L, "%q");
        lua_pushlstring(L, text + at, end - at);
        lua_call(L, 2, 1);
        size_t quoted;
        const char *piece = lua_tolstring(L, -1, &quoted);
        lua_pushlstring(L, piece + 1, quoted - 2);       /* without its own quotes */
        lua_remove(L, -2);
        luaL_addvalue(&b);                               /* the buffer takes the value on top */
        at = end;
    }
    luaL_addchar(&b, '"');
    luaL_pushresult(&b);
    lua_replace(L, arg);
}

static inline int hs_string_format(lua_State *L) {
    size_t length;
    const char *format = luaL_checklstring(L, 1, &length);
    char *rewritten = NULL;
    int arg = 1;
    for (size_t i = 0; i < length; i++) {
        if (format[i] != '%') continue;
        if (++i < length && format[i] == '%') continue;
        arg++;
        while (i < length && strchr("-+ #0123456789.", format[i]) != NULL && format[i] != '\0') i++;
        if (i < length && format[i] == 'q' && format[i - 1] == '%' && lua_type(L, arg) == LUA_TSTRING && luaL_len(L, arg) > HS_LONG_ARGUMENT) {
            if (rewritten == NULL) {
                /* A copy of the format to rewrite, kept alive in place of the format itself. */
                rewritten = (char *)lua_newuserdatauv(L, length, 0);
                memcpy(rewritten, format, length);
                lua_replace(L, 1);
                format = rewritten;
            }
            hs_quote_long(L, arg);
            rewritten[i] = 's';
        }
    }
    if (rewritten != NULL) {
        lua_pushlstring(L, rewritten, length);
        lua_replace(L, 1);
    }
    return hs_call_upvalue(L);
}

/* string.pack with "c<n>" for a long n: Lua pads the string to n bytes one byte at a time.
 * The sandbox pads such an argument itself (a copy and a memset under the memory cap), so
 * that Lua's pack only copies it. */
static inline int hs_string_pack(lua_State *L) {
    size_t length;
    const char *format = luaL_checklstring(L, 1, &length);
    int arg = 1;
    for (size_t i = 0; i < length; i++) {
        char option = format[i];
        size_t size = 0;
        if (option == 'X') {                     /* aligns to the next option, takes no value */
            i++;
            while (i + 1 < length && format[i + 1] >= '0' && format[i + 1] <= '9') i++;
            continue;
        }
        while (i + 1 < length && format[i + 1] >= '0' && format[i + 1] <= '9') {
            size = size > (SIZE_MAX - 9) / 10 ? SIZE_MAX : size * 10 + (size_t)(format[i + 1] - '0');
            i++;
        }
        if (strchr("<>=! x", option) != NULL) continue;
        arg++;
        if (option != 'c' || size <= HS_LONG_ARGUMENT || lua_type(L, arg) != LUA_TSTRING) continue;
        size_t given;
        const char *text = lua_tolstring(L, arg, &given);
        if (given >= size) continue;             /* Lua's own error for a longer string */
        if (size > (size_t)INT_MAX) return luaL_error(L, HS_OOM_MESSAGE);
        hs_check_deadline(L);
        luaL_Buffer b;
        char *padded = luaL_buffinitsize(L, &b, size);
        memcpy(padded, text, given);
        memset(padded + given, 0, size - given);
        luaL_pushresultsize(&b, size);
        lua_replace(L, arg);
    }
    return hs_call_upvalue(L);
}

/* ---- utf8 ---- */

#define HS_UTF8_SLICE (64 * 1024)
#define hs_utf8_continuation(c) (((unsigned char)(c) & 0xC0) == 0x80)

/* Bytes of the sequence a lead byte starts (Lua 5.4 decodes up to six in lax mode). */
static inline lua_Integer hs_utf8_length(unsigned char lead) {
    if (lead < 0xC0) return 1;
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    if (lead < 0xF8) return 4;
    if (lead < 0xFC) return 5;
    return 6;
}

/* Lua's relative string position (manual utf8.len: negative counts from the end). */
static inline lua_Integer hs_utf8_position(lua_Integer pos, size_t len) {
    if (pos >= 0) return pos;
    if ((size_t)0 - (size_t)pos > len) return 0;
    return (lua_Integer)len + pos + 1;
}

/* utf8.len(s, i, j, lax): Lua's own (upvalue 1), called on slices of 64 KB that each begin at
 * a character, with the deadline looked at between them. */
static inline int hs_utf8_len(lua_State *L) {
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    if (len <= HS_UTF8_SLICE) return hs_call_upvalue(L);
    lua_Integer i = hs_utf8_position(luaL_optinteger(L, 2, 1), len);
    lua_Integer j = hs_utf8_position(luaL_optinteger(L, 3, -1), len);
    int lax = lua_toboolean(L, 4);
    luaL_argcheck(L, 1 <= i && i - 1 <= (lua_Integer)len, 2, "initial position out of bounds");
    luaL_argcheck(L, j - 1 < (lua_Integer)len, 3, "final position out of bounds");
    lua_Integer count = 0;
    while (i <= j) {
        hs_check_deadline(L);
        lua_Integer last = j - i >= HS_UTF8_SLICE ? i + HS_UTF8_SLICE - 1 : j;
        lua_pushvalue(L, lua_upvalueindex(1));
        lua_pushvalue(L, 1);
        lua_pushinteger(L, i);
        lua_pushinteger(L, last);
        lua_pushboolean(L, lax);
        lua_call(L, 4, 2);
        if (!lua_isinteger(L, -2)) return 2;               /* fail and the position */
        count += lua_tointeger(L, -2);
        lua_pop(L, 2);
        /* The slice's last character may run past it: the next slice begins after it. */
        lua_Integer start = last;
        while (start > i && hs_utf8_continuation(s[start - 1])) start--;
        lua_Integer next = start + hs_utf8_length((unsigned char)s[start - 1]);
        i = next > last ? next : last + 1;
    }
    lua_pushinteger(L, count);
    return 1;
}

/* utf8.codes's iterator, checked: Lua 5.4.4 skips continuation bytes that follow a character
 * without complaint (lua.org's bug list: "'utf8.codes' does not raise an error on spurious
 * continuation bytes"), in a loop as long as the run. A character followed by a continuation
 * byte raises "invalid UTF-8 code", as Lua 5.4.6 does. */
static inline int hs_utf8_codes_step(lua_State *L) {
    lua_settop(L, 2);
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2);
    lua_call(L, 2, 2);
    if (lua_isnil(L, -2)) return 0;
    size_t len;
    const char *s = lua_tolstring(L, 1, &len);
    lua_Integer code = lua_tointeger(L, -1);
    lua_Integer bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : code < 0x200000 ? 4 : code < 0x4000000 ? 5 : 6;
    size_t next = (size_t)(lua_tointeger(L, -2) - 1 + bytes);
    if (s != NULL && next < len && hs_utf8_continuation(s[next])) return luaL_error(L, "invalid UTF-8 code");
    return 2;
}

static inline int hs_utf8_codes(lua_State *L) {
    int n = hs_call_upvalue(L);
    if (n >= 1 && lua_isfunction(L, 1)) {
        lua_pushvalue(L, 1);
        lua_pushcclosure(L, hs_utf8_codes_step, 1);
        lua_replace(L, 1);
    }
    return n;
}

/* ---- os.date ---- */

#define HS_DATE_PIECE 128

/* os.date with a long format: Lua's own (upvalue 1) on pieces of the format, cut between
 * conversions, with the deadline looked at between them. Each conversion writes at most a
 * few hundred bytes, but a format can hold millions. "!" (UTC) applies to every piece; "*t"
 * is a table only as the whole format. */
static inline int hs_date_pieces(lua_State *L) {
    size_t length;
    const char *format = lua_tolstring(L, 1, &length);
    if (format == NULL || length <= HS_DATE_PIECE) return hs_call_upvalue(L);
    int utc = format[0] == '!';
    size_t at = utc ? 1 : 0;
    if (length - at == 2 && memcmp(format + at, "*t", 2) == 0) return hs_call_upvalue(L);
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    while (at < length) {
        hs_check_deadline(L);
        size_t end = at;
        while (end < length && end - at < HS_DATE_PIECE) {
            if (format[end] == '%') {
                end++;
                if (end < length && (format[end] == 'E' || format[end] == 'O')) end++;
            }
            end++;
        }
        if (end > length) end = length;
        if (end - at == 2 && memcmp(format + at, "*t", 2) == 0) {
            luaL_addlstring(&b, "*t", 2);
        } else {
            lua_pushvalue(L, lua_upvalueindex(1));
            if (utc) {
                lua_pushliteral(L, "!");
                lua_pushlstring(L, format + at, end - at);
                lua_concat(L, 2);
            } else {
                lua_pushlstring(L, format + at, end - at);
            }
            lua_pushvalue(L, 2);
            lua_call(L, 2, 1);
            luaL_addvalue(&b);
        }
        at = end;
    }
    luaL_pushresult(&b);
    return 1;
}

#endif

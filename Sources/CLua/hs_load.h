/* Loading text: load() and the compilation of a function's own script. Lua's parser runs in C
 * with no hook, so the text reaches it through a reader that hands it over in pieces of
 * 16 KB and looks at the deadline between them: lexing a huge chunk, or a chunk a script's
 * reader function returns in huge pieces, stops at the deadline. The parser's work that is
 * not linear in the text is bounded too (hs_load_count). Text only: crafted bytecode crashes
 * the VM (docs/sandbox.md#load-text-only). */
#ifndef HS_LOAD_H
#define HS_LOAD_H

#include <stdint.h>
#include <string.h>
#include <lua.h>
#include <lauxlib.h>
#include "hs_budget.h"

#define HS_LOAD_PIECE (16 * 1024)
/* Lua 5.4's parser resolves gotos and labels with searches over the pending ones of the
 * function (a new label is compared with every label before it, and each resolved goto is
 * removed from the middle of an array), so a chunk of n of them costs n * n steps: 32,000
 * take seconds. A chunk may hold this many `goto` words and `::` tokens, counted in its text
 * (comments and strings included), which keeps that cost to milliseconds. */
#define HS_LOAD_MAX_GOTOS 4000
/* Where the reader keeps the piece a script's reader function returned (as lbaselib.c does). */
#define HS_LOAD_SLOT 5

typedef struct HSLoadReader {
    const char *text;          /* the rest of the current piece */
    size_t left;
    int function;              /* stack index of the script's reader function, or 0 */
    const char *chunkname;
    uint64_t window;           /* the last eight bytes read, for the goto count */
    int gotos;
    int line;
} HSLoadReader;

static inline int hs_load_identifier(unsigned char c) {
    return c == '_' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Lua's display form of a chunk name (lua_Debug.short_src), shortened. */
static inline void hs_load_chunkid(lua_State *L, const char *name) {
    if (name[0] == '=' || name[0] == '@') {
        lua_pushstring(L, name + 1);
        return;
    }
    size_t n = strcspn(name, "\n");
    if (n > 40) n = 40;
    lua_pushfstring(L, "[string \"%s%s\"]", lua_pushlstring(L, name, n), n < strlen(name) ? "..." : "");
    lua_remove(L, -2);
}

/* Counts `goto` words and `::` tokens in the bytes the parser is about to read. */
static inline void hs_load_count(lua_State *L, HSLoadReader *r, const char *p, size_t n) {
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        uint64_t w = r->window;
        if (c == '\n') r->line++;
        if (c == ':' && (w & 0xFF) == ':' && ((w >> 8) & 0xFF) != ':') r->gotos++;
        /* "goto" then a byte that ends the word, after a byte that is not part of a word */
        if (!hs_load_identifier(c) && (w & 0xFFFFFFFFu) == 0x676F746Fu && !hs_load_identifier((unsigned char)(w >> 32)))
            r->gotos++;
        r->window = (w << 8) | c;
        if (r->gotos > HS_LOAD_MAX_GOTOS) {
            hs_load_chunkid(L, r->chunkname);
            luaL_error(L, "%s:%d: too many goto statements and labels (more than %d)", lua_tostring(L, -1), r->line,
                       HS_LOAD_MAX_GOTOS);
        }
    }
}

/* lua_Reader: the next piece of at most HS_LOAD_PIECE bytes. */
static inline const char *hs_load_read(lua_State *L, void *data, size_t *size) {
    HSLoadReader *r = (HSLoadReader *)data;
    hs_check_deadline(L);
    if (r->left == 0 && r->function != 0) {
        luaL_checkstack(L, 2, "too many nested functions");
        lua_pushvalue(L, r->function);
        lua_call(L, 0, 1);
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
        } else {
            if (!lua_isstring(L, -1)) luaL_error(L, "reader function must return a string");
            lua_replace(L, HS_LOAD_SLOT);
            r->text = lua_tolstring(L, HS_LOAD_SLOT, &r->left);
            if (r->left == 0) r->function = 0;   /* an empty piece ends the chunk */
        }
    }
    if (r->left == 0) {
        *size = 0;
        return NULL;
    }
    size_t n = r->left < HS_LOAD_PIECE ? r->left : HS_LOAD_PIECE;
    const char *piece = r->text;
    hs_load_count(L, r, piece, n);
    r->text += n;
    r->left -= n;
    *size = n;
    return piece;
}

/* Loads text (mode "t") through the reader: from `text` when it is not NULL, else from the
 * reader function at stack index `function` (whose pieces are kept in HS_LOAD_SLOT, which
 * must exist). Returns lua_load's status with the function or the message on top. */
static inline int hs_load_chunk(lua_State *L, const char *text, size_t length, int function, const char *chunkname) {
    HSLoadReader r;
    memset(&r, 0, sizeof r);
    r.text = text;
    r.left = text != NULL ? length : 0;
    r.function = text != NULL ? 0 : function;
    r.chunkname = chunkname;
    r.window = 0x2020202020202020ull;
    r.line = 1;
    return lua_load(L, hs_load_read, &r, chunkname, "t");
}

/* load(chunk, chunkname, mode, env) as the base library has it (manual load), forced to text:
 * the mode a script passes is ignored; an environment it passes is kept (given, even as
 * nil). A failure returns fail and the message. */
static inline int hs_load(lua_State *L) {
    size_t length;
    const char *text = lua_tolstring(L, 1, &length);
    int env = !lua_isnone(L, 4) ? 4 : 0;
    int status;
    if (text != NULL) {
        const char *chunkname = luaL_optstring(L, 2, text);
        status = hs_load_chunk(L, text, length, 0, chunkname);
    } else {
        const char *chunkname = luaL_optstring(L, 2, "=(load)");
        luaL_checktype(L, 1, LUA_TFUNCTION);
        lua_settop(L, HS_LOAD_SLOT);
        status = hs_load_chunk(L, NULL, 0, 1, chunkname);
    }
    if (status != LUA_OK) {
        luaL_pushfail(L);
        lua_insert(L, -2);
        return 2;
    }
    if (env != 0) {
        lua_pushvalue(L, env);
        if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
    }
    return 1;
}

#endif

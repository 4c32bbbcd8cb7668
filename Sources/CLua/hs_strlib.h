/* string.find / string.match / string.gmatch / string.gsub with Lua 5.4 semantics, whose
 * pattern matcher spends a step budget and checks the sandbox deadline (hs_budget.h) while it
 * works. Lua's count hook never fires inside C, so without this a pathological pattern such as
 * string.find(("a"):rep(30), ("a*"):rep(10) .. "b") could run for minutes past the deadline.
 *
 * The matcher is a recursive backtracking matcher over the pattern language of the Lua 5.4
 * reference manual, section 6.4.1. It keeps Lua 5.4's observable behaviour: the results, the
 * error messages, the limit of 200 nested matcher calls ("pattern too complex") and at most 32
 * captures. It allocates nothing outside Lua (only the C stack, luaL_Buffer and userdata), so
 * an error raised anywhere in it (including the timeout) leaks nothing.
 *
 * Install with hs_open_strlib_patterns(L, index_of_string_table). */
#ifndef HS_STRLIB_H
#define HS_STRLIB_H

#include <ctype.h>
#include <stddef.h>
#include <string.h>
#include <lua.h>
#include <lauxlib.h>
#include "hs_budget.h"

#define HS_PAT_ESC '%'
#define HS_PAT_MAXCAPTURES 32          /* LUA_MAXCAPTURES of a default Lua 5.4 build */
#define HS_PAT_MAXCCALLS 200           /* nesting limit of the matcher, as in Lua 5.4 */
#define HS_PAT_STEP_INTERVAL 1024      /* matcher steps between two looks at the clock */

#define HS_CAP_UNFINISHED (-1)
#define HS_CAP_POSITION (-2)

typedef struct HSPatCapture {
    const char *start;
    ptrdiff_t len;                     /* or HS_CAP_UNFINISHED / HS_CAP_POSITION */
} HSPatCapture;

typedef struct HSPatState {
    const char *src_init;              /* subject */
    const char *src_end;               /* end ('\0') of the subject */
    const char *p_end;                 /* end ('\0') of the pattern */
    lua_State *L;
    int depth_left;                    /* nested matcher calls still allowed */
    int steps_left;                    /* steps until the next deadline check */
    int level;                         /* number of captures (finished or not) */
    HSPatCapture capture[HS_PAT_MAXCAPTURES];
} HSPatState;

/* ---------------------------------------------------------------- budget */

static inline void hs_pat_refill(HSPatState *ms) {
    ms->steps_left = HS_PAT_STEP_INTERVAL;
    hs_check_deadline(ms->L);          /* raises "Task timed out" once the deadline passed */
}

/* One unit of work (one matcher call, one scanned character). */
static inline void hs_pat_step(HSPatState *ms) {
    if (--ms->steps_left <= 0) hs_pat_refill(ms);
}

/* n units of work at once (block compares and copies). */
static inline void hs_pat_spend(HSPatState *ms, size_t n) {
    if (n >= (size_t)ms->steps_left) hs_pat_refill(ms);
    else ms->steps_left -= (int)n;
}

/* ------------------------------------------------------ state and errors */

static inline void hs_pat_init(HSPatState *ms, lua_State *L, const char *s, size_t ls,
                               const char *p, size_t lp) {
    ms->L = L;
    ms->src_init = s;
    ms->src_end = s + ls;
    ms->p_end = p + lp;
    ms->steps_left = HS_PAT_STEP_INTERVAL;
    ms->level = 0;
    ms->depth_left = HS_PAT_MAXCCALLS;
}

/* Before every new match attempt. */
static inline void hs_pat_reset(HSPatState *ms) {
    ms->level = 0;
    ms->depth_left = HS_PAT_MAXCCALLS;
}

/* ------------------------------------------------------- character classes */

/* Does c belong to the class of the letter after '%' (e.g. 'a', 'S')? Any other character
 * stands for itself. The ctype functions use the current C locale, as Lua's do. */
static inline int hs_pat_class(int c, int cl) {
    int yes;
    switch (tolower(cl)) {
        case 'a': yes = isalpha(c); break;
        case 'c': yes = iscntrl(c); break;
        case 'd': yes = isdigit(c); break;
        case 'g': yes = isgraph(c); break;
        case 'l': yes = islower(c); break;
        case 'p': yes = ispunct(c); break;
        case 's': yes = isspace(c); break;
        case 'u': yes = isupper(c); break;
        case 'w': yes = isalnum(c); break;
        case 'x': yes = isxdigit(c); break;
        case 'z': yes = (c == 0); break;   /* deprecated, still accepted by Lua 5.4 */
        default: return cl == c;
    }
    if (isupper(cl)) return !yes;      /* upper-case letter: the complement */
    return yes != 0;
}

/* Set [...] starting at p ('[') whose closing ']' is at last. */
static inline int hs_pat_in_set(int c, const char *p, const char *last) {
    int want = 1;
    p++;                               /* skip '[' */
    if (*p == '^') {
        want = 0;
        p++;
    }
    for (; p < last; p++) {
        if (*p == HS_PAT_ESC) {
            p++;
            if (hs_pat_class(c, (unsigned char)*p)) return want;
        } else if (p[1] == '-' && p + 2 < last) {
            if ((unsigned char)p[0] <= c && c <= (unsigned char)p[2]) return want;
            p += 2;
        } else if ((unsigned char)*p == c) {
            return want;
        }
    }
    return !want;
}

/* End of the single-character class that starts at p. */
static inline const char *hs_pat_item_end(HSPatState *ms, const char *p) {
    char first = *p++;
    if (first == HS_PAT_ESC) {
        if (p == ms->p_end) luaL_error(ms->L, "malformed pattern (ends with '%%')");
        return p + 1;
    }
    if (first == '[') {
        if (*p == '^') p++;
        do {                           /* the first character may be ']' itself */
            if (p == ms->p_end) luaL_error(ms->L, "malformed pattern (missing ']')");
            if (*p++ == HS_PAT_ESC && p < ms->p_end) p++;   /* skip an escaped character */
        } while (*p != ']');
        return p + 1;
    }
    return p;
}

/* Does the character at s match the single-character class [p, ep)? */
static inline int hs_pat_single(HSPatState *ms, const char *s, const char *p, const char *ep) {
    int c;
    if (s >= ms->src_end) return 0;
    c = (unsigned char)*s;
    switch (*p) {
        case '.': return 1;
        case HS_PAT_ESC: return hs_pat_class(c, (unsigned char)p[1]);
        case '[': return hs_pat_in_set(c, p, ep - 1);
        default: return (unsigned char)*p == c;
    }
}

/* ----------------------------------------------------------------- matcher */

static inline const char *hs_pat_match(HSPatState *ms, const char *s, const char *p);

/* %bxy at p (pointing at x). */
static inline const char *hs_pat_balance(HSPatState *ms, const char *s, const char *p) {
    int open, close, depth = 1;
    if (p >= ms->p_end - 1)
        luaL_error(ms->L, "malformed pattern (missing arguments to '%%b')");
    if (s >= ms->src_end || *s != *p) return NULL;
    open = *p;
    close = p[1];
    while (++s < ms->src_end) {
        hs_pat_step(ms);
        if (*s == close) {
            if (--depth == 0) return s + 1;
        } else if (*s == open) {
            depth++;
        }
    }
    return NULL;
}

/* Greedy repetition (* and +) of the class [p, ep); the rest of the pattern is at ep + 1. */
static inline const char *hs_pat_greedy(HSPatState *ms, const char *s, const char *p,
                                        const char *ep) {
    ptrdiff_t n = 0;
    while (hs_pat_single(ms, s + n, p, ep)) {
        hs_pat_step(ms);
        n++;
    }
    for (; n >= 0; n--) {              /* give characters back one by one */
        const char *r = hs_pat_match(ms, s + n, ep + 1);
        if (r != NULL) return r;
    }
    return NULL;
}

/* Lazy repetition (-) of the class [p, ep). */
static inline const char *hs_pat_lazy(HSPatState *ms, const char *s, const char *p,
                                      const char *ep) {
    for (;;) {
        const char *r = hs_pat_match(ms, s, ep + 1);
        if (r != NULL) return r;
        if (!hs_pat_single(ms, s, p, ep)) return NULL;
        s++;
    }
}

static inline const char *hs_pat_open(HSPatState *ms, const char *s, const char *p, ptrdiff_t what) {
    const char *r;
    int lv = ms->level;
    if (lv >= HS_PAT_MAXCAPTURES) luaL_error(ms->L, "too many captures");
    ms->capture[lv].start = s;
    ms->capture[lv].len = what;
    ms->level = lv + 1;
    r = hs_pat_match(ms, s, p);
    if (r == NULL) ms->level--;        /* undo */
    return r;
}

static inline const char *hs_pat_close(HSPatState *ms, const char *s, const char *p) {
    const char *r;
    int lv;
    for (lv = ms->level - 1; lv >= 0; lv--)
        if (ms->capture[lv].len == HS_CAP_UNFINISHED) break;
    if (lv < 0) {
        luaL_error(ms->L, "invalid pattern capture");
        return NULL;
    }
    ms->capture[lv].len = s - ms->capture[lv].start;
    r = hs_pat_match(ms, s, p);
    if (r == NULL) ms->capture[lv].len = HS_CAP_UNFINISHED;   /* undo */
    return r;
}

/* Back-reference %1-%9 (digit is the character after '%'). */
static inline const char *hs_pat_backref(HSPatState *ms, const char *s, int digit) {
    int i = digit - '1';
    size_t len;
    if (i < 0 || i >= ms->level || ms->capture[i].len == HS_CAP_UNFINISHED) {
        luaL_error(ms->L, "invalid capture index %%%d", i + 1);
        return NULL;
    }
    len = (size_t)ms->capture[i].len;  /* a position capture compares as a huge length */
    if ((size_t)(ms->src_end - s) < len) return NULL;
    hs_pat_spend(ms, (len >> 4) + 1);
    if (memcmp(ms->capture[i].start, s, len) != 0) return NULL;
    return s + len;
}

/* Matches the pattern starting at p against the subject starting at s; returns the end of the
 * match or NULL. */
static inline const char *hs_pat_match(HSPatState *ms, const char *s, const char *p) {
    if (ms->depth_left-- == 0) luaL_error(ms->L, "pattern too complex");
    hs_pat_step(ms);
    for (;;) {
        const char *ep;
        if (p == ms->p_end) break;     /* end of pattern: success */
        switch (*p) {
            case '(':
                if (p[1] == ')') s = hs_pat_open(ms, s, p + 2, HS_CAP_POSITION);
                else s = hs_pat_open(ms, s, p + 1, HS_CAP_UNFINISHED);
                goto done;
            case ')':
                s = hs_pat_close(ms, s, p + 1);
                goto done;
            case '$':
                if (p + 1 != ms->p_end) goto item;   /* '$' is only special at the end */
                if (s != ms->src_end) s = NULL;
                goto done;
            case HS_PAT_ESC:
                switch (p[1]) {
                    case 'b':
                        s = hs_pat_balance(ms, s, p + 2);
                        if (s == NULL) goto done;
                        p += 4;
                        continue;
                    case 'f': {
                        int before, here;
                        p += 2;
                        if (*p != '[') luaL_error(ms->L, "missing '[' after '%%f' in pattern");
                        ep = hs_pat_item_end(ms, p);
                        before = (s == ms->src_init) ? 0 : (unsigned char)s[-1];
                        here = (s < ms->src_end) ? (unsigned char)*s : 0;
                        if (!hs_pat_in_set(before, p, ep - 1) && hs_pat_in_set(here, p, ep - 1)) {
                            p = ep;
                            continue;
                        }
                        s = NULL;
                        goto done;
                    }
                    case '0': case '1': case '2': case '3': case '4':
                    case '5': case '6': case '7': case '8': case '9':
                        s = hs_pat_backref(ms, s, (unsigned char)p[1]);
                        if (s == NULL) goto done;
                        p += 2;
                        continue;
                    default:
                        goto item;
                }
            default:
                goto item;
        }
    item:
        ep = hs_pat_item_end(ms, p);
        if (!hs_pat_single(ms, s, p, ep)) {
            if (*ep == '*' || *ep == '?' || *ep == '-') {   /* zero repetitions are fine */
                p = ep + 1;
                continue;
            }
            s = NULL;
            goto done;
        }
        switch (*ep) {
            case '?': {
                const char *r = hs_pat_match(ms, s + 1, ep + 1);
                if (r != NULL) {
                    s = r;
                    goto done;
                }
                p = ep + 1;
                continue;
            }
            case '+':
                s = hs_pat_greedy(ms, s + 1, p, ep);
                goto done;
            case '*':
                s = hs_pat_greedy(ms, s, p, ep);
                goto done;
            case '-':
                s = hs_pat_lazy(ms, s, p, ep);
                goto done;
            default:
                s++;
                p = ep;
                continue;
        }
    }
done:
    ms->depth_left++;
    return s;
}

/* ---------------------------------------------------------------- captures */

/* Capture i as a string (returns its length, *start set) or, for a position capture, pushes
 * the position and returns HS_CAP_POSITION. With no captures at all, "capture" 0 is the whole
 * match [s, e). */
static inline ptrdiff_t hs_pat_get_capture(HSPatState *ms, int i, const char *s, const char *e,
                                           const char **start) {
    if (i >= ms->level) {
        if (i != 0) luaL_error(ms->L, "invalid capture index %%%d", i + 1);
        *start = s;
        return e - s;
    } else {
        ptrdiff_t len = ms->capture[i].len;
        *start = ms->capture[i].start;
        if (len == HS_CAP_UNFINISHED) luaL_error(ms->L, "unfinished capture");
        else if (len == HS_CAP_POSITION)
            lua_pushinteger(ms->L, (ms->capture[i].start - ms->src_init) + 1);
        return len;
    }
}

static inline void hs_pat_push_capture(HSPatState *ms, int i, const char *s, const char *e) {
    const char *start;
    ptrdiff_t len = hs_pat_get_capture(ms, i, s, e, &start);
    if (len != HS_CAP_POSITION) lua_pushlstring(ms->L, start, (size_t)len);
}

/* Pushes all captures (or the whole match when s != NULL and there are none). */
static inline int hs_pat_push_captures(HSPatState *ms, const char *s, const char *e) {
    int i, n = (ms->level == 0 && s != NULL) ? 1 : ms->level;
    luaL_checkstack(ms->L, n, "too many captures");
    for (i = 0; i < n; i++) hs_pat_push_capture(ms, i, s, e);
    return n;
}

/* ----------------------------------------------------------- helpers for API */

/* Lua 5.4's conversion of an init argument into a 1-based position (may exceed len + 1). */
static inline size_t hs_pat_start_pos(lua_Integer pos, size_t len) {
    if (pos > 0) return (size_t)pos;
    if (pos == 0) return 1;
    if (pos < -(lua_Integer)len) return 1;
    return len + (size_t)pos + 1;
}

static inline int hs_pat_has_specials(const char *p, size_t lp) {
    size_t i;
    for (i = 0; i < lp; i++) {
        switch (p[i]) {
            case '^': case '$': case '*': case '+': case '?':
            case '.': case '(': case '[': case '%': case '-':
                return 1;
            default:
                break;
        }
    }
    return 0;
}

/* Plain substring search, spending budget for every candidate position. */
static inline const char *hs_pat_plain_find(HSPatState *ms, const char *s, size_t ls,
                                            const char *p, size_t lp) {
    const char *cand;
    if (lp == 0) return s;
    if (lp > ls) return NULL;
    lp--;                              /* first character is found with memchr */
    ls -= lp;                          /* positions where a match can still start */
    while (ls > 0 && (cand = (const char *)memchr(s, *p, ls)) != NULL) {
        cand++;
        hs_pat_spend(ms, (lp >> 4) + 1);
        if (memcmp(cand, p + 1, lp) == 0) return cand - 1;
        ls -= (size_t)(cand - s);
        s = cand;
    }
    return NULL;
}

/* ------------------------------------------------------- find and match */

static inline int hs_str_find_aux(lua_State *L, int find) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = hs_pat_start_pos(luaL_optinteger(L, 3, 1), ls) - 1;
    HSPatState ms;
    if (init > ls) {                   /* starts after the end of the subject */
        lua_pushnil(L);
        return 1;
    }
    if (find && (lua_toboolean(L, 4) || !hs_pat_has_specials(p, lp))) {
        const char *hit;
        hs_pat_init(&ms, L, s, ls, p, lp);
        hit = hs_pat_plain_find(&ms, s + init, ls - init, p, lp);
        if (hit != NULL) {
            lua_pushinteger(L, (hit - s) + 1);
            lua_pushinteger(L, (lua_Integer)((hit - s) + lp));
            return 2;
        }
    } else {
        const char *s1 = s + init;
        int anchor = (*p == '^');
        if (anchor) {
            p++;
            lp--;
        }
        hs_pat_init(&ms, L, s, ls, p, lp);
        do {
            const char *e;
            hs_pat_reset(&ms);
            e = hs_pat_match(&ms, s1, p);
            if (e != NULL) {
                if (find) {
                    lua_pushinteger(L, (s1 - s) + 1);
                    lua_pushinteger(L, e - s);
                    return hs_pat_push_captures(&ms, NULL, NULL) + 2;
                }
                return hs_pat_push_captures(&ms, s1, e);
            }
        } while (s1++ < ms.src_end && !anchor);
    }
    lua_pushnil(L);
    return 1;
}

static inline int hs_str_find(lua_State *L) { return hs_str_find_aux(L, 1); }

static inline int hs_str_match(lua_State *L) { return hs_str_find_aux(L, 0); }

/* ----------------------------------------------------------------- gmatch */

/* Iterator state, a full userdata (upvalue 3 of the iterator); upvalues 1 and 2 keep the
 * subject and the pattern alive. */
typedef struct HSGmatchState {
    const char *src;                   /* where the next search starts */
    const char *p;                     /* pattern */
    const char *lastmatch;             /* end of the previous match (no empty match there) */
    HSPatState ms;
} HSGmatchState;

static inline int hs_gmatch_step(lua_State *L) {
    HSGmatchState *gm = (HSGmatchState *)lua_touserdata(L, lua_upvalueindex(3));
    const char *src;
    gm->ms.L = L;                      /* may be called from another coroutine */
    gm->ms.steps_left = HS_PAT_STEP_INTERVAL;
    for (src = gm->src; src <= gm->ms.src_end; src++) {
        const char *e;
        hs_pat_reset(&gm->ms);
        e = hs_pat_match(&gm->ms, src, gm->p);
        if (e != NULL && e != gm->lastmatch) {
            gm->src = gm->lastmatch = e;
            return hs_pat_push_captures(&gm->ms, src, e);
        }
    }
    gm->src = src;                     /* exhausted: later calls return nothing at once */
    return 0;
}

static inline int hs_str_gmatch(lua_State *L) {
    size_t ls, lp;
    const char *s = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    size_t init = hs_pat_start_pos(luaL_optinteger(L, 3, 1), ls) - 1;
    HSGmatchState *gm;
    lua_settop(L, 2);                  /* subject and pattern become upvalues 1 and 2 */
    gm = (HSGmatchState *)lua_newuserdatauv(L, sizeof(HSGmatchState), 0);
    if (init > ls) init = ls + 1;      /* past the end: the iterator finds nothing */
    hs_pat_init(&gm->ms, L, s, ls, p, lp);
    gm->src = s + init;
    gm->p = p;
    gm->lastmatch = NULL;
    lua_pushcclosure(L, hs_gmatch_step, 3);
    return 1;
}

/* ------------------------------------------------------------------- gsub */

/* Appends the replacement string (argument 3) for the match [s, e). */
static inline void hs_gsub_add_string(HSPatState *ms, luaL_Buffer *b, const char *s,
                                      const char *e) {
    lua_State *L = ms->L;
    size_t l;
    const char *r = lua_tolstring(L, 3, &l);
    const char *pct;
    hs_pat_spend(ms, (l >> 4) + 1);
    while ((pct = (const char *)memchr(r, HS_PAT_ESC, l)) != NULL) {
        luaL_addlstring(b, r, (size_t)(pct - r));
        pct++;                         /* the character after '%' ('\0' at the end) */
        if (*pct == HS_PAT_ESC) {
            luaL_addchar(b, HS_PAT_ESC);
        } else if (*pct == '0') {
            hs_pat_spend(ms, ((size_t)(e - s) >> 4) + 1);
            luaL_addlstring(b, s, (size_t)(e - s));
        } else if (isdigit((unsigned char)*pct)) {
            const char *cap;
            ptrdiff_t len = hs_pat_get_capture(ms, *pct - '1', s, e, &cap);
            if (len == HS_CAP_POSITION) {
                luaL_addvalue(b);      /* the position was pushed */
            } else {
                hs_pat_spend(ms, ((size_t)len >> 4) + 1);
                luaL_addlstring(b, cap, (size_t)len);
            }
        } else {
            luaL_error(L, "invalid use of '%c' in replacement string", HS_PAT_ESC);
        }
        l -= (size_t)(pct + 1 - r);
        r = pct + 1;
    }
    luaL_addlstring(b, r, l);
}

/* Appends the replacement of the match [s, e); returns whether the text changed. */
static inline int hs_gsub_add_value(HSPatState *ms, luaL_Buffer *b, const char *s,
                                    const char *e, int repl_type) {
    lua_State *L = ms->L;
    if (repl_type == LUA_TFUNCTION) {
        int n;
        lua_pushvalue(L, 3);
        n = hs_pat_push_captures(ms, s, e);
        lua_call(L, n, 1);
    } else if (repl_type == LUA_TTABLE) {
        hs_pat_push_capture(ms, 0, s, e);
        lua_gettable(L, 3);
    } else {                           /* string or number */
        hs_gsub_add_string(ms, b, s, e);
        return 1;
    }
    if (!lua_toboolean(L, -1)) {       /* nil or false: keep the original text */
        lua_pop(L, 1);
        luaL_addlstring(b, s, (size_t)(e - s));
        return 0;
    }
    if (!lua_isstring(L, -1))
        return luaL_error(L, "invalid replacement value (a %s)", luaL_typename(L, -1));
    luaL_addvalue(b);
    return 1;
}

static inline int hs_str_gsub(lua_State *L) {
    size_t ls, lp;
    const char *src = luaL_checklstring(L, 1, &ls);
    const char *p = luaL_checklstring(L, 2, &lp);
    const char *lastmatch = NULL;
    int repl_type = lua_type(L, 3);
    lua_Integer max_n = luaL_optinteger(L, 4, (lua_Integer)ls + 1);
    int anchor = (*p == '^');
    lua_Integer n = 0;
    int changed = 0;
    HSPatState ms;
    luaL_Buffer b;
    luaL_argexpected(L, repl_type == LUA_TNUMBER || repl_type == LUA_TSTRING ||
                     repl_type == LUA_TFUNCTION || repl_type == LUA_TTABLE,
                     3, "string/function/table");
    luaL_buffinit(L, &b);
    if (anchor) {
        p++;
        lp--;
    }
    hs_pat_init(&ms, L, src, ls, p, lp);
    while (n < max_n) {
        const char *e;
        hs_pat_reset(&ms);
        e = hs_pat_match(&ms, src, p);
        if (e != NULL && e != lastmatch) {
            n++;
            changed = hs_gsub_add_value(&ms, &b, src, e, repl_type) | changed;
            src = lastmatch = e;
        } else if (src < ms.src_end) {
            luaL_addchar(&b, *src++);
        } else {
            break;
        }
        if (anchor) break;
    }
    if (!changed) {
        lua_pushvalue(L, 1);
    } else {
        luaL_addlstring(&b, src, (size_t)(ms.src_end - src));
        luaL_pushresult(&b);
    }
    lua_pushinteger(L, n);
    return 2;
}

/* ------------------------------------------------------------ installation */

/* Replaces find, match, gmatch and gsub in the string library table at string_table_index. */
static inline void hs_open_strlib_patterns(lua_State *L, int string_table_index) {
    int t = lua_absindex(L, string_table_index);
    lua_pushcfunction(L, hs_str_find);
    lua_setfield(L, t, "find");
    lua_pushcfunction(L, hs_str_match);
    lua_setfield(L, t, "match");
    lua_pushcfunction(L, hs_str_gmatch);
    lua_setfield(L, t, "gmatch");
    lua_pushcfunction(L, hs_str_gsub);
    lua_setfield(L, t, "gsub");
}

#endif

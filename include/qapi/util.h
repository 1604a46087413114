/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * util.h - building the generated QAPI lists (FooList: next, value), as
 * QEMU's include/qapi/util.h.
 */
#ifndef QAPI_UTIL_H
#define QAPI_UTIL_H

#include "qemu/osdep.h"

/* Puts @element in a new node in front of @list (a FooList *). */
#define QAPI_LIST_PREPEND(list, element) do { \
    typeof(list) _tmp = g_malloc(sizeof(*(list))); \
    _tmp->value = (element); \
    _tmp->next = (list); \
    (list) = _tmp; \
} while (0)

/*
 * Appends @element: @tail (a FooList **) points at the list's terminating
 * NULL, initially at the list head, and is advanced past the new node.
 */
#define QAPI_LIST_APPEND(tail, element) do { \
    *(tail) = g_malloc0(sizeof(**(tail))); \
    (*(tail))->value = (element); \
    (tail) = &(*(tail))->next; \
} while (0)

#endif /* QAPI_UTIL_H */

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * option.h - "key=value,key=value" and JSON option strings (QemuOpts-style).
 *
 * QEMU accepts most option arguments in two spellings:
 *   -chardev socket,id=mon,path=/tmp/m,server=on,wait=off
 *   -device '{"driver":"loader","file":"x","addr":4096}'
 * Both parse into one ordered list of (key, string value) pairs.  In the
 * dotted form a leading bare word is the value of the "implied" key
 * (e.g. the backend of -chardev), ",," is a literal comma, and a bare
 * "flag" / "noflag" means flag=on / flag=off (legacy boolean spelling).
 */
#ifndef QEMU_OPTION_H
#define QEMU_OPTION_H

#include "qemu/osdep.h"

typedef struct QemuOpts QemuOpts;

/*
 * Parses @str (dotted or JSON object form).  @implied_key names the key of
 * a leading bare word ("backend", "type", "driver") or is NULL when a bare
 * word is a boolean flag.  Duplicate keys keep the last value (QEMU).
 */
QemuOpts *qemu_opts_parse(const char *str, const char *implied_key, GError **errp);

/* Frees @opts (NULL-safe). */
void qemu_opts_free(QemuOpts *opts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC(QemuOpts, qemu_opts_free)

/* The value of @key, or NULL.  Marks the key as used. */
const char *qemu_opt_get(QemuOpts *opts, const char *key);

/* True if @key is present. */
bool qemu_opt_has(QemuOpts *opts, const char *key);

/* on/off/yes/no/true/false; @def when absent. */
bool qemu_opt_get_bool(QemuOpts *opts, const char *key, bool def,
                       bool *out, GError **errp);

/* Unsigned decimal/hex number; @def when absent. */
bool qemu_opt_get_number(QemuOpts *opts, const char *key, uint64_t def,
                         uint64_t *out, GError **errp);

/* Size with optional suffix k/K, M, G, T (binary); @def when absent. */
bool qemu_opt_get_size(QemuOpts *opts, const char *key, uint64_t def,
                       uint64_t *out, GError **errp);

/*
 * Fails with "Invalid parameter 'X'" for the first key that no
 * qemu_opt_get*() call has looked at, so unknown settings are never
 * silently accepted.
 */
bool qemu_opts_check_unused(QemuOpts *opts, GError **errp);

/* Parses a size string ("64", "64M", "2G") as -m and size= options do. */
bool qemu_strtosz(const char *str, uint64_t default_unit, uint64_t *out);

/* Parses an unsigned number (decimal or 0x hex) fully; false on junk/overflow. */
bool qemu_strtou64(const char *str, uint64_t *out);

#endif /* QEMU_OPTION_H */

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * sysemu.h - the command line of pvdump-vm and process-level set-up.
 */
#ifndef SYSEMU_SYSEMU_H
#define SYSEMU_SYSEMU_H

#include "qemu/osdep.h"
#include "hw/boards.h"

/* A monitor requested by -qmp, -monitor or -mon. */
typedef struct MonitorSpec {
    char *chardev_spec;      /* -qmp/-monitor shorthand, or NULL */
    char *chardev_id;        /* -mon chardev=ID, or NULL */
    bool control;            /* QMP (true) or HMP (false) */
} MonitorSpec;

/* Everything parsed from the command line. */
typedef struct VMOptions {
    MachineConfig machine;
    GPtrArray *chardevs;     /* char *: -chardev arguments, in order */
    GPtrArray *monitors;     /* MonitorSpec * */
    GPtrArray *objects;      /* char *: -object arguments, in order */
    GPtrArray *devices;      /* char *: -device arguments but loader, in order */
    char *uuid;              /* -uuid, lower case; NULL if not given */
    bool nodefaults;
    bool nographic;
    bool daemonize;
    char *pidfile;
} VMOptions;

/*
 * Parses argv into @opts.  Returns 1 on success, 0 when the program should
 * exit successfully right away (-version, -help, -machine help), and -1
 * on error (message already in @errp).
 */
int vm_parse_command_line(int argc, char **argv, VMOptions *opts, GError **errp);

/*
 * Visits pvdump-vm's command line options in table order (aliases left out): the name
 * without its dash and whether it takes an argument.
 */
void vm_option_foreach(void (*fn)(const char *name, bool has_arg, void *opaque),
                       void *opaque);

/* Frees what vm_parse_command_line() allocated. */
void vm_options_free(VMOptions *opts);

/*
 * -daemonize, part 1: forks; the parent waits for the child's verdict and
 * exits with it.  Only the child returns.
 */
bool os_daemonize(GError **errp);

/*
 * -daemonize, part 2 (child): start-up finished (monitors are listening):
 * detach from the terminal and release the waiting parent with @status.
 */
void os_setup_post(int status);

/* Writes and locks the pidfile (QEMU semantics: fails if another process holds it). */
bool os_write_pidfile(const char *path, GError **errp);

/* Removes the pidfile written by os_write_pidfile(). */
void os_remove_pidfile(void);

#endif /* SYSEMU_SYSEMU_H */

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz-cmdline - libFuzzer target for the whole pvdump-vm command line:
 * vm_parse_command_line() (system/vl.c: every option's handler, the
 * option parser of util/qemu-option.c behind them, the device and
 * machine type tables) and vm_options_free().
 *
 * Input layout: the arguments after argv[0], separated by NUL bytes (at
 * most 64).
 *
 * No option is filtered out.  The parser only records what it is given:
 * -daemonize, -pidfile, -device loader,file=F, -kernel, -chardev and the
 * monitors are acted on by system/main.c, which is not linked, and
 * nothing here exits.  -help, -version and -machine help print to stdout
 * and return 0, so stdout goes to /dev/null.  -msg timestamp=on sets a
 * global, reset after each input.
 *
 * Linked whole: system/vl.c, util/qemu-option.c, util/error.c,
 * hw/core/qdev.c, hw/s390x/sclp-console.c and hw/s390x/machine-types.c.
 * The chardev functions that only realizing a console calls are stubs
 * that abort.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "chardev/char.h"
#include "sysemu/sysemu.h"
#include "fuzz-split.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 64

/* Only sclpconsole's realize, never run by the parser, reaches these. */
Chardev *qemu_chr_find(const char *id)
{
    g_assert_not_reached();
}

bool qemu_chr_attach(Chardev *chr, const CharFrontendOps *ops, void *opaque,
                     GError **errp)
{
    g_assert_not_reached();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    int fd = open("/dev/null", O_WRONLY);

    /* -help, -version and -machine help would fill the log. */
    if (fd >= 0) {
        dup2(fd, STDOUT_FILENO);
        close(fd);
    }
    return 0;
}

/* What main.c relies on after a successful parse. */
static void check_options(const VMOptions *o)
{
    const MachineConfig *m = &o->machine;
    const MachineTypeInfo *type = machine_type_find(m->type);

    /* The type is resolved to its canonical name. */
    g_assert(type && !strcmp(type->name, m->type));
    g_assert(m->accel_list);
    g_assert(m->ram_size > 0);
    g_assert(m->smp >= 1 && m->smp <= m->max_cpus && m->max_cpus <= 248);
    g_assert(m->dump_threads <= 1024);
    for (guint i = 0; i < m->loaders->len; i++) {
        LoaderImage *img = g_ptr_array_index(m->loaders, i);
        g_assert(img->file);
    }
    for (guint i = 0; i < o->monitors->len; i++) {
        MonitorSpec *mon = g_ptr_array_index(o->monitors, i);
        g_assert(!mon->chardev_spec != !mon->chardev_id);
    }
    for (guint i = 0; i < o->devices->len; i++) {
        g_assert(g_ptr_array_index(o->devices, i));
    }
    g_assert(!o->uuid || strlen(o->uuid) == 36);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t n;
    g_auto(GStrv) args = fuzz_split_nul(data, size, MAX_ARGS, &n);
    g_autofree char **argv = g_new(char *, n + 2);
    GError *err = NULL;
    VMOptions opts;
    int r;

    argv[0] = (char *)"pvdump-vm";
    memcpy(argv + 1, args, (n + 1) * sizeof(char *));
    r = vm_parse_command_line(n + 1, argv, &opts, &err);
    g_assert(r >= -1 && r <= 1);
    if (r < 0) {
        /* main.c prints it: a message must be there. */
        g_assert(err && err->message[0]);
        g_error_free(err);
    } else {
        g_assert(!err);
        if (r == 1) {
            check_options(&opts);
        }
    }
    vm_options_free(&opts);
    message_with_timestamp = false;
    return 0;
}

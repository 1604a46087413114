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
 * and return 0, so stdout goes to /dev/null.  -msg timestamp=on and
 * -watchdog-action set globals, reset after each input.
 *
 * Linked whole: system/vl.c, util/qemu-option.c, util/error.c,
 * hw/core/qdev.c, the two SCLP consoles (hw/s390x/sclp-console.c,
 * sclp-console-lm.c, ebcdic.c), hw/s390x/machine-types.c, the diag288
 * watchdog with its actions (hw/watchdog/wdt_diag288.c,
 * system/watchdog.c) and the CPU models of -cpu help
 * (target/s390x/cpu-models.c, cpu-features.c), and the CPU device types
 * (hw/s390x/cpu-plug.c).  The chardev, CPU,
 * event-facility, run-state and main-loop functions that only a realized
 * device or an expired watchdog calls are stubs that abort.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "hw/s390x/event-facility.h"
#include "hw/s390x/sclp.h"
#include "hw/s390x/sclp-console-chr.h"
#include "hw/s390x/s390-cpu-irq.h"
#include "qapi/qapi-events.h"
#include "qemu/main-loop.h"
#include "sysemu/runstate.h"
#include "sysemu/watchdog.h"
#include "sysemu/sysemu.h"
#include "hw/boards.h"
#include "sysemu/cpus.h"
#include "target/s390x/cpu.h"
#include "fuzz-split.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 64

/* Only a realized console reaches these; the parser realizes none. */
bool sclp_console_chr_attach(SclpConsoleChr *c, QemuOpts *opts, GError **errp)
{
    g_assert_not_reached();
}

void sclp_console_chr_write(SclpConsoleChr *c, const void *buf, size_t len)
{
    g_assert_not_reached();
}

void sclp_console_chr_detach(SclpConsoleChr *c)
{
    g_assert_not_reached();
}

void sclp_event_register(SclpEvent *ev)
{
    g_assert_not_reached();
}

void sclp_event_unregister(SclpEvent *ev)
{
    g_assert_not_reached();
}

void sclp_service_interrupt(uint32_t sccb)
{
    g_assert_not_reached();
}

/*
 * CPU devices are created after the machine (hw/s390x/cpu-plug.c), which
 * the parser never builds: it only looks their types up.
 */
int cpu_count;
CPUState **cpu_list;
MachineState *current_machine;

bool qemu_start_vcpu(CPUState *cpu, GError **errp)
{
    g_assert_not_reached();
}

void run_on_cpu(CPUState *cpu, void (*fn)(CPUState *cpu, void *data), void *data)
{
    g_assert_not_reached();
}

void s390_cpu_reset(S390CPU *cpu, unsigned long kind)
{
    g_assert_not_reached();
}

unsigned s390_cpu_set_state(uint32_t state, S390CPU *cpu)
{
    g_assert_not_reached();
}

/* Only an armed or expired watchdog reaches these; the parser arms none. */
void bql_lock(void)
{
    g_assert_not_reached();
}

void bql_unlock(void)
{
    g_assert_not_reached();
}

GMainContext *qemu_main_context(void)
{
    g_assert_not_reached();
}

void qapi_event_send_watchdog(WatchdogAction action)
{
    g_assert_not_reached();
}

void qemu_system_reset_request(ShutdownCause reason)
{
    g_assert_not_reached();
}

void qemu_system_shutdown_request(ShutdownCause reason)
{
    g_assert_not_reached();
}

bool runstate_is_running(void)
{
    g_assert_not_reached();
}

void vm_stop(RunState state)
{
    g_assert_not_reached();
}

CPUState *qemu_get_cpu(int index)
{
    g_assert_not_reached();
}

bool s390_cpu_restart_interrupt(CPUState *cs)
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
    set_watchdog_action(WATCHDOG_ACTION_RESET);
    return 0;
}

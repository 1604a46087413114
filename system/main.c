/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * main.c - pvdump-vm: parse the command line, build the machine, serve the
 * monitors until told to quit.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qapi/error.h"
#include "qom/object.h"
#include "chardev/char.h"
#include "monitor/monitor.h"
#include "hw/boards.h"
#include "hw/qdev-core.h"
#include "sysemu/sysemu.h"
#include "sysemu/runstate.h"
#include "sysemu/cpus.h"
#include "sysemu/dump.h"
#include <glib-unix.h>
#include <signal.h>

static gboolean on_terminate_signal(gpointer data)
{
    /*
     * QEMU's qemu_kill_report(): the log (libvirt's domain log) says why
     * the VM went away.  GLib's signal sources do not pass the sender.
     */
    error_report("terminating on signal %d", GPOINTER_TO_INT(data));
    bql_lock();
    qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_SIGNAL);
    bql_unlock();
    return G_SOURCE_CONTINUE;
}

static void setup_signals(void)
{
    /* A monitor client or dump reader that goes away must not kill us. */
    signal(SIGPIPE, SIG_IGN);
    g_unix_signal_add(SIGTERM, on_terminate_signal,
                      GINT_TO_POINTER(SIGTERM));
    g_unix_signal_add(SIGINT, on_terminate_signal,
                      GINT_TO_POINTER(SIGINT));
    g_unix_signal_add(SIGHUP, on_terminate_signal,
                      GINT_TO_POINTER(SIGHUP));
}

/* The -device list: those created before the machine, or (@late) after it. */
static bool create_devices(VMOptions *o, bool late, GError **errp)
{
    for (guint i = 0; i < o->devices->len; i++) {
        const char *arg = g_ptr_array_index(o->devices, i);

        if (qdev_device_after_machine(arg) != late) {
            continue;
        }
        if (!qdev_device_add(arg, errp)) {
            error_prepend(errp, "-device %s: ", arg);
            return false;
        }
    }
    return true;
}

static bool create_objects(VMOptions *o, GError **errp)
{
    for (guint i = 0; i < o->objects->len; i++) {
        if (!user_object_create(g_ptr_array_index(o->objects, i), errp)) {
            error_prepend(errp, "-object %s: ", (char *)g_ptr_array_index(o->objects, i));
            return false;
        }
    }
    for (guint i = 0; i < o->chardevs->len; i++) {
        if (!qemu_chr_new_from_opts(g_ptr_array_index(o->chardevs, i), errp)) {
            error_prepend(errp, "-chardev %s: ", (char *)g_ptr_array_index(o->chardevs, i));
            return false;
        }
    }
    return create_devices(o, false, errp);
}

static bool start_monitor(const MonitorSpec *spec, int n, GError **errp)
{
    Chardev *chr;
    if (spec->chardev_id) {
        chr = qemu_chr_find(spec->chardev_id);
        if (!chr) {
            error_setg(errp, "-mon: chardev '%s' not found", spec->chardev_id);
            return false;
        }
    } else {
        g_autofree char *label = g_strdup_printf("compat_monitor%d", n);
        chr = qemu_chr_new_shorthand(label, spec->chardev_spec, errp);
        if (!chr) {
            return false;
        }
    }
    return spec->control ? monitor_init_qmp(chr, errp) : monitor_init_hmp(chr, errp);
}

static bool start_monitors(VMOptions *o, GError **errp)
{
    if (o->nographic && !o->nodefaults && !o->daemonize) {
        /* QEMU's -nographic default: the monitor on stdio. */
        MonitorSpec def = { .chardev_spec = (char *)"stdio", .control = false };
        if (!start_monitor(&def, (int)o->monitors->len, errp)) {
            return false;
        }
    }
    for (guint i = 0; i < o->monitors->len; i++) {
        if (!start_monitor(g_ptr_array_index(o->monitors, i), (int)i, errp)) {
            return false;
        }
    }
    return true;
}

static bool vm_setup(VMOptions *o, GError **errp)
{
    bool ok;

    if (o->daemonize && !os_daemonize(errp)) {
        return false;
    }
    /* After the fork: GLib's signal machinery does not survive fork(). */
    setup_signals();
    if (o->pidfile && !os_write_pidfile(o->pidfile, errp)) {
        error_prepend(errp, "cannot create PID file: ");
        return false;
    }
    if (!create_objects(o, errp) || !machine_init(&o->machine, errp) ||
        !create_devices(o, true, errp)) {
        return false;
    }
    bql_lock();
    ok = start_monitors(o, errp);
    if (ok && !o->machine.start_paused && cpu_count) {
        ok = vm_start(errp);
    }
    bql_unlock();
    return ok;
}

static void vm_teardown(void)
{
    /* A detached dump still reads guest RAM: stop it first. */
    dump_shutdown();
    bql_lock();
    if (cpu_count) {
        pause_all_vcpus();
    }
    monitor_cleanup();
    bql_unlock();
    machine_cleanup();
    qemu_chr_cleanup();
    qdev_cleanup();   /* after the chardevs: they call their frontends */
    user_objects_cleanup();
    os_remove_pidfile();
}

int main(int argc, char **argv)
{
    VMOptions opts;
    GError *err = NULL;
    int r;

    g_set_prgname("pvdump-vm");
    r = vm_parse_command_line(argc, argv, &opts, &err);
    if (r <= 0) {
        if (err) {
            error_report_err(err);
        }
        vm_options_free(&opts);
        return r < 0 ? 1 : 0;
    }
    if (!vm_setup(&opts, &err)) {
        error_report_err(err);
        os_setup_post(1);
        vm_teardown();
        vm_options_free(&opts);
        return 1;
    }
    os_setup_post(0);
    main_loop_run();
    vm_teardown();
    vm_options_free(&opts);
    return 0;
}

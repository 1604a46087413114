/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * vl.c - the pvdump-vm command line (QEMU-compatible spellings).
 *
 * Each option has one handler that fills VMOptions; nothing is created
 * here, so a bad command line fails before any side effect.  Options take
 * QEMU's "key=value,..." form, and -device/-object also QEMU's JSON form.
 */
#include "qemu/osdep.h"
#include "config-host.h"
#include "qapi/error.h"
#include "qemu/option.h"
#include "sysemu/sysemu.h"
#include "hw/boards.h"
#include "hw/qdev-core.h"
#include "sysemu/watchdog.h"
#include "target/s390x/cpu.h"

#define DEFAULT_RAM_SIZE (128 * MiB)   /* QEMU's s390-ccw-virtio default */

typedef bool (*OptHandler)(VMOptions *o, const char *arg, GError **errp);

typedef struct VMOptionDef {
    const char *name;
    bool has_arg;
    OptHandler handler;
    const char *help;
} VMOptionDef;

static bool opt_machine(VMOptions *o, const char *arg, GError **errp)
{
    MachineConfig *m = &o->machine;
    g_autoptr(QemuOpts) opts = qemu_opts_parse(arg, "type", errp);
    const char *type, *accel, *cgs;
    uint64_t threads;
    bool unused;

    if (!opts) {
        return false;
    }
    type = qemu_opt_get(opts, "type");
    if (type) {
        g_free(m->type);
        m->type = g_strdup(type);
    }
    accel = qemu_opt_get(opts, "accel");
    if (accel) {
        g_strfreev(m->accel_list);
        m->accel_list = g_strsplit(accel, ":", -1);
    }
    cgs = qemu_opt_get(opts, "confidential-guest-support");
    if (cgs) {
        g_free(m->cgs_id);
        m->cgs_id = g_strdup(cgs);
    }
    if (!qemu_opt_get_number(opts, "dump-threads", m->dump_threads, &threads, errp) ||
        /* QEMU machine properties that pvdump accepts and has nothing to do for */
        !qemu_opt_get_bool(opts, "usb", false, &unused, errp) ||
        !qemu_opt_get_bool(opts, "dump-guest-core", false, &unused, errp)) {
        return false;
    }
    if (threads > 1024) {
        error_setg(errp, "Parameter 'dump-threads' expects a number from 0 to 1024");
        return false;
    }
    m->dump_threads = threads;
    return qemu_opts_check_unused(opts, errp);
}

static bool opt_accel(VMOptions *o, const char *arg, GError **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse(arg, "accel", errp);
    AccelConfig *a = &o->machine.accel;
    const char *name, *key;

    if (!opts) {
        return false;
    }
    name = qemu_opt_get(opts, "accel");
    if (!name || (strcmp(name, "kvm") && strcmp(name, "tcg"))) {
        error_setg(errp, "invalid accelerator %s", name ? name : "");
        return false;
    }
    g_strfreev(o->machine.accel_list);
    o->machine.accel_list = g_strsplit(name, ":", -1);
    key = qemu_opt_get(opts, "host-key");
    if (key) {
        /* A later -accel replaces an earlier one's key. */
        g_free((char *)o->machine.accel.host_key);
        o->machine.accel.host_key = g_strdup(key);
    }
    /* Simulator only: the UV's dump buffer sizes (docs/decisions.md D8). */
    if (!qemu_opt_get_number(opts, "pv-dump-cpu-len", 0, &a->pv_dump_cpu_len, errp) ||
        !qemu_opt_get_number(opts, "pv-dump-mem-per-1m", 0, &a->pv_dump_mem_per_1m, errp) ||
        !qemu_opt_get_number(opts, "pv-dump-finalize-len", 0, &a->pv_dump_finalize_len,
                             errp)) {
        return false;
    }
    return qemu_opts_check_unused(opts, errp);
}

static bool opt_memory(VMOptions *o, const char *arg, GError **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse(arg, "size", errp);
    const char *size;
    uint64_t bytes;

    if (!opts) {
        return false;
    }
    size = qemu_opt_get(opts, "size");
    if (!size || !qemu_strtosz(size, MiB, &bytes) || bytes == 0) {
        error_setg(errp, "Invalid RAM size '%s'", size ? size : "");
        return false;
    }
    o->machine.ram_size = bytes;
    return qemu_opts_check_unused(opts, errp);
}

/* -smp properties of later QEMUs, in the order 7.2 names the first. */
static const char *const smp_unexpected[] = { "books", "drawers" };

static bool opt_smp(VMOptions *o, const char *arg, GError **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse(arg, "cpus", errp);
    uint64_t cpus, maxcpus, unused;

    if (!opts) {
        return false;
    }
    if (!qemu_opt_get_number(opts, "cpus", 1, &cpus, errp) ||
        !qemu_opt_get_number(opts, "maxcpus", cpus, &maxcpus, errp) ||
        !qemu_opt_get_number(opts, "sockets", 1, &unused, errp) ||
        !qemu_opt_get_number(opts, "cores", 1, &unused, errp) ||
        !qemu_opt_get_number(opts, "threads", 1, &unused, errp)) {
        return false;
    }
    /* QEMU 7.2's SMPConfiguration has neither (they came with 8.2). */
    for (size_t i = 0; i < ARRAY_SIZE(smp_unexpected); i++) {
        if (qemu_opt_get(opts, smp_unexpected[i])) {
            error_setg(errp, "Parameter 'smp.%s' is unexpected", smp_unexpected[i]);
            return false;
        }
    }
    if (cpus < 1 || cpus > 248 || maxcpus < cpus || maxcpus > 248) {
        error_setg(errp, "Invalid SMP CPUs %" PRIu64 ". The max CPUs supported "
                   "by machine 's390-ccw-virtio-7.2' is 248", cpus);
        return false;
    }
    o->machine.smp = cpus;
    o->machine.max_cpus = maxcpus;
    return qemu_opts_check_unused(opts, errp);
}

static bool opt_name(VMOptions *o, const char *arg, GError **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse(arg, "guest", errp);
    bool unused;
    const char *guest;

    if (!opts) {
        return false;
    }
    guest = qemu_opt_get(opts, "guest");
    if (!qemu_opt_get_bool(opts, "debug-threads", false, &unused, errp)) {
        return false;
    }
    qemu_opt_get(opts, "process");
    g_free(o->machine.name);
    o->machine.name = g_strdup(guest);
    return qemu_opts_check_unused(opts, errp);
}

static bool opt_device(VMOptions *o, const char *arg, GError **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse(arg, "driver", errp);
    const char *driver, *file;
    uint64_t addr;
    bool raw;
    LoaderImage *img;

    if (!opts) {
        return false;
    }
    driver = qemu_opt_get(opts, "driver");
    if (!driver) {
        error_setg(errp, "Parameter 'driver' is missing");
        return false;
    }
    if (strcmp(driver, "loader")) {
        /* Other devices need chardevs and objects: main.c creates them. */
        if (!qdev_type_find(driver)) {
            error_setg(errp, "'%s' is not a valid device model name", driver);
            return false;
        }
        g_ptr_array_add(o->devices, g_strdup(arg));
        return true;
    }
    file = qemu_opt_get(opts, "file");
    if (!file) {
        error_setg(errp, "loader: 'file' is required (pvdump's loader places files)");
        return false;
    }
    if (!qemu_opt_get_number(opts, "addr", 0, &addr, errp) ||
        !qemu_opt_get_bool(opts, "force-raw", true, &raw, errp)) {
        return false;
    }
    qemu_opt_get(opts, "id");
    if (!qemu_opts_check_unused(opts, errp)) {
        return false;
    }
    img = g_new0(LoaderImage, 1);
    img->file = g_strdup(file);
    img->addr = addr;
    g_ptr_array_add(o->machine.loaders, img);
    return true;
}

static bool add_monitor(VMOptions *o, const char *spec, const char *id, bool control)
{
    MonitorSpec *mon = g_new0(MonitorSpec, 1);
    mon->chardev_spec = g_strdup(spec);
    mon->chardev_id = g_strdup(id);
    mon->control = control;
    g_ptr_array_add(o->monitors, mon);
    return true;
}

static bool opt_qmp(VMOptions *o, const char *arg, GError **errp)
{
    return add_monitor(o, arg, NULL, true);
}

static bool opt_monitor(VMOptions *o, const char *arg, GError **errp)
{
    if (!strcmp(arg, "none")) {
        return true;
    }
    return add_monitor(o, arg, NULL, false);
}

static bool opt_mon(VMOptions *o, const char *arg, GError **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse(arg, "chardev", errp);
    const char *chr, *mode;
    bool pretty;

    if (!opts) {
        return false;
    }
    chr = qemu_opt_get(opts, "chardev");
    mode = qemu_opt_get(opts, "mode");
    qemu_opt_get(opts, "id");
    if (!qemu_opt_get_bool(opts, "pretty", false, &pretty, errp)) {
        return false;
    }
    if (!chr) {
        error_setg(errp, "-mon: 'chardev' is required");
        return false;
    }
    if (mode && strcmp(mode, "control") && strcmp(mode, "readline")) {
        error_setg(errp, "unknown monitor mode \"%s\"", mode);
        return false;
    }
    if (!qemu_opts_check_unused(opts, errp)) {
        return false;
    }
    /* QEMU's default mode for -mon is readline (HMP). */
    return add_monitor(o, NULL, chr, mode && !strcmp(mode, "control"));
}

#define STRING_OPT(fn, field) \
    static bool fn(VMOptions *o, const char *arg, GError **errp) \
    { \
        g_free(o->machine.field); \
        o->machine.field = g_strdup(arg); \
        return true; \
    }
STRING_OPT(opt_cpu, cpu_model)
STRING_OPT(opt_kernel, kernel)
STRING_OPT(opt_initrd, initrd)
STRING_OPT(opt_append, append)

static bool opt_chardev(VMOptions *o, const char *arg, GError **errp)
{
    g_ptr_array_add(o->chardevs, g_strdup(arg));
    return true;
}

static bool opt_object(VMOptions *o, const char *arg, GError **errp)
{
    g_ptr_array_add(o->objects, g_strdup(arg));
    return true;
}

static bool opt_pidfile(VMOptions *o, const char *arg, GError **errp)
{
    g_free(o->pidfile);
    o->pidfile = g_strdup(arg);
    return true;
}

static bool opt_flag_S(VMOptions *o, const char *arg, GError **errp)
{
    o->machine.start_paused = true;
    return true;
}

static bool opt_flag_nodefaults(VMOptions *o, const char *arg, GError **errp)
{
    o->nodefaults = true;
    return true;
}

static bool opt_flag_nographic(VMOptions *o, const char *arg, GError **errp)
{
    o->nographic = true;
    return true;
}

static bool opt_flag_daemonize(VMOptions *o, const char *arg, GError **errp)
{
    o->daemonize = true;
    return true;
}

static bool opt_flag_no_shutdown(VMOptions *o, const char *arg, GError **errp)
{
    o->machine.no_shutdown = true;
    return true;
}

/*
 * For options that select behaviour pvdump has exactly one of: @key may be
 * absent or @value; anything else is refused with @what pvdump does.
 */
static bool opt_only(QemuOpts *opts, const char *key, const char *value,
                     const char *what, GError **errp)
{
    const char *v = qemu_opt_get(opts, key);

    if (v && strcmp(v, value)) {
        error_setg(errp, "Parameter '%s' does not accept value '%s' (%s)",
                   key, v, what);
        return false;
    }
    return true;
}

static bool opt_uuid(VMOptions *o, const char *arg, GError **errp)
{
    static const int group_len[] = { 8, 4, 4, 4, 12 };
    g_auto(GStrv) groups = g_strsplit(arg, "-", -1);
    bool ok = g_strv_length(groups) == G_N_ELEMENTS(group_len);

    for (guint i = 0; ok && i < G_N_ELEMENTS(group_len); i++) {
        ok = strlen(groups[i]) == (size_t)group_len[i] &&
             strspn(groups[i], "0123456789abcdefABCDEF") == strlen(groups[i]);
    }
    if (!ok) {
        error_setg(errp, "Fail to parse UUID string. Wrong format.");
        return false;
    }
    g_free(o->uuid);
    o->uuid = g_ascii_strdown(arg, -1);
    g_free(o->machine.uuid);
    o->machine.uuid = g_strdup(o->uuid);   /* STSI 3.2.2 reports it */
    return true;
}

static bool opt_watchdog_action(VMOptions *o, const char *arg, GError **errp)
{
    WatchdogAction action;

    if (!watchdog_action_parse(arg, &action, errp)) {
        return false;
    }
    set_watchdog_action(action);
    return true;
}

static bool opt_display(VMOptions *o, const char *arg, GError **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse(arg, "type", errp);

    return opts && opt_only(opts, "type", "none", "pvdump has no display", errp) &&
           qemu_opts_check_unused(opts, errp);
}

static bool opt_rtc(VMOptions *o, const char *arg, GError **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse(arg, NULL, errp);

    return opts &&
           opt_only(opts, "base", "utc", "the TOD clock runs in UTC", errp) &&
           opt_only(opts, "clock", "host", "the TOD clock follows the host", errp) &&
           qemu_opts_check_unused(opts, errp);
}

static bool opt_boot(VMOptions *o, const char *arg, GError **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse(arg, "order", errp);
    bool strict;

    /* strict= only matters for boot device lists, which pvdump has not. */
    return opts && qemu_opt_get_bool(opts, "strict", false, &strict, errp) &&
           qemu_opts_check_unused(opts, errp);
}

static bool opt_overcommit(VMOptions *o, const char *arg, GError **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse(arg, NULL, errp);

    return opts &&
           opt_only(opts, "mem-lock", "off", "guest RAM is never locked", errp) &&
           qemu_opts_check_unused(opts, errp);
}

static bool opt_msg(VMOptions *o, const char *arg, GError **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse(arg, NULL, errp);

    return opts &&
           qemu_opt_get_bool(opts, "timestamp", false, &message_with_timestamp,
                             errp) &&
           qemu_opts_check_unused(opts, errp);
}

static bool opt_audiodev(VMOptions *o, const char *arg, GError **errp)
{
    g_autoptr(QemuOpts) opts = qemu_opts_parse(arg, "driver", errp);

    if (!opts) {
        return false;
    }
    if (!qemu_opt_get(opts, "id")) {
        error_setg(errp, "Parameter 'id' is missing");
        return false;
    }
    /* No sound devices exist, so the "none" backend is all there is. */
    return opt_only(opts, "driver", "none", "pvdump has no sound devices",
                    errp) && qemu_opts_check_unused(opts, errp);
}

static bool opt_ignore(VMOptions *o, const char *arg, GError **errp)
{
    /* -no-user-config: pvdump reads no configuration files anyway. */
    return true;
}

static const VMOptionDef vm_options[] = {
    { "machine", true, opt_machine, "-machine TYPE[,accel=A][,confidential-guest-support=ID][,dump-threads=N]" },
    { "M", true, opt_machine, NULL },
    { "accel", true, opt_accel, "-accel kvm|tcg[,host-key=FILE][,pv-dump-cpu-len=N]"
      "[,pv-dump-mem-per-1m=N][,pv-dump-finalize-len=N]   (tcg selects the built-in uvsim simulator)" },
    { "m", true, opt_memory, "-m SIZE[M|G]     guest RAM (default 128M)" },
    { "smp", true, opt_smp, "-smp N[,maxcpus=N]" },
    { "cpu", true, opt_cpu, "-cpu MODEL[,FEATURE=on|off...]  (-cpu help lists them)" },
    { "object", true, opt_object, "-object s390-pv-guest,id=ID" },
    { "device", true, opt_device, "-device loader,file=F,addr=A | sclpconsole[,chardev=ID][,id=ID] | sclplmconsole[,chardev=ID][,echo=on|off][,id=ID] | diag288[,id=ID]" },
    { "watchdog-action", true, opt_watchdog_action,
      "-watchdog-action reset|shutdown|poweroff|pause|debug|none|inject-nmi" },
    { "S", false, opt_flag_S, "-S               do not start the CPUs" },
    { "name", true, opt_name, "-name [guest=]NAME" },
    { "nodefaults", false, opt_flag_nodefaults, "-nodefaults" },
    { "nographic", false, opt_flag_nographic, "-nographic" },
    { "no-user-config", false, opt_ignore, "-no-user-config" },
    { "no-shutdown", false, opt_flag_no_shutdown, "-no-shutdown" },
    { "daemonize", false, opt_flag_daemonize, "-daemonize" },
    { "pidfile", true, opt_pidfile, "-pidfile FILE" },
    { "qmp", true, opt_qmp, "-qmp unix:PATH,server=on,wait=off | tcp:... | stdio" },
    { "monitor", true, opt_monitor, "-monitor stdio | unix:PATH,server=on,wait=off" },
    { "chardev", true, opt_chardev, "-chardev socket|stdio|pty,id=ID[,...]" },
    { "mon", true, opt_mon, "-mon chardev=ID,mode=control|readline" },
    { "kernel", true, opt_kernel, "-kernel FILE" },
    { "initrd", true, opt_initrd, "-initrd FILE" },
    { "append", true, opt_append, "-append CMDLINE" },
    /* What libvirt always passes; each accepts only what pvdump does. */
    { "uuid", true, opt_uuid, "-uuid UUID" },
    { "display", true, opt_display, "-display none" },
    { "rtc", true, opt_rtc, "-rtc base=utc[,clock=host]" },
    { "boot", true, opt_boot, "-boot strict=on|off" },
    { "overcommit", true, opt_overcommit, "-overcommit mem-lock=off" },
    { "msg", true, opt_msg, "-msg timestamp=on|off" },
    { "audiodev", true, opt_audiodev, "-audiodev none,id=ID" },
    { NULL },
};

static const VMOptionDef *find_option(const char *arg)
{
    const char *name = arg + 1 + (arg[1] == '-');
    for (const VMOptionDef *d = vm_options; d->name; d++) {
        if (!strcmp(d->name, name)) {
            return d;
        }
    }
    return NULL;
}

void vm_option_foreach(void (*fn)(const char *name, bool has_arg, void *opaque),
                       void *opaque)
{
    for (const VMOptionDef *d = vm_options; d->name; d++) {
        if (d->help) {          /* aliases such as -M have no help text */
            fn(d->name, d->has_arg, opaque);
        }
    }
}

static void print_help(void)
{
    printf("usage: pvdump-vm [options]\n\n");
    for (const VMOptionDef *d = vm_options; d->name; d++) {
        if (d->help) {
            printf("%s\n", d->help);
        }
    }
    printf("-version\n-help\n");
}

static void vm_options_init(VMOptions *o)
{
    memset(o, 0, sizeof(*o));
    o->machine.type = g_strdup("s390-ccw-virtio");
    o->machine.accel_list = g_strsplit("tcg", ":", -1);
    o->machine.ram_size = DEFAULT_RAM_SIZE;
    o->machine.smp = 1;
    o->machine.max_cpus = 1;
    o->machine.loaders = g_ptr_array_new();
    o->chardevs = g_ptr_array_new_with_free_func(g_free);
    o->monitors = g_ptr_array_new();
    o->objects = g_ptr_array_new_with_free_func(g_free);
    o->devices = g_ptr_array_new_with_free_func(g_free);
}

/* "-cpu help" prints the models and features instead of starting. */
static bool check_cpu_help(VMOptions *o)
{
    g_autoptr(GString) out = NULL;

    if (g_strcmp0(o->machine.cpu_model, "help") && g_strcmp0(o->machine.cpu_model, "?")) {
        return true;
    }
    out = g_string_new(NULL);
    s390_cpu_list(out);
    fputs(out->str, stdout);
    return false;
}

static bool check_machine_type(VMOptions *o, GError **errp)
{
    const MachineTypeInfo *type;

    if (!strcmp(o->machine.type, "help")) {
        for (const MachineTypeInfo *const *t = machine_type_list(); *t; t++) {
            printf("%-20s %s%s\n", (*t)->name, (*t)->desc,
                   (*t)->is_default ? " (default)" : "");
        }
        return false;
    }
    type = machine_type_find(o->machine.type);
    if (!type) {
        error_setg(errp, "unsupported machine type: \"%s\"\n"
                   "Use -machine help to list supported machines", o->machine.type);
        return false;
    }
    g_free(o->machine.type);
    o->machine.type = g_strdup(type->name);
    return true;
}

int vm_parse_command_line(int argc, char **argv, VMOptions *o, GError **errp)
{
    vm_options_init(o);
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        const VMOptionDef *def;
        const char *val = NULL;

        if (!strcmp(arg, "-version") || !strcmp(arg, "--version")) {
            printf("pvdump-vm version " PVDUMP_VERSION " (QEMU 7.2 compatible)\n");
            return 0;
        }
        if (!strcmp(arg, "-h") || !strcmp(arg, "-help") || !strcmp(arg, "--help")) {
            print_help();
            return 0;
        }
        def = arg[0] == '-' ? find_option(arg) : NULL;
        if (!def) {
            error_setg(errp, "%s: invalid option", arg);
            return -1;
        }
        if (def->has_arg) {
            if (i + 1 >= argc) {
                error_setg(errp, "%s: requires an argument", arg);
                return -1;
            }
            val = argv[++i];
        }
        if (!def->handler(o, val, errp)) {
            error_prepend(errp, "%s %s: ", arg, val ? val : "");
            return -1;
        }
    }
    if (!check_cpu_help(o)) {
        return 0;
    }
    if (!check_machine_type(o, errp)) {
        return errp && *errp ? -1 : 0;
    }
    return 1;
}

static void monitor_spec_free(gpointer p)
{
    MonitorSpec *m = p;
    g_free(m->chardev_spec);
    g_free(m->chardev_id);
    g_free(m);
}

static void loader_image_free(gpointer p)
{
    LoaderImage *img = p;
    g_free(img->file);
    g_free(img);
}

void vm_options_free(VMOptions *o)
{
    MachineConfig *m = &o->machine;
    g_free(m->type);
    g_strfreev(m->accel_list);
    g_free((char *)m->accel.host_key);
    g_free(m->cpu_model);
    g_free(m->cgs_id);
    g_free(m->name);
    g_free(m->uuid);
    g_free(m->kernel);
    g_free(m->initrd);
    g_free(m->append);
    g_ptr_array_set_free_func(m->loaders, loader_image_free);
    g_ptr_array_free(m->loaders, TRUE);
    g_ptr_array_free(o->chardevs, TRUE);
    g_ptr_array_set_free_func(o->monitors, monitor_spec_free);
    g_ptr_array_free(o->monitors, TRUE);
    g_ptr_array_free(o->objects, TRUE);
    g_ptr_array_free(o->devices, TRUE);
    g_free(o->pidfile);
    g_free(o->uuid);
}

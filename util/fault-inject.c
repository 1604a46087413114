/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fault-inject.c - test-only fault injection; see util/fault-inject.h.
 *
 * Built only with CONFIG_FAULT_INJECTION (meson -Dfault_injection, on by
 * default except for buildtype=release).  Hooks may run on any thread (the
 * dump thread writes, vCPU and monitor threads issue PV ioctls; in
 * pvdump-decrypt only the main thread writes its output), so the
 * counters are atomics: arming stores the absolute hit number that fails.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/fault-inject.h"

/*
 * Each site is hit by one program only; the exit line lists that
 * program's sites, so pvdump-vm's line does not change with the tools'.
 */
static const struct {
    const char *name;
    const char *program;
} sites[FAULT_SITE__MAX] = {
    [FAULT_DUMP_WRITE] = { "dump-write", "pvdump-vm" },
    [FAULT_PV_IOCTL] = { "pv-ioctl", "pvdump-vm" },
    [FAULT_OUTPUT_WRITE] = { "output-write", "pvdump-decrypt" },
    [FAULT_OUTPUT_FSYNC] = { "output-fsync", "pvdump-decrypt" },
};

/*
 * Several faults may be armed per site at once (e.g. a failing dump call
 * and then a failing retry of the call that cleans up after it).
 */
#define FAULTS_PER_SITE 16

static uint64_t hits[FAULT_SITE__MAX];
/* Hit numbers that fail (0: free slot) and their errnos. */
static uint64_t target[FAULT_SITE__MAX][FAULTS_PER_SITE];
static int target_errno[FAULT_SITE__MAX][FAULTS_PER_SITE];
static uint64_t injected;

static const struct { const char *name; int err; } errnos[] = {
    { "ENOSPC", ENOSPC }, { "EIO", EIO }, { "EPIPE", EPIPE },
    { "EINTR", EINTR }, { "EAGAIN", EAGAIN }, { "EFAULT", EFAULT },
    { "EINVAL", EINVAL }, { "ENOMEM", ENOMEM }, { "EBADF", EBADF },
    { "EDQUOT", EDQUOT }, { "EFBIG", EFBIG }, { "EPERM", EPERM },
    { "EACCES", EACCES }, { "ENXIO", ENXIO }, { "EBUSY", EBUSY },
};

const char *fault_site_name(FaultSite site)
{
    return site < FAULT_SITE__MAX ? sites[site].name : "?";
}

int fault_inject_check(FaultSite site)
{
    uint64_t h = __atomic_add_fetch(&hits[site], 1, __ATOMIC_SEQ_CST);

    for (int i = 0; i < FAULTS_PER_SITE; i++) {
        uint64_t t = h;

        /* The errno is read first: the slot may be re-armed once freed. */
        int err = __atomic_load_n(&target_errno[site][i], __ATOMIC_SEQ_CST);
        if (__atomic_compare_exchange_n(&target[site][i], &t, 0, false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
            __atomic_add_fetch(&injected, 1, __ATOMIC_SEQ_CST);
            return -err;
        }
    }
    return 0;
}

int fault_inject_syscall(FaultSite site)
{
    int r = fault_inject_check(site);

    if (r) {
        errno = -r;
        return -1;
    }
    return 0;
}

uint64_t fault_inject_hits(FaultSite site)
{
    return __atomic_load_n(&hits[site], __ATOMIC_SEQ_CST);
}

uint64_t fault_inject_injected(void)
{
    return __atomic_load_n(&injected, __ATOMIC_SEQ_CST);
}

/*
 * Arms hit @n from now of @site (a hit already armed gets the new errno);
 * @n = 0 disarms every fault of the site.
 */
static bool arm_site(int site, uint64_t n, int err, GError **errp)
{
    uint64_t now = fault_inject_hits(site), t = n ? now + n : 0;
    int free_slot = -1;

    for (int i = 0; i < FAULTS_PER_SITE; i++) {
        uint64_t cur = __atomic_load_n(&target[site][i], __ATOMIC_SEQ_CST);
        /* A target already passed can no longer fire: reuse its slot. */
        if (!n || cur == t || cur <= now) {
            __atomic_store_n(&target[site][i], 0, __ATOMIC_SEQ_CST);
            cur = 0;
        }
        if (!cur && free_slot < 0) {
            free_slot = i;
        }
    }
    if (!n) {
        return true;
    }
    if (free_slot < 0) {
        error_setg(errp, "more than %d faults armed at site %s",
                   FAULTS_PER_SITE, sites[site].name);
        return false;
    }
    __atomic_store_n(&target_errno[site][free_slot], err, __ATOMIC_SEQ_CST);
    __atomic_store_n(&target[site][free_slot], t, __ATOMIC_SEQ_CST);
    return true;
}

static bool arm_one(const char *item, GError **errp)
{
    g_auto(GStrv) f = g_strsplit(item, ":", 3);
    guint64 n;
    int site, err = 0;

    if (g_strv_length(f) != 3) {
        error_setg(errp, "fault spec '%s' is not SITE:N:ERRNO", item);
        return false;
    }
    for (site = 0; site < FAULT_SITE__MAX; site++) {
        if (!strcmp(f[0], sites[site].name)) {
            break;
        }
    }
    if (site == FAULT_SITE__MAX) {
        g_autoptr(GString) known = g_string_new(NULL);
        for (int i = 0; i < FAULT_SITE__MAX; i++) {
            g_string_append_printf(known, "%s%s", i ? ", " : "",
                                   sites[i].name);
        }
        error_setg(errp, "unknown fault site '%s' (%s)", f[0], known->str);
        return false;
    }
    if (!g_ascii_string_to_unsigned(f[1], 10, 0, G_MAXINT64, &n, NULL)) {
        error_setg(errp, "bad fault count '%s'", f[1]);
        return false;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(errnos); i++) {
        if (!strcmp(f[2], errnos[i].name)) {
            err = errnos[i].err;
        }
    }
    if (!err) {
        guint64 v;
        if (!g_ascii_string_to_unsigned(f[2], 10, 1, 4095, &v, NULL)) {
            error_setg(errp, "bad errno '%s'", f[2]);
            return false;
        }
        err = v;
    }
    return arm_site(site, n, err, errp);
}

bool fault_inject_arm(const char *spec, GError **errp)
{
    g_auto(GStrv) items = g_strsplit(spec, ",", -1);

    for (char **it = items; *it; it++) {
        if (**it && !arm_one(*it, errp)) {
            return false;
        }
    }
    return true;
}

/* Before main() the GLib name is not set yet: fall back to argv[0]'s. */
static const char *program_name(void)
{
    const char *prog = g_get_prgname();

    return prog ? prog : program_invocation_short_name;
}

/* One line of the program's sites, or of all if it owns none. */
static void print_stats(void)
{
    const char *prog = program_name();
    bool own = false;

    for (int i = 0; i < FAULT_SITE__MAX; i++) {
        own |= !strcmp(sites[i].program, prog);
    }
    fprintf(stderr, "%s: fault-inject:", prog);
    for (int i = 0; i < FAULT_SITE__MAX; i++) {
        if (!own || !strcmp(sites[i].program, prog)) {
            fprintf(stderr, " %s=%" PRIu64, sites[i].name,
                    fault_inject_hits(i));
        }
    }
    fprintf(stderr, " injected=%" PRIu64 "\n", fault_inject_injected());
}

/* PVDUMP_FAULT is read once, before main(); its counters print at exit. */
static void __attribute__((constructor)) fault_inject_init(void)
{
    const char *spec = getenv("PVDUMP_FAULT");
    GError *err = NULL;

    if (!spec) {
        return;
    }
    if (!fault_inject_arm(spec, &err)) {
        fprintf(stderr, "%s: PVDUMP_FAULT: %s\n", program_name(),
                err->message);
        g_error_free(err);
        exit(1);
    }
    atexit(print_stats);
}

/*
 * fault-inject.c - test-only fault injection; see util/fault-inject.h.
 *
 * Built only with CONFIG_FAULT_INJECTION (meson -Dfault_injection, on by
 * default except for buildtype=release).  Hooks may run on any thread (the
 * dump thread writes, vCPU and monitor threads issue PV ioctls), so the
 * counters are atomics: arming stores the absolute hit number that fails.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/fault-inject.h"

static const char *const site_names[FAULT_SITE__MAX] = {
    [FAULT_DUMP_WRITE] = "dump-write",
    [FAULT_PV_IOCTL] = "pv-ioctl",
};

static uint64_t hits[FAULT_SITE__MAX];
static uint64_t target[FAULT_SITE__MAX];   /* hit number that fails, 0: none */
static int target_errno[FAULT_SITE__MAX];
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
    return site < FAULT_SITE__MAX ? site_names[site] : "?";
}

int fault_inject_check(FaultSite site)
{
    uint64_t h = __atomic_add_fetch(&hits[site], 1, __ATOMIC_SEQ_CST);
    uint64_t t = h;

    if (__atomic_load_n(&target[site], __ATOMIC_SEQ_CST) != h ||
        !__atomic_compare_exchange_n(&target[site], &t, 0, false,
                                     __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
        return 0;
    }
    __atomic_add_fetch(&injected, 1, __ATOMIC_SEQ_CST);
    return -__atomic_load_n(&target_errno[site], __ATOMIC_SEQ_CST);
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
        if (!strcmp(f[0], site_names[site])) {
            break;
        }
    }
    if (site == FAULT_SITE__MAX) {
        error_setg(errp, "unknown fault site '%s' (dump-write, pv-ioctl)",
                   f[0]);
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
    __atomic_store_n(&target_errno[site], err, __ATOMIC_SEQ_CST);
    /* N = 0 disarms. */
    __atomic_store_n(&target[site], n ? fault_inject_hits(site) + n : 0,
                     __ATOMIC_SEQ_CST);
    return true;
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

static void print_stats(void)
{
    fprintf(stderr, "pvdump-vm: fault-inject:");
    for (int i = 0; i < FAULT_SITE__MAX; i++) {
        fprintf(stderr, " %s=%" PRIu64, site_names[i],
                fault_inject_hits(i));
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
        fprintf(stderr, "pvdump-vm: PVDUMP_FAULT: %s\n", err->message);
        g_error_free(err);
        exit(1);
    }
    atexit(print_stats);
}

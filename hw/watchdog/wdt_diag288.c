/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * wdt_diag288.c - the diag288 watchdog: "-device diag288", armed by the
 * guest's DIAG 288, expiring on the main loop.
 *
 * The interval runs in host time, also while the VM is paused (QEMU uses
 * its virtual clock, which stops then).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/main-loop.h"
#include "hw/qdev-core.h"
#include "hw/s390x/diag308.h"
#include "hw/watchdog/wdt_diag288.h"
#include "sysemu/watchdog.h"
#include "target/s390x/cpu.h"

typedef struct Diag288State {
    bool exists;          /* -device diag288 was given */
    bool enabled;         /* armed by init, until cancel or expiry */
    GSource *timer;       /* the pending expiry while enabled */
    int64_t deadline_ms;
} Diag288State;

static Diag288State diag288;

static void timer_del(void)
{
    if (diag288.timer) {
        g_source_destroy(diag288.timer);
        g_source_unref(diag288.timer);
        diag288.timer = NULL;
    }
}

static gboolean timer_fired(gpointer opaque)
{
    bql_lock();
    /* A cancel or re-arm after this source was dispatched wins. */
    if (diag288.timer && g_source_get_id(diag288.timer) == GPOINTER_TO_UINT(opaque)) {
        diag288_timer_expired();
    }
    bql_unlock();
    return G_SOURCE_REMOVE;
}

static void timer_mod(uint64_t seconds)
{
    guint id;

    timer_del();
    diag288.deadline_ms = g_get_monotonic_time() / 1000 + (int64_t)seconds * 1000;
    diag288.timer = g_timeout_source_new_seconds(MIN(seconds, G_MAXUINT));
    id = g_source_attach(diag288.timer, qemu_main_context());
    g_source_set_callback(diag288.timer, timer_fired, GUINT_TO_POINTER(id), NULL);
}

void diag288_reset(void)
{
    diag288.enabled = false;
    timer_del();
}

void diag288_timer_expired(void)
{
    switch (get_watchdog_action()) {
    case WATCHDOG_ACTION_DEBUG:
    case WATCHDOG_ACTION_NONE:
    case WATCHDOG_ACTION_PAUSE:
        timer_del();          /* fired; stays enabled for a change */
        break;
    default:
        diag288_reset();
    }
    watchdog_perform_action();
}

int64_t diag288_deadline_ms(void)
{
    return diag288.timer ? diag288.deadline_ms : -1;
}

static int handle_timer(uint64_t func, uint64_t timeout)
{
    switch (func) {
    case WDT_DIAG288_INIT:
        diag288.enabled = true;
        /* fall through */
    case WDT_DIAG288_CHANGE:
        if (!diag288.enabled) {
            return -1;
        }
        timer_mod(timeout);
        return 0;
    case WDT_DIAG288_CANCEL:
        if (!diag288.enabled) {
            return -1;
        }
        diag288_reset();
        return 0;
    default:
        return -1;
    }
}

int handle_diag_288(CPUState *cs, unsigned r1, unsigned r3)
{
    const CPUS390XState *env = &S390_CPU(cs)->env;
    uint64_t func, timeout;

    if ((r1 & 1) || env->regs[r3] != 0) {
        return PGM_SPECIFICATION;
    }
    func = env->regs[r1];
    timeout = env->regs[r1 + 1];
    if (func != WDT_DIAG288_CANCEL && timeout < WDT_DIAG288_MIN_TIMEOUT) {
        return PGM_SPECIFICATION;
    }
    if (!diag288.exists || handle_timer(func, timeout) < 0) {
        return PGM_SPECIFICATION;
    }
    return 0;
}

static bool diag288_realize(DeviceState *dev, QemuOpts *opts, GError **errp)
{
    if (diag288.exists) {
        error_setg(errp, "Multiple diag288 watchdogs are not supported");
        return false;
    }
    diag288.exists = true;
    return true;
}

static void diag288_unrealize(DeviceState *dev)
{
    diag288_reset();
    diag288.exists = false;
}

static const QomPropertyInfo diag288_props[] = {
    { NULL },
};

const DeviceTypeInfo diag288_type = {
    .name = "diag288",
    .parent = "device",
    .props = diag288_props,
    .realize = diag288_realize,
    .unrealize = diag288_unrealize,
};

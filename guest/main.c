/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * main.c - pvdump-guest on the boot CPU: find the CPUs and the memory,
 * start the CPUs, print their counters every second and stop everything
 * on "stop" (or 'q', or a signal quiesce).  docs/guest.md.
 */
#include "arch.h"
#include "console.h"
#include "lib.h"
#include "sclp.h"
#include "smp.h"

void main(void) __attribute__((noreturn));

static struct sclp_info info;

/* Line editing state of the console input. */
static char line[16];
static size_t line_len;

/* One status line: "tick N" (or "final" for 0) and address:count pairs. */
static void print_counters(uint64_t tick)
{
    static char buf[8192];
    volatile struct pvdump_guest_counters *c = &pvdump_guest_counters;
    size_t n;
    unsigned i;

    if (tick) {
        n = fmt_format(buf, sizeof(buf), "pvdump guest: tick %lu counters", tick);
    } else {
        n = fmt_format(buf, sizeof(buf), "pvdump guest: final counters");
    }
    for (i = 0; i < c->ncpus; i++) {
        n += fmt_format(buf + n, sizeof(buf) - n, " %lu:%lu",
                        c->cpu[i].address, c->cpu[i].counter);
    }
    fmt_format(buf + n, sizeof(buf) - n, "\n");
    console_write(buf, strlen(buf));
}

/*
 * Feeds console input to the line editor.  True on a line "stop" or "q",
 * or a 'q' typed at the start of a line.
 */
static bool stop_requested(const char *chars, size_t len)
{
    size_t i;
    char ch;

    for (i = 0; i < len; i++) {
        ch = chars[i];
        if (ch == '\r' || ch == '\n') {
            if ((line_len == 4 && !memcmp(line, "stop", 4)) ||
                (line_len == 1 && line[0] == 'q')) {
                return true;
            }
            line_len = 0;
        } else if (ch == 'q' && line_len == 0) {
            return true;
        } else if (line_len < sizeof(line)) {
            line[line_len++] = ch;
        }
    }
    return false;
}

/* Reads the console; true when the guest is asked to stop. */
static bool poll_input(void)
{
    static struct console_input in;

    console_poll(&in);
    if (in.quiesce) {
        console_printf("pvdump guest: signal quiesce\n");
        return true;
    }
    return stop_requested(in.chars, in.len);
}

static void __attribute__((noreturn)) stop_all(void)
{
    volatile struct pvdump_guest_cpu *self = &pvdump_guest_counters.cpu[0];

    smp_stop_others();
    print_counters(0);
    console_printf("pvdump guest: stopping\n");
    stop_self(self->counter, self->address);
}

void main(void)
{
    volatile uint64_t *counter = &pvdump_guest_counters.cpu[0].counter;
    uint64_t next, tick = 0;
    unsigned ncpus;

    sclp_setup_int();
    psw_ext_enable(true);   /* for the "events pending" service signal */
    console_init();
    if (!sclp_read_info(&info)) {
        console_printf("pvdump guest: Read SCP Info failed, one CPU\n");
        info.ncpus = 0;
    }
    ncpus = smp_start(&info);
    console_printf("pvdump guest: %u CPUs, %lu MiB\n", ncpus, info.mem_mib);
    next = stck() + TOD_PER_SECOND;
    for (;;) {
        (*counter)++;
        if (stck() >= next) {
            print_counters(++tick);
            next += TOD_PER_SECOND;
            if (poll_input()) {
                break;
            }
        } else if (sclp_take_attention() && poll_input()) {
            break;
        }
    }
    stop_all();
}

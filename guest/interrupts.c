/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * interrupts.c - the C side of head.S's interruption stubs.  Anything
 * unexpected is printed and ends in a disabled wait, so a broken CPU shows
 * as such (QEMU: guest-panicked) rather than looping silently.
 */
#include "arch.h"
#include "console.h"
#include "interrupts.h"
#include "sclp.h"

/* Disabled wait; the PSW's address says why (docs/guest.md). */
static void __attribute__((noreturn)) disabled_wait(uint64_t code)
{
    struct psw wait = { PSW_MASK_WAIT | PSW_MASK_64, code };
    asm volatile("lpswe %0" : : "Q"(wait) : "memory");
    __builtin_unreachable();
}

static void __attribute__((noreturn)) unexpected(const char *what,
                                                 uint64_t old_psw, uint64_t code)
{
    const volatile struct psw *psw = &LC_PSW(old_psw);

    sclp_setup_int();
    console_printf("pvdump guest: %s interruption code 0x%x on CPU %u, "
                   "PSW %016lx %016lx\n", what, (unsigned)code, stap(),
                   psw->mask, psw->addr);
    disabled_wait(code);
}

void ext_handler(void)
{
    if (LC_U16(LC_EXT_INT_CODE) == EXT_CODE_SERVICE) {
        sclp_handle_service_signal(LC_U32(LC_EXT_PARAM));
    }
}

void pgm_handler(void)
{
    unexpected("program", LC_PGM_OLD_PSW, LC_U16(LC_PGM_INT_CODE));
}

void svc_handler(void)
{
    unexpected("supervisor-call", LC_SVC_OLD_PSW, 0x10000);
}

void mcck_handler(void)
{
    unexpected("machine-check", LC_MCCK_OLD_PSW, 0x20000);
}

void io_handler(void)
{
    unexpected("I/O", LC_IO_OLD_PSW, 0x30000);
}

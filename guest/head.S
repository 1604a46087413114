/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * head.S - the guest's lowcore image, entry point and interruption stubs.
 *
 * Boot: QEMU's and pvdump's -kernel enter at 0x10000 in 64-bit z/Arch
 * mode; an IPL through the short PSW at absolute 0 enters in 31-bit mode,
 * possibly still in ESA/390.  So the entry asks for z/Architecture with
 * SIGP SET ARCHITECTURE (rejected, harmlessly, where the CPU is always in
 * z/Arch) and switches to 64-bit addressing, as kvm-unit-tests' cstart64.S.
 */
#include "arch.h"

/* The lowcore image (absolute 0, CPU 0's prefix area). */
    .section .lowcore, "aw"
    .long   0x00080000, 0x80010000      /* short IPL PSW: 31-bit, 0x10000 */
    .org    LC_RESTART_NEW_PSW
    .quad   PSW_MASK_64, _start         /* a PSW restart re-enters boot */
    .quad   PSW_MASK_64, ext_entry
    .quad   PSW_MASK_64, svc_entry
    .quad   PSW_MASK_64, pgm_entry
    .quad   PSW_MASK_64, mcck_entry
    .quad   PSW_MASK_64, io_entry

/* 0x10000: must stay below 0x10480, where QEMU writes the -append line. */
    .section .init, "ax"
    .globl  _start
_start:
    lhi     %r1, 1                      /* 1: z/Architecture */
    sigp    %r1, %r0, SIGP_SET_ARCH
    sam64
    larl    %r2, __bss_start            /* zero .bss (256-byte aligned) */
    larl    %r3, __bss_end
0:  clgr    %r2, %r3
    jhe     1f
    xc      0(256, %r2), 0(%r2)
    aghi    %r2, 256
    j       0b
1:  larl    %r15, boot_stack_top
    aghi    %r15, -STACK_FRAME
    brasl   %r14, main
    j       .                           /* main does not return */

    .text
/*
 * The interruption stubs: the interrupted GPRs go to the lowcore save area
 * (per CPU, thanks to prefixing; the new PSWs disable every interruption
 * that could nest), the handler runs on the interrupted stack below its
 * frame, and the old PSW is reloaded (handlers that do not return load a
 * disabled-wait PSW themselves).
 */
.macro INT_ENTRY name, handler, old_psw
    .globl  \name
\name:
    stmg    %r0, %r15, LC_GPR_SAVE
    aghi    %r15, -STACK_FRAME
    nill    %r15, 0xfff8
    brasl   %r14, \handler
    lmg     %r0, %r15, LC_GPR_SAVE
    lpswe   \old_psw
.endm

    INT_ENTRY ext_entry, ext_handler, LC_EXT_OLD_PSW
    INT_ENTRY pgm_entry, pgm_handler, LC_PGM_OLD_PSW
    INT_ENTRY svc_entry, svc_handler, LC_SVC_OLD_PSW
    INT_ENTRY mcck_entry, mcck_handler, LC_MCCK_OLD_PSW
    INT_ENTRY io_entry, io_handler, LC_IO_OLD_PSW

/* A secondary CPU's restart new PSW: its stack top is in its lowcore. */
    .globl  secondary_entry
secondary_entry:
    lg      %r15, LC_STACK
    aghi    %r15, -STACK_FRAME
    brasl   %r14, smp_secondary_main
    j       .

/*
 * void count_forever(uint64_t *slot, uint64_t cpu_address)
 * Increments *slot forever, keeping the count in GR2 and the CPU address
 * in GR3, so a dump's register notes show them next to the memory copy.
 */
    .globl  count_forever
count_forever:
    lgr     %r4, %r2
    lg      %r2, 0(%r4)
0:  aghi    %r2, 1
    stg     %r2, 0(%r4)
    j       0b

/*
 * void stop_self(uint64_t counter, uint64_t cpu_address)
 * SIGP STOP to the CPU's own address, with GR2/GR3 as count_forever keeps
 * them.
 */
    .globl  stop_self
stop_self:
0:  sigp    %r1, %r3, SIGP_STOP
    brc     2, 0b                       /* cc 2: busy, retry */
    j       .                           /* the stop lands here */

    .bss
    .balign 4096
boot_stack:
    .skip   16384
boot_stack_top:

    .section .note.GNU-stack, "", @progbits

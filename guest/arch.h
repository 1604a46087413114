/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * arch.h - z/Architecture pieces the guest uses: lowcore offsets, PSW
 * masks, SIGP orders and the privileged instructions as inline helpers.
 */
#ifndef GUEST_ARCH_H
#define GUEST_ARCH_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#include <stdbool.h>
#endif

/* Lowcore (offsets from the prefix), Principles of Operation ch. 3/6. */
#define LC_EXT_PARAM        0x080   /* service-signal SCCB address | pending */
#define LC_EXT_INT_CODE     0x086
#define LC_PGM_ILC          0x08c
#define LC_PGM_INT_CODE     0x08e
#define LC_RESTART_OLD_PSW  0x120
#define LC_EXT_OLD_PSW      0x130
#define LC_SVC_OLD_PSW      0x140
#define LC_PGM_OLD_PSW      0x150
#define LC_MCCK_OLD_PSW     0x160
#define LC_IO_OLD_PSW       0x170
#define LC_RESTART_NEW_PSW  0x1a0
#define LC_EXT_NEW_PSW      0x1b0
#define LC_SVC_NEW_PSW      0x1c0
#define LC_PGM_NEW_PSW      0x1d0
#define LC_MCCK_NEW_PSW     0x1e0
#define LC_IO_NEW_PSW       0x1f0
/* Software use (0x200-0x2ff is free in the architected lowcore). */
#define LC_GPR_SAVE         0x200   /* 16 GPRs of the interrupted context */
#define LC_STACK            0x280   /* a secondary CPU's initial stack top */
#define LC_CPU_INDEX        0x288   /* a secondary CPU's index in the counters */
#define LC_SIZE             0x2000  /* two pages, 8 KiB aligned */

#define PSW_MASK_EXT        0x0100000000000000UL
#define PSW_MASK_WAIT       0x0002000000000000UL
#define PSW_MASK_64         0x0000000180000000UL

#define EXT_CODE_SERVICE    0x2401
#define CR0_SERVICE_SIGNAL  0x200UL /* bit 54: the service-signal subclass */

#define SIGP_SENSE          0x01
#define SIGP_START          0x04
#define SIGP_STOP           0x05
#define SIGP_RESTART        0x06
#define SIGP_SET_PREFIX     0x0d
#define SIGP_SET_ARCH       0x12
#define SIGP_CC_BUSY        2

#define STACK_FRAME         160     /* the s390x ABI's register save area */

#ifndef __ASSEMBLER__
struct psw {
    uint64_t mask;
    uint64_t addr;
};

#define LC_U16(off)  (*(volatile uint16_t *)(uintptr_t)(off))
#define LC_U32(off)  (*(volatile uint32_t *)(uintptr_t)(off))
#define LC_U64(off)  (*(volatile uint64_t *)(uintptr_t)(off))
#define LC_PSW(off)  (*(volatile struct psw *)(uintptr_t)(off))

/* The TOD clock: bit 51 is one microsecond. */
#define TOD_PER_SECOND (1000000ULL << 12)

static inline uint64_t stck(void)
{
    uint64_t tod;
    asm volatile("stck %0" : "=Q"(tod) : : "cc");
    return tod;
}

static inline uint16_t stap(void)
{
    uint16_t addr;
    asm volatile("stap %0" : "=Q"(addr));
    return addr;
}

/* SIGNAL PROCESSOR; returns the condition code, *status when cc 1. */
static inline int sigp(uint16_t cpu, uint8_t order, uint64_t parm,
                       uint32_t *status)
{
    register uint64_t r1 asm("1") = parm;
    int cc;
    asm volatile("sigp %[r1],%[cpu],0(%[order])\n ipm %[cc]\n srl %[cc],28"
                 : [cc] "=d"(cc), [r1] "+d"(r1)
                 : [cpu] "d"((uint64_t)cpu), [order] "a"((uint64_t)order)
                 : "cc", "memory");
    if (status) {
        *status = (uint32_t)r1;
    }
    return cc;
}

/* SIGP, retried while the target is busy. */
static inline int sigp_retry(uint16_t cpu, uint8_t order, uint64_t parm,
                             uint32_t *status)
{
    int cc;
    do {
        cc = sigp(cpu, order, parm, status);
    } while (cc == SIGP_CC_BUSY);
    return cc;
}

static inline uint64_t stctg0(void)
{
    uint64_t cr0;
    asm volatile("stctg 0,0,%0" : "=S"(cr0));
    return cr0;
}

static inline void lctlg0(uint64_t cr0)
{
    asm volatile("lctlg 0,0,%0" : : "S"(cr0) : "memory");
}

/* Sets (on) or clears the external-interruption mask of the current PSW. */
static inline void psw_ext_enable(bool on)
{
    uint8_t old;
    if (on) {
        asm volatile("stosm %0,0x01" : "=Q"(old) : : "memory");
    } else {
        asm volatile("stnsm %0,0xfe" : "=Q"(old) : : "memory");
    }
}

/* A test-and-set lock shared by the CPUs (interlocked COMPARE AND SWAP). */
static inline void spin_lock(int *lock)
{
    int expected;
    do {
        expected = 0;
    } while (!__atomic_compare_exchange_n(lock, &expected, 1, false,
                                          __ATOMIC_ACQUIRE, __ATOMIC_RELAXED));
}

static inline void spin_unlock(int *lock)
{
    __atomic_store_n(lock, 0, __ATOMIC_RELEASE);
}

static inline void barrier(void)
{
    asm volatile("" : : : "memory");
}
#endif

#endif

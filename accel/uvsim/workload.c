/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * workload.c - the deterministic guest that runs on uvsim's vCPUs.
 *
 * There is no instruction interpreter; instead each step changes the
 * registers as a pure function of (vCPU id, step number) and writes the step
 * number into the vCPU's own page of guest memory.  That makes running,
 * pausing and dumping observable and checkable: after "stop" neither the
 * registers nor the page may change, after "cont" both move on.
 *
 * Workload page of vCPU n: the (n+1)-th page from the top of guest RAM.
 *   +0   "PVDUMPWL" magic
 *   +8   vCPU id, u32 big-endian
 *   +16  step number, u64 big-endian
 *   +64  ring of the last 504 step numbers (u64 BE, slot = step % 504)
 *
 * The workload writes as a guest does, through uv_guest_write(): in a
 * protected VM its pages are secure.  vCPU 0 of a protected guest also
 * shares one page with the host, as a guest shares its I/O buffers, and
 * mirrors its counter there ("PVDUMPSH", id, step).
 */
#include "qemu/osdep.h"
#include "uvsim-internal.h"

#define WORKLOAD_MAGIC "PVDUMPWL"
#define SHARED_MAGIC   "PVDUMPSH"
#define WORKLOAD_RING_SLOTS 504
#define WORKLOAD_CODE_BASE 0x10000ULL   /* where the PSW "executes" */

/*
 * Every WORKLOAD_DIAG_INTERVAL-th step of a secure CPU ends in a DIAG that
 * the hypervisor completes when the vCPU next enters SIE.
 */
#define WORKLOAD_DIAG_INTERVAL 16

bool uvsim_workload_in_intercept(const UvsimVcpu *v)
{
    return v->secure && v->workload_step &&
           v->workload_step % WORKLOAD_DIAG_INTERVAL == 0 &&
           __atomic_load_n(&v->mp_state, __ATOMIC_ACQUIRE) == KVM_MP_STATE_OPERATING;
}

uint64_t uvsim_workload_page(uint64_t mem_size, int id)
{
    return mem_size - (uint64_t)(id + 1) * 4096;
}

uint64_t uvsim_workload_shared_page(uint64_t mem_size)
{
    return mem_size - 1 * MiB;
}

static uint64_t mix64(uint64_t x)
{
    /* splitmix64 finaliser: a cheap, well-spread pure function. */
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

static void put_be64(uint8_t *p, uint64_t v)
{
    for (int i = 7; i >= 0; i--, v >>= 8) {
        p[i] = v & 0xff;
    }
}

static void put_be32(uint8_t *p, uint32_t v)
{
    for (int i = 3; i >= 0; i--, v >>= 8) {
        p[i] = v & 0xff;
    }
}

static void step_registers(S390Regs *a, int id, uint64_t n)
{
    a->regs[0] = n;
    a->regs[1] = id;
    for (int i = 2; i < 16; i++) {
        a->regs[i] = mix64(n ^ ((uint64_t)id << 56) ^ ((uint64_t)i << 48));
    }
    a->aregs[n % 16] = (uint32_t)n;
    /* 64-bit addressing mode (EA|BA), as a Linux guest runs. */
    a->psw_mask = 0x0000000180000000ULL;
    a->psw_addr = WORKLOAD_CODE_BASE + (n % 1024) * 4;
    a->vregs[n % 32][0] = n;
    a->vregs[n % 32][1] = ~n;
    a->cputm -= 1000;     /* the CPU timer counts down while the CPU runs */
}

/* SIGP START as SIE reports it: R1 = 0, R3 = 3, B2 = 0, D2 = order 4. */
#define WORKLOAD_SIGP_IPA 0xae03
#define WORKLOAD_SIGP_IPB 0x00040000

int uvsim_workload_next_sibling(UvsimVcpu *v)
{
    UvsimVM *vm = v->vm;

    if (v->id != 0 || v->workload_step == 0) {
        return -1;
    }
    /*
     * The guest's SMP bring-up: after its first step, CPU 0 issues SIGP
     * START for every stopped CPU, one intercept each, and user space
     * completes them as it completes a real guest's.  The UV shows the
     * hypervisor the register the order needs (R3, the CPU address).
     */
    while (v->workload_sigp_next < UVSIM_MAX_VCPUS) {
        UvsimVcpu *o = vm->vcpus[v->workload_sigp_next++];

        if (o && o != v &&
            __atomic_load_n(&o->mp_state, __ATOMIC_ACQUIRE) == KVM_MP_STATE_STOPPED) {
            return o->id;
        }
    }
    return -1;
}

void uvsim_workload_sigp_start_exit(UvsimVcpu *v, int id)
{
    uvsim_exit_sieic(v, UVSIM_ICPT_PV_INSTR, WORKLOAD_SIGP_IPA, WORKLOAD_SIGP_IPB);
    v->run->s.regs.gprs[3] = id;
}

void uvsim_workload_step(UvsimVcpu *v)
{
    UvsimVM *vm = v->vm;
    uint64_t n = ++v->workload_step;
    uint64_t gpa = uvsim_workload_page(vm->mem_size, v->id);
    uint8_t head[24] = WORKLOAD_MAGIC, slot[8];

    step_registers(&v->arch, v->id, n);
    if ((uint64_t)(v->id + 1) * 4096 > vm->mem_size) {
        return;     /* a guest too small to hold every vCPU's page */
    }
    put_be32(head + 8, v->id);
    put_be64(head + 16, n);
    put_be64(slot, n);
    uv_guest_write(vm, gpa, head, sizeof(head));
    uv_guest_write(vm, gpa + 64 + (n % WORKLOAD_RING_SLOTS) * 8, slot, sizeof(slot));
    if (v->secure && v->id == 0 && vm->mem_size >= 2 * MiB) {
        uint64_t shared = uvsim_workload_shared_page(vm->mem_size);
        memcpy(head, SHARED_MAGIC, 8);
        uv_storage_share(vm, shared);
        uv_guest_write(vm, shared, head, sizeof(head));
    }
}

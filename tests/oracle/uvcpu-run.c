/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uvcpu-run - runs a static s390x Linux user program on uvsim's CPU
 * interpreter, the way qemu-s390x runs it: PT_LOAD segments at their
 * addresses in a flat memory, 64-bit problem state from the ELF entry,
 * and the two system calls the oracle programs use (exit, write).
 *
 *   uvcpu-run [--stats] PROGRAM.elf
 *
 * --stats prints the instructions executed, the wall and CPU time and
 * the MIPS to stderr.  The exit status is the program's; a program interruption
 * prints the code and PSW and kills the runner with the signal Linux
 * would send (SIGILL, SIGSEGV, SIGFPE), so the status compares equal to
 * qemu-s390x's.
 */
#include "qemu/osdep.h"
#include <elf.h>
#include <signal.h>
#include <sys/mman.h>
#include <time.h>
#include "cpu.h"

#define GUEST_MEM_SIZE (256 * MiB)
#define STACK_TOP (GUEST_MEM_SIZE - 64 * KiB)

static uint8_t *guest_mem;

static uint8_t *flat_translate(void *opaque, uint64_t addr, UvCpuAccess access,
                               uint16_t *pgm_code)
{
    if (addr >= GUEST_MEM_SIZE) {
        *pgm_code = UVCPU_PGM_ADDRESSING;
        return NULL;
    }
    return guest_mem + addr;
}

static const UvCpuMemOps flat_ops = { .translate = flat_translate };

static bool load_elf(const char *path, uint64_t *entry)
{
    gchar *buf;
    gsize len;
    const Elf64_Ehdr *eh;
    const Elf64_Phdr *ph;
    uint64_t off, vaddr, filesz, memsz;
    unsigned i;

    if (!g_file_get_contents(path, &buf, &len, NULL) || len < sizeof(*eh)) {
        fprintf(stderr, "uvcpu-run: cannot read %s\n", path);
        return false;
    }
    eh = (const Elf64_Ehdr *)buf;
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        eh->e_ident[EI_DATA] != ELFDATA2MSB || GUINT16_FROM_BE(eh->e_machine) != EM_S390) {
        fprintf(stderr, "uvcpu-run: %s is not a 64-bit s390x ELF\n", path);
        g_free(buf);
        return false;
    }
    *entry = GUINT64_FROM_BE(eh->e_entry);
    for (i = 0; i < GUINT16_FROM_BE(eh->e_phnum); i++) {
        ph = (const Elf64_Phdr *)(buf + GUINT64_FROM_BE(eh->e_phoff) +
                                  i * GUINT16_FROM_BE(eh->e_phentsize));
        if (GUINT32_FROM_BE(ph->p_type) != PT_LOAD) {
            continue;
        }
        off = GUINT64_FROM_BE(ph->p_offset);
        vaddr = GUINT64_FROM_BE(ph->p_vaddr);
        filesz = GUINT64_FROM_BE(ph->p_filesz);
        memsz = GUINT64_FROM_BE(ph->p_memsz);
        if (off + filesz > len || vaddr + memsz > STACK_TOP - MiB) {
            fprintf(stderr, "uvcpu-run: segment %u does not fit\n", i);
            g_free(buf);
            return false;
        }
        memcpy(guest_mem + vaddr, buf + off, filesz);
    }
    g_free(buf);
    return true;
}

/* Linux's s390x system-call convention: number in the SVC, args r2-r6. */
static bool do_syscall(S390Regs *r, uint8_t nr, int *status)
{
    uint64_t buf = r->regs[3], count = r->regs[4];
    ssize_t n;

    switch (nr) {
    case 1:                    /* exit */
        *status = r->regs[2] & 0xff;
        return false;
    case 4:                    /* write */
        if (buf > GUEST_MEM_SIZE || count > GUEST_MEM_SIZE - buf) {
            r->regs[2] = -EFAULT;
            return true;
        }
        n = write(r->regs[2], guest_mem + buf, count);
        r->regs[2] = n < 0 ? -errno : n;
        return true;
    default:
        r->regs[2] = -ENOSYS;
        return true;
    }
}

/*
 * The signal Linux sends for a program interruption (arch/s390 traps): a
 * data exception with a nonzero DXC (which Linux finds in the FPC) is
 * SIGFPE, one with DXC 0 (decimal data) SIGILL.
 */
static int pgm_signal(uint16_t code, uint8_t dxc)
{
    switch (code) {
    case UVCPU_PGM_DATA:
        return dxc ? SIGFPE : SIGILL;
    case UVCPU_PGM_PROTECTION:
    case UVCPU_PGM_ADDRESSING:
        return SIGSEGV;
    case UVCPU_PGM_VECTOR_PROC:
    case UVCPU_PGM_FIXPT_OVERFLOW:
    case UVCPU_PGM_FIXPT_DIVIDE:
    case UVCPU_PGM_DEC_OVERFLOW:
    case UVCPU_PGM_DEC_DIVIDE:
        return SIGFPE;
    default:
        return SIGILL;
    }
}

static double now(clockid_t clock)
{
    struct timespec ts;

    clock_gettime(clock, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    bool stats = argc > 1 && !strcmp(argv[1], "--stats");
    const char *path = argv[stats ? 2 : 1];
    UvCpu *cpu;
    S390Regs *r;
    UvCpuExit e;
    uint64_t entry;
    int status = 0, sig = 0;
    double t0, c0, t, c;

    if (!path) {
        fprintf(stderr, "usage: uvcpu-run [--stats] PROGRAM.elf\n");
        return 2;
    }
    guest_mem = mmap(NULL, GUEST_MEM_SIZE, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (guest_mem == MAP_FAILED || !load_elf(path, &entry)) {
        return 2;
    }
    cpu = uvcpu_new(&flat_ops, NULL);
    r = uvcpu_regs(cpu);
    r->psw_mask = UVCPU_PSW_MASK_PSTATE | UVCPU_PSW_MASK_EA | UVCPU_PSW_MASK_BA;
    r->psw_addr = entry;
    r->regs[15] = STACK_TOP;
    /*
     * Linux runs user space with the AFP registers and the vector
     * facility enabled (CR0 bits 45, 46).
     */
    r->cregs[0] |= 0x60000;
    /*
     * QEMU 7.2's user-mode CPU has the vector-enhancements facilities 1
     * and 2 (vxeh, vfp135 and vfp148 families).
     */
    uvcpu_set_facility(cpu, 135, true);
    uvcpu_set_facility(cpu, 148, true);
    t0 = now(CLOCK_MONOTONIC);
    c0 = now(CLOCK_PROCESS_CPUTIME_ID);
    for (;;) {
        e = uvcpu_run(cpu, 1 << 24);
        if (e.reason == UVCPU_EXIT_BUDGET) {
            continue;
        }
        if (e.reason == UVCPU_EXIT_SVC && do_syscall(r, e.svc, &status)) {
            continue;
        }
        if (e.reason != UVCPU_EXIT_SVC) {
            fprintf(stderr, "uvcpu-run: exit %d, program interruption code 0x%x, "
                    "ILC %u, PSW %016" PRIx64 " %016" PRIx64 "\n", e.reason,
                    e.pgm_code, e.ilc, r->psw_mask, r->psw_addr);
            sig = e.reason == UVCPU_EXIT_PROGRAM ? pgm_signal(e.pgm_code, e.dxc) : SIGILL;
        }
        break;
    }
    t = now(CLOCK_MONOTONIC) - t0;
    c = now(CLOCK_PROCESS_CPUTIME_ID) - c0;
    if (stats) {
        /* CPU time too: on a loaded host the wall time says little. */
        fprintf(stderr, "uvcpu-run: %" PRIu64 " instructions, %.3f s wall, "
                "%.3f s CPU: %.1f MIPS (CPU time)\n", uvcpu_icount(cpu), t, c,
                uvcpu_icount(cpu) / c / 1e6);
    }
    uvcpu_free(cpu);
    if (sig) {
        signal(sig, SIG_DFL);
        raise(sig);
    }
    return status;
}

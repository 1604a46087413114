/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * test-sclp.c - SERVC and the SCLP (hw/s390x/sclp.c, event-facility.c, the
 * two consoles): SCCBs built in guest RAM of a -m 256 -smp 2,maxcpus=4
 * machine on uvsim, sclp_service_call() called directly and through the
 * real-KVM intercept handler, the consoles on socket chardevs, the service
 * signal observed in uvsim's floating-interrupt queue.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "config-host.h"
#include "chardev/char.h"
#include "exec/memory.h"
#include "hw/boards.h"
#include "hw/qdev-core.h"
#include "hw/s390x/diag308.h"
#include "hw/s390x/event-facility.h"
#include "hw/s390x/s390-virtio-ccw.h"
#include "hw/s390x/sclp.h"
#include "qemu/main-loop.h"
#include "sysemu/kvm.h"
#include "sysemu/uvsim-test.h"
#include "target/s390x/cpu.h"
#include "util/be-access.h"
#include <sys/socket.h>
#include <sys/un.h>

#define SCCB_ADDR   0x10000ULL
#define PSTATE      0x0001000000000000ULL

static MachineConfig cfg = { .ram_size = 256 * MiB, .smp = 2, .max_cpus = 4 };
/* s390_ccw_machine() finds the s390x state around current_machine. */
static S390CcwMachineState machine = { .parent_obj.cfg = &cfg };
static S390CPU cpus[2];
static CPUState *cpu_ptrs[2];
static int vt220_fd = -1, lm_fd = -1;   /* the user's ends of the consoles */

static void put(uint64_t addr, const void *buf, size_t len)
{
    g_assert_true(guest_memory_write(addr, buf, len, NULL));
}

static void get(uint64_t addr, void *buf, size_t len)
{
    g_assert_true(guest_memory_read(addr, buf, len, NULL));
}

/* A fresh SCCB page: zeroes, then the header. */
static void sccb_init(uint64_t addr, uint16_t len, uint8_t fc)
{
    uint8_t page[SCCB_SIZE] = { 0 };

    be16_store(page, len);
    page[SCCB_OFF_FUNCTION_CODE] = fc;
    put(addr & ~0xfffULL, page, sizeof(page));
    put(addr, page, 8);
}

static int servc(CPUState *cs, uint64_t sccb, uint32_t code)
{
    int r;

    bql_lock();
    r = sclp_service_call(cs, sccb, code);
    bql_unlock();
    return r;
}

static uint16_t rc_at(uint64_t sccb)
{
    uint8_t hdr[8];

    get(sccb, hdr, sizeof(hdr));
    return be16_load(hdr + SCCB_OFF_RESPONSE_CODE);
}

/* The service signal now pending (its parameter), or -1 if none is. */
static int64_t take_service_signal(void)
{
    struct kvm_s390_irq irq;
    int r = uvsim_test_take_floating_irq(&irq);

    g_assert_cmpint(r, >=, 0);
    if (!r) {
        return -1;
    }
    g_assert_cmphex(irq.type, ==, KVM_S390_INT_SERVICE);
    return irq.u.ext.ext_params;
}

static void pump(void)
{
    while (g_main_context_iteration(NULL, FALSE)) {
    }
}

/* Reads exactly @len bytes from the user's end of a console. */
static void expect_output(int fd, const void *want, size_t len)
{
    g_autofree uint8_t *got = g_malloc0(len);
    size_t n = 0;
    gint64 deadline = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;

    while (n < len && g_get_monotonic_time() < deadline) {
        ssize_t r;
        pump();
        r = recv(fd, got + n, len - n, MSG_DONTWAIT);
        if (r > 0) {
            n += r;
        } else {
            g_usleep(1000);
        }
    }
    g_assert_cmpuint(n, ==, len);
    g_assert_cmpmem(got, len, want, len);
}

/* Sends @s as typed input and waits for the service signal it raises. */
static void type_input(int fd, const char *s, int64_t want_param)
{
    gint64 deadline = g_get_monotonic_time() + 5 * G_USEC_PER_SEC;
    int64_t p = -1;

    g_assert_cmpint(send(fd, s, strlen(s), 0), ==, strlen(s));
    while (p < 0 && g_get_monotonic_time() < deadline) {
        pump();
        p = take_service_signal();
        if (p < 0) {
            g_usleep(1000);
        }
    }
    g_assert_cmpint(p, ==, want_param);
}

static void test_read_scp_info(void)
{
    uint8_t s[SCCB_SIZE];
    static const uint8_t blanks[8] = { 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40 };
    static const uint32_t codes[] = {
        SCLP_CMDW_READ_SCP_INFO, SCLP_CMDW_READ_SCP_INFO_FORCED,
        0x00020101,     /* bits 8-15 are not part of the command */
    };

    for (size_t i = 0; i < G_N_ELEMENTS(codes); i++) {
        sccb_init(SCCB_ADDR, SCCB_SIZE, 0);
        g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, codes[i]), ==, 0);
        get(SCCB_ADDR, s, sizeof(s));
        g_assert_cmphex(be16_load(s + 0), ==, 4096);
        g_assert_cmphex(be16_load(s + 6), ==, 0x0010);
        g_assert_cmpuint(be16_load(s + 8), ==, 256);        /* rnmax */
        g_assert_cmpuint(s[10], ==, 1);                      /* rnsize: 1 MiB */
        g_assert_cmpuint(be16_load(s + 16), ==, 2);          /* entries_cpu */
        g_assert_cmpuint(be16_load(s + 18), ==, 128);        /* offset_cpu */
        g_assert_cmpmem(s + 24, 8, blanks, 8);               /* loadparm */
        g_assert_cmphex(be64_load(s + 48), ==, 0x0C00000040000000ULL);
        g_assert_cmpuint(be32_load(s + 100), ==, 0);         /* rnsize2 */
        g_assert_cmpuint(be64_load(s + 104), ==, 0);         /* rnmax2 */
        g_assert_cmpuint(be16_load(s + 120), ==, 3);         /* highest_cpu */
        /* CPU entries: core ids 0 and 1, type CP, no SCLP CPU features */
        g_assert_cmpuint(s[128], ==, 0);
        g_assert_cmpuint(s[128 + 14], ==, 0);
        g_assert_cmpuint(s[144], ==, 1);
        g_assert_cmpuint(s[144 + 14], ==, 0);
        for (int b = 160; b < SCCB_SIZE; b++) {
            g_assert_cmpuint(s[b], ==, 0);
        }
        g_assert_cmpint(take_service_signal(), ==, SCCB_ADDR);
        g_assert_cmpint(take_service_signal(), ==, -1);
    }
}

static void test_insufficient_length(void)
{
    /* 144 bytes of ReadInfo + 16 per possible CPU (maxcpus=4): 208. */
    sccb_init(SCCB_ADDR, 207, 0);
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, SCLP_CMDW_READ_SCP_INFO), ==, 0);
    g_assert_cmphex(rc_at(SCCB_ADDR), ==, 0x0300);
    sccb_init(SCCB_ADDR, 208, 0);
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, SCLP_CMDW_READ_SCP_INFO), ==, 0);
    g_assert_cmphex(rc_at(SCCB_ADDR), ==, 0x0010);
    /* Read CPU Info: 24 + 4 * 16 = 88. */
    sccb_init(SCCB_ADDR, 87, 0);
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, SCLP_CMDW_READ_CPU_INFO), ==, 0);
    g_assert_cmphex(rc_at(SCCB_ADDR), ==, 0x0300);
    /* Read Event Data wants exactly one page. */
    sccb_init(SCCB_ADDR, 2048, 0);
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, SCLP_CMD_READ_EVENT_DATA), ==, 0);
    g_assert_cmphex(rc_at(SCCB_ADDR), ==, 0x0300);
    while (take_service_signal() >= 0) {
    }
}

static void test_read_cpu_info(void)
{
    uint8_t s[64];

    sccb_init(SCCB_ADDR, 88, 0);
    g_assert_cmpint(servc(cpu_ptrs[1], SCCB_ADDR, SCLP_CMDW_READ_CPU_INFO), ==, 0);
    get(SCCB_ADDR, s, sizeof(s));
    g_assert_cmphex(be16_load(s + 6), ==, 0x0010);
    g_assert_cmpuint(be16_load(s + 8), ==, 2);     /* configured */
    g_assert_cmpuint(be16_load(s + 10), ==, 24);   /* their offset */
    g_assert_cmpuint(be16_load(s + 12), ==, 0);    /* standby */
    g_assert_cmpuint(be16_load(s + 14), ==, 56);   /* their offset */
    g_assert_cmpuint(s[24], ==, 0);
    g_assert_cmpuint(s[40], ==, 1);
    g_assert_cmpint(take_service_signal(), ==, SCCB_ADDR);
}

static void test_invalid_commands(void)
{
    /* Unknown command word: response code, cc 0, interrupt. */
    sccb_init(SCCB_ADDR, 16, 0);
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, 0x12345678), ==, 0);
    g_assert_cmphex(rc_at(SCCB_ADDR), ==, 0x01f0);
    g_assert_cmpint(take_service_signal(), ==, SCCB_ADDR);
    /* An SCCB crossing its page. */
    sccb_init(SCCB_ADDR + 0x800, 4096, 0);
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR + 0x800, SCLP_CMDW_READ_SCP_INFO), ==, 0);
    g_assert_cmphex(rc_at(SCCB_ADDR + 0x800), ==, 0x0100);
    g_assert_cmpint(take_service_signal(), ==, SCCB_ADDR + 0x800);
    /* No zPCI: every adapter type is unknown. */
    sccb_init(SCCB_ADDR, 16, 0);
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, SCLP_CMDW_CONFIGURE_IOA), ==, 0);
    g_assert_cmphex(rc_at(SCCB_ADDR), ==, 0x09f0);
    sccb_init(SCCB_ADDR, 12, 0);
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, SCLP_CMDW_DECONFIGURE_IOA), ==, 0);
    g_assert_cmphex(rc_at(SCCB_ADDR), ==, 0x0300);
    while (take_service_signal() >= 0) {
    }
}

static void test_program_checks(void)
{
    CPUState *cs = cpu_ptrs[0];
    CPUS390XState *env = &cpus[0].env;
    uint32_t code = SCLP_CMDW_READ_SCP_INFO;

    g_assert_cmpint(servc(cs, 0x1000, code), ==, -PGM_SPECIFICATION);   /* lowcore */
    g_assert_cmpint(servc(cs, 0x1ff8, code), ==, -PGM_SPECIFICATION);
    g_assert_cmpint(servc(cs, SCCB_ADDR + 4, code), ==, -PGM_SPECIFICATION);
    g_assert_cmpint(servc(cs, 256 * MiB, code), ==, -PGM_ADDRESSING);
    g_assert_cmpint(servc(cs, 0x80000000ULL, code), ==, -PGM_ADDRESSING);
    env->prefix = 0x20000;          /* the prefix area is lowcore too */
    sccb_init(0x21000, 16, 0);
    g_assert_cmpint(servc(cs, 0x21000, code), ==, -PGM_SPECIFICATION);
    g_assert_cmpint(servc(cpu_ptrs[1], 0x21000, code), ==, 0);
    env->prefix = 0;
    sccb_init(SCCB_ADDR, 7, 0);     /* shorter than the header */
    g_assert_cmpint(servc(cs, SCCB_ADDR, code), ==, -PGM_SPECIFICATION);
    env->psw_mask = PSTATE;
    g_assert_cmpint(servc(cs, SCCB_ADDR, code), ==, -PGM_PRIVILEGED);
    env->psw_mask = 0;
    /* Only the accepted call signalled completion. */
    g_assert_cmpint(take_service_signal(), ==, 0x21000);
    g_assert_cmpint(take_service_signal(), ==, -1);
}

/* Write Event Mask with masks of @len bytes; returns the SCCB. */
static void write_event_mask(uint16_t len, const uint8_t *cp_receive,
                             uint8_t *out, size_t out_len)
{
    uint8_t s[12 + 4 * 16] = { 0 };

    be16_store(s, 12 + 4 * len);
    be16_store(s + 10, len);
    memcpy(s + 12, cp_receive, len);
    put(SCCB_ADDR, s, sizeof(s));
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, SCLP_CMD_WRITE_EVENT_MASK), ==, 0);
    get(SCCB_ADDR, out, out_len);
    g_assert_cmpint(take_service_signal(), ==, SCCB_ADDR);
}

static void test_write_event_mask(void)
{
    static const uint8_t ascii[8] = { 0x00, 0x00, 0x00, 0x40 };
    /* SCLP receive: message (2), PMSGCMD (9), ASCII (0x1a); send: op cmd (1), PMSGCMD, ASCII */
    static const uint8_t want4[8] = { 0x40, 0x80, 0x00, 0x40, 0x80, 0x80, 0x00, 0x40 };
    static const uint8_t want8[16] = { 0x40, 0x80, 0x00, 0x40, 0, 0, 0, 0,
                                       0x80, 0x80, 0x00, 0x40, 0, 0, 0, 0 };
    uint8_t s[12 + 4 * 16];

    write_event_mask(4, ascii, s, 12 + 16);
    g_assert_cmphex(be16_load(s + 6), ==, 0x0020);
    g_assert_cmpmem(s + 12, 4, ascii, 4);
    g_assert_cmpmem(s + 20, 8, want4, 8);
    write_event_mask(8, ascii, s, 12 + 32);
    g_assert_cmphex(be16_load(s + 6), ==, 0x0020);
    g_assert_cmpmem(s + 28, 16, want8, 16);
    write_event_mask(0, ascii, s, 12);
    g_assert_cmphex(be16_load(s + 6), ==, 0x74f0);
    /* Leave the guest receiving ASCII console events only. */
    write_event_mask(4, ascii, s, 12);
    g_assert_cmphex(be16_load(s + 6), ==, 0x0020);
}

static void write_ascii_event(const char *text, uint8_t type, uint16_t want_rc)
{
    size_t n = strlen(text);
    uint8_t s[64] = { 0 };

    be16_store(s, 8 + 6 + n);
    be16_store(s + 8, 6 + n);
    s[10] = type;
    memcpy(s + 14, text, n);
    put(SCCB_ADDR, s, sizeof(s));
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, SCLP_CMD_WRITE_EVENT_DATA), ==, 0);
    get(SCCB_ADDR, s, sizeof(s));
    g_assert_cmphex(be16_load(s + 6), ==, want_rc);
    g_assert_cmphex(s[11], ==, want_rc == 0x0020 ? 0x80 : 0);
    g_assert_cmpint(take_service_signal(), ==, SCCB_ADDR);
}

static void test_vt220_output(void)
{
    uint8_t s[16] = { 0 };

    write_ascii_event("hello, world\r\n", 0x1a, 0x0020);
    expect_output(vt220_fd, "hello, world\r\n", 14);
    write_ascii_event("x", 0x05, 0x40f0);           /* nobody takes type 5 */
    /* An event buffer shorter than its header. */
    be16_store(s, 16);
    be16_store(s + 8, 3);
    put(SCCB_ADDR, s, sizeof(s));
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, SCLP_CMD_WRITE_EVENT_DATA), ==, 0);
    g_assert_cmphex(rc_at(SCCB_ADDR), ==, 0x73f0);
    g_assert_cmpint(take_service_signal(), ==, SCCB_ADDR);
    /* Function code 1 is no write. */
    s[2] = 1;
    be16_store(s + 8, 8);
    put(SCCB_ADDR, s, sizeof(s));
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, SCLP_CMD_WRITE_EVENT_DATA), ==, 0);
    g_assert_cmphex(rc_at(SCCB_ADDR), ==, 0x40f0);
    g_assert_cmpint(take_service_signal(), ==, SCCB_ADDR);
}

static void test_vt220_input(void)
{
    uint8_t s[32];
    static const uint8_t want[] = { 0x00, 0x0d, 0x1a, 0x80, 0, 0, 0x00,
                                    'l', 's', ' ', '-', 'l', '\r' };

    /* Typed input is announced: event pending, no SCCB. */
    type_input(vt220_fd, "ls -l\r", 1);
    sccb_init(SCCB_ADDR, SCCB_SIZE, SCLP_UNCONDITIONAL_READ);
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, SCLP_CMD_READ_EVENT_DATA), ==, 0);
    get(SCCB_ADDR, s, sizeof(s));
    g_assert_cmphex(be16_load(s + 6), ==, 0x0020);
    g_assert_cmpmem(s + 8, sizeof(want), want, sizeof(want));
    g_assert_cmpuint(s[8 + sizeof(want)], ==, 0);
    /* Nothing is left pending: the completion has no event bit. */
    g_assert_cmpint(take_service_signal(), ==, SCCB_ADDR);
    sccb_init(SCCB_ADDR, SCCB_SIZE, SCLP_UNCONDITIONAL_READ);
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, SCLP_CMD_READ_EVENT_DATA), ==, 0);
    g_assert_cmphex(rc_at(SCCB_ADDR), ==, 0x60f0);
    g_assert_cmpint(take_service_signal(), ==, SCCB_ADDR);

    /* Variable-length response: the SCCB shrinks to what was stored. */
    type_input(vt220_fd, "q", 1);
    sccb_init(SCCB_ADDR, SCCB_SIZE, SCLP_SELECTIVE_READ);
    s[0] = 0x80;                /* control_mask[2] */
    put(SCCB_ADDR + 5, s, 1);
    put(SCCB_ADDR + 8, (uint8_t[]){ 0x00, 0x00, 0x00, 0x40 }, 4);
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, SCLP_CMD_READ_EVENT_DATA), ==, 0);
    get(SCCB_ADDR, s, 16);
    g_assert_cmphex(be16_load(s), ==, 8 + 8);
    g_assert_cmphex(s[5], ==, 0);
    g_assert_cmphex(be16_load(s + 6), ==, 0x0020);
    g_assert_cmphex(s[15], ==, 'q');
    g_assert_cmpint(take_service_signal(), ==, SCCB_ADDR);
    /* Selecting an event the guest does not receive. */
    sccb_init(SCCB_ADDR, SCCB_SIZE, SCLP_SELECTIVE_READ);
    put(SCCB_ADDR + 8, (uint8_t[]){ 0x80, 0x00, 0x00, 0x00 }, 4);
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, SCLP_CMD_READ_EVENT_DATA), ==, 0);
    g_assert_cmphex(rc_at(SCCB_ADDR), ==, 0x70f0);
    g_assert_cmpint(take_service_signal(), ==, SCCB_ADDR);
}

static void test_line_mode(void)
{
    static const uint8_t mask[4] = { 0xc0, 0x80, 0x00, 0x40 };
    /* "HI" in EBCDIC in a message event: MDB header, one 12-byte MTO */
    static const uint8_t msg[] = {
        0x00, 0x1e, 0x02, 0x00, 0x00, 0x00,                 /* event header */
        0x00, 0x18, 0x00, 0x01, 0xd4, 0xc4, 0xc2, 0x40, 0, 0, 0, 1, /* MDB */
        0x00, 0x0c, 0x00, 0x04, 0x10, 0x00, 0x00, 0, 0, 0, 0xc8, 0xc9, /* MTO */
    };
    static const uint8_t want_in[] = {
        0x00, 0x18, 0x01, 0x00, 0x00, 0x00,                 /* event header */
        0x00, 0x12, 0x13, 0x10,                             /* MDS message unit */
        0x00, 0x0e, 0x12, 0x12,                             /* CP message unit */
        0x00, 0x0a, 0x13, 0x20,                             /* text command */
        0x06, 0x31, 0x04, 0x30,                             /* self-def, text */
        0x93, 0xa2,                                         /* "ls" */
    };
    uint8_t s[64] = { 0 };

    write_event_mask(4, mask, s, 12);
    g_assert_cmphex(be16_load(s + 6), ==, 0x0020);
    be16_store(s, 8 + sizeof(msg));
    s[2] = 0;
    s[6] = s[7] = 0;
    memcpy(s + 8, msg, sizeof(msg));
    put(SCCB_ADDR, s, 8 + sizeof(msg));
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, SCLP_CMD_WRITE_EVENT_DATA), ==, 0);
    get(SCCB_ADDR, s, 16);
    g_assert_cmphex(be16_load(s + 6), ==, 0x0020);
    g_assert_cmphex(s[11], ==, 0x80);
    g_assert_cmpint(take_service_signal(), ==, SCCB_ADDR);
    expect_output(lm_fd, "\nHI", 3);

    /* A typed line: echoed, then read as an operations command. */
    type_input(lm_fd, "ls\n", 1);
    expect_output(lm_fd, "ls", 2);
    sccb_init(SCCB_ADDR, SCCB_SIZE, SCLP_UNCONDITIONAL_READ);
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, SCLP_CMD_READ_EVENT_DATA), ==, 0);
    get(SCCB_ADDR, s, 8 + sizeof(want_in) + 1);
    g_assert_cmphex(be16_load(s + 6), ==, 0x0020);
    g_assert_cmpmem(s + 8, sizeof(want_in), want_in, sizeof(want_in));
    g_assert_cmpint(take_service_signal(), ==, SCCB_ADDR);
}

static void test_service_signal_merge(void)
{
    /* As the kernel: the first SCCB address stays until delivery. */
    sccb_init(SCCB_ADDR, 16, 0);
    sccb_init(SCCB_ADDR + 0x1000, 16, 0);
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR, 0x1), ==, 0);
    g_assert_cmpint(servc(cpu_ptrs[0], SCCB_ADDR + 0x1000, 0x1), ==, 0);
    g_assert_cmpint(take_service_signal(), ==, SCCB_ADDR);
    g_assert_cmpint(take_service_signal(), ==, -1);
}

/* The real-KVM path: the SIEIC exit of SERVC (ipa 0xb220, R1=1, R2=2). */
static void test_kvm_intercept(void)
{
    CPUState *cs = cpu_ptrs[0];
    CPUS390XState *env = &cpus[0].env;
    struct kvm_run *run = cs->kvm_run;

    sccb_init(SCCB_ADDR, SCCB_SIZE, 0);
    env->regs[1] = SCLP_CMDW_READ_SCP_INFO;
    env->regs[2] = SCCB_ADDR;
    env->psw_mask = 3ULL << 44;     /* cc 3 before */
    run->exit_reason = KVM_EXIT_S390_SIEIC;
    run->s390_sieic.icptcode = 0x04;
    run->s390_sieic.ipa = 0xb220;
    run->s390_sieic.ipb = 0x00120000;
    cs->vcpu_dirty = false;
    bql_lock();
    g_assert_cmpint(kvm_arch_handle_exit(cs, run), ==, 0);
    bql_unlock();
    g_assert_cmphex(env->psw_mask, ==, 0);
    g_assert_true(cs->vcpu_dirty);
    g_assert_cmphex(rc_at(SCCB_ADDR), ==, 0x0010);
    g_assert_cmpint(take_service_signal(), ==, SCCB_ADDR);
    /* A program check leaves the cc alone and injects the interruption. */
    env->regs[2] = 0x1000;
    env->psw_mask = 2ULL << 44;
    bql_lock();
    g_assert_cmpint(kvm_arch_handle_exit(cs, run), ==, 0);
    bql_unlock();
    g_assert_cmphex(env->psw_mask, ==, 2ULL << 44);
    g_assert_cmpint(take_service_signal(), ==, -1);
    env->psw_mask = 0;
}

static int connect_console(const char *path)
{
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_assert_cmpint(fd, >=, 0);
    g_strlcpy(sa.sun_path, path, sizeof(sa.sun_path));
    g_assert_cmpint(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), ==, 0);
    return fd;
}

static void machine_setup(const char *dir)
{
    GError *err = NULL;
    AccelConfig accel = { .name = "tcg" };
    g_autofree char *p1 = g_build_filename(dir, "vt220", NULL);
    g_autofree char *p2 = g_build_filename(dir, "lm", NULL);
    g_autofree char *c1 = g_strdup_printf("socket,id=vt,path=%s,server=on,wait=off", p1);
    g_autofree char *c2 = g_strdup_printf("socket,id=lm,path=%s,server=on,wait=off", p2);
    const RAMBlock *rb;

    g_assert_true(kvm_init(&accel, &err));
    g_assert_true(guest_ram_init(cfg.ram_size, &err));
    rb = guest_ram_block();
    g_assert_true(kvm_set_user_memory(kvm_state, rb->host, rb->size, &err));
    for (int i = 0; i < 2; i++) {
        cpu_ptrs[i] = CPU(&cpus[i]);
        cpu_ptrs[i]->cpu_index = i;
        cpu_ptrs[i]->vcpu_id = i;
        g_assert_true(kvm_init_vcpu(cpu_ptrs[i], &err));
    }
    g_assert_no_error(err);
    cpu_list = cpu_ptrs;
    cpu_count = 2;
    current_machine = &machine.parent_obj;
    g_assert_nonnull(qemu_chr_new_from_opts(c1, &err));
    g_assert_nonnull(qemu_chr_new_from_opts(c2, &err));
    g_assert_true(qdev_device_add("sclpconsole,chardev=vt", &err));
    g_assert_true(qdev_device_add("sclplmconsole,chardev=lm", &err));
    g_assert_no_error(err);
    vt220_fd = connect_console(p1);
    lm_fd = connect_console(p2);
}

static void machine_teardown(void)
{
    close(vt220_fd);
    close(lm_fd);
    qemu_chr_cleanup();
    qdev_cleanup();
    for (int i = 0; i < 2; i++) {
        kvm_destroy_vcpu(cpu_ptrs[i]);
    }
    kvm_cleanup();
    guest_ram_cleanup();
    cpu_list = NULL;
    cpu_count = 0;
    current_machine = NULL;
}

int main(int argc, char **argv)
{
    g_autofree char *dir = g_dir_make_tmp("test-sclp-XXXXXX", NULL);
    int r;

    g_test_init(&argc, &argv, NULL);
    machine_setup(dir);
    /* Order matters: the masks and consoles carry state from test to test. */
    g_test_add_func("/sclp/read-scp-info", test_read_scp_info);
    g_test_add_func("/sclp/insufficient-length", test_insufficient_length);
    g_test_add_func("/sclp/read-cpu-info", test_read_cpu_info);
    g_test_add_func("/sclp/invalid-commands", test_invalid_commands);
    g_test_add_func("/sclp/program-checks", test_program_checks);
    g_test_add_func("/sclp/write-event-mask", test_write_event_mask);
    g_test_add_func("/sclp/vt220-output", test_vt220_output);
    g_test_add_func("/sclp/vt220-input", test_vt220_input);
    g_test_add_func("/sclp/line-mode", test_line_mode);
    g_test_add_func("/sclp/service-signal-merge", test_service_signal_merge);
    g_test_add_func("/sclp/kvm-intercept", test_kvm_intercept);
    r = g_test_run();
    machine_teardown();
    rmdir(dir);
    return r;
}

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz-dump-reader - libFuzzer target for the protected-dump parser.
 *
 * Feeds the input as a dump file through everything pvdump-decrypt does
 * before decrypting memory: ELF header, program headers, notes, sections,
 * the storage-state table and, with the golden vector's key, the
 * authentication of the completion data and the CPU notes.  Seeds are
 * shrunken golden vectors, so the fuzzer starts on the authenticated path.
 */
#include "qemu/osdep.h"
#include "dump-reader.h"

#include <sys/mman.h>

static const uint8_t golden_cck[PV_CCK_SIZE] = {
    0x01, 0x17, 0xaf, 0x47, 0xa2, 0xdc, 0xd8, 0x5f, 0x6d, 0x7a, 0x7b, 0xb6,
    0xfa, 0x44, 0xa1, 0xba, 0xae, 0x2c, 0xd2, 0x1c, 0xcb, 0x8f, 0xd9, 0x46,
    0xa8, 0x97, 0xfc, 0x9c, 0x89, 0xaf, 0x46, 0x9a,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void exercise(PvDump *dump)
{
    uint64_t counts[PV_PAGE_STATE__MAX];
    g_autofree PvCpuDump *cpus = g_new0(PvCpuDump, dump->ncpus);
    PvComplData compl;
    GError *err = NULL;

    if (!pv_dump_read_sections(dump, &err) ||
        !pv_dump_check_coverage(dump, &err) ||
        !pv_dump_count_states(dump, counts, false, &err)) {
        g_clear_error(&err);
        return;
    }
    if (!pv_dump_authenticate(dump, golden_cck, &compl, cpus, &err)) {
        g_clear_error(&err);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = memfd_create("fuzz-dump", MFD_CLOEXEC);
    DumpInput *in;
    PvDump *dump;
    GError *err = NULL;

    g_assert(fd >= 0);
    g_assert(write(fd, data, size) == (ssize_t)size);
    in = dump_input_new_fd(fd, "fuzz", 64 * MiB, &err);
    g_assert(in);
    dump = pv_dump_read_layout(in, &err);
    if (dump) {
        exercise(dump);
        pv_dump_free(dump);
    } else {
        g_assert(err && err->message[0]);
        g_clear_error(&err);
    }
    dump_input_free(in);
    close(fd);
    return 0;
}

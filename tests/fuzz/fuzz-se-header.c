/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * fuzz-se-header - libFuzzer target for the Secure Execution header parser
 * and authenticator (util/se-header.c: se_hdr_parse, se_hdr_open) and the
 * PV IPL parameter block checks of hw/s390x/ipl.c.
 *
 * ipl.c is linked whole, but its machine dependencies (guest RAM and the
 * KVM_PV_* calls) are the stubs below: RAM is a size plus the input's
 * trailing bytes as the header, SET_SEC_PARMS parses and opens that header
 * as uvsim does.  So the IPLB is checked by the real s390_ipl_pv_iplb_valid()
 * and the stored block drives the real s390_ipl_prepare_pv_header() and
 * s390_ipl_pv_unpack() loops.  The uvsim state machine around the header
 * (uv-sec-parms.c) is not linked: it only acts on a header already opened.
 *
 * Input layout: byte 0 even: the rest is an SE header, parsed and (if the
 * layout is valid) opened with a fixed host key.  Byte 0 odd: bytes 1-4
 * are the RAM size in pages, then the IPLB as DIAG 308 reads it from guest
 * memory (its first word is its length), then the bytes the header address
 * points at.  Seeds: FUZZ_SE_MAKE_SEEDS=DIR ./fuzz-se-header writes them.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "exec/memory.h"
#include "hw/s390x/ipl.h"
#include "util/be-access.h"
#include "util/pv-crypto.h"
#include "util/se-header.h"
#include "util/se-image.h"

#include <openssl/pem.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A fixed P-521 host key, so seeds stay openable across runs. */
static const char host_pem[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIHuAgEAMBAGByqGSM49AgEGBSuBBAAjBIHWMIHTAgEBBEIBEkeR2x3pzj76xAwT\n"
    "OeKG8wN+1KdCnyILlS4iWehRhgA+cT9v78Zn4RDP0T1q0grbGWPkC63C7XvGXBRL\n"
    "KowxObKhgYkDgYYABAF9i28tnqAFE11vTPBFpfZTNDzF1VWrianVuTtS0MRQAvir\n"
    "WPU5UVsYAdii7C3/Hi1Eo2u24TnIiEYE3mdzGm8aaQBf+tSabD5etMegjuFr69wH\n"
    "XIgZW5qOOfcw+epeOvwLsTe4iq6nou54+9yMoKC+jsAvMUzJlX2JU3Tm/KWVCN10\n"
    "7g==\n"
    "-----END PRIVATE KEY-----\n";

static EVP_PKEY *host;
static uint8_t host_pub[PV_EC_RAW_PUB_SIZE];

/* ------------------------------------------------ machine stubs */

static uint64_t ram_size;
static const uint8_t *ram_hdr;     /* what the header address holds */
static size_t ram_hdr_len;

uint64_t guest_ram_size(void)
{
    return ram_size;
}

bool guest_memory_read(uint64_t gpa, void *buf, uint64_t len, GError **errp)
{
    /* The IPLB check promised the range is in RAM. */
    g_assert(gpa <= ram_size && len <= ram_size - gpa);
    memset(buf, 0, len);
    memcpy(buf, ram_hdr, MIN(len, ram_hdr_len));
    return true;
}

static void open_header(const uint8_t *hdr, size_t len)
{
    SeHdrPublic pub;
    SeHdrSecrets sec;
    SeHdrStatus st = se_hdr_parse(hdr, len, &pub);

    g_assert(strcmp(se_hdr_status_str(st), "unknown"));
    if (st != SE_HDR_OK) {
        return;
    }
    /* A layout se_hdr_parse accepts is one se_hdr_open may index. */
    g_assert(pub.phs == len && se_hdr_size(pub.nks, pub.sea) == len);
    st = se_hdr_open(hdr, &pub, host, host_pub, &sec);
    g_assert(st != SE_HDR_INTERNAL);
    pv_crypto_wipe(&sec, sizeof(sec));
}

bool s390_pv_set_sec_parms(const void *hdr, uint64_t length,
                           S390PVResponse *resp, GError **errp)
{
    g_assert(length <= SE_HDR_MAX_SIZE);
    open_header(hdr, length);
    return true;
}

bool s390_pv_unpack(uint64_t addr, uint64_t size, uint64_t tweak,
                    S390PVResponse *resp, GError **errp)
{
    g_assert(QEMU_IS_ALIGNED(addr, SE_PAGE_SIZE));
    return true;
}

/* ------------------------------------------------ seeds */

static void write_seed(const char *dir, const char *name, GByteArray *a)
{
    g_autofree char *path = g_build_filename(dir, name, NULL);

    g_assert(g_file_set_contents(path, (char *)a->data, a->len, NULL));
    g_byte_array_free(a, TRUE);
}

static void make_seeds(const char *dir)
{
    SeHdrPublic pub = { .nep = 3, .pcf = SE_PCF_DEFAULT | SE_PCF_DUMP_ALLOWED };
    SeHdrSecrets sec = { .psw_mask = 0x0000000180000000ULL, .psw_addr = 0x10000 };
    EVP_PKEY *other = pv_ec_generate(NULL);
    EVP_PKEY *two[2] = { other, host };
    GBytes *h1, *h2;
    size_t n1, n2;
    const uint8_t *b1, *b2;
    uint8_t iplb[IPIB_OFF_COMPS + 2 * IPIB_COMP_SIZE] = { 0 };
    uint8_t word[4];
    GByteArray *a;

    memset(sec.cck, 0xcc, sizeof(sec.cck));
    h1 = se_hdr_build(&pub, &sec, &host, 1, NULL);
    h2 = se_hdr_build(&pub, &sec, two, 2, NULL);
    g_assert(h1 && h2);
    b1 = g_bytes_get_data(h1, &n1);
    b2 = g_bytes_get_data(h2, &n2);
    a = g_byte_array_new();
    g_byte_array_append(a, (const uint8_t *)"\0", 1);
    g_byte_array_append(a, b1, n1);
    write_seed(dir, "hdr-1slot", a);
    a = g_byte_array_new();
    g_byte_array_append(a, (const uint8_t *)"\0", 1);
    g_byte_array_append(a, b2, n2);
    write_seed(dir, "hdr-2slots", a);

    /* A type 5 IPLB: header at 64 KiB, two components, 1 MiB of RAM. */
    be32_store(iplb + IPIB_OFF_LEN, sizeof(iplb));
    be32_store(iplb + IPIB_OFF_BLK0_LEN, sizeof(iplb) - 8);
    iplb[IPIB_OFF_PBT] = IPIB_PBT_PV;
    be32_store(iplb + IPIB_OFF_NUM_COMP, 2);
    be64_store(iplb + IPIB_OFF_PV_HDR_ADDR, 0x10000);
    be64_store(iplb + IPIB_OFF_PV_HDR_LEN, n1);
    for (int i = 0; i < 2; i++) {
        uint8_t *c = iplb + IPIB_OFF_COMPS + i * IPIB_COMP_SIZE;
        be64_store(c, (uint64_t)(i + 1) << 48);
        be64_store(c + 8, 0x20000 + i * 0x10000);
        be64_store(c + 16, 0x3000);
    }
    a = g_byte_array_new();
    g_byte_array_append(a, (const uint8_t *)"\1", 1);
    be32_store(word, 256);
    g_byte_array_append(a, word, 4);
    g_byte_array_append(a, iplb, sizeof(iplb));
    g_byte_array_append(a, b1, n1);
    write_seed(dir, "iplb-2comps", a);

    g_bytes_unref(h1);
    g_bytes_unref(h2);
    EVP_PKEY_free(other);
}

/* ------------------------------------------------ the target */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    BIO *bio = BIO_new_mem_buf(host_pem, -1);
    const char *seeds = getenv("FUZZ_SE_MAKE_SEEDS");

    host = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL);
    BIO_free(bio);
    g_assert(host && pv_ec_pub_to_raw(host, host_pub, NULL));
    if (seeds) {
        make_seeds(seeds);
        exit(0);
    }
    return 0;
}

static void fuzz_iplb(const uint8_t *data, size_t size)
{
    S390PVResponse resp = { 0 };
    uint32_t len;
    uint8_t *iplb;

    if (size < 8) {
        return;
    }
    ram_size = (uint64_t)be32_load(data) * SE_PAGE_SIZE;
    data += 4;
    size -= 4;
    /* As DIAG 308 does: the length word first, at most 4 KiB. */
    len = be32_load(data);
    if (len > IPIB_MAX_LEN || len > size) {
        return;
    }
    /* Exactly the @len bytes the check may look at, so ASan sees overreads. */
    iplb = g_memdup2(data, len);
    if (s390_ipl_pv_iplb_valid(iplb, len)) {
        s390_ipl_set_pv_iplb(iplb);
        ram_hdr = data + len;
        ram_hdr_len = size - len;
        g_assert(s390_ipl_prepare_pv_header(&resp, NULL));
        g_assert(s390_ipl_pv_unpack(&resp, NULL));
        s390_ipl_clear_pv_iplb();
    }
    g_free(iplb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) {
        return 0;
    }
    if (data[0] & 1) {
        fuzz_iplb(data + 1, size - 1);
    } else {
        /* An exact-size copy: the parser must not read past @len. */
        uint8_t *hdr = g_memdup2(data + 1, size - 1);

        open_header(hdr, size - 1);
        g_free(hdr);
    }
    return 0;
}

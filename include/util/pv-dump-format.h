/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv-dump-format.h - the v1 structures of protected (Secure Execution) dumps.
 *
 * The encrypted CPU state of a NT_S390_PV_CPU_DATA note, the completion data
 * of section "pv_compl" and the storage-state components of "pv_mem_meta",
 * as described byte by byte in docs/pv-dump-format.md.
 * Everything is big-endian and converted field by field; the decoded
 * structures below are host-order values, not images of the file layout.
 *
 * Both directions exist: the owner's decryptor opens these objects, the
 * Ultravisor simulator seals them.
 */
#ifndef UTIL_PV_DUMP_FORMAT_H
#define UTIL_PV_DUMP_FORMAT_H

#include "qemu/osdep.h"
#include "util/s390x-regs.h"
#include "util/pv-crypto.h"

#define NT_S390_PV_CPU_DATA       0x30e
#define PV_CPU_DUMP_V1_SIZE       1568  /* bytes of the note that are used */
#define PV_COMPL_V1_SIZE          288   /* bytes of pv_compl that are used */
#define PV_DUMP_BUF_MAX           4096  /* zgetdump's limit for both buffers */
#define PV_DUMP_VERSION           1
#define PV_DUMP_KEY_INFO          "IBM Z Ultravisor Dump" /* HKDF info, no NUL */
#define PV_CCK_SIZE               32    /* customer communication key */
#define PV_DUMP_SEED_SIZE         64
#define PV_TWEAK_NONCE_SIZE       16
#define PV_CPU_DUMP_FLAG_OSII     0x8000 /* partial instruction results */

#define PV_SECTION_COMPL          "pv_compl"
#define PV_SECTION_MEM_META       "pv_mem_meta"

/* Storage state: one component per 4 KiB page ("Storage state"). */
#define PV_STOR_STATE_SIZE        16
#define PV_STOR_FLAG_ZERO         0x01
#define PV_STOR_FLAG_SHARED       0x02
#define PV_STOR_FLAG_MAPPED       0x04
#define PV_STOR_FLAG_RESERVED     0xf8

/* Decrypted CPU dump v1 ("CPU note"); reserved fields are not kept. */
typedef struct PvCpuDump {
    uint32_t version;
    uint32_t len;
    uint8_t iv[PV_GCM_IV_SIZE];
    uint64_t gprs[16];
    uint64_t psw_mask;
    uint64_t psw_addr;
    uint32_t prefix;
    uint32_t fpc;
    uint32_t todpreg;
    uint64_t timer;
    uint64_t todcmp;
    uint32_t acrs[16];
    uint64_t ctrs[16];
    uint64_t vrs[32][2];      /* [i][0] = bytes 0-7 (FPR i for i < 16) */
    uint64_t gsd;
    uint64_t gssm;
    uint64_t gs_epl_a;
    uint16_t dump_flags;
} PvCpuDump;

/* Decrypted completion data v1 ("Completion data"). */
typedef struct PvComplData {
    uint32_t version;
    uint32_t len;
    uint8_t seed[PV_DUMP_SEED_SIZE];
    uint8_t iv[PV_GCM_IV_SIZE];
    uint8_t nonce[PV_TWEAK_NONCE_SIZE];
    uint8_t xts_key[PV_XTS_KEY_SIZE]; /* key1 (data) || key2 (tweak) */
} PvComplData;

/* The handling a page gets, from its storage-state component. */
typedef enum PvPageState {
    PV_PAGE_ENCRYPTED,
    PV_PAGE_ZERO,
    PV_PAGE_SHARED,
    PV_PAGE_INVALID,
    PV_PAGE_STATE__MAX,
} PvPageState;

/* Derives the dump key from @cck and the completion data's @seed. */
bool pv_dump_derive_key(const uint8_t cck[PV_CCK_SIZE],
                        const uint8_t seed[PV_DUMP_SEED_SIZE],
                        uint8_t dump_key[PV_DUMP_KEY_SIZE], GError **errp);

/* Writes the plaintext image of @cpu (tag area zero) to @buf. */
void pv_cpu_dump_encode(const PvCpuDump *cpu, uint8_t buf[PV_CPU_DUMP_V1_SIZE]);

/* Decodes a plaintext image from @buf into @cpu. */
void pv_cpu_dump_decode(const uint8_t buf[PV_CPU_DUMP_V1_SIZE], PvCpuDump *cpu);

/*
 * Encrypts @cpu under @dump_key (with @cpu->iv) into the note payload @out,
 * as the Ultravisor's DUMP_CPU would.
 */
bool pv_cpu_dump_seal(const PvCpuDump *cpu,
                      const uint8_t dump_key[PV_DUMP_KEY_SIZE],
                      uint8_t out[PV_CPU_DUMP_V1_SIZE], GError **errp);

/*
 * Checks and authenticates the @len-byte note payload @raw and decrypts
 * it into @cpu.  Errors name the failing check (size, version, tag).
 */
bool pv_cpu_dump_open(const uint8_t *raw, size_t len,
                      const uint8_t dump_key[PV_DUMP_KEY_SIZE],
                      PvCpuDump *cpu, GError **errp);

/* Copies the registers of @cpu into @env (for the ordinary notes). */
void pv_cpu_dump_to_env(const PvCpuDump *cpu, S390Regs *env);

/*
 * Encrypts @compl into the pv_compl image @out under the key derived from
 * @cck and @compl->seed (with @compl->iv), as DUMP_COMPLETE would.
 */
bool pv_compl_seal(const PvComplData *compl, const uint8_t cck[PV_CCK_SIZE],
                   uint8_t out[PV_COMPL_V1_SIZE], GError **errp);

/*
 * Checks the @len-byte pv_compl section @raw, derives the dump key from
 * @cck into @dump_key and authenticates and decrypts @raw into @compl.  A
 * wrong key and tampered data fail identically (the GCM tag).  The caller
 * wipes @dump_key and @compl when done.
 */
bool pv_compl_open(const uint8_t *raw, size_t len,
                   const uint8_t cck[PV_CCK_SIZE], PvComplData *compl,
                   uint8_t dump_key[PV_DUMP_KEY_SIZE], GError **errp);

/* Classifies a storage-state component ("Storage state"). */
PvPageState pv_stor_state_classify(const uint8_t comp[PV_STOR_STATE_SIZE]);

/* Name of @state for messages ("encrypted", "zero", ...). */
const char *pv_page_state_name(PvPageState state);

/* The XTS tweak of a page: @comp OR @nonce, byte by byte ("Memory"). */
void pv_stor_state_tweak(const uint8_t comp[PV_STOR_STATE_SIZE],
                         const uint8_t nonce[PV_TWEAK_NONCE_SIZE],
                         uint8_t tweak[PV_XTS_TWEAK_SIZE]);

/* Writes the component of a special page with PV_STOR_FLAG_* @flags. */
void pv_stor_state_encode_special(uint8_t flags, uint8_t comp[PV_STOR_STATE_SIZE]);

/*
 * Writes the component of an encrypted page under the simulator's scheme
 * (D10): 8 zero bytes, export @generation and page frame number @pfn.
 */
void pv_stor_state_encode_encrypted(uint32_t generation, uint32_t pfn,
                                    uint8_t comp[PV_STOR_STATE_SIZE]);

#endif /* UTIL_PV_DUMP_FORMAT_H */

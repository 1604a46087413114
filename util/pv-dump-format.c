/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv-dump-format.c - v1 structures of protected dumps (see pv-dump-format.h).
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/be-access.h"
#include "util/be-fields.h"
#include "util/pv-dump-format.h"

/* CPU dump v1 (docs/pv-dump-format.md "CPU note"): AAD, ciphertext, tag. */
#define CPU_AAD_SIZE      32
#define CPU_IV_OFF        8
#define CPU_TAG_OFF       1552
#define CPU_ENC_SIZE      (CPU_TAG_OFF - CPU_AAD_SIZE)

/* Completion data v1 layout (docs/pv-dump-format.md "Completion data"). */
#define COMPL_SEED_OFF    16
#define COMPL_IV_OFF      80
#define COMPL_AAD_SIZE    96
#define COMPL_NONCE_OFF   96
#define COMPL_KEY_OFF     112
#define COMPL_TAG_OFF     272
#define COMPL_ENC_SIZE    (COMPL_TAG_OFF - COMPL_AAD_SIZE)

#define CPU_FIELD(o, sz, n, m) { o, sz, n, offsetof(PvCpuDump, m) }

static const BeField cpu_dump_fields[] = {
    CPU_FIELD(0, 4, 1, version),
    CPU_FIELD(4, 4, 1, len),
    CPU_FIELD(32, 8, 16, gprs),
    CPU_FIELD(160, 8, 1, psw_mask),
    CPU_FIELD(168, 8, 1, psw_addr),
    CPU_FIELD(184, 4, 1, prefix),
    CPU_FIELD(188, 4, 1, fpc),
    CPU_FIELD(196, 4, 1, todpreg),
    CPU_FIELD(200, 8, 1, timer),
    CPU_FIELD(208, 8, 1, todcmp),
    CPU_FIELD(224, 4, 16, acrs),
    CPU_FIELD(288, 8, 16, ctrs),
    CPU_FIELD(416, 8, 64, vrs),   /* VR0..VR31, high then low doubleword */
    CPU_FIELD(1448, 8, 1, gsd),
    CPU_FIELD(1456, 8, 1, gssm),
    CPU_FIELD(1464, 8, 1, gs_epl_a),
    CPU_FIELD(1536, 2, 1, dump_flags),
};

bool pv_dump_derive_key(const uint8_t cck[PV_CCK_SIZE],
                        const uint8_t seed[PV_DUMP_SEED_SIZE],
                        uint8_t dump_key[PV_DUMP_KEY_SIZE], GError **errp)
{
    return pv_hkdf_sha512(cck, PV_CCK_SIZE, seed, PV_DUMP_SEED_SIZE,
                          PV_DUMP_KEY_INFO, strlen(PV_DUMP_KEY_INFO),
                          dump_key, PV_DUMP_KEY_SIZE, errp);
}

void pv_cpu_dump_encode(const PvCpuDump *cpu, uint8_t buf[PV_CPU_DUMP_V1_SIZE])
{
    memset(buf, 0, PV_CPU_DUMP_V1_SIZE);
    be_fields_encode(cpu_dump_fields, ARRAY_SIZE(cpu_dump_fields), cpu, buf);
    memcpy(buf + CPU_IV_OFF, cpu->iv, PV_GCM_IV_SIZE);
}

void pv_cpu_dump_decode(const uint8_t buf[PV_CPU_DUMP_V1_SIZE], PvCpuDump *cpu)
{
    memset(cpu, 0, sizeof(*cpu));
    be_fields_decode(cpu_dump_fields, ARRAY_SIZE(cpu_dump_fields), buf, cpu);
    memcpy(cpu->iv, buf + CPU_IV_OFF, PV_GCM_IV_SIZE);
}

bool pv_cpu_dump_seal(const PvCpuDump *cpu,
                      const uint8_t dump_key[PV_DUMP_KEY_SIZE],
                      uint8_t out[PV_CPU_DUMP_V1_SIZE], GError **errp)
{
    pv_cpu_dump_encode(cpu, out);
    return pv_gcm_seal(dump_key, out + CPU_IV_OFF, out, CPU_AAD_SIZE,
                       out + CPU_AAD_SIZE, CPU_ENC_SIZE, out + CPU_AAD_SIZE,
                       out + CPU_TAG_OFF, errp);
}

bool pv_cpu_dump_open(const uint8_t *raw, size_t len,
                      const uint8_t dump_key[PV_DUMP_KEY_SIZE],
                      PvCpuDump *cpu, GError **errp)
{
    uint8_t plain[PV_CPU_DUMP_V1_SIZE];
    bool ok;

    if (len < PV_CPU_DUMP_V1_SIZE || len > PV_DUMP_BUF_MAX) {
        error_setg(errp, "CPU data size %zu is out of range (%d..%d)",
                   len, PV_CPU_DUMP_V1_SIZE, PV_DUMP_BUF_MAX);
        return false;
    }
    if (be32_load(raw) != PV_DUMP_VERSION) {
        error_setg(errp, "Wrong NT_S390_PV_CPU_DATA version (%" PRIu32 ")",
                   be32_load(raw));
        return false;
    }
    memcpy(plain, raw, CPU_AAD_SIZE);
    ok = pv_gcm_open(dump_key, raw + CPU_IV_OFF, raw, CPU_AAD_SIZE,
                     raw + CPU_AAD_SIZE, CPU_ENC_SIZE, plain + CPU_AAD_SIZE,
                     raw + CPU_TAG_OFF, errp);
    if (ok) {
        memset(plain + CPU_TAG_OFF, 0, PV_GCM_TAG_SIZE);
        pv_cpu_dump_decode(plain, cpu);
    } else {
        error_prepend(errp, "Unable to authenticate confidential CPU data "
                      "(dump probably corrupted): ");
    }
    pv_crypto_wipe(plain, sizeof(plain));
    return ok;
}

void pv_cpu_dump_to_env(const PvCpuDump *cpu, S390Regs *env)
{
    memset(env, 0, sizeof(*env));
    env->psw_mask = cpu->psw_mask;
    env->psw_addr = cpu->psw_addr;
    memcpy(env->regs, cpu->gprs, sizeof(env->regs));
    memcpy(env->aregs, cpu->acrs, sizeof(env->aregs));
    memcpy(env->cregs, cpu->ctrs, sizeof(env->cregs));
    env->fpc = cpu->fpc;
    memcpy(env->vregs, cpu->vrs, sizeof(env->vregs));
    env->prefix = cpu->prefix;
    env->cputm = cpu->timer;
    env->ckc = cpu->todcmp;
    env->todpr = cpu->todpreg;
    /* The UV does not store word 0 of the control block (reserved). */
    env->gscb[0] = 0;
    env->gscb[1] = cpu->gsd;
    env->gscb[2] = cpu->gssm;
    env->gscb[3] = cpu->gs_epl_a;
}

bool pv_compl_seal(const PvComplData *compl, const uint8_t cck[PV_CCK_SIZE],
                   uint8_t out[PV_COMPL_V1_SIZE], GError **errp)
{
    uint8_t key[PV_DUMP_KEY_SIZE];
    bool ok;

    memset(out, 0, PV_COMPL_V1_SIZE);
    be32_store(out, compl->version);
    be32_store(out + 4, compl->len);
    memcpy(out + COMPL_SEED_OFF, compl->seed, PV_DUMP_SEED_SIZE);
    memcpy(out + COMPL_IV_OFF, compl->iv, PV_GCM_IV_SIZE);
    memcpy(out + COMPL_NONCE_OFF, compl->nonce, PV_TWEAK_NONCE_SIZE);
    memcpy(out + COMPL_KEY_OFF, compl->xts_key, PV_XTS_KEY_SIZE);
    ok = pv_dump_derive_key(cck, compl->seed, key, errp) &&
         pv_gcm_seal(key, out + COMPL_IV_OFF, out, COMPL_AAD_SIZE,
                     out + COMPL_AAD_SIZE, COMPL_ENC_SIZE,
                     out + COMPL_AAD_SIZE, out + COMPL_TAG_OFF, errp);
    pv_crypto_wipe(key, sizeof(key));
    return ok;
}

/* The cleartext checks of pv_compl that precede any cryptography. */
static bool compl_check_header(const uint8_t *raw, size_t len, GError **errp)
{
    if (len < PV_COMPL_V1_SIZE || len > PV_DUMP_BUF_MAX) {
        error_setg(errp, "completion data size %zu is out of range (%d..%d)",
                   len, PV_COMPL_V1_SIZE, PV_DUMP_BUF_MAX);
        return false;
    }
    if (be32_load(raw) != PV_DUMP_VERSION) {
        error_setg(errp, "Unsupported completion data version %" PRIu32
                   " (expected %d)", be32_load(raw), PV_DUMP_VERSION);
        return false;
    }
    if (be32_load(raw + 4) != PV_COMPL_V1_SIZE) {
        error_setg(errp, "Incorrect completion configuration data length %"
                   PRIu32 " (expected %d)", be32_load(raw + 4),
                   PV_COMPL_V1_SIZE);
        return false;
    }
    return true;
}

bool pv_compl_open(const uint8_t *raw, size_t len,
                   const uint8_t cck[PV_CCK_SIZE], PvComplData *compl,
                   uint8_t dump_key[PV_DUMP_KEY_SIZE], GError **errp)
{
    uint8_t plain[COMPL_ENC_SIZE];

    if (!compl_check_header(raw, len, errp) ||
        !pv_dump_derive_key(cck, raw + COMPL_SEED_OFF, dump_key, errp)) {
        return false;
    }
    if (!pv_gcm_open(dump_key, raw + COMPL_IV_OFF, raw, COMPL_AAD_SIZE,
                     raw + COMPL_AAD_SIZE, COMPL_ENC_SIZE, plain,
                     raw + COMPL_TAG_OFF, errp)) {
        pv_crypto_wipe(dump_key, PV_DUMP_KEY_SIZE);
        /* A wrong key and tampered data are indistinguishable here. */
        error_prepend(errp, "Unable to decrypt completion configuration data "
                      "(wrong key or tampered completion data): ");
        return false;
    }
    compl->version = be32_load(raw);
    compl->len = be32_load(raw + 4);
    memcpy(compl->seed, raw + COMPL_SEED_OFF, PV_DUMP_SEED_SIZE);
    memcpy(compl->iv, raw + COMPL_IV_OFF, PV_GCM_IV_SIZE);
    memcpy(compl->nonce, plain + COMPL_NONCE_OFF - COMPL_AAD_SIZE,
           PV_TWEAK_NONCE_SIZE);
    memcpy(compl->xts_key, plain + COMPL_KEY_OFF - COMPL_AAD_SIZE,
           PV_XTS_KEY_SIZE);
    pv_crypto_wipe(plain, sizeof(plain));
    return true;
}

PvPageState pv_stor_state_classify(const uint8_t comp[PV_STOR_STATE_SIZE])
{
    uint8_t flags = comp[15];

    if (be32_load(comp) != 0xffffffffu) {
        return PV_PAGE_ENCRYPTED;
    }
    /* Bytes 4..13 are reserved but, like zgetdump, not checked. */
    if (comp[14] != 0 || (flags & PV_STOR_FLAG_RESERVED)) {
        return PV_PAGE_INVALID;
    }
    switch (flags & ~PV_STOR_FLAG_MAPPED) {
    case PV_STOR_FLAG_ZERO:
        return PV_PAGE_ZERO;
    case PV_STOR_FLAG_SHARED:
        return PV_PAGE_SHARED;
    default:   /* no flag (mapped only) or zero + shared */
        return PV_PAGE_INVALID;
    }
}

const char *pv_page_state_name(PvPageState state)
{
    static const char *const names[PV_PAGE_STATE__MAX] = {
        [PV_PAGE_ENCRYPTED] = "encrypted",
        [PV_PAGE_ZERO] = "zero",
        [PV_PAGE_SHARED] = "shared",
        [PV_PAGE_INVALID] = "invalid",
    };
    return (unsigned)state < PV_PAGE_STATE__MAX ? names[state] : "invalid";
}

void pv_stor_state_tweak(const uint8_t comp[PV_STOR_STATE_SIZE],
                         const uint8_t nonce[PV_TWEAK_NONCE_SIZE],
                         uint8_t tweak[PV_XTS_TWEAK_SIZE])
{
    for (int i = 0; i < PV_XTS_TWEAK_SIZE; i++) {
        tweak[i] = comp[i] | nonce[i];
    }
}

void pv_stor_state_encode_special(uint8_t flags, uint8_t comp[PV_STOR_STATE_SIZE])
{
    memset(comp, 0, PV_STOR_STATE_SIZE);
    be32_store(comp, 0xffffffffu);
    comp[15] = flags;
}

void pv_stor_state_encode_encrypted(uint32_t generation, uint32_t pfn,
                                    uint8_t comp[PV_STOR_STATE_SIZE])
{
    memset(comp, 0, 8);
    be32_store(comp + 8, generation);
    be32_store(comp + 12, pfn);
}

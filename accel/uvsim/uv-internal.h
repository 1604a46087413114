/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uv-internal.h - uvsim's Ultravisor model: the protected configuration,
 * secure storage, the host key and the PV commands of the KVM interface
 * (docs/kvm-pv-interface.md, docs/pv-boot.md, docs/se-image.md).
 *
 * Lock order: UvsimVM.lock (kvm->lock) -> UvsimVcpu.lock (vcpu->mutex)
 * -> UvsimVcpu.sie_lock (held while a vCPU executes) -> UvState.lock.  UvState.lock protects the page states and everything
 * a vCPU reads while running (the image PSW, the export key).
 */
#ifndef ACCEL_UVSIM_UV_INTERNAL_H
#define ACCEL_UVSIM_UV_INTERNAL_H

#include "qemu/osdep.h"
#include <openssl/types.h>
#include "util/pv-crypto.h"
#include "util/pv-ecdh.h"
#include "util/se-header.h"
#include "util/se-image.h"

typedef struct UvsimVM UvsimVM;
typedef struct UvsimVcpu UvsimVcpu;

/* Sub-commands of Linux 6.2+ that linux-headers/ (6.1) does not have yet. */
#ifndef KVM_PV_ASYNC_CLEANUP_PREPARE
#define KVM_PV_ASYNC_CLEANUP_PREPARE 9
#define KVM_PV_ASYNC_CLEANUP_PERFORM 10
#endif

/* Generic UV return codes (docs/kvm-pv-interface.md). */
#define UV_RC_OK             0x0001
#define UV_RC_INV_STATE      0x0003
#define UV_RC_INV_ADDR       0x0006    /* simulator's choice: no such guest page */

/* Boot-time UV return codes (docs/se-image.md). */
#define UV_RC_VERIFY         0x0102
#define UV_RRC_ALD           0x1A
#define UV_RRC_PLD           0x1B
#define UV_RRC_TLD           0x1C
#define UV_RRC_NEP           0x1D
#define UV_RC_HDR_VERSION    0x0104
#define UV_RC_PCF            0x0106
#define UV_RRC_PCF           0x30
#define UV_RC_HDR_KEY        0x0108
#define UV_RRC_KEY_HASH      0x05
#define UV_RRC_SLOT_TAG      0x06      /* simulator's choice (unconfirmed) */
#define UV_RRC_HDR_TAG       0x07      /* simulator's choice (unconfirmed) */
#define UV_RRC_CUST_KEY      0x0B
#define UV_RC_SCF            0x0109
#define UV_RC_HDR_LEN        0x010A
#define UV_RRC_HDR_LEN       0x31
#define UV_RRC_SEA           0x39
#define UV_RRC_NO_SLOTS      0x40

/* What the simulated UV supports in the header. */
#define UV_SUPPORTED_PCF (SE_PCF_DUMP_ALLOWED | SE_PCF_NO_DECRYPTION | \
                          SE_PCF_PCKMO_DEA | SE_PCF_PCKMO_AES | \
                          SE_PCF_PCKMO_ECC | SE_PCF_PCKMO_HMAC | SE_PCF_BACKUP_KEYS)
#define UV_SUPPORTED_SCF (SE_SCF_CCK_EXT_SECRET | SE_SCF_CCK_UPDATE)

/* Dump buffer sizes advertised by INFO (docs/decisions.md D8). */
#define UV_DUMP_CPU_BUFFER_LEN   4096
#define UV_DUMP_MEM_PER_1M       4096
#define UV_DUMP_FINALIZE_LEN     4096

/* Dump UV return codes: the real values are unconfirmed (simulator's choice). */
#define UV_RC_INV_CPU_HANDLE 0x0021
#define UV_RC_DUMP_DENIED    0x0106    /* the image did not allow dumping */
#define UV_RRC_DUMP_DENIED   0x22      /* = PCF bit 34 */

/*
 * The Ultravisor's dump context of a configuration (DUMP_INIT until
 * DUMP_COMPLETE or the configuration's end).  Wiped when it ends.
 */
typedef struct UvDump {
    bool active;
    uint8_t seed[64];             /* HKDF salt, given to the owner in pv_compl */
    uint8_t key[32];              /* dump key = HKDF(CCK, seed) */
    uint8_t iv[12];               /* 8 random bytes || u32 invocation count */
    uint32_t iv_count;            /* GCM IVs used under this key */
} UvDump;

/* The UV's view of one 4 KiB guest page. */
typedef enum UvPageState {
    UV_PAGE_NORMAL,       /* plain in the host mapping, not secure */
    UV_PAGE_SECURE,       /* content held by the UV; host mapping holds no plaintext */
    UV_PAGE_EXPORTED,     /* encrypted in the host mapping; imported on guest access */
    UV_PAGE_SHARED,       /* shared by the guest: plain in both views */
} UvPageState;

/* Ultravisor state of one VM. */
typedef struct UvState {
    GMutex lock;
    /* The host key pair of this PV host (loaded on first use). */
    EVP_PKEY *host_key;
    uint8_t host_pub[PV_EC_RAW_PUB_SIZE];
    /* The secure configuration. */
    bool protected;               /* has a configuration handle */
    uint64_t handle;
    bool parms_set;               /* SET_SEC_PARMS succeeded */
    bool verified;                /* VERIFY succeeded */
    SeHdrPublic hdr;              /* digests, nep, pcf of the image */
    SeHdrSecrets sec;             /* CCK, image key, PSW, SCF (wiped on destroy) */
    SeImgDigests *digests;        /* running digests of unpacked pages */
    PvXts *unpack_xts;            /* image key, decrypting */
    /* Secure storage: per-page state and the UV-held page contents. */
    uint64_t npages;
    uint8_t *page_state;          /* UvPageState */
    uint32_t *page_gen;           /* export generation (D10) */
    uint8_t **page_data;          /* content of UV_PAGE_SECURE pages */
    uint8_t export_nonce[16];     /* D10: 8 random bytes, 8 zero bytes */
    uint8_t export_key[PV_XTS_KEY_SIZE]; /* told only to the owner, in pv_compl */
    PvXts *export_enc, *export_dec;
    /* Dump buffer sizes INFO reports (D8); unit tests may change them. */
    uint64_t dump_cpu_len, dump_mem_per_1m, dump_finalize_len;
    UvDump dump;
} UvState;

/* uv-hostkey.c: the host key named by -accel tcg,host-key= (NULL: default). */
bool uv_hostkey_open(UvState *uv, const char *path, GError **errp);
/* Loads (creating on first use) the default host key if none is loaded yet. */
bool uv_hostkey_ensure(UvState *uv);
/* Frees the host key. */
void uv_hostkey_close(UvState *uv);

/* uv-pv.c: KVM_S390_PV_COMMAND on the VM (vm->lock held). */
int uvsim_pv_command(UvsimVM *vm, struct kvm_pv_cmd *user);
/* Tears down a protected configuration when the VM is closed. */
void uvsim_pv_destroy(UvsimVM *vm);

/* uv-sec-parms.c: UVC SET_SEC_CONF_PARAMS on a header copy; sets rc and rrc. */
bool uv_set_sec_parms(UvsimVM *vm, const uint8_t *hdr, size_t len,
                      uint16_t *rc, uint16_t *rrc);

/* uv-unpack.c: UVC UNPACK_IMG for one page and UVC VERIFY_IMG. */
bool uv_unpack_page(UvsimVM *vm, uint64_t gaddr, uint64_t prefix, uint64_t offset,
                    uint16_t *rc, uint16_t *rrc);
bool uv_verify(UvsimVM *vm, uint16_t *rc, uint16_t *rrc);

/* uv-info.c: KVM_PV_INFO (no protection check; vm->lock held). */
int uv_info(UvsimVM *vm, void *user);

/*
 * uv-storage.c: secure storage.  Storage exists from ENABLE to DISABLE;
 * before and after, guest access goes straight to the host mapping.
 */
bool uv_storage_init(UvsimVM *vm, GError **errp);
void uv_storage_destroy(UvsimVM *vm);
/* Makes the page at @gaddr secure with @data (UNPACK); locked by the caller. */
void uv_storage_make_secure_locked(UvsimVM *vm, uint64_t pfn, uint8_t *data);
UvPageState uv_storage_state_locked(UvsimVM *vm, uint64_t pfn);
/* Seam 2: exports the secure pages of [gpa, gpa+len) for a host read. */
int uv_storage_host_access(UvsimVM *vm, uint64_t gpa, uint64_t len);
/*
 * The storage-state component (docs/pv-dump-format.md) of every page of the
 * 1 MiB block at @gaddr into @out (256 components); locked by the caller.
 */
void uv_storage_dump_state_locked(UvsimVM *vm, uint64_t gaddr, uint8_t *out);
/*
 * Reads guest memory as the guest sees it without changing any page's
 * state (no import, no export) - the guest's true memory, for tests and
 * debugging only.  -EFAULT outside guest memory.
 */
int uv_storage_peek(UvsimVM *vm, uint64_t gpa, void *buf, uint64_t len);
/* Guest-side (vCPU) access through secure storage; imports as needed. */
void uv_guest_read(UvsimVM *vm, uint64_t gpa, void *buf, size_t len);
void uv_guest_write(UvsimVM *vm, uint64_t gpa, const void *buf, size_t len);
/* UVC SET_SHARED_ACCESS / UNSHARE_ALL. */
void uv_storage_share(UvsimVM *vm, uint64_t gpa);
void uv_storage_unshare_all(UvsimVM *vm);

/*
 * uv-dump.c: the dump calls (docs/kvm-pv-interface.md).
 * KVM_PV_DUMP on the VM (vm->lock held).
 */
int uv_dump_vm_command(UvsimVM *vm, struct kvm_pv_cmd *cmd);
/* KVM_S390_PV_CPU_COMMAND on a vCPU (@v->lock held). */
int uv_dump_cpu_command(UvsimVcpu *v, struct kvm_pv_cmd *user);
/*
 * The dump buffer sizes INFO reports: those of @cfg (-accel tcg,pv-dump-*)
 * or the D8 defaults.  Fails for sizes the v1 structures do not fit in.
 */
bool uv_dump_set_sizes(UvState *uv, const AccelConfig *cfg, GError **errp);
/* Ends the UV dump context with its configuration (keys wiped). */
void uv_dump_destroy(UvState *uv);
/* True while DUMP_INIT keeps the vCPUs out of SIE. */
bool uv_dump_sie_blocked(UvsimVM *vm);

/*
 * uv-cpu.c: KVM_MP_STATE_LOAD on a secure CPU loads the image PSW (-EINVAL
 * without a verified image); @v->lock held.
 */
int uv_cpu_load_psw(UvsimVcpu *v);
/* Plays stage3b if a secure vCPU entering the image starts at its stub. */
void uv_stage3b_run(UvsimVcpu *v);

#endif /* ACCEL_UVSIM_UV_INTERNAL_H */

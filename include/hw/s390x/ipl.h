/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * ipl.h - the IPL information of the s390x machine: the PV IPL parameter
 * block (type 5) that DIAG 308 subcode 8 sets, and what the PV boot reads
 * from it (docs/pv-boot.md).
 */
#ifndef HW_S390X_IPL_H
#define HW_S390X_IPL_H

#include "qemu/osdep.h"
#include "target/s390x/kvm/pv.h"

/* DIAG 308 response codes (in R1+1). */
#define DIAG_308_RC_OK            0x0001
#define DIAG_308_RC_NO_CONF       0x0102
#define DIAG_308_RC_INVALID       0x0402
#define DIAG_308_RC_NO_PV_CONF    0x0902
#define DIAG_308_RC_INVAL_FOR_PV  0x0A02

/* IPL parameter block types of DIAG 308 subcode 5 (QEMU's S390_IPL_TYPE_*). */
#define IPIB_PBT_FCP         0
#define IPIB_PBT_CCW         2
#define IPIB_MIN_CCW_LEN     200
#define IPIB_MIN_FCP_LEN     384

/*
 * QEMU's iplb_valid() for the block of subcode 5 (@len bytes, at most
 * 4096): a CCW block of at least 200 bytes or an FCP block of at least 384.
 * Other types (PV included: subcode 8 sets that one) are invalid.
 */
bool s390_ipl_iplb_valid(const uint8_t *iplb, uint32_t len);

/*
 * Saves @iplb (validated) as the IPLB of subcodes 5/6; its length is its
 * first word.  It survives the guest's resets and re-IPL (QEMU).
 */
void s390_ipl_set_iplb(const uint8_t *iplb);

/* The IPLB of subcodes 5/6, or NULL if the guest set none. */
const uint8_t *s390_ipl_get_iplb(void);

/*
 * QEMU's validity rules for a PV IPLB of @len bytes (already known to be
 * at most 4096): type 5, length, header size and accessibility, component
 * count, array bounds, alignment, strictly increasing tweak prefixes.
 */
bool s390_ipl_pv_iplb_valid(const uint8_t *iplb, uint32_t len);

/* Saves @iplb (validated) as the PV IPLB; its length is its first word. */
void s390_ipl_set_pv_iplb(const uint8_t *iplb);

/* The saved PV IPLB, or NULL if none was set. */
const uint8_t *s390_ipl_get_pv_iplb(void);

/* Forgets the PV IPLB (a new -kernel boot starts without one). */
void s390_ipl_clear_pv_iplb(void);

/* Reads the SE header named by the PV IPLB and hands it to KVM_PV_SET_SEC_PARMS. */
bool s390_ipl_prepare_pv_header(S390PVResponse *resp, GError **errp);

/* The plaintext control flags of the SE header last handed to the UV. */
uint64_t s390_ipl_pv_hdr_pcf(void);

/* KVM_PV_UNPACK for every component of the PV IPLB, in order. */
bool s390_ipl_pv_unpack(S390PVResponse *resp, GError **errp);

#endif /* HW_S390X_IPL_H */

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * cpu-features.c - the declarative feature table: name, id, where the
 * guest sees it, and the text of "-cpu help".  Names, bits and texts are
 * QEMU 7.2's (its -cpu help and PoP facility numbers), so that a libvirt
 * domain written for QEMU means the same here.
 *
 * Not in the table yet: QEMU's instruction-subfunction features (PLO,
 * PTFF and the CPACF function codes such as kimd-sha-512) and its feature
 * groups (msa1, tods, ...).
 */
#include "qemu/osdep.h"
#include "target/s390x/cpu-features.h"

const S390FeatDef s390_feat_defs[] = {
    { "esan3", 0, S390_FEAT_TYPE_STFL, 0, "Instructions marked as n3" },
    { "zarch", 1, S390_FEAT_TYPE_STFL, 1, "z/Architecture architectural mode" },
    { "dateh", 3, S390_FEAT_TYPE_STFL, 3, "DAT-enhancement facility" },
    { "idtes", 4, S390_FEAT_TYPE_STFL, 4, "IDTE selective TLB segment-table clearing" },
    { "idter", 5, S390_FEAT_TYPE_STFL, 5, "IDTE selective TLB region-table clearing" },
    { "asnlxr", 6, S390_FEAT_TYPE_STFL, 6, "ASN-and-LX reuse facility" },
    { "stfle", 7, S390_FEAT_TYPE_STFL, 7, "Store-facility-list-extended facility" },
    { "edat", 8, S390_FEAT_TYPE_STFL, 8, "Enhanced-DAT facility" },
    { "srs", 9, S390_FEAT_TYPE_STFL, 9, "Sense-running-status facility" },
    { "csske", 10, S390_FEAT_TYPE_STFL, 10, "Conditional-SSKE facility" },
    { "ctop", 11, S390_FEAT_TYPE_STFL, 11, "Configuration-topology facility" },
    { "apqci", 12, S390_FEAT_TYPE_STFL, 12, "Query AP Configuration Information facility" },
    { "ipter", 13, S390_FEAT_TYPE_STFL, 13, "IPTE-range facility" },
    { "nonqks", 14, S390_FEAT_TYPE_STFL, 14, "Nonquiescing key-setting facility" },
    { "apft", 15, S390_FEAT_TYPE_STFL, 15, "AP Facilities Test facility" },
    { "etf2", 16, S390_FEAT_TYPE_STFL, 16, "Extended-translation facility 2" },
    { "msa-base", 17, S390_FEAT_TYPE_STFL, 17,
      "Message-security-assist facility (excluding subfunctions)" },
    { "ldisp", 18, S390_FEAT_TYPE_STFL, 18, "Long-displacement facility" },
    { "ldisphp", 19, S390_FEAT_TYPE_STFL, 19, "Long-displacement facility has high performance" },
    { "hfpm", 20, S390_FEAT_TYPE_STFL, 20, "HFP-multiply-add/subtract facility" },
    { "eimm", 21, S390_FEAT_TYPE_STFL, 21, "Extended-immediate facility" },
    { "etf3", 22, S390_FEAT_TYPE_STFL, 22, "Extended-translation facility 3" },
    { "hfpue", 23, S390_FEAT_TYPE_STFL, 23, "HFP-unnormalized-extension facility" },
    { "etf2eh", 24, S390_FEAT_TYPE_STFL, 24, "ETF2-enhancement facility" },
    { "stckf", 25, S390_FEAT_TYPE_STFL, 25, "Store-clock-fast facility" },
    { "parseh", 26, S390_FEAT_TYPE_STFL, 26, "Parsing-enhancement facility" },
    { "mvcos", 27, S390_FEAT_TYPE_STFL, 27, "Move-with-optional-specification facility" },
    { "tods-base", 28, S390_FEAT_TYPE_STFL, 28,
      "TOD-clock-steering facility (excluding subfunctions)" },
    { "etf3eh", 30, S390_FEAT_TYPE_STFL, 30, "ETF3-enhancement facility" },
    { "ectg", 31, S390_FEAT_TYPE_STFL, 31, "Extract-CPU-time facility" },
    { "csst", 32, S390_FEAT_TYPE_STFL, 32, "Compare-and-swap-and-store facility" },
    { "csst2", 33, S390_FEAT_TYPE_STFL, 33, "Compare-and-swap-and-store facility 2" },
    { "ginste", 34, S390_FEAT_TYPE_STFL, 34, "General-instructions-extension facility" },
    { "exrl", 35, S390_FEAT_TYPE_STFL, 35, "Execute-extensions facility" },
    { "emon", 36, S390_FEAT_TYPE_STFL, 36, "Enhanced-monitor facility" },
    { "fpe", 37, S390_FEAT_TYPE_STFL, 37, "Floating-point extension facility" },
    { "opc", 38, S390_FEAT_TYPE_STFL, 38, "Order Preserving Compression facility" },
    { "sprogp", 40, S390_FEAT_TYPE_STFL, 40, "Set-program-parameters facility" },
    { "fpseh", 41, S390_FEAT_TYPE_STFL, 41, "Floating-point-support-enhancement facilities" },
    { "dfp", 42, S390_FEAT_TYPE_STFL, 42, "DFP (decimal-floating-point) facility" },
    { "dfphp", 43, S390_FEAT_TYPE_STFL, 43,
      "DFP (decimal-floating-point) facility has high performance" },
    { "pfpo", 44, S390_FEAT_TYPE_STFL, 44, "PFPO instruction" },
    { "stfle45", 45, S390_FEAT_TYPE_STFL, 45, "Various facilities introduced with z196" },
    { "cmpsceh", 47, S390_FEAT_TYPE_STFL, 47, "CMPSC-enhancement facility" },
    { "dfpzc", 48, S390_FEAT_TYPE_STFL, 48, "Decimal-floating-point zoned-conversion facility" },
    { "stfle49", 49, S390_FEAT_TYPE_STFL, 49, "Various facilities introduced with zEC12" },
    { "cte", 50, S390_FEAT_TYPE_STFL, 50, "Constrained transactional-execution facility" },
    { "ltlbc", 51, S390_FEAT_TYPE_STFL, 51, "Local-TLB-clearing facility" },
    { "iacc2", 52, S390_FEAT_TYPE_STFL, 52, "Interlocked-access facility 2" },
    { "stfle53", 53, S390_FEAT_TYPE_STFL, 53, "Various facilities introduced with z13" },
    { "eec", 54, S390_FEAT_TYPE_STFL, 54, "Entropy encoding compression facility" },
    { "msa5-base", 57, S390_FEAT_TYPE_STFL, 57,
      "Message-security-assist-extension-5 facility (excluding subfunctions)" },
    { "minste2", 58, S390_FEAT_TYPE_STFL, 58, "Miscellaneous-instruction-extensions facility 2" },
    { "sema", 59, S390_FEAT_TYPE_STFL, 59, "Semaphore-assist facility" },
    { "tsi", 60, S390_FEAT_TYPE_STFL, 60, "Time-slice Instrumentation facility" },
    { "minste3", 61, S390_FEAT_TYPE_STFL, 61, "Miscellaneous-Instruction-Extensions Facility 3" },
    { "ri", 64, S390_FEAT_TYPE_STFL, 64, "CPU runtime-instrumentation facility" },
    { "apqi", 65, S390_FEAT_TYPE_STFL, 65, "AP-Queue interruption facility" },
    { "zpci", 69, S390_FEAT_TYPE_STFL, 69, "z/PCI facility" },
    { "aen", 71, S390_FEAT_TYPE_STFL, 71, "General-purpose-adapter-event-notification facility" },
    { "ais", 72, S390_FEAT_TYPE_STFL, 72,
      "General-purpose-adapter-interruption-suppression facility" },
    { "te", 73, S390_FEAT_TYPE_STFL, 73, "Transactional-execution facility" },
    { "sthyi", 74, S390_FEAT_TYPE_STFL, 74, "Store-hypervisor-information facility" },
    { "aefsi", 75, S390_FEAT_TYPE_STFL, 75, "Access-exception-fetch/store-indication facility" },
    { "msa3-base", 76, S390_FEAT_TYPE_STFL, 76,
      "Message-security-assist-extension-3 facility (excluding subfunctions)" },
    { "msa4-base", 77, S390_FEAT_TYPE_STFL, 77,
      "Message-security-assist-extension-4 facility (excluding subfunctions)" },
    { "edat2", 78, S390_FEAT_TYPE_STFL, 78, "Enhanced-DAT facility 2" },
    { "dfppc", 80, S390_FEAT_TYPE_STFL, 80, "Decimal-floating-point packed-conversion facility" },
    { "ppa15", 81, S390_FEAT_TYPE_STFL, 81, "PPA15 is installed" },
    { "bpb", 82, S390_FEAT_TYPE_STFL, 82, "Branch prediction blocking" },
    { "vx", 129, S390_FEAT_TYPE_STFL, 129, "Vector facility" },
    { "iep", 130, S390_FEAT_TYPE_STFL, 130, "Instruction-execution-protection facility" },
    { "sea_esop2", 131, S390_FEAT_TYPE_STFL, 131,
      "Side-effect-access facility and Enhanced-suppression-on-protection facility 2" },
    { "gs", 133, S390_FEAT_TYPE_STFL, 133, "Guarded-storage facility" },
    { "vxpd", 134, S390_FEAT_TYPE_STFL, 134, "Vector packed decimal facility" },
    { "vxeh", 135, S390_FEAT_TYPE_STFL, 135, "Vector enhancements facility" },
    { "mepoch", 139, S390_FEAT_TYPE_STFL, 139, "Multiple-epoch facility" },
    { "els", 140, S390_FEAT_TYPE_STFL, 140, "Extended-length SCCB facility" },
    { "tpei", 144, S390_FEAT_TYPE_STFL, 144, "Test-pending-external-interruption facility" },
    { "irbm", 145, S390_FEAT_TYPE_STFL, 145, "Insert-reference-bits-multiple facility" },
    { "msa8-base", 146, S390_FEAT_TYPE_STFL, 146,
      "Message-security-assist-extension-8 facility (excluding subfunctions)" },
    { "cmmnt", 147, S390_FEAT_TYPE_STFL, 147, "CMM: ESSA-enhancement (no translate) facility" },
    { "vxeh2", 148, S390_FEAT_TYPE_STFL, 148, "Vector Enhancements facility 2" },
    { "esort-base", 150, S390_FEAT_TYPE_STFL, 150,
      "Enhanced-sort facility (excluding subfunctions)" },
    { "deflate-base", 151, S390_FEAT_TYPE_STFL, 151,
      "Deflate-conversion facility (excluding subfunctions)" },
    { "vxpdeh", 152, S390_FEAT_TYPE_STFL, 152, "Vector-Packed-Decimal-Enhancement Facility" },
    { "msa9-base", 155, S390_FEAT_TYPE_STFL, 155,
      "Message-security-assist-extension-9 facility (excluding subfunctions)" },
    { "etoken", 156, S390_FEAT_TYPE_STFL, 156, "Etoken facility" },
    { "unpack", 161, S390_FEAT_TYPE_STFL, 161, "Unpack facility" },
    { "nnpa", 165, S390_FEAT_TYPE_STFL, 165, "NNPA facility" },
    { "vxpdeh2", 192, S390_FEAT_TYPE_STFL, 192, "Vector-Packed-Decimal-Enhancement facility 2" },
    { "beareh", 193, S390_FEAT_TYPE_STFL, 193, "BEAR-enhancement facility" },
    { "rdp", 194, S390_FEAT_TYPE_STFL, 194, "Reset-DAT-protection facility" },
    { "pai", 196, S390_FEAT_TYPE_STFL, 196, "Processor-Activity-Instrumentation facility" },
    { "paie", 197, S390_FEAT_TYPE_STFL, 197, "Processor-Activity-Instrumentation extension-1" },
    { "gsls", S390_FEAT_GSLS, S390_FEAT_TYPE_SCLP_CONF_CHAR, 40,
      "SIE: Guest-storage-limit-suppression facility" },
    { "esop", S390_FEAT_ESOP, S390_FEAT_TYPE_SCLP_CONF_CHAR, 46,
      "Enhanced-suppression-on-protection facility" },
    { "hpma2", S390_FEAT_HPMA2, S390_FEAT_TYPE_SCLP_CONF_CHAR, 90,
      "Host page management assist 2 Facility" },
    { "kss", S390_FEAT_KSS, S390_FEAT_TYPE_SCLP_CONF_CHAR, 151, "SIE: Keyless-subset facility" },
    { "64bscao", S390_FEAT_64BSCAO, S390_FEAT_TYPE_SCLP_CONF_CHAR_EXT, 0,
      "SIE: 64-bit-SCAO facility" },
    { "cmma", S390_FEAT_CMMA, S390_FEAT_TYPE_SCLP_CONF_CHAR_EXT, 1,
      "SIE: Collaborative-memory-management assist" },
    { "pfmfi", S390_FEAT_PFMFI, S390_FEAT_TYPE_SCLP_CONF_CHAR_EXT, 9,
      "SIE: PFMF interpretation facility" },
    { "ibs", S390_FEAT_IBS, S390_FEAT_TYPE_SCLP_CONF_CHAR_EXT, 10,
      "SIE: Interlock-and-broadcast-suppression facility" },
    { "diag318", S390_FEAT_DIAG318, S390_FEAT_TYPE_SCLP_FAC134, 0,
      "Control program name and version codes" },
    { "sief2", S390_FEAT_SIEF2, S390_FEAT_TYPE_SCLP_CPU, 4,
      "SIE: interception format 2 (Virtual SIE)" },
    { "skey", S390_FEAT_SKEY, S390_FEAT_TYPE_SCLP_CPU, 5, "SIE: Storage-key facility" },
    { "gpereh", S390_FEAT_GPEREH, S390_FEAT_TYPE_SCLP_CPU, 10,
      "SIE: Guest-PER enhancement facility" },
    { "siif", S390_FEAT_SIIF, S390_FEAT_TYPE_SCLP_CPU, 11, "SIE: Shared IPTE-interlock facility" },
    { "sigpif", S390_FEAT_SIGPIF, S390_FEAT_TYPE_SCLP_CPU, 12,
      "SIE: SIGP interpretation facility" },
    { "ib", S390_FEAT_IB, S390_FEAT_TYPE_SCLP_CPU, 42, "SIE: Intervention bypass facility" },
    { "cei", S390_FEAT_CEI, S390_FEAT_TYPE_SCLP_CPU, 43,
      "SIE: Conditional-external-interception facility" },
    { "dateh2", S390_FEAT_DATEH2, S390_FEAT_TYPE_MISC, 0, "DAT-enhancement facility 2" },
    { "cmm", S390_FEAT_CMM, S390_FEAT_TYPE_MISC, 0, "Collaborative-memory-management facility" },
    { "ap", S390_FEAT_AP, S390_FEAT_TYPE_MISC, 0, "AP instructions installed" },
};

const size_t s390_feat_count = G_N_ELEMENTS(s390_feat_defs);

const S390FeatDef *s390_feat_by_name(const char *name)
{
    for (size_t i = 0; i < s390_feat_count; i++) {
        if (!strcmp(s390_feat_defs[i].name, name)) {
            return &s390_feat_defs[i];
        }
    }
    return NULL;
}

const S390FeatDef *s390_feat_by_id(unsigned id)
{
    for (size_t i = 0; i < s390_feat_count; i++) {
        if (s390_feat_defs[i].id == id) {
            return &s390_feat_defs[i];
        }
    }
    return NULL;
}

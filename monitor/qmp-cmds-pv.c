/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * qmp-cmds-pv.c - query-pv and HMP "info pv": the protected state of the guest.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"
#include "hw/s390x/ipl.h"
#include "hw/s390x/pv-boot.h"
#include "hw/s390x/pv-dump.h"
#include "monitor/hmp.h"
#include "sysemu/kvm.h"
#include "util/se-header.h"
#include "target/s390x/kvm/kvm_s390x.h"

static PvDumpInfo *dump_info(void)
{
    S390PVInfo info = *s390_pv_info();
    PvDumpInfo *dump;

    if (!info.have_dump_info &&
        (!kvm_state || !kvm_s390_get_protected() ||
         !s390_pv_query_dump_info(&info, NULL))) {
        return NULL;
    }
    dump = g_new0(PvDumpInfo, 1);
    dump->cpu_buffer_len = info.dump_cpu_buffer_len;
    dump->mem_buffer_per_1m = info.dump_mem_buffer_per_1m;
    dump->finalize_len = info.dump_finalize_len;
    return dump;
}

static PvBootError *last_error(void)
{
    S390PVResponse resp;
    const char *message;
    PvBootError *err;

    if (!s390_pv_last_failure(&resp, &message)) {
        return NULL;
    }
    err = g_new0(PvBootError, 1);
    err->command = resp.cmd;
    err->rc = resp.rc;
    err->rrc = resp.rrc;
    err->message = g_strdup(message);
    return err;
}

PvInfo *qmp_query_pv(GError **errp)
{
    PvInfo *info = g_new0(PvInfo, 1);

    info->protected = s390_is_pv();
    info->dump_allowed = info->protected &&
                         (s390_ipl_pv_hdr_pcf() & SE_PCF_DUMP_ALLOWED);
    info->dump_info = dump_info();
    info->has_dump_info = info->dump_info != NULL;
    info->last_error = last_error();
    info->has_last_error = info->last_error != NULL;
    info->has_dump_incomplete = info->protected;
    info->dump_incomplete = info->protected && s390_pv_dump_pending();
    return info;
}

void hmp_info_pv(HMPSession *hs, json_object *args)
{
    PvInfo *info = qmp_query_pv(NULL);

    hmp_printf(hs, "Protected: %s\n", info->protected ? "yes" : "no");
    hmp_printf(hs, "Dump allowed: %s\n", info->dump_allowed ? "yes" : "no");
    if (info->has_dump_info) {
        hmp_printf(hs, "Dump buffers: cpu %" PRIu64 ", memory %" PRIu64
                   " per MiB, completion %" PRIu64 " bytes\n",
                   info->dump_info->cpu_buffer_len,
                   info->dump_info->mem_buffer_per_1m,
                   info->dump_info->finalize_len);
    }
    if (info->has_dump_incomplete && info->dump_incomplete) {
        hmp_printf(hs, "Dump incomplete: the guest cannot run until the "
                   "Ultravisor's dump is completed ('cont' retries)\n");
    }
    if (info->has_last_error) {
        hmp_printf(hs, "Last boot error: rc 0x%04" PRIx64 " rrc 0x%04" PRIx64
                   ": %s\n", (uint64_t)info->last_error->rc,
                   (uint64_t)info->last_error->rrc, info->last_error->message);
    }
    qapi_free_PvInfo(info);
}

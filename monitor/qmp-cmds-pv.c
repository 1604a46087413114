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

static void add_u64(json_object *obj, const char *key, uint64_t v)
{
    json_object_object_add(obj, key, json_object_new_uint64(v));
}

static json_object *dump_info(void)
{
    S390PVInfo info = *s390_pv_info();
    json_object *obj;

    if (!info.have_dump_info &&
        (!kvm_state || !kvm_state->protected_cap ||
         !s390_pv_query_dump_info(&info, NULL))) {
        return NULL;
    }
    obj = json_object_new_object();
    add_u64(obj, "cpu-buffer-len", info.dump_cpu_buffer_len);
    add_u64(obj, "mem-buffer-per-1m", info.dump_mem_buffer_per_1m);
    add_u64(obj, "finalize-len", info.dump_finalize_len);
    return obj;
}

static json_object *last_error(void)
{
    S390PVResponse resp;
    const char *message;
    json_object *obj;

    if (!s390_pv_last_failure(&resp, &message)) {
        return NULL;
    }
    obj = json_object_new_object();
    json_object_object_add(obj, "command", json_object_new_int(resp.cmd));
    json_object_object_add(obj, "rc", json_object_new_int(resp.rc));
    json_object_object_add(obj, "rrc", json_object_new_int(resp.rrc));
    json_object_object_add(obj, "message", json_object_new_string(message));
    return obj;
}

json_object *qmp_query_pv(GError **errp)
{
    json_object *info = json_object_new_object();
    json_object *dump = dump_info(), *err = last_error();
    bool pv = s390_is_pv();

    json_object_object_add(info, "protected", json_object_new_boolean(pv));
    json_object_object_add(info, "dump-allowed", json_object_new_boolean(
                           pv && (s390_ipl_pv_hdr_pcf() & SE_PCF_DUMP_ALLOWED)));
    if (dump) {
        json_object_object_add(info, "dump-info", dump);
    }
    if (err) {
        json_object_object_add(info, "last-error", err);
    }
    if (pv) {
        json_object_object_add(info, "dump-incomplete",
                               json_object_new_boolean(s390_pv_dump_pending()));
    }
    return info;
}

static uint64_t get_u64(json_object *obj, const char *key)
{
    json_object *v;
    return json_object_object_get_ex(obj, key, &v) ? json_object_get_uint64(v) : 0;
}

void hmp_info_pv(HMPSession *hs, json_object *args)
{
    json_object *info = qmp_query_pv(NULL);
    json_object *v, *dump, *err;

    json_object_object_get_ex(info, "protected", &v);
    hmp_printf(hs, "Protected: %s\n", json_object_get_boolean(v) ? "yes" : "no");
    json_object_object_get_ex(info, "dump-allowed", &v);
    hmp_printf(hs, "Dump allowed: %s\n", json_object_get_boolean(v) ? "yes" : "no");
    if (json_object_object_get_ex(info, "dump-info", &dump)) {
        hmp_printf(hs, "Dump buffers: cpu %" PRIu64 ", memory %" PRIu64
                   " per MiB, completion %" PRIu64 " bytes\n",
                   get_u64(dump, "cpu-buffer-len"), get_u64(dump, "mem-buffer-per-1m"),
                   get_u64(dump, "finalize-len"));
    }
    if (json_object_object_get_ex(info, "dump-incomplete", &v) &&
        json_object_get_boolean(v)) {
        hmp_printf(hs, "Dump incomplete: the guest cannot run until the "
                   "Ultravisor's dump is completed ('cont' retries)\n");
    }
    if (json_object_object_get_ex(info, "last-error", &err)) {
        json_object_object_get_ex(err, "message", &v);
        hmp_printf(hs, "Last boot error: rc 0x%04" PRIx64 " rrc 0x%04" PRIx64 ": %s\n",
                   get_u64(err, "rc"), get_u64(err, "rrc"), json_object_get_string(v));
    }
    json_object_put(info);
}

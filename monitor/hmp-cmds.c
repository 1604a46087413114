/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * hmp-cmds.c - the HMP command tables (QEMU's hmp-commands.hx and
 * hmp-commands-info.hx, texts as in QEMU 7.2) and their handlers.
 *
 * Handlers call the QMP handlers, so HMP and QMP cannot drift apart.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qapi/qapi-commands.h"
#include "hw/core/cpu.h"
#include "target/s390x/cpu.h"
#include "monitor/hmp.h"

static bool arg_bool(json_object *args, const char *key)
{
    json_object *v;

    return json_object_object_get_ex(args, key, &v) &&
           json_object_get_boolean(v);
}

static const char *arg_str(json_object *args, const char *key)
{
    json_object *v;

    return json_object_object_get_ex(args, key, &v)
           ? json_object_get_string(v) : NULL;
}

static void hmp_help_cmd(HMPSession *hs, json_object *args)
{
    hmp_help(hs, arg_str(args, "name"));
}

static void hmp_info_help(HMPSession *hs, json_object *args)
{
    hmp_help(hs, "info");
}

static void hmp_stop(HMPSession *hs, json_object *args)
{
    GError *err = NULL;

    qmp_stop(&err);
    hmp_handle_error(hs, err);
}

static void hmp_cont(HMPSession *hs, json_object *args)
{
    GError *err = NULL;

    qmp_cont(&err);
    hmp_handle_error(hs, err);
}

static void hmp_system_reset(HMPSession *hs, json_object *args)
{
    GError *err = NULL;

    qmp_system_reset(&err);
    hmp_handle_error(hs, err);
}

static void hmp_system_powerdown(HMPSession *hs, json_object *args)
{
    GError *err = NULL;

    qmp_system_powerdown(&err);
    hmp_handle_error(hs, err);
}

static void hmp_quit(HMPSession *hs, json_object *args)
{
    GError *err = NULL;

    qmp_quit(&err);
    hmp_handle_error(hs, err);
}

static void hmp_cpu(HMPSession *hs, json_object *args)
{
    json_object *index;
    int64_t i;

    json_object_object_get_ex(args, "index", &index);
    i = json_object_get_int64(index);
    if (i < 0 || i > INT_MAX || !qemu_get_cpu(i)) {
        hmp_printf(hs, "invalid CPU index\n");
        return;
    }
    hs->cpu_index = i;
}

static void hmp_info_status(HMPSession *hs, json_object *args)
{
    StatusInfo *info = qmp_query_status(NULL);

    hmp_printf(hs, "VM status: %s", info->running ? "running" : "paused");
    if (!info->running && info->status != RUN_STATE_PAUSED) {
        hmp_printf(hs, " (%s)", RunState_str(info->status));
    }
    hmp_printf(hs, "\n");
    qapi_free_StatusInfo(info);
}

static void hmp_info_cpus(HMPSession *hs, json_object *args)
{
    CpuInfoFastList *cpus = qmp_query_cpus_fast(NULL);
    CPUState *cur = hmp_cur_cpu(hs);

    for (CpuInfoFastList *cpu = cpus; cpu; cpu = cpu->next) {
        hmp_printf(hs, "%c CPU #%" PRId64 ": thread_id=%" PRId64 "\n",
                   cur && cur->cpu_index == cpu->value->cpu_index ? '*' : ' ',
                   cpu->value->cpu_index, cpu->value->thread_id);
    }
    qapi_free_CpuInfoFastList(cpus);
}

static void dump_cpu(HMPSession *hs, CPUState *cs)
{
    hmp_printf(hs, "\nCPU#%d\n", cs->cpu_index);
    s390_cpu_dump_state(cs, hs->out);
}

static void hmp_info_registers(HMPSession *hs, json_object *args)
{
    json_object *vcpu = NULL;
    CPUState *cs;

    if (arg_bool(args, "cpustate_all")) {
        CPU_FOREACH(cs) {
            dump_cpu(hs, cs);
        }
        return;
    }
    json_object_object_get_ex(args, "vcpu", &vcpu);
    cs = vcpu ? qemu_get_cpu(json_object_get_int64(vcpu)) : hmp_cur_cpu(hs);
    if (!cs) {
        if (vcpu) {
            hmp_printf(hs, "CPU#%" PRId64 " not available\n",
                       json_object_get_int64(vcpu));
        } else {
            hmp_printf(hs, "No CPU available\n");
        }
        return;
    }
    dump_cpu(hs, cs);
}

const HMPCommand hmp_info_cmds[] = {
    {
        .name = "cpus",
        .args_type = "",
        .params = "",
        .help = "show infos for each CPU",
        .cmd = hmp_info_cpus,
    },
    {
        .name = "dump",
        .args_type = "",
        .params = "",
        .help = "Display the latest dump status",
        .cmd = hmp_info_dump,
    },
    {
        .name = "pv",
        .args_type = "",
        .params = "",
        .help = "show the protected-virtualization state of the guest",
        .cmd = hmp_info_pv,
    },
    {
        .name = "registers",
        .args_type = "cpustate_all:-a,vcpu:i?",
        .params = "[-a|vcpu]",
        .help = "show the cpu registers (-a: show register info for all "
                "cpus; vcpu: specific vCPU to query; show the current "
                "CPU's registers if omitted)",
        .cmd = hmp_info_registers,
    },
    {
        .name = "status",
        .args_type = "",
        .params = "",
        .help = "show the current VM status (running|paused)",
        .cmd = hmp_info_status,
    },
    { NULL },
};

const HMPCommand hmp_cmds[] = {
    {
        .name = "cont|c",
        .args_type = "",
        .params = "",
        .help = "resume emulation",
        .cmd = hmp_cont,
    },
    {
        .name = "cpu",
        .args_type = "index:i",
        .params = "index",
        .help = "set the default CPU",
        .cmd = hmp_cpu,
    },
    {
        .name = "dump-cancel",
        .args_type = "",
        .params = "",
        .help = "cancel the running dump-guest-memory",
        .cmd = hmp_dump_cancel,
    },
    {
        .name = "dump-guest-memory",
        .args_type = "args:S?",
        .params = "[-p] [-d] [-z|-l|-s|-Z] [-R] [-x] filename [begin length]",
        .help = "dump guest memory into file 'filename'.\n\t\t\t"
                "-p: do paging to get guest's memory mapping.\n\t\t\t"
                "-d: return immediately (do not wait for completion).\n\t\t\t"
                "-z: dump in kdump-compressed format, with zlib compression.\n\t\t\t"
                "-l: dump in kdump-compressed format, with lzo compression.\n\t\t\t"
                "-s: dump in kdump-compressed format, with snappy compression.\n\t\t\t"
                "-Z: dump in kdump-compressed format, with zstd compression.\n\t\t\t"
                "-R: when using kdump (-z, -l, -s, -Z), use raw rather than makedumpfile-flattened\n\t\t\t"
                "    format\n\t\t\t"
                "-x: when using kdump, leave all-zero pages out (as makedumpfile -d 1)\n\t\t\t"
                "begin: the starting physical address.\n\t\t\t"
                "length: the memory size, in bytes.",
        .cmd = hmp_dump_guest_memory,
    },
    {
        .name = "help|?",
        .args_type = "name:S?",
        .params = "[cmd]",
        .help = "show the help",
        .cmd = hmp_help_cmd,
    },
    {
        .name = "info",
        .args_type = "item:s?",
        .params = "[subcommand]",
        .help = "show various information about the system state",
        .cmd = hmp_info_help,
        .sub_table = hmp_info_cmds,
    },
    {
        .name = "quit|q",
        .args_type = "",
        .params = "",
        .help = "quit the emulator",
        .cmd = hmp_quit,
    },
    {
        .name = "stop|s",
        .args_type = "",
        .params = "",
        .help = "stop emulation",
        .cmd = hmp_stop,
    },
    {
        .name = "system_powerdown",
        .args_type = "",
        .params = "",
        .help = "send system power down event",
        .cmd = hmp_system_powerdown,
    },
    {
        .name = "system_reset",
        .args_type = "",
        .params = "",
        .help = "reset the system",
        .cmd = hmp_system_reset,
    },
    { NULL },
};

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pvdump-decrypt - verify and decrypt a protected s390x guest dump.
 *
 *   pvdump-decrypt --key CCK-FILE DUMP -o OUT     plain ELF core
 *   pvdump-decrypt --key CCK-FILE --info DUMP     what the dump holds
 *   pvdump-decrypt --key CCK-FILE --verify DUMP   authenticate, check states
 *
 * Exit status: 0 success, 1 error, 2 usage error.  The key is read into
 * one buffer, wiped when done and never printed.
 */
#include "qemu/osdep.h"
#include "tool-cli.h"
#include "qapi/error.h"
#include "config-host.h"
#include "output-file.h"
#include "pv-decrypt.h"

#define KEY_FILE_MAX      128   /* larger than any accepted key file */
#define SPOOL_LIMIT       (64 * GiB)
#define MAX_THREADS       1024

typedef struct CliOptions {
    char *key_file;
    char *output;
    gboolean info;
    gboolean verify;
    gboolean force;
    gboolean progress;
    gboolean no_progress;
    gboolean version;
    gint threads;
    char **args;
} CliOptions;

static void parse_options(int argc, char **argv, CliOptions *o)
{
    GOptionEntry entries[] = {
        { "key", 'k', 0, G_OPTION_ARG_FILENAME, &o->key_file,
          "customer communication key (32 raw bytes or 64 hex digits)", "CCK-FILE" },
        { "output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output,
          "write the plain ELF core to OUT ('-': standard output)", "OUT" },
        { "info", 'i', 0, G_OPTION_ARG_NONE, &o->info,
          "authenticate and print what the dump holds", NULL },
        { "verify", 0, 0, G_OPTION_ARG_NONE, &o->verify,
          "authenticate and check every page state, write nothing", NULL },
        { "force", 'f', 0, G_OPTION_ARG_NONE, &o->force,
          "overwrite an existing output file", NULL },
        { "threads", 'j', 0, G_OPTION_ARG_INT, &o->threads,
          "decrypt with N threads (default: all cores)", "N" },
        { "progress", 0, 0, G_OPTION_ARG_NONE, &o->progress,
          "show a progress bar even if stderr is not a terminal", NULL },
        { "no-progress", 0, 0, G_OPTION_ARG_NONE, &o->no_progress,
          "never show a progress bar", NULL },
        { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o->args,
          NULL, "DUMP" },
        { NULL },
    };
    GOptionContext *ctx = tool_parse_command_line("DUMP",
        "Verify and decrypt a protected s390x "
        "guest dump into a plain ELF core dump.",
        entries, &o->version, &argc, &argv);
    if (!o->args || !o->args[0] || o->args[1]) {
        tool_usage_error(ctx, "exactly one DUMP file is required");
    }
    if (!o->key_file) {
        tool_usage_error(ctx, "No key for dump decryption provided (--key CCK-FILE)");
    }
    if (o->info && o->verify) {
        tool_usage_error(ctx, "--info and --verify cannot be combined");
    }
    if ((o->info || o->verify) ? o->output != NULL : o->output == NULL) {
        tool_usage_error(ctx, o->output ? "--info and --verify write no output (-o)"
                                   : "an output file is required (-o OUT, '-' for stdout)");
    }
    if (o->threads < 0 || o->threads > MAX_THREADS) {
        tool_usage_error(ctx, "--threads must be between 1 and 1024");
    }
    if (o->progress && o->no_progress) {
        tool_usage_error(ctx, "--progress and --no-progress cannot be combined");
    }
    g_option_context_free(ctx);
}

static int hex_digit(int c)
{
    return g_ascii_isxdigit(c) ? g_ascii_xdigit_value(c) : -1;
}

/* Decodes 2 * PV_CCK_SIZE hex digits, optionally followed by a newline. */
static bool parse_hex_key(const uint8_t *buf, size_t len, uint8_t *cck)
{
    if (len == 2 * PV_CCK_SIZE + 1 && buf[len - 1] == '\n') {
        len--;
    }
    if (len != 2 * PV_CCK_SIZE) {
        return false;
    }
    for (size_t i = 0; i < PV_CCK_SIZE; i++) {
        int hi = hex_digit(buf[2 * i]), lo = hex_digit(buf[2 * i + 1]);
        if (hi < 0 || lo < 0) {
            return false;
        }
        cck[i] = hi << 4 | lo;
    }
    return true;
}

/* Reads the CCK from @path: 32 raw bytes, or 64 hex digits. */
static bool read_key(const char *path, uint8_t cck[PV_CCK_SIZE], GError **errp)
{
    uint8_t buf[KEY_FILE_MAX + 1];
    ssize_t len = pv_read_secret_file(path, buf, sizeof(buf));
    bool ok;

    if (len < 0) {
        pv_crypto_wipe(buf, sizeof(buf));   /* a read may have failed midway */
        error_setg_errno(errp, -len, "Cannot read key: '%s'", path);
        return false;
    }
    ok = len == PV_CCK_SIZE;
    if (ok) {
        memcpy(cck, buf, PV_CCK_SIZE);
    } else {
        ok = parse_hex_key(buf, len, cck);
    }
    pv_crypto_wipe(buf, sizeof(buf));
    if (!ok) {
        error_setg(errp, "key file '%s': wrong key size: expected 32 bytes or "
                   "64 hex digits, got %s%zd bytes", path,
                   len > KEY_FILE_MAX ? "more than " : "",
                   len > KEY_FILE_MAX ? (ssize_t)KEY_FILE_MAX : len);
    }
    return ok;
}

/*
 * Parses the dump; for --info and --verify also reads past the memory of a
 * stream whose sections follow it (decryption handles that case itself).
 */
static PvDump *open_dump(DumpInput *in, bool need_sections, GError **errp)
{
    g_autoptr(PvDump) dump = pv_dump_read_layout(in, errp);
    GError *err = NULL;

    if (!dump) {
        return NULL;
    }
    if (pv_dump_read_sections(dump, &err)) {
        return g_steal_pointer(&dump);
    }
    if (!g_error_matches(err, DUMP_INPUT_ERROR, DUMP_INPUT_ERROR_NOT_YET)) {
        g_propagate_error(errp, err);
        return NULL;
    }
    g_error_free(err);
    if (need_sections && !pv_dump_skip_to_sections(dump, errp)) {
        return NULL;
    }
    return g_steal_pointer(&dump);
}

/* Prints "LABEL: 4.0 MiB (4194304 bytes)" (plain ASCII, unlike glib's). */
static void print_size(const char *label, uint64_t bytes)
{
    static const char *const units[] = { "KiB", "MiB", "GiB", "TiB", "PiB" };
    double v = bytes / 1024.0;
    unsigned u = 0;

    while (v >= 1024 && u + 1 < ARRAY_SIZE(units)) {
        v /= 1024;
        u++;
    }
    printf("%-21s: %.1f %s (%" PRIu64 " bytes)\n", label, v, units[u], bytes);
}

static void print_memory(const PvDump *dump, bool covered)
{
    uint64_t counts[PV_PAGE_STATE__MAX];
    GError *err = NULL;

    print_size("Memory", dump->mem_size);
    for (unsigned i = 0; i < dump->nloads; i++) {
        const PvDumpLoad *l = &dump->loads[i];
        printf("  range %-14u: 0x%016" PRIx64 "-0x%016" PRIx64 " (file offset "
               "0x%" PRIx64 ", storage-state index %" PRIu64 ")\n", i, l->paddr,
               l->paddr + l->memsz - 1, l->offset, l->first_page);
    }
    printf("%-21s: pv_mem_meta at 0x%" PRIx64 ", %" PRIu64 " entries for %"
           PRIu64 " pages\n", "Storage-state table", dump->meta_offset,
           dump->meta_size / PV_STOR_STATE_SIZE, dump->pages);
    if (!covered) {
        printf("%-21s: unknown (the table is too short)\n", "Page states");
    } else if (pv_dump_count_states((PvDump *)dump, counts, false, &err)) {
        printf("%-21s: %" PRIu64 " encrypted, %" PRIu64 " zero, %" PRIu64
               " shared, %" PRIu64 " invalid\n", "Page states",
               counts[PV_PAGE_ENCRYPTED], counts[PV_PAGE_ZERO],
               counts[PV_PAGE_SHARED], counts[PV_PAGE_INVALID]);
    } else {
        printf("%-21s: unknown (%s)\n", "Page states", err->message);
        g_error_free(err);
    }
}

static void print_info(const PvDump *dump, const PvComplData *compl,
                       const PvCpuDump *cpus)
{
    DumpInput *in = dump->in;
    GError *err = NULL;
    bool covered = pv_dump_check_coverage(dump, &err);

    printf("%-21s: %s\n", "Dump", dump_input_name(in));
    printf("%-21s: ELF (protected virtualization dump), authenticated\n", "Format");
    printf("%-21s: s390x (64 bit)\n", "System arch");
    if (dump_input_size(in) != UINT64_MAX) {
        print_size("File size", dump_input_size(in));
    }
    printf("%-21s: completion data %" PRIu32 " (pv_compl at 0x%" PRIx64 ", %"
           PRIu32 " bytes)\n", "Versions", compl->version, dump->compl_offset,
           dump->compl_size);
    printf("%-21s: %u\n", "CPU count", dump->ncpus);
    for (unsigned i = 0; i < dump->ncpus; i++) {
        printf("  CPU %-16u: CPU data version %" PRIu32 ", %" PRIu32 " bytes, "
               "PSW 0x%016" PRIx64 " 0x%016" PRIx64 "%s\n", i + 1,
               cpus[i].version, dump->cpus[i].size, cpus[i].psw_mask,
               cpus[i].psw_addr, (cpus[i].dump_flags & PV_CPU_DUMP_FLAG_OSII) ?
               " (state may contain partial instruction results)" : "");
    }
    printf("%-21s: %u (%u of unknown type", "Notes", dump->nnotes,
           dump->unknown_notes);
    if (dump->unknown_notes) {
        printf(", first 0x%" PRIx32, dump->first_unknown_type);
    }
    printf(")\n");
    print_memory(dump, covered);
    if (!covered) {
        warn_report("%s", err->message);
        g_error_free(err);
    }
}

/* --info and --verify: authenticate, then report. */
static bool inspect(PvDump *dump, const uint8_t cck[PV_CCK_SIZE], bool verify,
                    GError **errp)
{
    g_autofree PvCpuDump *cpus = g_new0(PvCpuDump, dump->ncpus);
    uint64_t counts[PV_PAGE_STATE__MAX];
    PvComplData compl;
    bool ok = pv_dump_authenticate(dump, cck, &compl, cpus, errp);

    if (ok && verify) {
        ok = pv_dump_check_coverage(dump, errp) &&
             pv_dump_count_states(dump, counts, true, errp);
        if (ok) {
            printf("%s: verified: completion data, %u CPUs, %" PRIu64
                   " page states\n", dump_input_name(dump->in), dump->ncpus,
                   dump->pages);
        }
    } else if (ok) {
        print_info(dump, &compl, cpus);
    }
    pv_crypto_wipe(&compl, sizeof(compl));
    pv_crypto_wipe(cpus, sizeof(*cpus) * dump->ncpus);
    return ok;
}

static bool run(const CliOptions *o, uint8_t cck[PV_CCK_SIZE], GError **errp)
{
    PvDecryptOptions dopts = {
        .output = o->output,
        .force = o->force,
        .threads = o->threads ? (guint)o->threads : g_get_num_processors(),
        .progress = o->progress || (!o->no_progress && isatty(STDERR_FILENO)),
    };
    g_autoptr(DumpInput) in = NULL;
    g_autoptr(PvDump) dump = NULL;

    if (!read_key(o->key_file, cck, errp)) {
        return false;
    }
    in = dump_input_open(o->args[0], SPOOL_LIMIT, errp);
    dump = in ? open_dump(in, o->info || o->verify, errp) : NULL;
    if (!dump) {
        return false;
    }
    if (o->info || o->verify) {
        return inspect(dump, cck, o->verify, errp);
    }
    return pv_decrypt_dump(dump, cck, &dopts, errp);
}

/* The input dump's stat, for the output checks; NULL if it has none yet. */
static const struct stat *input_stat(const char *path, struct stat *st)
{
    int r = strcmp(path, "-") ? stat(path, st) : fstat(STDIN_FILENO, st);

    return r == 0 ? st : NULL;
}

int main(int argc, char **argv)
{
    CliOptions opts = { 0 };
    uint8_t cck[PV_CCK_SIZE];
    struct stat input_st;
    GError *err = NULL;
    bool ok;

    g_set_prgname("pvdump-decrypt");
    parse_options(argc, argv, &opts);
    /* Before any work; output_file_create() checks again. */
    ok = !opts.output ||
         output_file_check(opts.output, opts.force,
                           input_stat(opts.args[0], &input_st), &err);
    if (ok) {
        ok = run(&opts, cck, &err);
    }
    pv_crypto_wipe(cck, sizeof(cck));
    if (!ok) {
        error_report_err(err);
    }
    g_free(opts.key_file);
    g_free(opts.output);
    g_strfreev(opts.args);
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

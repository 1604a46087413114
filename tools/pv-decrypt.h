/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv-decrypt.h - turn a parsed protected dump into a plain ELF core.
 *
 * Ties the reader, the engine and the writer together.  Nothing reaches
 * the output before the completion data and every CPU note authenticated
 * and every page state checked, except for a stream whose sections follow
 * its memory: there the memory ciphertext is first copied to the output
 * file (the only place it can go without spooling it), the metadata is
 * spooled, and the memory is then decrypted in place.  Either way the
 * output file only appears once complete (output-file.h).
 */
#ifndef TOOLS_PV_DECRYPT_H
#define TOOLS_PV_DECRYPT_H

#include "qemu/osdep.h"
#include "dump-reader.h"

typedef struct PvDecryptOptions {
    const char *output;       /* path, "-" for standard output */
    bool force;               /* overwrite an existing output file */
    unsigned threads;
    bool progress;
} PvDecryptOptions;

/*
 * Decrypts @dump with @cck into opts->output.  If the sections of @dump
 * have not been read yet (a stream whose sections follow its memory), they
 * are read after the memory.
 */
bool pv_decrypt_dump(PvDump *dump, const uint8_t cck[PV_CCK_SIZE],
                     const PvDecryptOptions *opts, GError **errp);

/*
 * Reads the rest of a stream whose sections follow its memory, discarding
 * the memory, then reads the sections (for --info and --verify).
 */
bool pv_dump_skip_to_sections(PvDump *dump, GError **errp);

#endif /* TOOLS_PV_DECRYPT_H */

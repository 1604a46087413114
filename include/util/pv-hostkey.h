/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * pv-hostkey.h - host key pairs and host-key documents of a PV host.
 *
 * A Secure Execution host owns an EC P-521 key pair; its public part is
 * published in a host-key document, an X.509 certificate (IBM signs real
 * ones).  Image builders encrypt to the document's key; the Ultravisor
 * holds the private key.  pvdump's simulator keeps a pair in a state
 * directory and pvdump-hostkey creates new ones (self-signed documents).
 *
 * Files: the private key is PEM PKCS#8 (mode 0600), the document PEM X.509.
 */
#ifndef UTIL_PV_HOSTKEY_H
#define UTIL_PV_HOSTKEY_H

#include "qemu/osdep.h"
#include <openssl/types.h>

/* File names inside the state directory. */
#define PV_HOSTKEY_DEFAULT_KEY "host-key.pem"
#define PV_HOSTKEY_DEFAULT_DOC "host-key.crt"

/* Loads a P-521 private key (PEM).  Errors name the file. */
EVP_PKEY *pv_hostkey_load_private(const char *path, GError **errp);

/*
 * Loads a host-key document (PEM or DER X.509) and returns its P-521
 * public key.  With @verify, the document must be within its validity
 * period and carry a valid self-signature or an issuer pvdump cannot check
 * is refused (pvimg needs the IBM CA chain for that; use --no-verify).
 */
EVP_PKEY *pv_hostkey_load_document(const char *path, bool verify, GError **errp);

/*
 * Creates a fresh key pair: the private key at @key_path (0600, refused if
 * it exists and !@overwrite) and a self-signed host-key document valid for
 * @days days at @doc_path.
 */
bool pv_hostkey_create(const char *key_path, const char *doc_path,
                       unsigned days, bool overwrite, GError **errp);

/*
 * The simulator's state directory: $PVDUMP_STATE_DIR, else
 * $XDG_STATE_HOME/pvdump, else ~/.local/state/pvdump.
 */
char *pv_hostkey_state_dir(void);

/*
 * The default host key: loads <state dir>/host-key.pem, creating the
 * directory (0700), the pair and its document on first use.
 */
EVP_PKEY *pv_hostkey_load_default(GError **errp);

#endif /* UTIL_PV_HOSTKEY_H */

/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * uv-storage.c - secure storage: page states, export and import.
 *
 * The content of a secure page lives in the UV's own buffer, never in the
 * host mapping.  A host access exports the page as the real kernel does
 * on a host fault (CONV_FROM_SEC_STOR): the UV encrypts it into the host
 * mapping with its export key and the page's tweak (D10: nonce OR
 * {0, generation, pfn}).  The next guest access imports it back
 * (CONV_TO_SEC_STOR).  Shared pages are plain in both views.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "util/be-access.h"
#include "util/pv-dump-format.h"
#include "uvsim-internal.h"

#define PAGE SE_PAGE_SIZE

static uint8_t *host_page(UvsimVM *vm, uint64_t pfn)
{
    return vm->mem_host + pfn * PAGE;
}

static void export_tweak(const UvState *uv, uint64_t pfn, uint8_t tweak[16])
{
    memcpy(tweak, uv->export_nonce, 16);
    be32_store(tweak + 8, uv->page_gen[pfn]);
    be32_store(tweak + 12, (uint32_t)pfn);
}

bool uv_storage_init(UvsimVM *vm, GError **errp)
{
    UvState *uv = &vm->uv;
    uint8_t key[PV_XTS_KEY_SIZE];
    bool ok;

    memset(uv->export_nonce, 0, sizeof(uv->export_nonce));
    if (!pv_random_bytes(key, sizeof(key), errp) ||
        !pv_random_bytes(uv->export_nonce, 8, errp)) {
        return false;
    }
    uv->export_enc = pv_xts_new(key, true, errp);
    uv->export_dec = uv->export_enc ? pv_xts_new(key, false, errp) : NULL;
    /* DUMP_COMPLETE hands the key to the owner (pv_compl). */
    memcpy(uv->export_key, key, sizeof(key));
    pv_crypto_wipe(key, sizeof(key));
    ok = uv->export_dec != NULL;
    if (!ok) {
        pv_xts_free(uv->export_enc);
        uv->export_enc = NULL;
        return false;
    }
    uv->npages = vm->mem_size / PAGE;
    uv->page_state = g_new0(uint8_t, uv->npages);
    uv->page_gen = g_new0(uint32_t, uv->npages);
    uv->page_data = g_new0(uint8_t *, uv->npages);
    return true;
}

static void free_page_data(uint8_t *data)
{
    pv_crypto_wipe(data, PAGE);
    g_free(data);
}

void uv_storage_destroy(UvsimVM *vm)
{
    UvState *uv = &vm->uv;

    g_mutex_lock(&uv->lock);
    /* Destroying the configuration destroys its secure pages (content gone). */
    for (uint64_t pfn = 0; pfn < uv->npages; pfn++) {
        if (uv->page_data[pfn]) {
            free_page_data(uv->page_data[pfn]);
        }
    }
    g_clear_pointer(&uv->page_state, g_free);
    g_clear_pointer(&uv->page_gen, g_free);
    g_clear_pointer(&uv->page_data, g_free);
    uv->npages = 0;
    pv_xts_free(uv->export_enc);
    pv_xts_free(uv->export_dec);
    uv->export_enc = uv->export_dec = NULL;
    pv_crypto_wipe(uv->export_key, sizeof(uv->export_key));
    g_mutex_unlock(&uv->lock);
}

UvPageState uv_storage_state_locked(UvsimVM *vm, uint64_t pfn)
{
    UvState *uv = &vm->uv;

    return pfn < uv->npages ? uv->page_state[pfn] : UV_PAGE_NORMAL;
}

void uv_storage_make_secure_locked(UvsimVM *vm, uint64_t pfn, uint8_t *data)
{
    UvState *uv = &vm->uv;

    uv->page_data[pfn] = data;
    uv->page_state[pfn] = UV_PAGE_SECURE;
    memset(host_page(vm, pfn), 0, PAGE);
}

static void export_page(UvsimVM *vm, uint64_t pfn)
{
    UvState *uv = &vm->uv;
    uint8_t tweak[16];

    uv->page_gen[pfn]++;
    export_tweak(uv, pfn, tweak);
    /* XTS with an established key cannot fail on a full page. */
    g_assert(pv_xts_page(uv->export_enc, tweak, uv->page_data[pfn],
                         host_page(vm, pfn), NULL));
    free_page_data(uv->page_data[pfn]);
    uv->page_data[pfn] = NULL;
    uv->page_state[pfn] = UV_PAGE_EXPORTED;
}

/* Makes @pfn secure for a guest access; returns its UV-held content. */
static uint8_t *import_page(UvsimVM *vm, uint64_t pfn)
{
    UvState *uv = &vm->uv;
    uint8_t tweak[16];
    uint8_t *data;

    switch (uv->page_state[pfn]) {
    case UV_PAGE_SECURE:
        return uv->page_data[pfn];
    case UV_PAGE_SHARED:
        return host_page(vm, pfn);
    case UV_PAGE_EXPORTED:
        data = g_malloc(PAGE);
        export_tweak(uv, pfn, tweak);
        g_assert(pv_xts_page(uv->export_dec, tweak, host_page(vm, pfn), data, NULL));
        uv->page_data[pfn] = data;
        uv->page_state[pfn] = UV_PAGE_SECURE;
        return data;
    default:
        /* A page the guest touches for the first time becomes secure. */
        data = g_memdup2(host_page(vm, pfn), PAGE);
        uv_storage_make_secure_locked(vm, pfn, data);
        return data;
    }
}

int uv_storage_host_access(UvsimVM *vm, uint64_t gpa, uint64_t len)
{
    UvState *uv = &vm->uv;

    if (gpa > vm->mem_size || len > vm->mem_size - gpa) {
        return -EFAULT;
    }
    if (!len) {
        return 0;
    }
    g_mutex_lock(&uv->lock);
    for (uint64_t pfn = gpa / PAGE; uv->npages && pfn <= (gpa + len - 1) / PAGE; pfn++) {
        if (uv->page_state[pfn] == UV_PAGE_SECURE) {
            export_page(vm, pfn);
        }
    }
    g_mutex_unlock(&uv->lock);
    return 0;
}

static bool page_is_zero(const uint8_t *p)
{
    return p[0] == 0 && !memcmp(p, p + 1, PAGE - 1);
}

/*
 * The component of one page (docs/pv-dump-format.md, D10).  A secure page
 * not yet exported is described by the export the host's read will make
 * (the next generation); the guest cannot run in between while dumping.
 * A page that was never made secure holds what the guest would import:
 * zero if it is all zeros, else the host's plain content (shared|mapped).
 */
static void page_component(UvsimVM *vm, uint64_t pfn, uint8_t *comp)
{
    UvState *uv = &vm->uv;

    switch (uv_storage_state_locked(vm, pfn)) {
    case UV_PAGE_SECURE:
        pv_stor_state_encode_encrypted(uv->page_gen[pfn] + 1, pfn, comp);
        break;
    case UV_PAGE_EXPORTED:
        pv_stor_state_encode_encrypted(uv->page_gen[pfn], pfn, comp);
        break;
    case UV_PAGE_SHARED:
        pv_stor_state_encode_special(PV_STOR_FLAG_SHARED, comp);
        break;
    default:
        pv_stor_state_encode_special(page_is_zero(host_page(vm, pfn)) ?
                                     PV_STOR_FLAG_ZERO :
                                     PV_STOR_FLAG_SHARED | PV_STOR_FLAG_MAPPED,
                                     comp);
        break;
    }
}

void uv_storage_dump_state_locked(UvsimVM *vm, uint64_t gaddr, uint8_t *out)
{
    for (uint64_t i = 0; i < MiB / PAGE; i++) {
        page_component(vm, gaddr / PAGE + i, out + i * PV_STOR_STATE_SIZE);
    }
}

int uv_storage_peek(UvsimVM *vm, uint64_t gpa, void *buf, uint64_t len)
{
    UvState *uv = &vm->uv;
    uint8_t *p = buf, page[PAGE], tweak[16];

    if (gpa > vm->mem_size || len > vm->mem_size - gpa) {
        return -EFAULT;
    }
    g_mutex_lock(&uv->lock);
    for (uint64_t end = gpa + len; gpa < end;) {
        uint64_t pfn = gpa / PAGE, off = gpa % PAGE;
        size_t chunk = MIN(end - gpa, PAGE - off);
        const uint8_t *src = host_page(vm, pfn);

        if (uv_storage_state_locked(vm, pfn) == UV_PAGE_SECURE) {
            src = uv->page_data[pfn];
        } else if (uv_storage_state_locked(vm, pfn) == UV_PAGE_EXPORTED) {
            export_tweak(uv, pfn, tweak);
            g_assert(pv_xts_page(uv->export_dec, tweak, src, page, NULL));
            src = page;
        }
        memcpy(p, src + off, chunk);
        p += chunk;
        gpa += chunk;
    }
    g_mutex_unlock(&uv->lock);
    pv_crypto_wipe(page, sizeof(page));
    return 0;
}

/* Copies between @buf and guest memory page by page, importing as needed. */
static void guest_access(UvsimVM *vm, uint64_t gpa, void *buf, size_t len, bool write)
{
    UvState *uv = &vm->uv;
    uint8_t *p = buf;

    g_assert(gpa <= vm->mem_size && len <= vm->mem_size - gpa);
    g_mutex_lock(&uv->lock);
    while (len) {
        uint64_t pfn = gpa / PAGE, off = gpa % PAGE;
        size_t chunk = MIN(len, PAGE - off);
        uint8_t *page = uv->npages ? import_page(vm, pfn) : host_page(vm, pfn);

        if (write) {
            memcpy(page + off, p, chunk);
        } else {
            memcpy(p, page + off, chunk);
        }
        gpa += chunk;
        p += chunk;
        len -= chunk;
    }
    g_mutex_unlock(&uv->lock);
}

void uv_guest_read(UvsimVM *vm, uint64_t gpa, void *buf, size_t len)
{
    guest_access(vm, gpa, buf, len, false);
}

void uv_guest_write(UvsimVM *vm, uint64_t gpa, const void *buf, size_t len)
{
    guest_access(vm, gpa, (void *)buf, len, true);
}

void uv_storage_share(UvsimVM *vm, uint64_t gpa)
{
    UvState *uv = &vm->uv;
    uint64_t pfn = gpa / PAGE;

    g_mutex_lock(&uv->lock);
    if (pfn < uv->npages && uv->page_state[pfn] != UV_PAGE_SHARED) {
        /* The guest shares its own (imported) content. */
        uint8_t *data = import_page(vm, pfn);
        memcpy(host_page(vm, pfn), data, PAGE);
        free_page_data(data);
        uv->page_data[pfn] = NULL;
        uv->page_state[pfn] = UV_PAGE_SHARED;
    }
    g_mutex_unlock(&uv->lock);
}

void uv_storage_unshare_all(UvsimVM *vm)
{
    UvState *uv = &vm->uv;

    g_mutex_lock(&uv->lock);
    for (uint64_t pfn = 0; pfn < uv->npages; pfn++) {
        if (uv->page_state[pfn] == UV_PAGE_SHARED) {
            /* The page becomes secure again with its current content. */
            uv_storage_make_secure_locked(vm, pfn, g_memdup2(host_page(vm, pfn), PAGE));
        }
    }
    g_mutex_unlock(&uv->lock);
}

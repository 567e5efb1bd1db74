/*
 * vm.c -- a virtual machine's life: logon (create), IPL, reset, logoff, and
 * the accessors of vmm.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cp_priv.h"

/* Is name a valid VM name (1-32 of A-Z a-z 0-9 $ # @ _ - .)?  The directory
   keeps VM/370's 1-8 upper-case names; pgvmm names VMs after image files. */
static bool valid_name(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > CP_NAME_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)name[i]) && !strchr("$#@_-.", name[i]))
            return false;
    return true;
}

/* Log on a VM with mem bytes of guest storage. */
cp_vm *cp_vm_create(cp *c, const char *name, uint32_t mem, char *err, size_t errsize)
{
    if (!valid_name(name)) {
        snprintf(err, errsize, "'%s' is not a VM name (1-%d letters, digits, $#@_-.)", name,
                 CP_NAME_MAX);
        return NULL;
    }
    if (cp_vm_find(c, name)) {
        snprintf(err, errsize, "a VM named %s is already logged on", name);
        return NULL;
    }
    if (mem == 0 || mem % PG_PAGE_SIZE || mem > PG_MAX_MEMORY) {
        snprintf(err, errsize, "%s: storage must be a multiple of 4K up to 256M", name);
        return NULL;
    }
    if (mem > cp_frames_available(c)) {
        snprintf(err, errsize, "%s: %u bytes of storage do not fit: CP has %llu bytes of real "
                 "storage left (try --real-mem)", name, mem,
                 (unsigned long long)cp_frames_available(c));
        return NULL;
    }
    if (c->nvms == CP_MAX_VMS) {
        snprintf(err, errsize, "%s: CP runs at most %d VMs", name, CP_MAX_VMS);
        return NULL;
    }
    if (c->nvms == c->capvms) {
        int cap = c->capvms ? c->capvms * 2 : 16;
        cp_vm **p = realloc(c->vms, (size_t)cap * sizeof *p);
        if (!p) {
            snprintf(err, errsize, "out of memory");
            return NULL;
        }
        c->vms = p;
        c->capvms = cap;
    }
    cp_vm *vm = calloc(1, sizeof *vm);
    if (!vm || !(vm->frames = calloc(mem / PG_PAGE_SIZE, sizeof *vm->frames))) {
        free(vm);
        snprintf(err, errsize, "out of memory");
        return NULL;
    }
    vm->cp = c;
    memcpy(vm->name, name, strlen(name) + 1);
    vm->index = c->nvms;
    vm->mem_size = mem;
    vm->max_cycles = c->max_cycles;
    cp_vm_storage_init(vm);
    pg_tlb_init(&vm->tlb);
    pg_channel_init(&vm->chan);
    cp_vdevs_init(vm);
    vm->state = CP_VM_NOT_IPLED;
    c->reserved += mem;
    c->vms[c->nvms++] = vm;
    return vm;
}

/* Log a VM off: free its storage, tables and devices.  (It stays in the
   list of VMs only until CP is freed; used by cp_free.) */
void cp_vm_destroy(cp_vm *vm, char *err, size_t n)
{
    cp_vdevs_free(vm, err, n);
    cp_vm_release_storage(vm);
    cp_shadow_release(vm);
    pg_tlb_free(&vm->tlb);
    vm->cp->reserved -= vm->mem_size;
    free(vm->frames);
    free(vm);
}

/* System reset: the virtual CPU and storage to zero, TLB empty, devices idle. */
void cp_vm_reset(cp_vm *vm)
{
    memset(vm->gpr, 0, sizeof vm->gpr);
    vm->psw = (pg_psw){0, 0};
    memset(vm->cr, 0, sizeof vm->cr);
    vm->tod = 0;
    vm->timer_base = 0;
    vm->icount = 0;
    vm->pgm_guard = false;
    cp_vm_release_storage(vm);
    cp_shadow_release(vm);
    pg_tlb_purge(&vm->tlb);
    pg_channel_reset(&vm->chan);
    vm->has_pending = false;
    vm->skip_trap_hook = false;
    vm->stop_requested = false;
    vm->state = CP_VM_NOT_IPLED;
    vm->block = CP_BLOCK_NONE;
}

/* The end of IPL: the PSW at guest real 0; an invalid one is a check stop. */
static void load_ipl_psw(cp_vm *vm)
{
    pg_psw p = {cp_vm_read32(vm, 0), cp_vm_read32(vm, 4)};
    vm->psw = p;
    vm->state = (p.flags & ~(uint32_t)PG_PSW_VALID) ? CP_VM_CHECK_STOP : CP_VM_READY;
}

/* IPL from an image: reset, the image at guest real 0, the PSW at 0. */
bool cp_vm_ipl_image(cp_vm *vm, const uint8_t *image, size_t len, char *err, size_t errsize)
{
    if (len > vm->mem_size) {
        snprintf(err, errsize, "%s: image is larger than storage (%u bytes)", vm->name,
                 vm->mem_size);
        return false;
    }
    if (len < 8) {
        snprintf(err, errsize, "%s: image is %zu bytes; it needs at least the 8-byte IPL PSW",
                 vm->name, len);
        return false;
    }
    cp_vm_reset(vm);
    vm->storage.write(vm, 0, image, (uint32_t)len);
    load_ipl_psw(vm);
    return true;
}

/* IPL from one of the VM's disks. */
bool cp_vm_ipl_device(cp_vm *vm, uint16_t devno, char *err, size_t errsize)
{
    cp_vm_reset(vm);
    if (!pg_channel_ipl_read(&vm->chan, devno, &vm->storage, err, errsize))
        return false;
    load_ipl_psw(vm);
    return true;
}

/* The VM's virtual channel set. */
pg_channel *cp_vm_channel(cp_vm *vm)
{
    return &vm->chan;
}

/* The VM's guest real storage. */
const pg_storage *cp_vm_storage(cp_vm *vm)
{
    return &vm->storage;
}

/* Limit the VM's virtual cycles. */
void cp_vm_set_max_cycles(cp_vm *vm, uint64_t max)
{
    vm->max_cycles = max;
}

/* Number of VMs. */
int cp_vm_count(const cp *c)
{
    return c->nvms;
}

/* The i-th VM in logon order. */
cp_vm *cp_vm_at(cp *c, int i)
{
    return i >= 0 && i < c->nvms ? c->vms[i] : NULL;
}

/* The VM of a name, ignoring case. */
cp_vm *cp_vm_find(cp *c, const char *name)
{
    for (int i = 0; i < c->nvms; i++) {
        const char *a = c->vms[i]->name, *b = name;
        while (*a && toupper((unsigned char)*b) == toupper((unsigned char)*a))
            a++, b++;
        if (!*a && !*b)
            return c->vms[i];
    }
    return NULL;
}

const char *cp_vm_name(const cp_vm *vm) { return vm->name; }
cp_vm_state cp_vm_get_state(const cp_vm *vm) { return vm->state; }
cp_block_reason cp_vm_block_reason(const cp_vm *vm) { return vm->block; }
uint32_t cp_vm_mem_size(const cp_vm *vm) { return vm->mem_size; }
const cp_vm_stats *cp_vm_get_stats(const cp_vm *vm) { return &vm->stats; }

/* A state's name, for messages and QUERY NAMES. */
const char *cp_vm_state_name(cp_vm_state s)
{
    static const char *const names[] = {
        [CP_VM_READY] = "running", [CP_VM_BLOCKED] = "waiting",
        [CP_VM_STOPPED] = "stopped", [CP_VM_DISABLED_WAIT] = "disabled wait",
        [CP_VM_CHECK_STOP] = "check stop",
        [CP_VM_MAX_CYCLES] = "cycle limit", [CP_VM_NOT_IPLED] = "not IPLed",
    };
    return (unsigned)s < sizeof names / sizeof names[0] ? names[s] : "?";
}

/* The outside event a blocked VM waited for has come; or BEGIN after a stop
   (from a breakpoint: the instruction there runs without stopping again). */
void cp_vm_wake(cp_vm *vm)
{
    if (vm->state == CP_VM_STOPPED && vm->stop_reason == CP_STOP_BREAKPOINT)
        vm->skip_break = true;
    if (vm->state == CP_VM_BLOCKED || vm->state == CP_VM_STOPPED) {
        vm->state = CP_VM_READY;
        vm->block = CP_BLOCK_NONE;
    }
}

/* Stop a VM at its next boundary. */
void cp_vm_stop(cp_vm *vm)
{
    if (vm->cp->running == vm && vm->state == CP_VM_READY) {
        vm->stop_requested = true;  /* at its next boundary */
    } else if (vm->state == CP_VM_READY || vm->state == CP_VM_BLOCKED) {
        vm->state = CP_VM_STOPPED;
        vm->stop_reason = CP_STOP_OPERATOR;
    }
}

/* Why a stopped VM stopped. */
cp_stop_reason cp_vm_stop_reason(const cp_vm *vm)
{
    return vm->stop_reason;
}

/* Before the VM's next instruction: stop it if a breakpoint is there (unless
   it is resuming from that very stop).  True when it stopped. */
bool cp_vm_check_break(cp_vm *vm)
{
    bool resuming = vm->skip_break;
    vm->skip_break = false;
    if (resuming || vm->state != CP_VM_READY)
        return false;
    uint32_t addr = cp_vm_addr(vm);
    for (int i = 0; i < vm->nbreaks; i++)
        if (vm->breaks[i] == addr) {
            vm->state = CP_VM_STOPPED;
            vm->stop_reason = CP_STOP_BREAKPOINT;
            return true;
        }
    return false;
}

/* Set an instruction breakpoint. */
bool cp_vm_break_add(cp_vm *vm, uint32_t addr)
{
    if (vm->nbreaks == CP_MAX_BREAKS)
        return false;
    for (int i = 0; i < vm->nbreaks; i++)
        if (vm->breaks[i] == addr)
            return false;
    vm->breaks[vm->nbreaks++] = addr;
    return true;
}

/* Remove an instruction breakpoint; false if there was none at addr. */
bool cp_vm_break_remove(cp_vm *vm, uint32_t addr)
{
    for (int i = 0; i < vm->nbreaks; i++)
        if (vm->breaks[i] == addr) {
            vm->breaks[i] = vm->breaks[--vm->nbreaks];
            return true;
        }
    return false;
}

/* Remove every instruction breakpoint. */
void cp_vm_break_clear(cp_vm *vm)
{
    vm->nbreaks = 0;
}

/* The breakpoints (at most max of them); returns how many there are. */
int cp_vm_break_list(const cp_vm *vm, uint32_t *addrs, int max)
{
    for (int i = 0; i < vm->nbreaks && i < max; i++)
        addrs[i] = vm->breaks[i];
    return vm->nbreaks;
}

/* The architected registers (the VM is not running). */
void cp_vm_get_state_regs(const cp_vm *vm, pg_arch_state *s)
{
    for (unsigned i = 0; i < 16; i++)
        s->gpr[i] = cp_vm_reg(vm, i);
    s->psw = cp_vm_get_psw(vm);
    memcpy(s->cr, vm->cr, sizeof s->cr);
    s->timer = cp_vm_timer_now(vm);
    s->tod = cp_vm_now(vm);
}

uint32_t cp_vm_get_gpr(const cp_vm *vm, unsigned n) { return cp_vm_reg(vm, n); }
void cp_vm_set_gpr(cp_vm *vm, unsigned n, uint32_t v) { cp_vm_set_reg(vm, n, v); }
uint32_t cp_vm_get_cr(const cp_vm *vm, unsigned n) { return n < PG_CR_COUNT ? vm->cr[n] : 0; }
uint64_t cp_vm_get_tod(const cp_vm *vm) { return cp_vm_now(vm); }
int64_t cp_vm_get_timer(const cp_vm *vm) { return cp_vm_timer_now(vm); }

/* The virtual PSW. */
pg_psw cp_vm_get_psw(const cp_vm *vm)
{
    return (pg_psw){vm->psw.flags, cp_vm_addr(vm)};
}

/* Set the virtual PSW (operator STORE PSW); refuses reserved bits. */
bool cp_vm_set_psw(cp_vm *vm, pg_psw psw)
{
    if (psw.flags & ~(uint32_t)PG_PSW_VALID)
        return false;
    cp_vm_load_psw(vm, psw);
    vm->pgm_guard = false;
    return true;
}

/* Digest of the guest-visible state (pgsim's function over the VM). */
uint64_t cp_vm_digest(cp_vm *vm)
{
    pg_arch_state s;
    cp_vm_get_state_regs(vm, &s);
    return pg_digest(&s, &vm->storage);
}

/* Instructions run directly, as a fraction of all the VM completed. */
double cp_vm_efficiency(const cp_vm *vm)
{
    uint64_t all = vm->stats.direct + vm->stats.emulated;
    return all ? (double)vm->stats.direct / (double)all : 1.0;
}

/* Disk blocks the VM's channel programs moved: the channel's byte counts. */
uint64_t cp_vm_disk_blocks(const cp_vm *vm)
{
    uint64_t bytes = 0;
    for (int i = 0; i < vm->chan.count; i++)
        if (vm->chan.dev[i].type == PG_DEVT_DISK)
            bytes += vm->chan.dev[i].data_bytes;
    return bytes / PG_DISK_BLOCK;
}

; cms.s -- CMS, a conversational single-user system for PG32.
;
; IPLs from the system disk 190 (boot.inc loads this image), reads commands
; from the console and answers each with R; or R(nnnnn);.  Files live on the
; A-disk 191 and on the system disk (S), in the file system of
; guest-os/README.md.  MODULE files run at 0x10000 in problem state with
; translation on and ask CMS for services with svc (module.inc).
;
; Register conventions in every routine: r1-r6 arguments, results and
; scratch (clobbered); r7-r12 preserved; r13 stack pointer (grows down);
; r14 link register; r15 scratch.  Everything runs in supervisor state with
; translation off, and all I/O is polled (no I/O or external interrupts).
;
; Memory map (real = virtual, the page tables are an identity map):
;   0x00000-0x00FFF  low core and the bootstrap (boot.inc)
;   0x01000-...      the nucleus: code and small data (this image, < 0x10000)
;   0x10000-0x1FFFF  user area: a MODULE is loaded and runs here (pages U)
;   0x20000-0x2FFFF  FILEBUF: a whole file read from disk
;   0x30000-0x3FFFF  WBUF: a file being built (EDIT, READCARD, module output)
;   0x40000-0x43FFF  EXECBUF: the EXEC being run
;   0x44000-0x451FF  A-disk header and directory (ADIR)
;   0x46000-0x471FF  system disk header and directory (SDIR)
;   0x48000-0x49FFF  page tables: first level, second level
;   0x4A000-0x4AFFF  console line, token array and card buffers
;   0x4B000-0x4BFFF  CP response buffer
;   0x4C000-0x4FFFF  CMS stack (top 0x50000)
IPLDEV = 0x190
        .include "../common/boot.inc"

USERBASE = 0x10000
USEREND  = 0x20000
FILEBUF  = 0x20000
BUFSIZE  = 0x10000
WBUF     = 0x30000
EXECBUF  = 0x40000
EXECMAX  = 0x4000
ADIR     = 0x44000
SDIR     = 0x46000
PT1      = 0x48000
PT2      = 0x49000
LINEBUF  = 0x4A000
LINEMAX  = 255
TOKENS   = 0x4A200              ; 8 tokens of 8 bytes, blank padded, upper case
TOKLEN   = 0x4A240              ; 8 words: length of each token as typed
CARDBUF  = 0x4A300
SAVELINE = 0x4A400              ; EXEC: copy of the line being run
CPRESP   = 0x4B000
CPRESPMAX = 4096
STACKTOP = 0x50000
MAPEND   = 0x50000              ; pages mapped by the page tables

; Return codes (README.md lists them)
RC_UNKNOWN  = 1
RC_IOERR    = 3
RC_FULL     = 13
RC_BADCMD   = 24
RC_NOTFOUND = 28
RC_NOTFMT   = 36
RC_TOOBIG   = 40
RC_EXISTS   = 42
RC_RDREMPTY = 44
RC_NESTED   = 48
RC_NOCP     = 100
RC_CPERR    = 104
RC_FAULT    = 10000             ; + program interruption code
RC_BADSVC   = 20000             ; + SVC number (max 9999)
RC_TIMELIMIT = 30000            ; a module ran longer than MODLIMIT cycles

        .org  0x1000
; nucleus: the entry point after the bootstrap.  Sets the stack, the
; interrupt new PSWs and the page tables, mounts the disks, runs
; PROFILE EXEC and enters the command loop.  Never returns.
nucleus:
        li    sp, STACKTOP
        call  lowcore_init
        call  pt_init
        la    r1, mbanner
        call  puts
        call  fs_init
        call  profile
        j     cmdloop

        .include "console.inc"
        .include "disk.inc"
        .include "fs.inc"
        .include "commands.inc"
        .include "edit.inc"
        .include "exec.inc"
        .include "paging.inc"
        .include "module.inc"

        .align 4
mbanner: .asciz "VMLAB CMS release 1\n"
        .align 4
image_end:

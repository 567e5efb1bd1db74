; edges.s -- a hidden test of lab vio: DIAGNOSE 0x0018 at the edges (run
; under CP with a 64-block disk at 191).  A first block and count that wrap
; 32 bits, a buffer that wraps or ends exactly at the end of storage, the
; last block of the disk, a device number above 16 bits, a parameter block
; that ends exactly at the end of storage and one a word beyond.
        .org  0
        .psw  S, start
        .org  0x38
        .psw  S, pgmh
        .org  0x200
start:  la    r2, pwrap
        diag  r1, r2, 0x0018            ; 2: beyond the end, not a wrap
        call  log
        la    r2, pbufwrap
        diag  r1, r2, 0x0018            ; 4: the buffer wraps
        call  log
        la    r2, pbufend
        diag  r1, r2, 0x0018            ; 0: the buffer ends at the end of storage
        call  log
        la    r2, plast
        diag  r1, r2, 0x0018            ; 0: the last block
        call  log
        la    r2, pbigdev
        diag  r1, r2, 0x0018            ; 1: no such disk
        call  log
        la    r2, pcount
        diag  r1, r2, 0x0018            ; 2: a count beyond the disk
        call  log
        lui   r2, 0x10                  ; 1 MiB: the storage's end
        addi  r2, r2, -20
        la    r3, plast                 ; a copy of plast in the last 20 bytes
        lw    r4, 0(r3)
        sw    r4, 0(r2)
        lw    r4, 4(r3)
        sw    r4, 4(r2)
        lw    r4, 8(r3)
        sw    r4, 8(r2)
        lw    r4, 12(r3)
        sw    r4, 12(r2)
        lw    r4, 16(r3)
        sw    r4, 16(r2)
        diag  r1, r2, 0x0018            ; 0: the block ends at the end of storage
        call  log
        lui   r2, 0x10
        addi  r2, r2, -16
        diag  r1, r2, 0x0018            ; addressing: a word beyond
        la    r1, mlog
        call  puts
        li    r10, 0
rep:    la    r1, log0
        add   r1, r1, r10
        lw    r1, 0(r1)
        call  puthex
        li    r1, ' '
        call  putc
        addi  r10, r10, 4
        lw    r2, nlog(r0)
        slli  r2, r2, 2
        bne   r10, r2, rep
        call  putnl
        lpsw  halt(r0)

pgmh:   sw    r1, save(r0)
        lw    r1, 0x68(r0)
        ori   r1, r1, 0xE00
        call  log
        lw    r1, 0x34(r0)
        addi  r1, r1, 4
        sw    r1, 0x34(r0)
        lw    r1, save(r0)
        lpsw  0x30(r0)

log:    lw    r2, nlog(r0)
        slli  r3, r2, 2
        la    r4, log0
        add   r3, r3, r4
        sw    r1, 0(r3)
        addi  r2, r2, 1
        sw    r2, nlog(r0)
        ret

        .align 8
halt:   .psw  W, 0
save:   .word 0
pwrap:  .word 0x191, 1, 0xFFFFFFFF, 2, 0x4000
pbufwrap: .word 0x191, 1, 0, 2, 0xFFFFFE00
pbufend: .word 0x191, 1, 0, 2, 0xFFC00
plast:  .word 0x191, 1, 63, 1, 0x4000
pbigdev: .word 0x10191, 1, 0, 1, 0x4000
pcount: .word 0x191, 1, 1, 0x80000000, 0x4000
nlog:   .word 0
log0:   .space 64
mlog:   .asciz "log: "
        .include "../../../../tests/programs/conio.inc"

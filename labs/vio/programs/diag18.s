; diag18.s -- lab vio: DIAGNOSE 0x0018, CP's synchronous block I/O (run it
; under CP: on the bare machine every DIAGNOSE but 0 is a specification
; exception).  A write of three blocks to the disk at 191 and a read back,
; every answer (1 no disk, 2 beyond the end, 3 read-only -- the disk at 192
; --, 4 a buffer outside storage, 0 for no blocks), the program exceptions
; (bad operation, a misaligned block, a block outside storage), and a
; channel program that reads the blocks again.  Everything is printed.
        .org  0
        .psw  S, start
        .org  0x38
        .psw  S, pgmh
        .org  0x200
start:  diag  r1, r0, 0                 ; where am I: 1 under CP
        call  log
        la    r2, pwrite                ; 3 blocks from 0x3000 to blocks 5-7
        diag  r1, r2, 0x0018
        call  log
        la    r2, pread                 ; back into 0x5000
        diag  r1, r2, 0x0018
        call  log
        lui   r3, 0
        ori   r3, r3, 0x5000
        lw    r1, 0(r3)
        call  log
        lui   r3, 0
        ori   r3, r3, 0x55FC
        lw    r1, 0(r3)                 ; the last word of block 7
        call  log
        la    r2, pnodisk
        diag  r1, r2, 0x0018
        call  log
        la    r2, pbeyond
        diag  r1, r2, 0x0018
        call  log
        la    r2, pro
        diag  r1, r2, 0x0018
        call  log
        la    r2, pbuf
        diag  r1, r2, 0x0018
        call  log
        la    r2, pnone
        diag  r1, r2, 0x0018
        call  log
        li    r1, 0x5555
        la    r2, pbadop
        diag  r1, r2, 0x0018            ; specification: r1 unchanged
        call  log
        la    r2, pwrite + 2
        diag  r1, r2, 0x0018            ; specification: misaligned
        lui   r2, 0x7000
        diag  r1, r2, 0x0018            ; addressing
        li    r7, 0x191                 ; the disk's position did not move: block 0
        la    r8, cread
        sio   r1, r7, r8
wd:     tio   r1, r7
        li    r2, 2
        beq   r1, r2, wd
        lui   r3, 0
        ori   r3, r3, 0x6000
        lw    r1, 0(r3)                 ; block 0 was never written: zero
        call  log
        la    r8, cread5
        sio   r1, r7, r8
wd2:    tio   r1, r7
        li    r2, 2
        beq   r1, r2, wd2
        lui   r3, 0
        ori   r3, r3, 0x6000
        lw    r1, 0x200(r3)             ; block 6's first word
        call  log
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
        andi  r2, r10, 31
        bnez  r2, rnl
        call  putnl
rnl:    lw    r2, nlog(r0)
        slli  r2, r2, 2
        bne   r10, r2, rep
        call  putnl
        lpsw  halt(r0)

pgmh:   sw    r1, save(r0)
        lw    r1, 0x68(r0)
        ori   r1, r1, 0xE00             ; program codes logged as 0xE0n
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
cread:  .byte 0x02, 0x00
        .half 512
        .word 0x6000
cread5: .byte 0x07, 0x40
        .half 4
        .word five
        .byte 0x02, 0x00
        .half 1024
        .word 0x6000
five:   .word 5
save:   .word 0
pwrite: .word 0x191, 2, 5, 3, 0x3000
pread:  .word 0x191, 1, 5, 3, 0x5000
pnodisk: .word 0x777, 1, 0, 1, 0x5000
pbeyond: .word 0x191, 1, 63, 2, 0x5000
pro:    .word 0x192, 2, 0, 1, 0x3000
pbuf:   .word 0x191, 1, 0, 4, 0xFFC00
pnone:  .word 0x191, 1, 0, 0, 0x5000
pbadop: .word 0x191, 3, 0, 1, 0x5000
nlog:   .word 0
log0:   .space 128
mlog:   .asciz "log:\n"
        .include "../../../tests/programs/conio.inc"
        .org  0x3000
        .ascii "block five"
        .org  0x3200
        .ascii "block six"
        .org  0x35FC
        .ascii "end!"

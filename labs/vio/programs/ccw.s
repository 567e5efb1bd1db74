; ccw.s -- lab vio: the I/O instructions on every kind of device, as a
; guest sees them.  Condition codes of sio, tio and hio (no device, busy,
; status pending, started), the CSW they store, a channel program with a
; program check, hio of a busy printer, a disk at 191 (SENSE, a WRITE and a
; READ whose data areas cross a page boundary, a SEEK beyond the end), and
; console READs up to the end of input.  Everything is logged and printed.
        .org  0
        .psw  S, start
        .org  0x38
        .psw  W, 0x99
        .org  0x200
start:  li    r7, 0x123                 ; no such device: 3, 3, 3
        la    r8, cwrite
        sio   r1, r7, r8
        call  logr1
        tio   r1, r7
        call  logr1
        hio   r1, r7
        call  logr1
        li    r7, 0x009                 ; console WRITE: 0; again at once: 2 (busy)
        sio   r1, r7, r8
        call  logr1
        sio   r1, r7, r8
        call  logr1
        tio   r1, r7                    ; busy: 2
        call  logr1
        call  spin                      ; status pending now
        sio   r1, r7, r8                ; 1: the CSW stored, nothing started
        call  logcsw
        tio   r1, r7                    ; 0: available
        call  logr1
        la    r8, cbad                  ; count 0: accepted, then program check
        sio   r1, r7, r8
        call  logr1
        call  waitdev
        li    r7, 0x00E                 ; printer: halted while busy
        la    r8, cprint
        sio   r1, r7, r8
        call  logr1
        hio   r1, r7                    ; 1
        call  logr1
        call  waitdev
        hio   r1, r7                    ; not busy: 0
        call  logr1
        li    r7, 0x191                 ; the disk
        la    r8, csense
        sio   r1, r7, r8
        call  waitdev
        lw    r1, dsize(r0)
        call  log
        la    r8, cwr                   ; SEEK 3, WRITE 600 bytes from 0x1F00
        sio   r1, r7, r8
        call  waitdev
        la    r8, crd                   ; SEEK 3, READ 600 bytes into 0x2F80
        sio   r1, r7, r8
        call  waitdev
        lw    r1, 0x2F80(r0)
        call  log
        lui   r2, 0
        ori   r2, r2, 0x2F80 + 596
        lw    r1, 0(r2)
        call  log
        la    r8, cfar                  ; SEEK beyond the end: unit check
        sio   r1, r7, r8
        call  waitdev
        li    r7, 0x009                 ; console READs until the end of input
rdloop: la    r8, cread
        sio   r1, r7, r8
        call  waitdev
        lw    r1, 0x7C(r0)
        srli  r2, r1, 24
        andi  r2, r2, 1                 ; unit exception: the end
        bnez  r2, done
        andi  r1, r1, 0xFFFF            ; residual
        li    r2, 40
        sub   r1, r2, r1                ; the line's length
        call  log
        j     rdloop
done:   la    r1, mlog
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
        la    r1, inbuf
        call  puts
        call  putnl
        lpsw  halt(r0)

; Log r1; log the CSW (both words) and r1; busy-wait; wait for a device.
log:    lw    r2, nlog(r0)
        slli  r3, r2, 2
        la    r4, log0
        add   r3, r3, r4
        sw    r1, 0(r3)
        addi  r2, r2, 1
        sw    r2, nlog(r0)
        ret
logr1:  j     log
logcsw: mov   r11, lr
        call  log
        lw    r1, 0x78(r0)
        call  log
        lw    r1, 0x7C(r0)
        call  log
        jr    r11
spin:   li    r2, 2000
sp1:    addi  r2, r2, -1
        bnez  r2, sp1
        ret
; tio r7 until status comes; log the CSW.
waitdev: mov  r12, lr
wd1:    tio   r1, r7
        li    r2, 2
        beq   r1, r2, wd1
        call  logcsw
        jr    r12

        .align 8
halt:   .psw  W, 0
cwrite: .byte 0x01, 0x20
        .half 6
        .word mhi
cbad:   .byte 0x01, 0x00
        .half 0
        .word mhi
cprint: .byte 0x01, 0x20
        .half 120
        .word mlong
csense: .byte 0x04, 0x00
        .half 4
        .word dsize
cwr:    .byte 0x07, 0x40
        .half 4
        .word blk3
        .byte 0x01, 0x00
        .half 600
        .word 0x1F00
crd:    .byte 0x07, 0x40
        .half 4
        .word blk3
        .byte 0x02, 0x00
        .half 600
        .word 0x2F80
cfar:   .byte 0x07, 0x00
        .half 4
        .word blkfar
cread:  .byte 0x02, 0x20
        .half 40
        .word inbuf
dsize:  .word 0
blk3:   .word 3
blkfar: .word 100000
nlog:   .word 0
log0:   .space 256
inbuf:  .space 48
mhi:    .ascii "hello\n"
mlog:   .asciz "log:\n"
mlong:  .ascii "a printer line that takes a while to print; the program halts it "
        .ascii "before it is done, and the CSW says so in its residual."
        .include "../../../tests/programs/conio.inc"
        .org  0x1F00
        .ascii "first"                  ; data at 0x1F00 that the disk write takes
        .org  0x2000
        .ascii "crossing"
        .org  0x2154
        .ascii "last"

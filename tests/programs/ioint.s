; ioint.s -- console output driven by I/O interrupts instead of polling:
; the program starts the first WRITE and waits with I/O interrupts enabled;
; the handler checks the device and the CSW, starts the next WRITE and waits
; again.  Each interrupt's TOD is recorded and printed at the end.
; (Times in the comments: TOD at the start of each instruction.)
; expect-status: 0
        .org  0
        .psw  S, start
        .org  0x38
        .psw  W, 0x99
        .org  0x58
        .psw  S, ioint                  ; I/O new PSW: interrupts off
        .org  0x200
start:  li    r7, 0                     ; 0: lines written
        li    r9, 0x009                 ; 1
        la    r10, ccws                 ; 2
        sio   r3, r9, r10               ; 4: 11 bytes, pending at 4 + 111 = 115
        bnez  r3, fail                  ; 14
        lpsw  waitio(r0)                ; 15: wait from 19 to 115, interrupt to 125

ioint:  la    r1, stamps                ; handler start h
        slli  r2, r7, 3                 ; h + 2
        add   r1, r1, r2                ; h + 3
        stck  0(r1)                     ; h + 4
        lw    r4, 0x70(r0)              ; h + 6: the device
        bne   r4, r9, fail              ; h + 8
        lw    r5, 0x7C(r0)              ; h + 9: CSW word 1
        srli  r5, r5, 16                ; h + 11
        li    r4, 0x0C00                ; h + 12
        bne   r5, r4, fail              ; h + 13
        addi  r7, r7, 1                 ; h + 14
        li    r4, 3                     ; h + 15
        beq   r7, r4, finish            ; h + 16
        addi  r10, r10, 8               ; h + 17: the next CCW
        sio   r3, r9, r10               ; h + 18
        bnez  r3, fail
        lpsw  waitio(r0)

finish: la    r1, mstamp
        call  puts
        li    r7, 0
floop:  la    r1, stamps + 4
        slli  r2, r7, 3
        add   r1, r1, r2
        lw    r1, 0(r1)
        call  putdec
        li    r1, ' '
        call  putc
        addi  r7, r7, 1
        li    r2, 3
        bne   r7, r2, floop
        call  putnl
        lw    r1, 0x50(r0)              ; the I/O old PSW: the wait PSW
        call  puthex
        call  putnl
        lpsw  done(r0)
fail:   lpsw  bad(r0)

        .align 8
waitio: .psw  W|I, 0
done:   .psw  W, 0
bad:    .psw  W, 1
ccws:   .byte 0x01, 0x00
        .half len1
        .word line1
        .byte 0x01, 0x00
        .half len2
        .word line2
        .byte 0x01, 0x00
        .half len3
        .word line3
stamps: .space 24
line1:  .ascii "first line\n"
len1 = . - line1
line2:  .ascii "second line\n"
len2 = . - line2
line3:  .ascii "third and last line\n"
len3 = . - line3
mstamp: .asciz "interrupts at: "
        .include "conio.inc"

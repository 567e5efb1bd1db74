; printer.s -- print a table of squares on the printer 00E, one WRITE per
; line, then one over-long line with SLI (the printer prints 132 bytes of
; it), and report on the console.
; expect-status: 0
PRINTER = 0x00E
        .org  0
        .psw  S, start
        .org  0x38
        .psw  W, 0x99
        .org  0x200
start:  li    r7, 1
line:   la    r2, buf                   ; "N squared is M"
        mov   r1, r7
        call  fmtdec
        la    r1, msq
        call  fmtstr
        mul   r1, r7, r7
        call  fmtdec
        la    r3, buf
        sub   r2, r2, r3                ; length
        la    r3, prccw
        sh    r2, 2(r3)
        li    r1, PRINTER
        mov   r2, r3
        call  doio
        srli  r1, r1, 16
        li    r2, 0x0C00
        bne   r1, r2, fail
        addi  r7, r7, 1
        li    r2, 13
        bne   r7, r2, line
        li    r1, PRINTER               ; 140 bytes with SLI: 132 printed
        la    r2, longccw
        call  doio
        srli  r1, r1, 16
        li    r2, 0x0C00
        bne   r1, r2, fail
        la    r1, mdone
        call  puts
        lpsw  done(r0)
fail:   lpsw  bad(r0)

; Append r1 in decimal at r2; r2 advances.  Clobbers r1, r3-r6.
fmtdec: la    r3, tend
        li    r5, 10
fdig:   remu  r4, r1, r5
        divu  r1, r1, r5
        addi  r4, r4, '0'
        addi  r3, r3, -1
        sb    r4, 0(r3)
        bnez  r1, fdig
        la    r6, tend
fcopy:  lbu   r4, 0(r3)
        sb    r4, 0(r2)
        addi  r3, r3, 1
        addi  r2, r2, 1
        bne   r3, r6, fcopy
        ret

; Append the zero-terminated string at r1 at r2; r2 advances.
fmtstr: lbu   r4, 0(r1)
        beqz  r4, fsret
        sb    r4, 0(r2)
        addi  r1, r1, 1
        addi  r2, r2, 1
        j     fmtstr
fsret:  ret

; Run the channel program at r2 on device r1, poll; r1 = CSW word 1.
doio:   sio   r3, r1, r2
        bnez  r3, fail
dpoll:  tio   r3, r1
        li    r4, 2
        beq   r3, r4, dpoll
        li    r4, 1
        bne   r3, r4, fail
        lw    r1, 0x7C(r0)
        ret

        .align 8
done:   .psw  W, 0
bad:    .psw  W, 1
prccw:  .byte 0x01, 0x00                ; WRITE, count filled in
        .half 0
        .word buf
longccw: .byte 0x01, 0x20               ; WRITE, SLI
        .half 140
        .word long
buf:    .space 40
tmp:    .space 12
tend:
msq:    .asciz " squared is "
mdone:  .asciz "printed 13 lines\n"
long:   .ascii "0123456789ABCDEFGHIJ0123456789ABCDEFGHIJ0123456789ABCDEFGHIJ"
        .ascii "0123456789ABCDEFGHIJ0123456789ABCDEFGHIJ0123456789ABCDEFGHIJ"
        .ascii "0123456789ABCDEFGHIJ"
        .include "conio.inc"

; priority.s -- lab reflect: several interrupts pending at once.  With
; every mask off the program starts output on the printer 00E, the punch 00D
; and the console 009, lets the CPU timer run out, then waits with I and E
; on: the external interrupt comes first, then the I/O interrupts, lowest
; device number first.  Each handler logs its class, code or device, the
; old PSW, the CSW and the time; the log is printed at the end.
        .org  0
        .psw  S, start
        .org  0x18
        .psw  S, exth
        .org  0x38
        .psw  W, 0x99
        .org  0x58
        .psw  S, ioh
        .org  0x200
start:  li    r1, 0x00E
        la    r2, cprt
        sio   r3, r1, r2
        li    r1, 0x00D
        la    r2, cpun
        sio   r3, r1, r2
        li    r1, 0x009
        la    r2, ccon
        sio   r3, r1, r2
        li    r1, 50
        spt   r1
        li    r1, 300                   ; long enough for everything to be pending
spin:   addi  r1, r1, -1
        bnez  r1, spin
        lpsw  waitall(r0)               ; enabled wait: all of them at once
after:  la    r1, mlog
        call  puts
        call  putnl
        li    r10, 0
rep:    la    r1, log
        add   r1, r1, r10
        lw    r1, 0(r1)
        call  puthex
        li    r1, ' '
        call  putc
        addi  r10, r10, 4
        andi  r2, r10, 31
        bnez  r2, rep
        call  putnl
        lw    r2, nlog(r0)
        slli  r2, r2, 5
        bne   r10, r2, rep
        lpsw  halt(r0)

; One log entry: class, code, old PSW, CSW words, TOD low word, 32 bytes.
exth:   sw    r1, save(r0)
        li    r1, 1
        sw    r1, cls(r0)
        lw    r1, 0x60(r0)
        sw    r1, code(r0)
        lw    r1, 0x10(r0)
        sw    r1, oldf(r0)
        lw    r1, 0x14(r0)
        sw    r1, olda(r0)
        li    r1, 0x7FFF                ; the timer far away again
        spt   r1
        jal   r13, logit
        lw    r1, save(r0)
        lpsw  0x10(r0)                  ; back into the wait: the next is taken
ioh:    sw    r1, save(r0)
        li    r1, 5
        sw    r1, cls(r0)
        lw    r1, 0x70(r0)
        sw    r1, code(r0)
        lw    r1, 0x50(r0)
        sw    r1, oldf(r0)
        lw    r1, 0x54(r0)
        sw    r1, olda(r0)
        jal   r13, logit
        lw    r1, nlog(r0)
        li    r2, 4
        beq   r1, r2, done4             ; all four: leave the wait
        lw    r1, save(r0)
        lpsw  0x50(r0)
done4:  lpsw  goafter(r0)

logit:  sw    r2, save + 4(r0)
        sw    r3, save + 8(r0)
        lw    r2, nlog(r0)
        slli  r3, r2, 5
        addi  r2, r2, 1
        sw    r2, nlog(r0)
        la    r2, log
        add   r3, r3, r2
        lw    r2, cls(r0)
        sw    r2, 0(r3)
        lw    r2, code(r0)
        sw    r2, 4(r3)
        lw    r2, oldf(r0)
        sw    r2, 8(r3)
        lw    r2, olda(r0)
        sw    r2, 12(r3)
        lw    r2, 0x78(r0)
        sw    r2, 16(r3)
        lw    r2, 0x7C(r0)
        sw    r2, 20(r3)
        stck  clk(r0)
        lw    r2, clk + 4(r0)
        sw    r2, 24(r3)
        lw    r2, save + 4(r0)
        lw    r3, save + 8(r0)
        jr    r13

        .align 8
waitall: .psw W | I | E, 0x4444
goafter: .psw S, after
halt:   .psw  W, 0
clk:    .space 8
cprt:   .byte 0x01, 0x20
        .half 9
        .word tprt
cpun:   .byte 0x01, 0x20
        .half 80
        .word tpun
ccon:   .byte 0x01, 0x20
        .half 17
        .word tcon
save:   .space 12
cls:    .word 0
code:   .word 0
oldf:   .word 0
olda:   .word 0
nlog:   .word 0
log:    .space 160
tprt:   .ascii "a printer"
tcon:   .ascii "console, at once\n"
mlog:   .asciz "class code oldflags oldaddr csw0 csw1 tod 0:"
tpun:   .ascii "a card for the punch"
        .space 60
        .include "../../../tests/programs/conio.inc"

; waits.s -- lab reflect: waits in virtual time.  An enabled wait for the
; CPU timer, one for an I/O completion, a wait with only I enabled while the
; timer has run out (the timer must stay pending), then E enabled (now it
; comes), and the old PSWs the waits leave: W still set, the wait's address.
; Every interrupt's TOD is logged; the program ends in a disabled wait with
; code 0x42 (exit status 66).
        .org  0
        .psw  S, start
        .org  0x18
        .psw  S, exth
        .org  0x38
        .psw  W, 0x99
        .org  0x58
        .psw  S, ioh
        .org  0x200
start:  li    r1, 5000
        spt   r1
        la    r1, w2
        sw    r1, next(r0)
        lpsw  wtimer(r0)                ; 1: the clock jumps to the timer
w2:     li    r1, 0x7FFF
        spt   r1
        li    r1, 0x00E
        la    r2, cprt
        sio   r3, r1, r2
        la    r1, w3
        sw    r1, next(r0)
        lpsw  wio(r0)                   ; 2: to the printer's completion
w3:     li    r1, 20
        spt   r1                        ; runs out during the next wait
        li    r1, 0x00E
        la    r2, cprt
        sio   r3, r1, r2
        la    r1, w4
        sw    r1, next(r0)
        lpsw  wio(r0)                   ; 3: only I: the I/O comes, the timer waits
w4:     la    r1, w5
        sw    r1, next(r0)
        lpsw  wtimer(r0)                ; 4: E: the pending timer at once
w5:     la    r1, mlog
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
        andi  r2, r10, 15
        bnez  r2, rep
        call  putnl
        lw    r2, nlog(r0)
        slli  r2, r2, 4
        bne   r10, r2, rep
        lpsw  halt(r0)

exth:   lw    r4, 0x60(r0)
        lw    r5, 0x10(r0)
        lw    r6, 0x14(r0)
        j     logit
ioh:    lw    r4, 0x70(r0)
        lw    r5, 0x50(r0)
        lw    r6, 0x54(r0)
logit:  lw    r2, nlog(r0)
        slli  r3, r2, 4
        addi  r2, r2, 1
        sw    r2, nlog(r0)
        la    r2, log
        add   r3, r3, r2
        sw    r4, 0(r3)
        sw    r5, 4(r3)
        sw    r6, 8(r3)
        stck  clk(r0)
        lw    r2, clk + 4(r0)
        sw    r2, 12(r3)
        lw    r1, next(r0)
        jr    r1

        .align 8
wtimer: .psw  W | E, 0xABC0
wio:    .psw  W | I, 0xABC8
halt:   .psw  W, 0x42
clk:    .space 8
cprt:   .byte 0x01, 0x20
        .half 120
        .word line
next:   .word 0
nlog:   .word 0
log:    .space 128
mlog:   .asciz "code oldflags oldaddr tod:"
line:   .ascii "a printer line of one hundred and twenty characters, more or less; it takes "
        .ascii "time to print it, at four bytes a cycle"
        .space 8
        .include "../../../tests/programs/conio.inc"

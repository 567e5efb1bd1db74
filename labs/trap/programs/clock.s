; clock.s -- lab trap: stck.  The TOD clock before and after a loop of known
; cost, both words of the doubleword, and stck's exceptions: a misaligned
; operand, one beyond storage, and a store to a read-only page with
; translation on (the operand translated by the guest's own tables).
V = 1
PW = 2
L1 = 0x10000
L2 = 0x11000
        .org  0
        .psw  S, start
        .org  0x38
        .psw  S, pgmh
        .org  0x200
start:  stck  t0(r0)
        li    r1, 100
spin:   addi  r1, r1, -1
        bnez  r1, spin
        stck  t1(r0)
        stck  t0 + 4(r0)                ; specification: not 8-aligned
        lui   r12, 0x7FF0
        stck  0(r12)                    ; addressing
        la    r1, L1                    ; identity map 0-0x1FFFF; page 3 read-only
        la    r2, L2 | V
        sw    r2, 0(r1)
        la    r3, L2
        li    r4, 0
        li    r5, 32
imap:   slli  r2, r4, 12
        ori   r2, r2, V | PW
        sw    r2, 0(r3)
        addi  r3, r3, 4
        addi  r4, r4, 1
        bne   r4, r5, imap
        li    r2, 0x3000 | V
        la    r3, L2
        sw    r2, 12(r3)                ; page 3: read-only
        lctl  cr1, r1
        lpsw  ton(r0)
tr:     stck  0x3000(r0)                ; protection
        stck  0x2008(r0)                ; fine: translated
        lpsw  toff(r0)
back:   la    r1, mclock
        call  puts
        lw    r1, t0(r0)
        call  word
        lw    r1, t0 + 4(r0)
        call  word
        lw    r1, t1(r0)
        call  word
        lw    r1, t1 + 4(r0)
        call  word
        lw    r1, t1 + 4(r0)
        lw    r2, t0 + 4(r0)
        sub   r1, r1, r2
        call  putdec
        call  putnl
        lw    r1, 0x2008(r0)
        call  word
        lw    r1, 0x200C(r0)
        call  word
        call  putnl
        lpsw  halt(r0)

pgmh:   sw    r1, save(r0)
        sw    r2, save + 4(r0)
        sw    lr, save + 8(r0)
        la    r1, mpgm
        call  puts
        lw    r1, 0x68(r0)
        call  word
        lw    r1, 0x34(r0)
        call  word
        call  putnl
        lw    r1, 0x34(r0)
        addi  r1, r1, 4
        sw    r1, 0x34(r0)
        lw    r1, save(r0)
        lw    r2, save + 4(r0)
        lw    lr, save + 8(r0)
        lpsw  0x30(r0)

; r1 in hexadecimal and a blank.
word:   mov   r11, lr
        call  puthex
        li    r1, ' '
        call  putc
        jr    r11

        .align 8
t0:     .space 8
t1:     .space 8
ton:    .psw  S | T, tr
toff:   .psw  S, back
halt:   .psw  W, 0
save:   .space 12
mclock: .asciz "clock: "
mpgm:   .asciz "program check "
        .include "../../../tests/programs/conio.inc"

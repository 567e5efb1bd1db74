; modes.s -- a hidden test of lab trap: a small supervisor that runs a user
; loop in problem state with translation on, preempted by the CPU timer;
; each tick the supervisor reads the PSW, the clock and the timer, changes
; CR1 between two address spaces (the user sees another page each time),
; and goes back with lpsw.  The report prints what it saw.
V = 1
PW = 2
U = 4
L1A = 0x10000
L2A = 0x11000
L1B = 0x12000
L2B = 0x13000
        .org  0
        .psw  S, start
        .org  0x18
        .psw  S, tick
        .org  0x28
        .psw  S, svch
        .org  0x38
        .psw  W, 0x99
        .org  0x200
start:  la    r1, L1A
        la    r2, L2A | V
        sw    r2, 0(r1)
        la    r1, L1B
        la    r2, L2B | V
        sw    r2, 0(r1)
        la    r3, L2A                   ; both spaces: pages 0-31 identity, user
        la    r4, L2B
        li    r5, 0
        li    r6, 32
map:    slli  r2, r5, 12
        ori   r2, r2, V | PW | U
        sw    r2, 0(r3)
        sw    r2, 0(r4)
        addi  r3, r3, 4
        addi  r4, r4, 4
        addi  r5, r5, 1
        bne   r5, r6, map
        la    r2, 0x30000 | V | PW | U  ; page 8 differs between the spaces
        la    r3, L2A
        sw    r2, 32(r3)
        la    r2, 0x31000 | V | PW | U
        la    r3, L2B
        sw    r2, 32(r3)
        li    r2, 111
        lui   r3, 3
        sw    r2, 0(r3)                 ; 0x30000: space A's page 8
        li    r2, 222
        sw    r2, 0x1000(r3)            ; 0x31000: space B's page 8
        la    r1, L1A
        lctl  cr1, r1
        la    r11, 0x8000
        li    r1, 900
        spt   r1
        lpsw  user(r0)

; The user: count, and remember what page 8 holds; svc 1 when done.
uloop:  addi  r12, r12, 1
        lw    r13, 0(r11)
        lw    r1, nticks(r0)
        li    r2, 8
        bne   r1, r2, uloop
        svc   1

tick:   sw    r1, save(r0)
        sw    r2, save + 4(r0)
        sw    r3, save + 8(r0)
        sw    r4, save + 12(r0)
        sw    r5, save + 16(r0)
        lw    r1, nticks(r0)             ; ticks so far
        slli  r2, r1, 4
        la    r3, log
        add   r3, r3, r2
        sw    r12, 0(r3)                ; the user's count
        sw    r13, 4(r3)                ; what page 8 held
        stpt  r4
        sw    r4, 8(r3)
        stck  clk(r0)
        lw    r4, clk + 4(r0)
        sw    r4, 12(r3)
        addi  r1, r1, 1
        sw    r1, nticks(r0)
        stctl r2, cr1                   ; switch spaces
        la    r4, L1A
        bne   r2, r4, toa
        la    r4, L1B
toa:    lctl  cr1, r4
        epsw  r5
        sw    r5, flags(r0)
        li    r1, 700
        spt   r1
        lw    r1, save(r0)
        lw    r2, save + 4(r0)
        lw    r3, save + 8(r0)
        lw    r4, save + 12(r0)
        lw    r5, save + 16(r0)
        lpsw  0x10(r0)

svch:   lpsw  sup(r0)
report: la    r1, mlog
        call  puts
        call  putnl
        li    r10, 0
rep:    la    r1, log
        add   r1, r1, r10
        lw    r1, 0(r1)
        call  putdec
        li    r1, ' '
        call  putc
        addi  r10, r10, 4
        andi  r2, r10, 15
        bnez  r2, rep
        call  putnl
        li    r2, 128
        bne   r10, r2, rep
        lw    r1, flags(r0)
        call  puthex
        call  putnl
        lw    r1, 0x20(r0)
        call  puthex
        call  putnl
        lpsw  halt(r0)

        .align 8
user:   .psw  T | E, uloop
sup:    .psw  S, report
halt:   .psw  W, 0
clk:    .space 8
flags:  .word 0
nticks: .word 0
save:   .space 20
log:    .space 128
mlog:   .asciz "count page8 timer tod:"
        .include "../../../../tests/programs/conio.inc"

; cregs.s -- lab trap: lctl and stctl on every control register, and CR1,
; the page-table origin: a translation stays in the architected TLB when
; the table changes (and across translation off and on) until CR1 is
; loaded again, even with the value it had.
V = 1
PW = 2
L1 = 0x10000
L2 = 0x11000
FA = 0x20000
FB = 0x21000
        .org  0
        .psw  S, start
        .org  0x38
        .psw  W, 0x99
        .org  0x200
start:  la    r1, L1
        la    r2, L2 | V
        sw    r2, 0(r1)
        la    r3, L2                    ; identity map 0-0x1FFFF, supervisor, writable
        li    r4, 0
        li    r5, 32
imap:   slli  r2, r4, 12
        ori   r2, r2, V | PW
        sw    r2, 0(r3)
        addi  r3, r3, 4
        addi  r4, r4, 1
        bne   r4, r5, imap
        la    r6, L2
        la    r2, FA | V | PW           ; page 5 -> frame A
        sw    r2, 20(r6)
        la    r3, FA
        la    r2, 0x41414141
        sw    r2, 0(r3)
        la    r3, FB
        la    r2, 0x42424242
        sw    r2, 0(r3)
        lctl  cr1, r1
        lpsw  ton(r0)
t1:     lw    r7, 0x5000(r0)            ; A: translated and captured
        la    r2, FB | V | PW
        sw    r2, 20(r6)                ; the table now says B, not yet purged
        lw    r8, 0x5000(r0)            ; still A
        lpsw  toff(r0)                  ; translation off ...
t2:     lpsw  ton2(r0)                  ; ... and on: no purge either
t3:     lw    r9, 0x5000(r0)            ; still A
        stctl r3, cr1
        lctl  cr1, r3                   ; the same origin: the TLB is purged
        lw    r10, 0x5000(r0)           ; B
        lpsw  toff2(r0)
t4:     la    r1, mread
        call  puts
        mov   r1, r7
        call  word
        mov   r1, r8
        call  word
        mov   r1, r9
        call  word
        mov   r1, r10
        call  word
        call  putnl
        la    r1, mpte
        call  puts
        la    r6, L2
        lw    r1, 20(r6)
        call  word
        call  putnl
        ; every control register: load, then store back
        la    r1, 0x10000000
        lctl  cr0, r1
        la    r1, 0x2000AB00
        lctl  cr1, r1
        la    r1, 0x30000002
        lctl  cr2, r1
        la    r1, 0x40000003
        lctl  cr3, r1
        la    r1, 0x50000004
        lctl  cr4, r1
        la    r1, 0x60000005
        lctl  cr5, r1
        la    r1, 0x70000006
        lctl  cr6, r1
        la    r1, 0x80000007
        lctl  cr7, r1
        la    r1, 0x90000008
        lctl  cr8, r1
        la    r1, 0xA0000009
        lctl  cr9, r1
        la    r1, 0xB000000A
        lctl  cr10, r1
        la    r1, 0xC000000B
        lctl  cr11, r1
        la    r1, 0xD000000C
        lctl  cr12, r1
        la    r1, 0xE000000D
        lctl  cr13, r1
        la    r1, 0xF000000E
        lctl  cr14, r1
        li    r1, -1
        lctl  cr15, r1
        lctl  cr3, r0                   ; r0 reads zero
        la    r13, crs
        stctl r1, cr0
        sw    r1, 0(r13)
        stctl r1, cr1
        sw    r1, 4(r13)
        stctl r1, cr2
        sw    r1, 8(r13)
        stctl r1, cr3
        sw    r1, 12(r13)
        stctl r1, cr4
        sw    r1, 16(r13)
        stctl r1, cr5
        sw    r1, 20(r13)
        stctl r1, cr6
        sw    r1, 24(r13)
        stctl r1, cr7
        sw    r1, 28(r13)
        stctl r1, cr8
        sw    r1, 32(r13)
        stctl r1, cr9
        sw    r1, 36(r13)
        stctl r1, cr10
        sw    r1, 40(r13)
        stctl r1, cr11
        sw    r1, 44(r13)
        stctl r1, cr12
        sw    r1, 48(r13)
        stctl r1, cr13
        sw    r1, 52(r13)
        stctl r1, cr14
        sw    r1, 56(r13)
        stctl r1, cr15
        sw    r1, 60(r13)
        stctl r0, cr15                  ; into r0: nothing changes
        la    r1, mcrs
        call  puts
        li    r12, 0
crloop: la    r1, crs
        add   r1, r1, r12
        lw    r1, 0(r1)
        call  word
        addi  r12, r12, 4
        li    r2, 64
        bne   r12, r2, crloop
        call  putnl
        lpsw  halt(r0)

; r1 in hexadecimal and a blank.
word:   mov   r11, lr
        call  puthex
        li    r1, ' '
        call  putc
        jr    r11

        .align 8
ton:    .psw  S | T, t1
toff:   .psw  S, t2
ton2:   .psw  S | T, t3
toff2:  .psw  S, t4
halt:   .psw  W, 0
crs:    .space 64
mread:  .asciz "reads: "
mpte:   .asciz "pte: "
mcrs:   .asciz "crs: "
        .include "../../../tests/programs/conio.inc"

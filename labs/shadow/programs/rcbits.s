; rcbits.s -- lab shadow: the R and C bits of the guest's page tables, set
; exactly when the bare machine sets them.  Pages 8-13 of a translated
; space: A read (R), B written (R and C), C read then written (C on the
; first store), D written after its entry lost W without a purge (the
; captured translation still allows it), E with R and C already set,
; F never touched; then a purge and a second round of reads.  The
; entries are printed after each round, and what lra says.
V = 1
PW = 2
U = 4
R = 8
C = 16
L1 = 0x10000
L2 = 0x11000
        .org  0
        .psw  S, start
        .org  0x38
        .psw  W, 0x99
        .org  0x200
start:  la    r1, L1
        la    r2, L2 | V
        sw    r2, 0(r1)
        la    r3, L2
        li    r4, 0
        li    r5, 8                     ; pages 0-7: identity, R and C preset
imap:   slli  r2, r4, 12
        ori   r2, r2, V | PW | R | C
        sw    r2, 0(r3)
        addi  r3, r3, 4
        addi  r4, r4, 1
        bne   r4, r5, imap
        la    r6, L2
        la    r2, 0x10000 | V | PW | R | C   ; the tables themselves (pages 16, 17)
        sw    r2, 64(r6)
        la    r2, 0x11000 | V | PW | R | C
        sw    r2, 68(r6)
        li    r4, 0                     ; pages 8-13 -> frames 0x20000 + 4K * i
pmap:   slli  r2, r4, 12
        la    r6, 0x20000 | V | PW
        add   r2, r2, r6
        sw    r2, 0(r3)
        addi  r3, r3, 4
        addi  r4, r4, 1
        li    r5, 6
        bne   r4, r5, pmap
        la    r3, L2
        lw    r2, 48(r3)                ; page 12 (E): R and C already set
        ori   r2, r2, R | C
        sw    r2, 48(r3)
        lctl  cr1, r1
        lpsw  ton(r0)
round1: la    r9, 0x8000
        lw    r1, 0(r9)                 ; A: read
        li    r2, 0x0B0B
        sw    r2, 0x1004(r9)            ; B: written
        lw    r1, 0x2000(r9)            ; C: read ...
        li    r2, 0x0C0C
        sw    r2, 0x2008(r9)            ; ... then written
        lw    r1, 0x3000(r9)            ; D: read, captured with W
        la    r3, L2
        lw    r2, 44(r3)
        li    r5, ~PW
        and   r2, r2, r5                ; the entry loses W (no purge)
        sw    r2, 44(r3)
        li    r2, 0x0D0D
        sw    r2, 0x3010(r9)            ; D: the captured translation still allows it
        lw    r1, 0x4000(r9)            ; E: read
        sw    r2, 0x4004(r9)            ; E: written (C already set)
        lpsw  toff(r0)
rep1:   call  report
        lpsw  ton2(r0)
round2: ptlb                            ; everything is retranslated ...
        la    r9, 0x8000
        lw    r1, 0x3000(r9)            ; D: now without W
        lw    r1, 0x5000(r9)            ; F: read at last
        lpsw  toff2(r0)
rep2:   call  report
        lpsw  halt(r0)

; Print the entries of pages 8-13 and lra of each (translation off).
report: mov   r12, lr
        la    r1, mpte
        call  puts
        li    r10, 0
rloop:  la    r1, L2 + 32
        add   r1, r1, r10
        lw    r1, 0(r1)
        call  puthex
        li    r1, ' '
        call  putc
        addi  r10, r10, 4
        li    r2, 24
        bne   r10, r2, rloop
        call  putnl
        la    r1, mlra
        call  puts
        li    r10, 0
lloop:  slli  r2, r10, 10
        la    r1, 0x8000
        add   r1, r1, r2
        lra   r1, 12(r1)
        call  puthex
        li    r1, ' '
        call  putc
        addi  r10, r10, 4
        li    r2, 24
        bne   r10, r2, lloop
        call  putnl
        jr    r12

        .align 8
ton:    .psw  S | T, round1
toff:   .psw  S, rep1
ton2:   .psw  S | T, round2
toff2:  .psw  S, rep2
halt:   .psw  W, 0
mpte:   .asciz "pte: "
mlra:   .asciz "lra: "
        .include "../../../tests/programs/conio.inc"

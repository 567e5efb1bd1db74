; pgmcheck.s -- a program-check handler that reports each program
; interruption (its code, and whether the old PSW points at the instruction
; that caused it) and resumes past the faulting instruction.  The problem-
; state program provokes one of each kind it can, checks that a nullified
; instruction left its target register alone, and exits with svc.
; expect-status: 8
        .org  0
        .psw  S, start
        .org  0x28
        .psw  S, svcint
        .org  0x38
        .psw  S, pgmint
        .org  0x200
start:  lpsw  userpsw(r0)

pgmint: sw    r1, save + 0(r0)
        sw    r2, save + 4(r0)
        sw    r3, save + 8(r0)
        sw    r4, save + 12(r0)
        sw    r5, save + 16(r0)
        sw    r6, save + 20(r0)
        sw    lr, save + 24(r0)
        sw    r7, save + 28(r0)
        la    r1, mcode
        call  puts
        lw    r1, 0x68(r0)              ; the interruption code
        call  putdec
        lw    r7, count(r0)             ; where the old PSW should point
        slli  r2, r7, 2
        lw    r2, expect(r2)
        lw    r3, 0x34(r0)
        la    r1, mok
        beq   r2, r3, pgood
        la    r1, mwrong
pgood:  call  puts
        addi  r7, r7, 1
        sw    r7, count(r0)
        lw    r2, 0x34(r0)              ; resume past the instruction
        addi  r2, r2, 4
        sw    r2, 0x34(r0)
        lw    r1, save + 0(r0)
        lw    r2, save + 4(r0)
        lw    r3, save + 8(r0)
        lw    r4, save + 12(r0)
        lw    r5, save + 16(r0)
        lw    r6, save + 20(r0)
        lw    lr, save + 24(r0)
        lw    r7, save + 28(r0)
        lpsw  0x30(r0)

svcint: lw    r2, 0x64(r0)
        bnez  r2, sprint
        lw    r1, count(r0)             ; svc 0: exit, code = program checks
        sw    r1, exitpsw + 4(r0)
        lpsw  exitpsw(r0)
sprint: sw    r2, ssave + 0(r0)         ; svc 2: print r1 in decimal, newline
        sw    r3, ssave + 4(r0)
        sw    r4, ssave + 8(r0)
        sw    r5, ssave + 12(r0)
        sw    r6, ssave + 16(r0)
        sw    lr, ssave + 20(r0)
        call  putdec
        call  putnl
        lw    r2, ssave + 0(r0)
        lw    r3, ssave + 4(r0)
        lw    r4, ssave + 8(r0)
        lw    r5, ssave + 12(r0)
        lw    r6, ssave + 16(r0)
        lw    lr, ssave + 20(r0)
        lpsw  0x20(r0)

user:   li    r3, 1234
f1:     .word 0                         ; operation
        li    r4, 0
f2:     div   r3, r3, r4                ; fixed-point divide: r3 unchanged
        mov   r1, r3
        svc   2
f3:     lw    r3, 2(r0)                 ; specification
        li    r5, 0x00F00000
f4:     lw    r3, 0(r5)                 ; addressing: beyond 1 MiB
f5:     ptlb                            ; privileged operation
f6:     .word 0xFFFFFFFF                ; operation
f7:     diag  r3, r0, 5                 ; privileged (before specification)
        la    r5, f1
f8:     jalr  lr, 2(r5)                 ; misaligned target: specification
        mov   r1, r3                    ; still 1234
        svc   2
        svc   0

        .align 8
userpsw: .psw 0, user
exitpsw: .psw W, 0
save:   .space 32
ssave:  .space 24
count:  .word 0
expect: .word f1, f2, f3, f4, f5, f6, f7, f8, 0
mcode:  .asciz "program check, code "
mok:    .asciz ", at the faulting instruction\n"
mwrong: .asciz ", at an unexpected address\n"
        .include "conio.inc"

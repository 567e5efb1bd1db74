; psw.s -- lab trap: epsw, ssm and lpsw in (virtual) supervisor state: the
; masks ssm may change, a round trip to problem state and back by SVC, a
; privileged instruction in problem state, and lpsw's exceptions (invalid
; flags, a misaligned operand, an operand beyond storage).  Every program
; interrupt is reported and the instruction skipped.
        .org  0
        .psw  S, start
        .org  0x28
        .psw  S, svch
        .org  0x38
        .psw  S, pgmh
        .org  0x200
start:  lui   r1, 0x7FFF                ; no timer interrupt while E is on
        spt   r1
        epsw  r7                        ; S
        li    r2, 0x18                  ; I|E
        ssm   r2
        epsw  r8                        ; S|I|E
        li    r2, -1                    ; only I and E are taken from rs1
        ssm   r2
        epsw  r9
        ssm   r0                        ; masks off again: the console is polled
        epsw  r10
        mov   r1, r7
        call  show
        mov   r1, r8
        call  show
        mov   r1, r9
        call  show
        mov   r1, r10
        call  show
        lpsw  toprob(r0)                ; to problem state at prob
prob:   li    r9, 5
        epsw  r5                        ; privileged operation: reflected, skipped
        ssm   r9                        ; the same
        svc   3                         ; back to the supervisor
sup:    lpsw  badflags(r0)              ; specification (flags 0x20)
        lpsw  toprob + 4(r0)            ; specification (not 8-aligned)
        lpsw  0(r12)                    ; addressing (r12 beyond storage)
        epsw  r1                        ; still supervisor, masks off
        call  show
        la    r1, mdone
        call  puts
        lpsw  halt(r0)

; SVC: print its number and old PSW, go on in the supervisor at sup.
svch:   la    r1, msvc
        call  puts
        lw    r1, 0x64(r0)
        call  puthex
        li    r1, ' '
        call  putc
        lw    r1, 0x20(r0)
        call  puthex
        li    r1, ' '
        call  putc
        lw    r1, 0x24(r0)
        call  puthex
        call  putnl
        lui   r12, 0x7FF0               ; an address beyond storage, for later
        j     sup

; Program interrupt: print code, old PSW; resume after the instruction.
pgmh:   sw    r1, save(r0)
        sw    r2, save + 4(r0)
        sw    lr, save + 8(r0)
        la    r1, mpgm
        call  puts
        lw    r1, 0x68(r0)
        call  puthex
        li    r1, ' '
        call  putc
        lw    r1, 0x30(r0)
        call  puthex
        li    r1, ' '
        call  putc
        lw    r1, 0x34(r0)
        call  puthex
        call  putnl
        lw    r1, 0x34(r0)
        addi  r1, r1, 4
        sw    r1, 0x34(r0)
        lw    r1, save(r0)
        lw    r2, save + 4(r0)
        lw    lr, save + 8(r0)
        lpsw  0x30(r0)

; Print "psw " and r1 in hexadecimal.
show:   mov   r11, lr
        mov   r12, r1
        la    r1, mpsw
        call  puts
        mov   r1, r12
        call  puthex
        call  putnl
        jr    r11

        .align 8
toprob: .psw  0, prob
badflags: .word 0x20, sup
halt:   .psw  W, 0
save:   .space 12
mpsw:   .asciz "psw "
msvc:   .asciz "svc "
mpgm:   .asciz "program check "
mdone:  .asciz "done\n"
        .include "../../../tests/programs/conio.inc"

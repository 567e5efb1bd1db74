; svc.s -- a tiny supervisor: it starts a problem-state program, which asks
; for services with svc: 1 print the string at r1, 2 print r1 in decimal,
; 3 print a newline, 0 exit with the code in r1.  The handler saves the
; caller's registers, serves the call and returns with lpsw of the SVC old PSW.
; expect-status: 7
        .org  0
        .psw  S, start
        .org  0x28
        .psw  S, svcint                 ; SVC new PSW
        .org  0x38
        .psw  W, 0x99
        .org  0x200
start:  lpsw  userpsw(r0)               ; into problem state

; ---- the supervisor's SVC handler ----
svcint: sw    r1, save + 0(r0)          ; free some registers first
        sw    r2, save + 4(r0)
        sw    r3, save + 8(r0)
        sw    r4, save + 12(r0)
        sw    r5, save + 16(r0)
        sw    r6, save + 20(r0)
        sw    lr, save + 24(r0)
        lw    r2, 0x64(r0)              ; the SVC number
        lw    r3, svccount(r0)
        addi  r3, r3, 1
        sw    r3, svccount(r0)
        beqz  r2, sexit
        li    r3, 1
        beq   r2, r3, sputs
        li    r3, 2
        beq   r2, r3, sdec
        li    r3, 3
        beq   r2, r3, snl
        la    r1, badsvc
        call  puts
        lpsw  bad(r0)
sputs:  call  puts
        j     sret
sdec:   call  putdec
        j     sret
snl:    call  putnl
sret:   lw    r1, save + 0(r0)
        lw    r2, save + 4(r0)
        lw    r3, save + 8(r0)
        lw    r4, save + 12(r0)
        lw    r5, save + 16(r0)
        lw    r6, save + 20(r0)
        lw    lr, save + 24(r0)
        lpsw  0x20(r0)                  ; back past the svc
sexit:  la    r1, mexit
        call  puts
        lw    r1, svccount(r0)
        call  putdec
        call  putnl
        lw    r1, save + 0(r0)          ; the exit code becomes the wait code
        sw    r1, exitpsw + 4(r0)
        lpsw  exitpsw(r0)

; ---- the problem-state program ----
user:   la    r1, hello
        svc   1
        li    r7, 0                     ; 1 + 2 + ... + 10, registers survive svcs
        li    r8, 1
uloop:  add   r7, r7, r8
        mov   r1, r8
        svc   2
        li    r1, ' '
        la    r1, space
        svc   1
        addi  r8, r8, 1
        li    r2, 11
        bne   r8, r2, uloop
        svc   3
        la    r1, total
        svc   1
        mov   r1, r7
        svc   2
        svc   3
        li    r1, 7
        svc   0

        .align 8
userpsw: .psw 0, user                   ; problem state, translation off
exitpsw: .psw W, 0
bad:    .psw  W, 0x55
save:   .space 28
svccount: .word 0
hello:  .asciz "hello from problem state\n"
space:  .asciz " "
total:  .asciz "total "
mexit:  .asciz "exit after svc calls: "
badsvc: .asciz "unknown svc\n"
        .include "conio.inc"

; checkstop.s -- another classic: a program exception before any program
; new PSW was set up.  The all-zero new PSW sends the machine to address 0
; in problem state, where the fetch finds opcode 0x00: a program-interruption
; loop, a check stop, pgsim exit status 253.
; expect-status: 253
        .org  0
        .psw  S, start
        .org  0x200
start:  la    r1, msg
        call  puts
        li    r2, 10
        div   r3, r2, r0                ; divide by zero
        lpsw  done(r0)                  ; never reached
        .align 8
done:   .psw  W, 0
msg:    .asciz "about to divide by zero\n"
        .include "conio.inc"

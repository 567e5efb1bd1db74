; idle.s -- a classic mistake: waiting for an I/O interrupt when no I/O was
; ever started.  Nothing can end the wait: pgsim reports an idle wait and
; exits with 252.
; expect-status: 252
        .org  0
        .psw  S, start
        .org  0x200
start:  la    r1, msg
        call  puts
        lpsw  waitio(r0)
        .align 8
waitio: .psw  W|I, 0
msg:    .asciz "waiting for an interrupt that never comes\n"
        .include "conio.inc"

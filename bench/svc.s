; svc.s -- benchmark: 2^24 supervisor calls, each an interrupt into a
; handler that returns with lpsw of the SVC old PSW.
        .org  0
        .psw  S, start
        .org  0x28
        .psw  S, handler                ; SVC new PSW
        .org  0x38
        .psw  W, 0xEE                   ; program new PSW: a fault ends the run
        .org  0x200
start:  lui   r1, 0x100                 ; 2^24 calls
loop:   svc   1
        addi  r1, r1, -1
        bnez  r1, loop
        lpsw  done(r0)
handler:
        addi  r2, r2, 1                 ; count the calls
        lpsw  0x20(r0)                  ; back past the svc
        .align 8
done:   .psw  W, 0

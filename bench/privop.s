; privop.s -- benchmark: 2^22 privileged instructions in a loop.  Bare, each
; epsw is one instruction; under CP each is a trap, an emulation and a
; resume -- the trap-and-emulate round trip.
        .org  0
        .psw  S, start
        .org  0x38
        .psw  W, 0xEE                   ; program new PSW: a fault ends the run
        .org  0x200
start:  lui   r1, 0x40                  ; 2^22 iterations
loop:   epsw  r3
        addi  r1, r1, -1
        bnez  r1, loop
        lpsw  done(r0)
        .align 8
done:   .psw  W, 0

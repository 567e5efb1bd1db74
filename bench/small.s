; small.s -- benchmark: the ALU loop of alu.s, 2^18 times, for a small VM;
; `make bench` runs 1000 of them at once under CP.
        .org  0
        .psw  S, start
        .org  0x38
        .psw  W, 0xEE                   ; program new PSW: a fault ends the run
        .org  0x200
start:  lui   r2, 0x4                   ; r2 = 2^18 iterations
loop:   addi  r1, r1, 1
        xor   r3, r3, r1
        add   r4, r4, r3
        bne   r1, r2, loop
        lpsw  done(r0)
        .align 8
done:   .psw  W, 0

; alu.s -- benchmark: a four-instruction ALU and branch loop, 2^28 times.
        .org  0
        .psw  S, start
        .org  0x38
        .psw  W, 0xEE                   ; program new PSW: a fault ends the run
        .org  0x200
start:  lui   r2, 0x1000                ; r2 = 2^28 iterations
loop:   addi  r1, r1, 1
        xor   r3, r3, r1
        add   r4, r4, r3
        bne   r1, r2, loop
        lpsw  done(r0)
        .align 8
done:   .psw  W, 0

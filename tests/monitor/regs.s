; regs.s -- a few register operations for STEP, then a disabled wait.
        .org  0
        .psw  S, start
        .org  0x200
start:  li    r1, 5
        addi  r2, r1, 7
        add   r3, r1, r2
        sw    r3, value(r0)
        lpsw  done(r0)
        .align 8
done:   .psw  W, 0x42
value:  .word 0

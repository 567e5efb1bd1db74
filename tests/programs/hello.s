; hello.s -- the first program: one console WRITE, then poll with tio until
; the ending status is there, check it is a normal ending, and stop.
; expect-status: 0
        .org  0
        .psw  S, start                  ; IPL PSW: supervisor, interrupts off
        .org  0x200
start:  li    r1, 0x009                 ; the console
        la    r2, ccw
        sio   r3, r1, r2
        bnez  r3, fail                  ; not started
poll:   tio   r3, r1
        li    r4, 2
        beq   r3, r4, poll              ; 2: busy
        li    r4, 1
        bne   r3, r4, fail              ; expect 1: status stored
        lw    r5, 0x7C(r0)              ; CSW word 1
        srli  r5, r5, 16
        li    r4, 0x0C00                ; channel end | device end
        bne   r5, r4, fail
        lw    r5, 0x78(r0)              ; CSW word 0: the CCW address + 8
        la    r4, ccw + 8
        bne   r5, r4, fail
        lpsw  done(r0)
fail:   lpsw  bad(r0)
        .align 8
done:   .psw  W, 0
bad:    .psw  W, 1
ccw:    .byte 0x01, 0x00                ; WRITE
        .half msglen
        .word msg
msg:    .ascii "Hello, PG32!\n"
msglen = . - msg

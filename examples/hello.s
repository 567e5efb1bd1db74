; hello.s -- the vmlab greeting: write a line on the console 009 with one
; channel program, poll for its end with tio, and stop in a disabled wait.
        .org  0
        .psw  S, start                  ; IPL PSW: supervisor state, go to start
        .org  0x200
start:  la    r2, ccw                   ; the channel program
        li    r5, 0x009                 ; the console
        sio   r6, r5, r2                ; start it; r6 = condition code
        bnez  r6, fail
poll:   tio   r6, r5                    ; 2 = still busy
        li    r7, 2
        beq   r6, r7, poll
        lpsw  done(r0)                  ; disabled wait, code 0: success
fail:   lpsw  broken(r0)
        .align 8
done:   .psw  W, 0
broken: .psw  W, 1
ccw:    .byte 0x01, 0x20                ; WRITE, suppress incorrect length
        .half msgend - msg              ; count
        .word msg                       ; data address
msg:    .ascii "Hello from PG32, the bare machine!\n"
msgend:

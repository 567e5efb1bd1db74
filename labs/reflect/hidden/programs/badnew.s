; badnew.s -- a hidden test of lab reflect: an I/O interrupt whose new PSW
; is invalid (a flag bit outside S|W|T|I|E): a check stop when the console
; write completes, with the old PSW and the CSW stored.
        .org  0
        .psw  S, start
        .org  0x58
        .word 0x40, 0x400
        .org  0x200
start:  li    r1, 0x009
        la    r2, ccw
        sio   r3, r1, r2
        lpsw  wait(r0)
        .align 8
wait:   .psw  W | I, 0x777
ccw:    .byte 0x01, 0x20
        .half 4
        .word text
text:   .ascii "bye\n"

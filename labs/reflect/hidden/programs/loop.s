; loop.s -- a hidden test of lab reflect: a program-interruption loop.  The
; program new PSW points at a misaligned address, so the interrupt's new
; PSW faults at once: the machine check-stops (exit status 253) with the
; first interrupt's old PSW and code in low core.
        .org  0
        .psw  S, start
        .org  0x38
        .psw  S, 0x302                  ; fetch: specification, again and again
        .org  0x200
start:  li    r5, 77
        stck  0x100(r0)
        lw    r1, 1(r0)                 ; specification
        lpsw  halt(r0)
        .align 8
halt:   .psw  W, 0

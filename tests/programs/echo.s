; echo.s -- read console lines until the end of input and echo each one
; back behind "> "; a line longer than 80 bytes is cut to 80.  At the end,
; report how many lines there were.
; expect-status: 0
        .org  0
        .psw  S, start
        .org  0x38
        .psw  W, 0x99                   ; no program exceptions expected
        .org  0x200
start:  li    r7, 0                     ; lines so far
next:   li    r1, 0x009
        la    r2, rdccw
        sio   r3, r1, r2
        bnez  r3, fail
rpoll:  tio   r3, r1
        li    r4, 2
        beq   r3, r4, rpoll
        lw    r5, 0x7C(r0)              ; unit status | channel status | residual
        srli  r6, r5, 24
        andi  r6, r6, 0x01              ; unit exception: no more input
        bnez  r6, eof
        andi  r5, r5, 0xFFFF            ; residual
        li    r8, 80
        sub   r8, r8, r5                ; the line's length
        addi  r7, r7, 1
        la    r1, prompt
        call  puts
        beqz  r8, empty
        la    r1, line
        mov   r2, r8
        call  write
empty:  call  putnl
        j     next
eof:    mov   r1, r7
        call  putdec
        la    r1, lines
        call  puts
        lpsw  done(r0)
fail:   lpsw  bad(r0)

        .align 8
done:   .psw  W, 0
bad:    .psw  W, 1
rdccw:  .byte 0x02, 0x20                ; READ, SLI: any length is fine
        .half 80
        .word line
prompt: .asciz "> "
lines:  .asciz " lines\n"
line:   .space 80
        .include "conio.inc"

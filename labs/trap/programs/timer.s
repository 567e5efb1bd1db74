; timer.s -- lab trap: spt and stpt.  The timer read back right after it is
; set, a negative value (an interrupt at once, as soon as E is on), the
; 32-bit value sign-extended, and timer interrupts that preempt a counting
; loop: each tick records how far the loop got and the timer at entry.
        .org  0
        .psw  S, start
        .org  0x18
        .psw  S, tick
        .org  0x38
        .psw  W, 0x99
        .org  0x200
start:  li    r1, 1000
        spt   r1
        stpt  r7                        ; 1000 less the cycles since spt started
        nop
        nop
        stpt  r8
        li    r1, -5
        spt   r1                        ; negative: pending, but E is off
        stpt  r9
        la    r1, 0x80000000
        spt   r1                        ; sign-extended: very negative
        stpt  r10
        la    r1, mset
        call  puts
        mov   r1, r7
        call  dec
        mov   r1, r8
        call  dec
        mov   r1, r9
        call  dec
        mov   r1, r10
        call  dec
        call  putnl
        li    r1, 700
        spt   r1
        li    r12, 0                    ; the loop's counter
        lpsw  run(r0)                   ; E on: the loop runs, ticks preempt it
loop:   addi  r12, r12, 1
        lw    r1, nticks(r0)
        li    r2, 6
        bne   r1, r2, loop
        ssm   r0                        ; E off for the report
        la    r1, mticks
        call  puts
        li    r13, 0
rep:    la    r1, log
        add   r1, r1, r13
        lw    r1, 0(r1)
        call  dec
        addi  r13, r13, 4
        li    r2, 48
        bne   r13, r2, rep
        call  putnl
        stpt  r1
        call  dec
        call  putnl
        lpsw  halt(r0)

; A tick: log the loop counter and the timer, set the next interval.
tick:   stpt  r3                        ; how late: the timer at entry
        lw    r1, nticks(r0)
        slli  r2, r1, 3
        la    r4, log
        add   r4, r4, r2
        sw    r12, 0(r4)
        sw    r3, 4(r4)
        addi  r1, r1, 1
        sw    r1, nticks(r0)
        li    r5, 300
        slli  r1, r1, 7                 ; the interval grows: 300 + 128 * tick
        add   r5, r5, r1
        spt   r5
        lpsw  0x10(r0)

; r1 in decimal and a blank.
dec:    mov   r11, lr
        call  putdec
        li    r1, ' '
        call  putc
        jr    r11

        .align 8
run:    .psw  S | E, loop
halt:   .psw  W, 0
nticks: .word 0
log:    .space 48
mset:   .asciz "set: "
mticks: .asciz "ticks: "
        .include "../../../tests/programs/conio.inc"

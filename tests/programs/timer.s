; timer.s -- CPU timer interrupts counted by a handler while the program
; waits in an enabled wait.  Every tick records the TOD clock; after five
; ticks the program prints them, the timer and the stored old PSW.
; All the times follow from the cycle model (comments: TOD at the start).
; expect-status: 0
        .org  0
        .psw  S, start
        .org  0x18
        .psw  S, tick                   ; external new PSW: interrupts off
        .org  0x38
        .psw  W, 0x99
        .org  0x200
start:  li    r7, 0                     ; 0: ticks
        li    r8, 10000                 ; 1: the interval
        spt   r8                        ; 2: pending from 2 + 10000 + 1 = 10003
        lpsw  wait(r0)                  ; 4: wait from 8 to 10003, interrupt to 10013

tick:   la    r1, stamps                ; handler start h (h0 = 10013)
        slli  r2, r7, 3                 ; h + 2
        add   r1, r1, r2                ; h + 3
        stck  0(r1)                     ; h + 4: the stamp
        addi  r7, r7, 1                 ; h + 6
        li    r3, 5                     ; h + 7
        beq   r7, r3, report            ; h + 8
        spt   r8                        ; h + 9: next handler at h + 10020
        lpsw  wait(r0)                  ; h + 11

report: stpt  r9                        ; h4 + 10 = 50103: timer set at h3 + 9
        stck  now(r0)                   ; 50104
        la    r1, mticks
        call  puts
        mov   r1, r7
        call  putdec
        call  putnl
        la    r1, mstamp
        call  puts
        li    r10, 0
sloop:  la    r1, stamps + 4            ; low words of the stamps
        slli  r2, r10, 3
        add   r1, r1, r2
        lw    r1, 0(r1)
        call  putdec
        li    r1, ' '
        call  putc
        addi  r10, r10, 1
        li    r2, 5
        bne   r10, r2, sloop
        call  putnl
        la    r1, mtimer
        call  puts
        mov   r1, r9
        call  putdec
        call  putnl
        la    r1, mnow
        call  puts
        lw    r1, now + 4(r0)
        call  putdec
        call  putnl
        la    r1, mold
        call  puts
        lw    r1, 0x10(r0)              ; the wait PSW, stored unchanged
        call  puthex
        li    r1, ' '
        call  putc
        lw    r1, 0x14(r0)
        call  puthex
        li    r1, ' '
        call  putc
        lw    r1, 0x60(r0)              ; external interruption code
        call  puthex
        call  putnl
        lpsw  done(r0)

        .align 8
wait:   .psw  W|E, 0x1234               ; enabled wait for the timer
done:   .psw  W, 0
now:    .space 8
stamps: .space 40
mticks: .asciz "ticks: "
mstamp: .asciz "stamps: "
mtimer: .asciz "timer at report: "
mnow:   .asciz "tod at report: "
mold:   .asciz "last old psw and code: "
        .include "conio.inc"

; tod.s -- the TOD clock and the CPU timer read at known points: after a
; loop, around spt/stpt, in an SVC handler and in a program-check handler
; entered through a nullified divide.  Every value follows from the cycle
; model; the comments give the TOD at the start of each instruction.
; expect-status: 0
        .org  0
        .psw  S, start
        .org  0x28
        .psw  S, svcint
        .org  0x38
        .psw  S, pgmint
        .org  0x200
start:  stck  t0(r0)                    ; 0
        li    r1, 100                   ; 2
loop:   addi  r1, r1, -1                ; 3: 100 * 1 + 99 * 2 + 1 = 299
        bnez  r1, loop
        stck  t1(r0)                    ; 302
        li    r2, 5000                  ; 304
        spt   r2                        ; 305: timer 5000 as of 305
        stpt  r9                        ; 307: 4998
        mul   r4, r9, r9                ; 308
        div   r4, r4, r9                ; 312
        stpt  r10                       ; 324: 4981
        stck  t2(r0)                    ; 325
        li    r7, 1                     ; 327
        svc   1                         ; 328: 2 + 10 cycles
svcint: stck  t3(r0)                    ; 340
        stpt  r11                       ; 342: 4963
        div   r7, r7, r0                ; 343: nullified, 0 + 10 cycles
pgmint: stck  t4(r0)                    ; 353
        stpt  r12                       ; 355: 4950
        la    r1, mt
        call  puts
        lw    r1, t0 + 4(r0)
        call  putdec
        li    r1, ' '
        call  putc
        lw    r1, t1 + 4(r0)
        call  putdec
        li    r1, ' '
        call  putc
        lw    r1, t2 + 4(r0)
        call  putdec
        li    r1, ' '
        call  putc
        lw    r1, t3 + 4(r0)
        call  putdec
        li    r1, ' '
        call  putc
        lw    r1, t4 + 4(r0)
        call  putdec
        call  putnl
        la    r1, mtimer
        call  puts
        mov   r1, r9
        call  putdec
        li    r1, ' '
        call  putc
        mov   r1, r10
        call  putdec
        li    r1, ' '
        call  putc
        mov   r1, r11
        call  putdec
        li    r1, ' '
        call  putc
        mov   r1, r12
        call  putdec
        call  putnl
        la    r1, mhigh                 ; the high words are all zero
        call  puts
        lw    r1, t0(r0)
        lw    r2, t4(r0)
        or    r1, r1, r2
        call  putdec
        call  putnl
        lpsw  done(r0)

        .align 8
done:   .psw  W, 0
t0:     .space 8
t1:     .space 8
t2:     .space 8
t3:     .space 8
t4:     .space 8
mt:     .asciz "stck: "
mtimer: .asciz "stpt: "
mhigh:  .asciz "high words: "
        .include "conio.inc"

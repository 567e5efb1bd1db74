; recurse.s -- recursive functions with a stack (sp = r13) and call/ret:
; Fibonacci numbers, a factorial, Ackermann's function and a deep recursion.
; Callee-saved registers and lr live in 16-byte frames.
; expect-status: 0
        .org  0
        .psw  S, start
        .org  0x38
        .psw  W, 0x99
        .org  0x200
start:  li    sp, 0x10000               ; the stack grows down from 64 KiB
        la    r1, mfib
        call  puts
        li    r7, 0                     ; fib(0) .. fib(15)
floop:  mov   r1, r7
        call  fib
        call  putdec
        li    r1, ' '
        call  putc
        addi  r7, r7, 1
        li    r2, 16
        bne   r7, r2, floop
        call  putnl

        la    r1, mfib20
        call  puts
        li    r1, 20
        call  fib
        call  putdec
        call  putnl

        la    r1, mfact
        call  puts
        li    r1, 12
        call  fact
        call  putdec
        call  putnl

        la    r1, mack
        call  puts
        li    r1, 2
        li    r2, 3
        call  ack
        call  putdec
        call  putnl

        la    r1, mdeep
        call  puts
        li    r1, 3000
        call  sumto
        call  putdec
        call  putnl

        li    r2, 0x10000               ; the stack is balanced again
        bne   sp, r2, broken
        lpsw  done(r0)
broken: lpsw  bad(r0)

; fib(r1) -> r1
fib:    li    r2, 2
        blt   r1, r2, fibret            ; fib(0) = 0, fib(1) = 1
        addi  sp, sp, -16
        sw    lr, 12(sp)
        sw    r7, 8(sp)
        sw    r8, 4(sp)
        mov   r7, r1
        addi  r1, r7, -1
        call  fib
        mov   r8, r1
        addi  r1, r7, -2
        call  fib
        add   r1, r1, r8
        lw    r8, 4(sp)
        lw    r7, 8(sp)
        lw    lr, 12(sp)
        addi  sp, sp, 16
fibret: ret

; fact(r1) -> r1, recursively
fact:   bnez  r1, fgo
        li    r1, 1
        ret
fgo:    addi  sp, sp, -8
        sw    lr, 4(sp)
        sw    r7, 0(sp)
        mov   r7, r1
        addi  r1, r1, -1
        call  fact
        mul   r1, r1, r7
        lw    r7, 0(sp)
        lw    lr, 4(sp)
        addi  sp, sp, 8
        ret

; ack(m = r1, n = r2) -> r1
ack:    bnez  r1, ackm
        addi  r1, r2, 1                 ; A(0, n) = n + 1
        ret
ackm:   addi  sp, sp, -8
        sw    lr, 4(sp)
        sw    r7, 0(sp)
        mov   r7, r1
        bnez  r2, ackmn
        addi  r1, r7, -1                ; A(m, 0) = A(m - 1, 1)
        li    r2, 1
        call  ack
        j     ackx
ackmn:  addi  r2, r2, -1                ; A(m, n) = A(m - 1, A(m, n - 1))
        call  ack
        mov   r2, r1
        addi  r1, r7, -1
        call  ack
ackx:   lw    r7, 0(sp)
        lw    lr, 4(sp)
        addi  sp, sp, 8
        ret

; sumto(r1) = r1 + sumto(r1 - 1): 3000 frames deep
sumto:  beqz  r1, sret
        addi  sp, sp, -8
        sw    lr, 4(sp)
        sw    r7, 0(sp)
        mov   r7, r1
        addi  r1, r1, -1
        call  sumto
        add   r1, r1, r7
        lw    r7, 0(sp)
        lw    lr, 4(sp)
        addi  sp, sp, 8
sret:   ret

        .align 8
done:   .psw  W, 0
bad:    .psw  W, 2
mfib:   .asciz "fib: "
mfib20: .asciz "fib(20) = "
mfact:  .asciz "12! = "
mack:   .asciz "A(2, 3) = "
mdeep:  .asciz "sum 1..3000 = "
        .include "conio.inc"

; arith.s -- integer arithmetic printed in decimal and hexadecimal: products,
; signed and unsigned division, the INT_MIN / -1 case, shifts, a sum and a
; factorial computed in loops.
; expect-status: 0
        .org  0
        .psw  S, start
        .org  0x38
        .psw  W, 0x99                   ; a program exception: status 0x99
        .org  0x200
start:  la    r1, m1                    ; 12345 * 6789
        call  puts
        li    r7, 12345
        li    r8, 6789
        mul   r1, r7, r8
        call  putdec
        call  putnl

        la    r1, m2                    ; -17 / 5 and -17 % 5
        call  puts
        li    r7, -17
        li    r8, 5
        div   r1, r7, r8
        call  putdec
        la    r1, sep
        call  puts
        rem   r1, r7, r8
        call  putdec
        call  putnl

        la    r1, m3                    ; 17 / -5 and 17 % -5
        call  puts
        li    r7, 17
        li    r8, -5
        div   r1, r7, r8
        call  putdec
        la    r1, sep
        call  puts
        rem   r1, r7, r8
        call  putdec
        call  putnl

        la    r1, m4                    ; INT_MIN / -1 and INT_MIN % -1
        call  puts
        li    r7, 0x80000000
        li    r8, -1
        div   r1, r7, r8
        call  putdec
        la    r1, sep
        call  puts
        rem   r1, r7, r8
        call  putdec
        call  putnl

        la    r1, m5                    ; 0xFFFFFFFF divu 16, remu 7
        call  puts
        li    r7, -1
        li    r8, 16
        divu  r1, r7, r8
        call  putdec
        la    r1, sep
        call  puts
        li    r8, 7
        remu  r1, r7, r8
        call  putdec
        call  putnl

        la    r1, m6                    ; mul and mulh of two big numbers
        call  puts
        li    r7, 0x12345678
        li    r8, 0x9ABCDEF0
        mulh  r1, r7, r8
        call  puthex
        li    r1, ' '
        call  putc
        mul   r1, r7, r8
        call  puthex
        call  putnl

        la    r1, m7                    ; shifts
        call  puts
        li    r7, -256
        srai  r1, r7, 4
        call  putdec
        li    r1, ' '
        call  putc
        srli  r1, r7, 28
        call  putdec
        li    r1, ' '
        call  putc
        li    r8, 33                    ; shift by 33 is a shift by 1
        sll   r1, r7, r8
        call  putdec
        call  putnl

        la    r1, m8                    ; comparisons
        call  puts
        li    r7, -1
        li    r8, 1
        slt   r1, r7, r8
        call  putdec
        sltu  r1, r7, r8
        call  putdec
        sltiu r1, r0, 1
        call  putdec
        slti  r1, r8, -5
        call  putdec
        call  putnl

        la    r1, m9                    ; 1 + 2 + ... + 100
        call  puts
        li    r7, 0
        li    r8, 100
sum:    add   r7, r7, r8
        addi  r8, r8, -1
        bnez  r8, sum
        mov   r1, r7
        call  putdec
        call  putnl

        la    r1, m10                   ; 12!
        call  puts
        li    r7, 1
        li    r8, 12
fact:   mul   r7, r7, r8
        addi  r8, r8, -1
        bnez  r8, fact
        mov   r1, r7
        call  putdec
        li    r1, ' '
        call  putc
        mov   r1, r7
        call  puthex
        call  putnl

        la    r1, m11                   ; logic with zero-extended immediates
        call  puts
        li    r7, -1
        andi  r1, r7, 0x8000
        call  puthex
        li    r1, ' '
        call  putc
        xori  r1, r7, 0xFFFF
        call  puthex
        li    r1, ' '
        call  putc
        lui   r1, 0xBEEF
        ori   r1, r1, 0xCAFE
        call  puthex
        call  putnl
        lpsw  done(r0)

        .align 8
done:   .psw  W, 0
m1:     .asciz "12345 * 6789 = "
m2:     .asciz "-17 / 5, -17 % 5 = "
m3:     .asciz "17 / -5, 17 % -5 = "
m4:     .asciz "INT_MIN / -1, INT_MIN % -1 = "
m5:     .asciz "0xFFFFFFFF divu 16, remu 7 = "
m6:     .asciz "mulh, mul 0x12345678 0x9ABCDEF0 = "
m7:     .asciz "-256 srai 4, srli 28, sll 33 = "
m8:     .asciz "slt sltu seqz slti = "
m9:     .asciz "sum 1..100 = "
m10:    .asciz "12! = "
m11:    .asciz "andi xori lui/ori = "
sep:    .asciz ", "
        .include "conio.inc"

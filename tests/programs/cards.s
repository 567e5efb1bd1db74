; cards.s -- copy the card reader to the punch: READ a card, WRITE it to the
; punch, until the reader reports the end of its file (unit exception); then
; close the punch file with CONTROL and report the number of cards.
; expect-status: 0
; pgsim-args: --reader tests/programs/cards.cards
READER = 0x00C
PUNCH = 0x00D
        .org  0
        .psw  S, start
        .org  0x38
        .psw  W, 0x99
        .org  0x200
start:  li    r7, 0                     ; cards copied
next:   li    r1, READER
        la    r2, rdccw
        call  doio
        srli  r2, r1, 16
        li    r3, 0x0D00                ; CE|DE|UE: end of the file
        beq   r2, r3, eof
        li    r3, 0x0C00
        bne   r2, r3, fail
        li    r1, PUNCH
        la    r2, puccw
        call  doio
        srli  r2, r1, 16
        li    r3, 0x0C00
        bne   r2, r3, fail
        addi  r7, r7, 1
        j     next
eof:    li    r1, PUNCH                 ; close the punch file
        la    r2, clccw
        call  doio
        srli  r2, r1, 16
        li    r3, 0x0C00
        bne   r2, r3, fail
        la    r1, mcopied
        call  puts
        mov   r1, r7
        call  putdec
        la    r1, mcards
        call  puts
        lpsw  done(r0)
fail:   lpsw  bad(r0)

; Run the channel program at r2 on device r1, poll; r1 = CSW word 1.
doio:   sio   r3, r1, r2
        bnez  r3, fail
dpoll:  tio   r3, r1
        li    r4, 2
        beq   r3, r4, dpoll
        li    r4, 1
        bne   r3, r4, fail
        lw    r1, 0x7C(r0)
        ret

        .align 8
done:   .psw  W, 0
bad:    .psw  W, 1
rdccw:  .byte 0x02, 0x00                ; READ 80
        .half 80
        .word card
puccw:  .byte 0x01, 0x00                ; WRITE 80
        .half 80
        .word card
clccw:  .byte 0x03, 0x00                ; CONTROL: close
        .half 1
        .word card
card:   .space 80
mcopied: .asciz "copied "
mcards: .asciz " cards\n"
        .include "conio.inc"

; disk.s -- a fixed-block disk at 191: SENSE its size, write block 5 and
; blocks 10-11 (one WRITE across the block boundary), read them back and
; compare, read on without a SEEK (the position persists), and SEEK beyond
; the end (unit check, sense "end of extent").
; expect-status: 0
; disk: 191
DISK = 0x191
        .org  0
        .psw  S, start
        .org  0x38
        .psw  W, 0x99
        .org  0x200
start:  li    sp, 0xF000                ; a small stack for result
        la    r1, wbuf                  ; wbuf[i] = i * 7 + 3 (mod 256), 1024 bytes
        li    r2, 0
        li    r3, 1024
fill:   li    r4, 7
        mul   r4, r2, r4
        addi  r4, r4, 3
        add   r5, r1, r2
        sb    r4, 0(r5)
        addi  r2, r2, 1
        bne   r2, r3, fill

        la    r2, sense                 ; size in blocks and the sense byte
        call  diskio
        li    r2, 0x0C00
        bne   r1, r2, fail
        la    r1, msize
        call  puts
        lw    r1, sdata(r0)
        call  putdec
        la    r1, msense
        call  puts
        lbu   r1, sdata + 4(r0)
        call  puthex
        call  putnl

        la    r2, wr5                   ; SEEK 5, WRITE 512
        call  diskio
        li    r2, 0x0C00
        bne   r1, r2, fail
        la    r2, wr10                  ; SEEK 10, WRITE 1024
        call  diskio
        li    r2, 0x0C00
        bne   r1, r2, fail

        la    r2, rd5                   ; SEEK 5, READ 512, compare
        call  diskio
        li    r2, 0x0C00
        bne   r1, r2, fail
        li    r3, 512
        call  compare
        la    r1, mb5
        call  puts
        call  result

        la    r2, rd10                  ; SEEK 10, READ 1024, compare
        call  diskio
        li    r2, 0x0C00
        bne   r1, r2, fail
        li    r3, 1024
        call  compare
        la    r1, mb10
        call  puts
        call  result

        la    r1, rbuf                  ; READ 512 more: block 12, never written
        li    r2, 0x5A
        sb    r2, 0(r1)
        la    r2, rd12
        call  diskio
        li    r2, 0x0C00
        bne   r1, r2, fail
        la    r1, rbuf
        li    r7, 0
        li    r4, 512
zloop:  lbu   r2, 0(r1)
        or    r7, r7, r2
        addi  r1, r1, 1
        addi  r4, r4, -1
        bnez  r4, zloop
        la    r1, mb12
        call  puts
        mov   r1, r7
        call  putdec
        call  putnl

        la    r2, seek64                ; beyond the last block
        call  diskio
        mov   r7, r1
        la    r2, sense
        call  diskio
        la    r1, mseek
        call  puts
        mov   r1, r7
        call  puthex
        la    r1, msense
        call  puts
        lbu   r1, sdata + 4(r0)
        call  puthex
        call  putnl
        lpsw  done(r0)
fail:   lpsw  bad(r0)

; Run the channel program at r2 on the disk and poll; r1 = unit and channel
; status (CSW word 1 >> 16).
diskio: li    r1, DISK
        sio   r3, r1, r2
        bnez  r3, fail
dpoll:  tio   r3, r1
        li    r4, 2
        beq   r3, r4, dpoll
        li    r4, 1
        bne   r3, r4, fail
        lw    r1, 0x7C(r0)
        srli  r1, r1, 16
        ret

; Compare r3 bytes of rbuf with wbuf; r8 = 0 when equal.
compare: la   r1, wbuf
        la    r2, rbuf
        li    r8, 0
cloop:  lbu   r4, 0(r1)
        lbu   r5, 0(r2)
        beq   r4, r5, csame
        li    r8, 1
csame:  addi  r1, r1, 1
        addi  r2, r2, 1
        addi  r3, r3, -1
        bnez  r3, cloop
        ret

; Print "ok" or "DIFFERENT" for r8, and a newline.
result: addi  sp, sp, -8
        sw    lr, 4(sp)
        la    r1, mok
        beqz  r8, rprint
        la    r1, mdiff
rprint: call  puts
        lw    lr, 4(sp)
        addi  sp, sp, 8
        ret

        .align 8
done:   .psw  W, 0
bad:    .psw  W, 1
sense:  .byte 0x04, 0x00                ; SENSE 5 bytes
        .half 5
        .word sdata
wr5:    .byte 0x07, 0x40                ; SEEK, chained
        .half 4
        .word b5
        .byte 0x01, 0x00                ; WRITE 512
        .half 512
        .word wbuf
wr10:   .byte 0x07, 0x40
        .half 4
        .word b10
        .byte 0x01, 0x00                ; WRITE 1024: blocks 10 and 11
        .half 1024
        .word wbuf
rd5:    .byte 0x07, 0x40
        .half 4
        .word b5
        .byte 0x02, 0x00                ; READ 512
        .half 512
        .word rbuf
rd10:   .byte 0x07, 0x40
        .half 4
        .word b10
        .byte 0x02, 0x00
        .half 1024
        .word rbuf
rd12:   .byte 0x02, 0x00                ; READ 512 from where the last one ended
        .half 512
        .word rbuf
seek64: .byte 0x07, 0x00
        .half 4
        .word b64
b5:     .word 5
b10:    .word 10
b64:    .word 64
sdata:  .space 8
msize:  .asciz "disk 191: blocks "
msense: .asciz ", sense "
mb5:    .asciz "block 5 "
mb10:   .asciz "blocks 10-11 "
mb12:   .asciz "block 12 bytes or-ed: "
mseek:  .asciz "seek 64: status "
mok:    .asciz "ok\n"
mdiff:  .asciz "DIFFERENT\n"
        .align 4
wbuf:   .space 1024
rbuf:   .space 1024
        .include "conio.inc"

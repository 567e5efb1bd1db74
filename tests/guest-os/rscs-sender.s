; rscs-sender.s -- the second VM of run-rscs.sh's spool test (USER SENDER).
; It punches four files to RSCS, each tagged with DIAGNOSE 0x20 (name,
; type, destination RSCS), then waits for the file RSCS forwards back:
;   REPORT LIST  three lines                 -> RSCS prints it
;   NOTE TXT     `TO SENDER` and two lines   -> RSCS forwards it to SENDER
;   LOST MAIL    `to nobody` and one line    -> no such VM: RSCS prints it
;   LOOP BACK    `TO RSCS` and one line      -> RSCS forwards it to itself,
;                                               then prints it (from RSCS)
; When its reader has a file (after the attention interrupt), it says what
; DIAGNOSE 0x14 tells about it, types its cards and stops (disabled wait 0).
; Needs CP (under pgsim, DIAGNOSE 0x20 is a specification exception: 0x99).
; Registers: r7-r12 survive the conio.inc routines; sendfile and doio are
; leaves or keep their return address in r12.
        .org  0
        .psw  S, start
        .org  0x38
        .psw  W, 0x99                   ; program new: a program check
        .org  0x58
        .psw  S, wake                   ; I/O new: the reader's attention
        .org  0x200
start:  la    r1, tag1
        la    r2, deck1
        call  sendfile
        la    r1, tag2
        la    r2, deck2
        call  sendfile
        la    r1, tag3
        la    r2, deck3
        call  sendfile
        la    r1, tag4
        la    r2, deck4
        call  sendfile
        la    r1, msent
        call  puts

; read the reader; with nothing there yet, wait for the attention interrupt
        li    r8, 0                     ; cards read
wake:   li    r1, 0x00C
        la    r2, rdccw
        call  doio
        li    r3, 0x0D00                ; end of file
        beq   r1, r3, rdend
        li    r3, 0x0C00
        bne   r1, r3, fail
        bnez  r8, rdtype
        la    r1, rinfo                 ; first card: which file is it?
        diag  r2, r1, 0x14
        bnez  r2, fail
        la    r1, mgot
        call  puts
        la    r1, rinfo + 8             ; name
        call  putname
        li    r1, ' '
        call  putc
        la    r1, rinfo + 16            ; type
        call  putname
        la    r1, mfrom
        call  puts
        la    r1, rinfo                 ; origin
        call  putname
        call  putnl
rdtype: addi  r8, r8, 1
        la    r1, card                  ; "| card" without trailing blanks
        li    r2, 80
        li    r4, ' '
trim:   add   r3, r1, r2
        lbu   r3, -1(r3)
        bne   r3, r4, trimmed
        addi  r2, r2, -1
        bnez  r2, trim
trimmed: mov  r9, r2
        la    r1, mbar
        call  puts
        beqz  r9, tnl
        la    r1, card
        mov   r2, r9
        call  write
tnl:    call  putnl
        j     wake
rdend:  beqz  r8, idle                  ; nothing yet: wait for it
        la    r1, mcount
        call  puts
        mov   r1, r8
        call  putdec
        la    r1, mcards
        call  puts
        lpsw  done(r0)
idle:   lpsw  waitio(r0)
fail:   lpsw  bad(r0)

; putname: write the 8-byte blank-padded name at r1 without its trailing
; blanks (a leaf apart from the tail call to write).
putname: li   r2, 8
        li    r4, ' '
pn_trim: add  r3, r1, r2
        lbu   r3, -1(r3)
        bne   r3, r4, write
        addi  r2, r2, -1
        bnez  r2, pn_trim
        ret

; sendfile: tag the punch (r1 = 24-byte tag area), punch the cards of the
; list at r2 (zero-terminated strings; an empty one ends it), close.
sendfile:
        mov   r12, lr
        mov   r9, r2
        diag  r3, r1, 0x20
        bnez  r3, fail
sf_card: lbu  r3, 0(r9)
        beqz  r3, sf_close
        mov   r10, r9                   ; the card's text
sf_len: lbu   r3, 0(r9)
        addi  r9, r9, 1
        bnez  r3, sf_len                ; r9: past the zero
        la    r2, puccw
        sw    r10, 4(r2)
        sub   r3, r9, r10
        addi  r3, r3, -1
        sh    r3, 2(r2)                 ; count (SLI: padded to 80)
        li    r1, 0x00D
        call  doio
        li    r3, 0x0C00
        bne   r1, r3, fail
        j     sf_card
sf_close: li  r1, 0x00D
        la    r2, clccw
        call  doio
        li    r3, 0x0C00
        bne   r1, r3, fail
        jr    r12

; doio: run the channel program r2 on device r1 and poll for its end;
; r1 = unit and channel status.  An sio answering 1 (the reader's attention
; was pending) starts again.
doio:   sio   r3, r1, r2
        li    r4, 1
        beq   r3, r4, doio
        bnez  r3, fail
dpoll:  tio   r3, r1
        li    r4, 2
        beq   r3, r4, dpoll
        li    r4, 1
        bne   r3, r4, fail
        lw    r1, 0x7C(r0)
        srli  r1, r1, 16
        ret

        .align 8
waitio: .psw  W|I, 0x00C
done:   .psw  W, 0
bad:    .psw  W, 1
rdccw:  .byte 0x02, 0x00                ; READ a card
        .half 80
        .word card
puccw:  .byte 0x01, 0x20                ; WRITE a card, SLI
        .half 0
        .word 0
clccw:  .byte 0x03, 0x00                ; CONTROL: close the punch file
        .half 1
        .word card
        .align 4
rinfo:  .space 32
tag1:   .ascii "REPORT  LIST    RSCS    "
tag2:   .ascii "NOTE    TXT     RSCS    "
tag3:   .ascii "LOST    MAIL    RSCS    "
tag4:   .ascii "LOOP    BACK    RSCS    "
deck1:  .asciz "QUARTERLY REPORT", "  line two of the report", "end of report", ""
deck2:  .asciz "TO SENDER", "hello back from RSCS", "second line of the note", ""
deck3:  .asciz "to nobody", "this file has nowhere to go", ""
deck4:  .asciz "TO RSCS", "RSCS forwards this to itself once, then prints it", ""
card:   .space 80
msent:  .asciz "SENDER: punched 4 files to RSCS\n"
mgot:   .asciz "SENDER: received "
mfrom:  .asciz " from "
mbar:   .asciz "| "
mcount: .asciz "SENDER: "
mcards: .asciz " cards\n"
        .include "../programs/conio.inc"

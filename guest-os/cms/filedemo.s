; filedemo.s -- FILEDEMO MODULE: exercises the file SVCs.
; Writes DEMO OUTPUT (three lines) on the A-disk, reads it back and types
; it, counting the bytes; then shows that opening a missing file answers
; return code 28.  Exit code 0 if everything went as expected, else 1.
; SVCs: 0 exit, 1 write, 3 open, 4 read, 5 write file, 6 close.
        .org  0x10000
start:  li    sp, 0x20000
        la    r1, name                  ; open DEMO OUTPUT for writing
        li    r2, 1
        svc   3
        bnez  r1, fail
        li    r7, 1                     ; lines 1..3
wloop:  addi  r3, r7, '0'
        la    r1, lnum
        sb    r3, 0(r1)
        la    r1, line
        li    r2, linelen
        svc   5
        bnez  r1, fail
        addi  r7, r7, 1
        li    r3, 4
        bne   r7, r3, wloop
        li    r1, 1                     ; close: the file is written
        svc   6
        bnez  r1, fail
        la    r1, mwrote
        li    r2, mwrotelen
        svc   1
        la    r1, name                  ; read it back
        li    r2, 0
        svc   3
        bnez  r1, fail
        li    r8, 0                     ; bytes read
rloop:  la    r1, buf
        li    r2, 16                    ; in small pieces
        svc   4
        beqz  r1, rdone
        blt   r1, r0, check
        add   r8, r8, r1
        mov   r2, r1
        la    r1, buf
        svc   1
        j     rloop
rdone:  li    r1, 0
        svc   6
        li    r3, linelen * 3
        bne   r8, r3, check
        la    r1, missing               ; a missing file: 28
        li    r2, 0
        svc   3
        li    r3, 28
        bne   r1, r3, check
        la    r1, mok
        li    r2, moklen
        svc   1
        li    r1, 0
        svc   0
; An SVC answered r1 (nonzero): say so and exit with that return code.
fail:   mov   r9, r1
        la    r1, mfail
        li    r2, mfaillen
        svc   1
        mov   r1, r9
        svc   0
check:  li    r1, 1                     ; a wrong count or answer: code 1
        j     fail

name:   .ascii "demo    output  "
missing: .ascii "NOSUCH  FILE    "
line:   .ascii "FILEDEMO line "
lnum:   .ascii "0: written with SVC 5\n"
linelen = . - line
mwrote: .ascii "FILEDEMO: wrote DEMO OUTPUT, reading it back:\n"
mwrotelen = . - mwrote
mok:    .ascii "FILEDEMO: read back all bytes; missing file gives 28\n"
moklen = . - mok
mfail:  .ascii "FILEDEMO: a file SVC failed; its return code ends the module\n"
mfaillen = . - mfail
        .align 4
buf:    .space 16

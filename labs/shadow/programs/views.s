; views.s -- lab shadow: one address space seen from both states.  Page 3 is
; supervisor-only, page 4 read-only for everyone, page 5 writable by the
; user, page 6 has U when the supervisor first touches it and loses it
; without a purge (the captured translation, shared by both states, still
; lets the user in).  The program goes back and forth between supervisor
; and problem state; every program interrupt is logged (code, address,
; where) and skipped; the log and the words read are printed at the end.
V = 1
PW = 2
U = 4
L1 = 0x10000
L2 = 0x11000
        .org  0
        .psw  S, start
        .org  0x28
        .psw  S | T, svch
        .org  0x38
        .psw  S | T, pgmh
        .org  0x200
start:  la    r1, L1
        la    r2, L2 | V
        sw    r2, 0(r1)
        la    r3, L2
        li    r4, 0
        li    r5, 32
imap:   slli  r2, r4, 12
        ori   r2, r2, V | PW | U
        sw    r2, 0(r3)
        addi  r3, r3, 4
        addi  r4, r4, 1
        bne   r4, r5, imap
        la    r3, L2
        li    r2, 0x3000 | V | PW       ; supervisor only
        sw    r2, 12(r3)
        li    r2, 0x4000 | V | U        ; read-only
        sw    r2, 16(r3)
        lctl  cr1, r1
        li    r2, 0x1234
        sw    r2, 0x3000(r0)            ; (translation still off: real stores)
        li    r2, 0x5678
        sw    r2, 0x4000(r0)
        lpsw  tsup(r0)
s1:     lw    r7, 0x3000(r0)            ; supervisor: page 3 fine
        lw    r1, 0x6000(r0)            ; page 6 captured with U
        la    r3, L2
        lw    r2, 24(r3)
        li    r5, ~U
        and   r2, r2, r5
        sw    r2, 24(r3)                ; page 6 loses U, no purge
        lpsw  tprob(r0)
p1:     lw    r8, 0x3000(r0)            ; protection
        lw    r9, 0x4000(r0)            ; fine
        sw    r9, 0x4004(r0)            ; protection: read-only
        sw    r9, 0x5000(r0)            ; fine
        lw    r10, 0x6000(r0)           ; fine: the captured entry had U
        svc   1
s2:     sw    r7, 0x4008(r0)            ; protection in supervisor state too
        li    r2, 0x4321
        sw    r2, 0x5004(r0)            ; the page the user wrote
        lpsw  tprob2(r0)
p2:     lw    r11, 0x3004(r0)           ; protection again: never in the user's view
        lw    r12, 0x5004(r0)           ; sees the supervisor's store
        svc   2
s3:     ptlb
        lpsw  tprob3(r0)
p3:     lw    r10, 0x6000(r0)           ; protection now: page 6 retranslated
        svc   3
s4:     lpsw  toff(r0)
off:    la    r1, mlog
        call  puts
        call  putnl
        li    r10, 0
rep:    la    r1, log
        add   r1, r1, r10
        lw    r1, 0(r1)
        call  puthex
        li    r1, ' '
        call  putc
        addi  r10, r10, 4
        andi  r2, r10, 15
        bnez  r2, rep
        call  putnl
        lw    r2, nlog(r0)
        slli  r2, r2, 4
        bne   r10, r2, rep
        la    r1, mread
        call  puts
        mov   r1, r7
        call  puthex
        li    r1, ' '
        call  putc
        mov   r1, r9
        call  puthex
        li    r1, ' '
        call  putc
        mov   r1, r12
        call  puthex
        call  putnl
        lpsw  halt(r0)

svch:   lw    r1, 0x64(r0)              ; svc n: go on at s(n+1) in the supervisor
        slli  r1, r1, 2
        la    r2, conts - 4
        add   r1, r1, r2
        lw    r1, 0(r1)
        jr    r1

pgmh:   sw    r1, save(r0)
        sw    r2, save + 4(r0)
        sw    r3, save + 8(r0)
        lw    r2, nlog(r0)
        slli  r3, r2, 4
        addi  r2, r2, 1
        sw    r2, nlog(r0)
        la    r2, log
        add   r3, r3, r2
        lw    r2, 0x68(r0)
        sw    r2, 0(r3)
        lw    r2, 0x6C(r0)
        sw    r2, 4(r3)
        lw    r2, 0x30(r0)
        sw    r2, 8(r3)
        lw    r2, 0x34(r0)
        sw    r2, 12(r3)
        addi  r2, r2, 4
        sw    r2, 0x34(r0)
        lw    r1, save(r0)
        lw    r2, save + 4(r0)
        lw    r3, save + 8(r0)
        lpsw  0x30(r0)

        .align 8
tsup:   .psw  S | T, s1
tprob:  .psw  T, p1
tprob2: .psw  T, p2
tprob3: .psw  T, p3
toff:   .psw  S, off
halt:   .psw  W, 0
conts:  .word s2, s3, s4
save:   .space 12
nlog:   .word 0
log:    .space 160
mlog:   .asciz "code address oldflags oldaddr:"
mread:  .asciz "read: "
        .include "../../../tests/programs/conio.inc"

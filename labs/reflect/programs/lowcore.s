; lowcore.s -- lab reflect: what each interrupt stores in low core.  Program
; interrupts of every kind (with translation on, so that translation
; exceptions store their address at 0x6C -- and only they), SVCs with
; several numbers from both states, each logged by its handler with the old
; PSW; then the log is printed.  0x6C is reset to a marker after each.
V = 1
PW = 2
U = 4
L1 = 0x10000
L2 = 0x11000
MARK = 0x6C6C6C6C
        .org  0
        .psw  S, start
        .org  0x28
        .psw  S, svch
        .org  0x38
        .psw  S, pgmh
        .org  0x200
start:  la    r1, L1                    ; segment 0: pages 0-31; page 5 read-only,
        la    r2, L2 | V                ; page 6 absent, page 7 supervisor only
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
        li    r2, 0x5000 | V | U
        sw    r2, 20(r3)
        sw    r0, 24(r3)
        li    r2, 0x7000 | V | PW
        sw    r2, 28(r3)
        lctl  cr1, r1
        la    r2, MARK
        sw    r2, 0x6C(r0)
        lpsw  tsup(r0)
sup:    lw    r1, 2(r0)                 ; specification: no address stored
        sw    r1, 0x5000(r0)            ; protection: 0x5000
        lw    r1, 0x6004(r0)            ; page translation: 0x6004
        lui   r9, 0x40
        lw    r1, 8(r9)                 ; segment translation: 0x00400008
        div   r1, r1, r0                ; divide
        svc   7
        lpsw  tprob(r0)
prob:   lw    r1, 0x7010(r0)            ; protection (supervisor only): 0x7010
        ptlb                            ; privileged operation
        svc   0
        svc   0x2BC
        svc   255
        lpsw  halt(r0)                  ; never: svc 255 ends it

svch:   sw    r1, save(r0)
        lw    r1, 0x64(r0)
        sw    r1, code(r0)
        lw    r1, 0x20(r0)
        sw    r1, oldf(r0)
        lw    r1, 0x24(r0)
        sw    r1, olda(r0)
        li    r1, 2
        jal   r13, logit
        lw    r1, code(r0)
        li    r2, 255
        beq   r1, r2, report
        lw    r1, save(r0)
        lpsw  0x20(r0)

pgmh:   sw    r1, save(r0)
        lw    r1, 0x68(r0)
        sw    r1, code(r0)
        lw    r1, 0x30(r0)
        sw    r1, oldf(r0)
        lw    r1, 0x34(r0)
        sw    r1, olda(r0)
        addi  r1, r1, 4                 ; resume after the instruction
        sw    r1, 0x34(r0)
        li    r1, 3
        jal   r13, logit
        lw    r1, save(r0)
        lpsw  0x30(r0)

; log class (r1), code, old PSW, 0x6C; reset 0x6C.
logit:  sw    r2, save + 4(r0)
        sw    r3, save + 8(r0)
        lw    r2, nlog(r0)
        slli  r3, r2, 4
        addi  r2, r2, 1
        sw    r2, nlog(r0)
        la    r2, log
        add   r3, r3, r2
        lw    r2, code(r0)
        slli  r1, r1, 28
        or    r2, r2, r1
        sw    r2, 0(r3)
        lw    r2, oldf(r0)
        sw    r2, 4(r3)
        lw    r2, olda(r0)
        sw    r2, 8(r3)
        lw    r2, 0x6C(r0)
        sw    r2, 12(r3)
        la    r2, MARK
        sw    r2, 0x6C(r0)
        lw    r2, save + 4(r0)
        lw    r3, save + 8(r0)
        jr    r13

report: lpsw  toff(r0)
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
        lpsw  halt(r0)

        .align 8
tsup:   .psw  S | T, sup
tprob:  .psw  T, prob
toff:   .psw  S, off
halt:   .psw  W, 0
save:   .space 12
code:   .word 0
oldf:   .word 0
olda:   .word 0
nlog:   .word 0
log:    .space 256
mlog:   .asciz "class|code oldflags oldaddr 0x6C:"
        .include "../../../tests/programs/conio.inc"

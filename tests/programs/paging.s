; paging.s -- demand paging.  The supervisor builds a two-level table (CR1),
; maps low core (supervisor only) and the user's code page, leaves the data
; segment 0x00400000 empty, and starts the user in problem state with
; translation on.  Each page-translation fault in that segment gets a fresh
; frame and the instruction is retried; other program checks are reported
; and skipped.  At the end the supervisor prints the page-table entries with
; their R and C bits, and what lra says.
; expect-status: 0
V = 1
PW = 2
U = 4
L1 = 0x10000                            ; first-level table
L2SEG0 = 0x11000                        ; second-level table, segment 0
L2SEG1 = 0x12000                        ; second-level table, segment 1 (data)
FRAMES = 0x20000                        ; frames handed out on demand
        .org  0
        .psw  S, start
        .org  0x28
        .psw  S, svcint
        .org  0x38
        .psw  S, pgmint
        .org  0x200
start:  la    r1, L1
        la    r2, L2SEG0 | V
        sw    r2, 0(r1)                 ; segment 0
        la    r2, L2SEG1 | V
        sw    r2, 4(r1)                 ; segment 1: its table is all invalid
        la    r3, L2SEG0
        li    r2, 0 | V | PW            ; page 0: low core, supervisor only
        sw    r2, 0(r3)
        li    r2, user | V | U          ; the user's code, read-only
        sw    r2, (user >> 12) * 4(r3)
        lctl  cr1, r1
        lpsw  userpsw(r0)

pgmint: sw    r1, save + 0(r0)
        sw    r2, save + 4(r0)
        sw    r3, save + 8(r0)
        sw    r4, save + 12(r0)
        sw    r5, save + 16(r0)
        sw    r6, save + 20(r0)
        sw    lr, save + 24(r0)
        sw    r7, save + 28(r0)
        lw    r7, 0x68(r0)
        li    r2, 0x11
        bne   r7, r2, pother            ; not a page fault
        lw    r1, 0x6C(r0)
        srli  r2, r1, 22
        li    r3, 1
        bne   r2, r3, pother            ; not in the data segment
        srli  r2, r1, 12
        andi  r2, r2, 0x3FF
        slli  r2, r2, 2
        la    r3, L2SEG1
        add   r3, r3, r2                ; the entry to fill
        lw    r4, nextframe(r0)
        ori   r5, r4, V | PW | U
        sw    r5, 0(r3)
        li    r6, 0x1000
        add   r4, r4, r6
        sw    r4, nextframe(r0)
        lw    r4, faults(r0)
        addi  r4, r4, 1
        sw    r4, faults(r0)
        j     pret                      ; retry the instruction
pother: la    r1, mpgm
        call  puts
        mov   r1, r7
        call  puthex
        la    r1, mat
        call  puts
        lw    r1, 0x6C(r0)
        call  puthex
        la    r1, mskip
        call  puts
        lw    r2, 0x34(r0)              ; skip the instruction
        addi  r2, r2, 4
        sw    r2, 0x34(r0)
pret:   lw    r1, save + 0(r0)
        lw    r2, save + 4(r0)
        lw    r3, save + 8(r0)
        lw    r4, save + 12(r0)
        lw    r5, save + 16(r0)
        lw    r6, save + 20(r0)
        lw    lr, save + 24(r0)
        lw    r7, save + 28(r0)
        lpsw  0x30(r0)

svcint: lw    r2, 0x64(r0)
        beqz  r2, report
        sw    r3, save(r0)              ; svc 2: print the sum, in r3
        la    r1, msum
        call  puts
        lw    r1, save(r0)
        call  putdec
        call  putnl
        lpsw  0x20(r0)
report: la    r1, mfaults
        call  puts
        lw    r1, faults(r0)
        call  putdec
        call  putnl
        li    r7, 0
        li    r8, 0x00400000
rloop:  la    r1, mpage
        call  puts
        mov   r1, r8
        call  puthex
        la    r1, mpte
        call  puts
        la    r1, L2SEG1
        slli  r2, r7, 2
        add   r1, r1, r2
        lw    r1, 0(r1)
        call  puthex
        la    r1, mlra
        call  puts
        lra   r1, 0(r8)
        call  puthex
        call  putnl
        li    r2, 0x1000
        add   r8, r8, r2
        addi  r7, r7, 1
        li    r2, 4
        bne   r7, r2, rloop
        la    r1, mcode
        call  puts
        la    r1, L2SEG0 + (user >> 12) * 4
        lw    r1, 0(r1)
        call  puthex
        call  putnl
        la    r1, mlow
        call  puts
        la    r1, L2SEG0
        lw    r1, 0(r1)
        call  puthex
        call  putnl
        lpsw  done(r0)

        .align 8
userpsw: .psw T, user                   ; problem state, translation on
done:   .psw  W, 0
save:   .space 32
faults: .word 0
nextframe: .word FRAMES
mpgm:   .asciz "program check "
mat:    .asciz " at "
mskip:  .asciz ", skipped\n"
msum:   .asciz "sum "
mfaults: .asciz "page faults: "
mpage:  .asciz "page "
mpte:   .asciz " pte "
mlra:   .asciz " lra "
mcode:  .asciz "code pte "
mlow:   .asciz "low core pte "
        .include "conio.inc"

; ---- the user program: problem state, virtual addresses ----
        .org  0x4000
user:   li    r1, 0x00400000
        li    r2, 1
        li    r5, 4
wloop:  sw    r2, 0(r1)                 ; the first store to a page faults
        sw    r2, 8(r1)
        addi  r1, r1, 0x1000
        addi  r2, r2, 1
        bne   r2, r5, wloop             ; pages 0, 1, 2 get 1, 2, 3
        li    r1, 0x00400000
        li    r3, 0
        li    r4, 0
rdloop: lw    r6, 0(r1)                 ; page 3 is only read
        add   r3, r3, r6
        addi  r1, r1, 0x1000
        addi  r4, r4, 1
        bne   r4, r5, rdloop
        svc   2                         ; the sum is in r3
        li    r1, 0x00800000
        lw    r6, 0(r1)                 ; segment 2 is not valid
        sw    r6, 0x4000(r0)            ; the code page is read-only
        lw    r6, 0(r0)                 ; low core has no U
        svc   0

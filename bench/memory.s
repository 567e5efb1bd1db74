; memory.s -- benchmark: loads and stores with translation on.  Maps the
; first 1 MiB one to one (256 pages), then adds a counter into every word
; of a 64 KiB array, 8192 times: 2^27 loads and 2^27 stores.
        .org  0
        .psw  S, start
        .org  0x38
        .psw  W, 0xEE                   ; program new PSW: a fault ends the run
SEGTAB = 0x10000                        ; first-level table
PAGETAB = 0x11000                       ; second-level table for VA 0..4 MiB
ARRAY = 0x20000
ARRAY_END = 0x30000
PASSES = 8192
        .org  0x200
start:  la    r1, SEGTAB
        la    r2, PAGETAB | 1           ; valid
        sw    r2, 0(r1)
        lctl  cr1, r1
        la    r3, PAGETAB
        li    r4, 0                     ; real address of page i
        li    r5, 256                   ; pages to map
        li    r7, 4096
fill:   ori   r6, r4, 3                 ; V | W
        sw    r6, 0(r3)
        addi  r3, r3, 4
        add   r4, r4, r7
        addi  r5, r5, -1
        bnez  r5, fill
        lpsw  go(r0)                    ; translation on
        .align 8
go:     .psw  S | T, run
run:    li    r10, PASSES
outer:  la    r1, ARRAY
        la    r2, ARRAY_END
inner:  lw    r3, 0(r1)
        add   r3, r3, r10
        sw    r3, 0(r1)
        addi  r1, r1, 4
        bne   r1, r2, inner
        addi  r10, r10, -1
        bnez  r10, outer
        lpsw  done(r0)
        .align 8
done:   .psw  W, 0

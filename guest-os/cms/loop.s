; loop.s -- LOOP MODULE: a module that never ends.  CMS's time limit (the
; CPU timer, 100000000 cycles) ends it with R(30000).
        .org  0x10000
start:  la    r1, msg
        li    r2, msglen
        svc   1
forever: j    forever
msg:    .ascii "LOOP: looping forever\n"
msglen = . - msg

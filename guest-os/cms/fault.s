; fault.s -- FAULT MODULE: a module that misbehaves on purpose.  It tries
; to store into CMS's nucleus (supervisor-only page 0x1000): a protection
; exception, which CMS reports before ending the module.
        .org  0x10000
start:  la    r1, msg
        li    r2, msglen
        svc   1
        li    r1, 0x1000
        sw    r0, 0(r1)                 ; protection exception (code 4)
        li    r1, 0
        svc   0
msg:    .ascii "FAULT: about to write into CMS storage\n"
msglen = . - msg

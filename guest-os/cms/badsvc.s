; badsvc.s -- BADSVC MODULE: asks CMS to write from CMS's own storage
; (address 0x1000, outside the user area).  CMS refuses and ends the module
; with R(20001) (20000 + the SVC number).
        .org  0x10000
start:  la    r1, msg
        li    r2, msglen
        svc   1
        li    r1, 0x1000                ; not the module's: refused
        li    r2, 16
        svc   1
        li    r1, 0
        svc   0
msg:    .ascii "BADSVC: asking CMS to write from its own storage\n"
msglen = . - msg

; hello.s -- HELLO MODULE: a greeting from problem state.
; A CMS module is assembled at MODULE_BASE 0x10000; CMS enters it there in
; problem state with translation on.  SVC 1 writes, SVC 0 exits.
        .org  0x10000
start:  la    r1, msg
        li    r2, msglen
        svc   1                         ; write r2 bytes at r1
        li    r1, 0
        svc   0                         ; exit, return code 0
msg:    .ascii "Hello from a CMS module in virtual problem state\n"
msglen = . - msg

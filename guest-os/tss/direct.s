; direct.s -- TSS without the disk bootstrap, for running the image file itself
; (pgsim IPLs an image file by loading all of it): a local IPL PSW that goes
; straight to `nucleus`.  Everything else is the same source as tss.s.
;
;   build/pgas guest-os/tss/direct.s -o tss-direct.img && build/pgsim tss-direct.img
        .org  0
        .psw  S, nucleus                ; IPL PSW: supervisor, real, disabled
        .include "system.inc"

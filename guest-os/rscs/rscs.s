; rscs.s -- RSCS, a spool service machine in the spirit of VM/370's RSCS and
; print servers (issue 4, section 3; README.md in this folder).
;
; It takes the files of its card reader one by one.  A file whose first card
; is a routing card `TO vmname` (route.inc) is forwarded, without that card,
; to vmname's reader through the punch: DIAGNOSE 0x20 tags the punch file
; with the destination and the file's own name and type, CONTROL closes it.
; Every other file is printed on the printer 00E between a banner naming the
; file and its sender (DIAGNOSE 0x14) and a trailer.  Each file gets one
; console line.
;
; Nothing at IPL depends on CP: RSCS does not ask where it runs until it
; first needs CP's spool -- to describe a file (its banner and console line),
; to route one, or to learn whether another file can come when the reader is
; empty.  Then spool_check (cp.inc) asks once, with DIAGNOSE 0 and 0x14, and
; remembers the answer in rs_spool.  There are two outcomes:
;
;   no spool: bare (DIAGNOSE 0 answers 0), or under CP with a reader that is
;     no spool reader (0x14 answers 2: pgvmm with one image uses pgsim's host
;     devices).  RSCS behaves the same in both, byte for byte: files have no
;     name or origin ("(no CP spool)"), a routing card's file is punched
;     untagged on the host punch, and at the end of the reader deck RSCS
;     writes a summary line and stops in a disabled wait with code 0
;     (RS_W_DONE).
;   spool: under CP with a spool reader (pgvmm --directory).  Banners name
;     the file and its origin (0x14), routing tags the punch file (0x20), and
;     an empty reader sends RSCS into an enabled wait (code RS_W_IDLE) until
;     CP presents the attention interrupt of a file arriving on 00C -- how
;     VM/370's service machines idled.
;
; Register conventions for every routine (and the include files):
;   r1-r4   arguments and results      r1-r6  clobbered by a call
;   r7-r12  preserved by a call        r13 = sp (stack, grows down)
;   r14 = lr (return address)          r15    unused
; A routine that calls another saves lr on the stack.  The main loop keeps
; the cards of the current file in r7, the note in r8 (why a routed file is
; printed: see ln_note) and, while forwarding, in r9 why it is not routed.
;
; Storage: real addresses, translation off.  0-0x3FF low core and the
; bootstrap (boot.inc), 0x1000 on: this code, its data, and a 256-byte
; stack at the end of the image (image_end, about 8 KiB: 64K of storage is
; plenty).  I/O is polled with tio; I/O interrupts are enabled only in the
; idle wait.

IPLDEV = 0x190                          ; the system disk the bootstrap reads
        .include "../common/lowcore.inc"
        .include "equates.inc"
        .include "../common/boot.inc"   ; IPL PSW, bootstrap; jumps to nucleus

; The new PSWs: anything unexpected stops RSCS in a disabled wait; an I/O
; interrupt (only enabled in the idle wait) goes back to the main loop.
        .org  LC_EXT_NEW
        .psw  W, RS_W_INT
        .org  LC_SVC_NEW
        .psw  W, RS_W_INT
        .org  LC_PGM_NEW
        .psw  W, RS_W_PGM
        .org  LC_MCK_NEW
        .psw  W, RS_W_INT
        .org  LC_IO_NEW
        .psw  S, rs_wake

        .org  0x1000
; nucleus: entered by the bootstrap, supervisor state, everything disabled.
; It says hello and goes to the main loop; it does not ask for CP (the
; first file, or the first empty reader, does: spool_check).
nucleus:
        la    sp, rs_stack_top
        call  ln_reset
        la    r1, m_hello
        call  ln_str
        call  ln_console

; ---- the main loop: one reader file each time round ----------------------
; mainloop: read the first card of the next file.  Entered with nothing to
; keep: it resets the stack; no register survives it.
mainloop:
        la    sp, rs_stack_top
        call  rdcard
        bnez  r1, newfile               ; a card: a file has started
        call  spool_check               ; end of file at once: the reader is
        beqz  r1, deck_end              ; empty (or that file was empty)
        call  cp_rdrinfo                ; spool: is another file queued
        beqz  r1, mainloop              ; behind an empty one?  Read it.
        lpsw  rs_idle(r0)               ; wait for CP's attention on 00C
; rs_wake: the I/O new PSW's address: a file has arrived (attention on 00C).
rs_wake:
        j     mainloop

; deck_end: no spool (bare, or CP with a host reader): the reader deck is
; done and nothing more can come.  Write the summary and stop (RS_W_DONE).
deck_end:
        call  ln_reset
        la    r1, m_end1
        call  ln_str
        lw    r1, rs_nfile(r0)
        la    r2, m_filew
        call  ln_count
        la    r1, m_comma
        call  ln_str
        lw    r1, rs_nprint(r0)
        li    r2, 1
        call  ln_dec
        la    r1, m_end3
        call  ln_str
        lw    r1, rs_nfwd(r0)
        li    r2, 1
        call  ln_dec
        la    r1, m_end4
        call  ln_str
        call  ln_console
        lpsw  rs_done(r0)

; newfile: the first card of a file is in rs_card: count it, learn its
; description (getinfo), then print or forward it.
newfile:
        lw    r1, rs_nfile(r0)
        addi  r1, r1, 1
        sw    r1, rs_nfile(r0)
        call  getinfo
        li    r8, 0                     ; no note
        call  route_parse
        beqz  r1, printfile
        j     forward

; ---- printing ------------------------------------------------------------
; printfile: print the file whose first card is in rs_card: banner, every
; card, trailer; then its console line.  r8 = the note (see ln_note).
printfile:
        call  banner
        li    r7, 0                     ; r7 = lines printed
pf_card: call prtcard
        addi  r7, r7, 1
        call  rdcard
        bnez  r1, pf_card
        call  ln_reset                  ; the trailer
        call  ln_rule
        call  ln_printer
        la    r1, m_eof
        call  ln_str
        lw    r1, rs_nfile(r0)
        li    r2, 1
        call  ln_dec
        la    r1, m_colon
        call  ln_str
        mov   r1, r7
        la    r2, m_line
        call  ln_count
        call  ln_printer
        call  ln_rule
        call  ln_printer
        lw    r1, rs_nprint(r0)
        addi  r1, r1, 1
        sw    r1, rs_nprint(r0)
        call  ln_reset                  ; the console line
        call  ln_fdesc
        beqz  r8, pf_log
        la    r1, m_colon
        call  ln_str
        call  ln_note
pf_log: la    r1, m_printed
        call  ln_str
        mov   r1, r7
        la    r2, m_line
        call  ln_count
        call  ln_console
        j     mainloop

; banner: print the banner of the current file (its number, name and type,
; sender, and the note r8 if any).
banner: addi  sp, sp, -4
        sw    lr, 0(sp)
        call  ln_reset
        call  ln_rule
        call  ln_printer
        la    r1, m_bprint              ; "RSCS print file N"
        call  ln_str
        lw    r1, rs_nfile(r0)
        li    r2, 1
        call  ln_dec
        call  ln_printer
        la    r1, m_bfile               ; "  file:  NAME TYPE (spool ...)"
        call  ln_str
        lw    r1, rs_hinfo(r0)
        beqz  r1, bn_nofn
        la    r1, ri_name
        call  ln_name
        li    r1, ' '
        call  ln_char
        la    r1, ri_type
        call  ln_name
        la    r1, m_bspool
        call  ln_str
        lw    r1, ri_id(r0)
        li    r2, 4
        call  ln_dec
        la    r1, m_comma
        call  ln_str
        lw    r1, ri_cards(r0)
        la    r2, m_card
        call  ln_count
        li    r1, ')'
        call  ln_char
        j     bn_from
bn_nofn: la   r1, m_nameunk
        call  ln_str
bn_from: call ln_printer
        la    r1, m_bfrom               ; "  from:  ORIGIN"
        call  ln_str
        call  ln_origin
        call  ln_printer
        beqz  r8, bn_end
        la    r1, m_bnote               ; "  note:  not forwarded: ..."
        call  ln_str
        call  ln_note
        call  ln_printer
bn_end: call  ln_rule
        call  ln_printer
        lw    lr, 0(sp)
        addi  sp, sp, 4
        ret

; prtcard: print rs_card without its trailing blanks.
prtcard: addi sp, sp, -4
        sw    lr, 0(sp)
        call  ln_reset
        la    r1, rs_card
        li    r2, CARD_BYTES
        li    r4, ' '
pc_trim: beqz r2, pc_put
        add   r3, r1, r2
        lbu   r3, -1(r3)
        bne   r3, r4, pc_put
        addi  r2, r2, -1
        j     pc_trim
pc_put: call  ln_mem
        call  ln_printer
        lw    lr, 0(sp)
        addi  sp, sp, 4
        ret

; ---- forwarding ------------------------------------------------------------
; forward: rs_card is a routing card for tg_dest.  With CP's spool, tag the
; punch file (DIAGNOSE 0x20: this file's name and type, the destination),
; punch the rest of the file and close it: CP puts it in the destination's
; reader.  A destination that is not logged on: print the file instead
; (with a note).  No spool (bare, or CP with host devices): punch it
; untagged on 00D, "not routed (no CP spool)".
;   in: r8 = 0 (no note); uses r7 (cards punched) and r9 (why not routed:
;   0 routed, else a message); goes back to mainloop, or to printfile
forward:
        la    r9, m_nospool             ; r9 = why not routed (0: routed)
        call  spool_check               ; (getinfo has asked already: this
        beqz  r1, fw_punch              ;  only reads rs_spool)
        la    r2, rs_tag                ; the file keeps its name and type
        li    r3, 0x20202020            ; (blanks: CP's defaults)
        sw    r3, 0(r2)
        sw    r3, 4(r2)
        sw    r3, 8(r2)
        sw    r3, 12(r2)
        lw    r1, rs_hinfo(r0)
        beqz  r1, fw_tag
        lw    r3, ri_name(r0)
        sw    r3, 0(r2)
        lw    r3, ri_name + 4(r0)
        sw    r3, 4(r2)
        lw    r3, ri_type(r0)
        sw    r3, 8(r2)
        lw    r3, ri_type + 4(r0)
        sw    r3, 12(r2)
fw_tag: call  cp_tag
        sw    r1, rs_tagrc(r0)
        li    r9, 0
        beqz  r1, fw_punch              ; 0: tagged, routed by CP
        la    r9, m_nospool
        li    r2, 3
        beq   r1, r2, fw_punch          ; 3: no spool punch: the host's
        li    r8, 1                     ; 1: not logged on; 2: CP refused
        li    r2, 1                     ;    the name or type
        beq   r1, r2, printfile
        li    r8, 2
        j     printfile
fw_punch:
        li    r7, 0                     ; r7 = cards punched
fw_card: call rdcard
        beqz  r1, fw_close
        call  punchcard
        addi  r7, r7, 1
        j     fw_card
fw_close:
        beqz  r7, fw_log                ; nothing to send: no file
        call  punchclose
        lw    r1, rs_nfwd(r0)
        addi  r1, r1, 1
        sw    r1, rs_nfwd(r0)
fw_log: call  ln_reset
        call  ln_fdesc
        beqz  r7, fw_empty
        bnez  r9, fw_nr
        la    r1, m_fwd                 ; ": forwarded to DEST, N cards"
        call  ln_str
        la    r1, tg_dest
        call  ln_name
        la    r1, m_comma
        call  ln_str
        mov   r1, r7
        la    r2, m_card
        call  ln_count
        j     fw_say
fw_nr:  la    r1, m_for                 ; ": for DEST: punched N cards on
        call  ln_str                    ;  00D, not routed (why)"
        la    r1, tg_dest
        call  ln_name
        la    r1, m_punched
        call  ln_str
        mov   r1, r7
        la    r2, m_card
        call  ln_count
        la    r1, m_on00d
        call  ln_str
        mov   r1, r9
        call  ln_str
        j     fw_say
fw_empty: la  r1, m_for                 ; ": for DEST: nothing after the
        call  ln_str                    ;  routing card, nothing sent"
        la    r1, tg_dest
        call  ln_name
        la    r1, m_nothing
        call  ln_str
fw_say: call  ln_console
        j     mainloop

; ---- the current file's description ---------------------------------------
; getinfo: fill rs_rinfo for the file just started: with CP's spool from
; DIAGNOSE 0x14 (rs_hinfo = 1), else blanks and zeros (rs_hinfo = 0).  The
; first file is where RSCS usually learns whether it has a spool.
;   out: rs_hinfo, rs_rinfo; r1-r6 clobbered
getinfo: addi sp, sp, -4
        sw    lr, 0(sp)
        la    r2, rs_rinfo
        li    r3, 0x20202020
        sw    r3, 0(r2)
        sw    r3, 4(r2)
        sw    r3, 8(r2)
        sw    r3, 12(r2)
        sw    r3, 16(r2)
        sw    r3, 20(r2)
        sw    r0, 24(r2)
        sw    r0, 28(r2)
        call  spool_check
        beqz  r1, gi_set                ; no spool: no name, no origin
        call  cp_rdrinfo                ; 0: the started file's information
        sltiu r1, r1, 1                 ; 0 (a started file) -> 1
gi_set: sw    r1, rs_hinfo(r0)
        lw    lr, 0(sp)
        addi  sp, sp, 4
        ret

; ln_fdesc: append "RSCS: file N: NAME TYPE from ORIGIN" (or "origin
; unknown (no CP spool)") to the line.
ln_fdesc: addi sp, sp, -4
        sw    lr, 0(sp)
        la    r1, m_file
        call  ln_str
        lw    r1, rs_nfile(r0)
        li    r2, 1
        call  ln_dec
        la    r1, m_colon
        call  ln_str
        lw    r1, rs_hinfo(r0)
        beqz  r1, fd_unk
        la    r1, ri_name
        call  ln_name
        li    r1, ' '
        call  ln_char
        la    r1, ri_type
        call  ln_name
        la    r1, m_from
        call  ln_str
fd_unk: call  ln_origin
        lw    lr, 0(sp)
        addi  sp, sp, 4
        ret

; ln_origin: append the sender: CP's origin, or "origin unknown (no CP
; spool)".
ln_origin:
        lw    r1, rs_hinfo(r0)
        beqz  r1, or_unk
        la    r1, ri_origin
        j     ln_name
or_unk: la    r1, m_origunk
        j     ln_str                    ; tail call

; ln_note: append why a routed file was printed instead.
;   in: r8 = 1 the destination is not logged on, 2 CP refused the tag
;       (rs_tagrc holds its answer); tg_dest = the destination
ln_note: addi sp, sp, -4
        sw    lr, 0(sp)
        li    r1, 1
        bne   r8, r1, nt_refused
        la    r1, m_novm                ; "no VM named DEST is logged on"
        call  ln_str
        la    r1, tg_dest
        call  ln_name
        la    r1, m_notlog
        call  ln_str
        j     nt_end
nt_refused:
        la    r1, m_refused             ; "CP refused the tag for DEST (code N)"
        call  ln_str
        la    r1, tg_dest
        call  ln_name
        la    r1, m_code
        call  ln_str
        lw    r1, rs_tagrc(r0)
        li    r2, 1
        call  ln_dec
        li    r1, ')'
        call  ln_char
nt_end: lw    lr, 0(sp)
        addi  sp, sp, 4
        ret

; ln_rule: append a rule of 80 '=' (the banner's and trailer's frame).
ln_rule: addi sp, sp, -8
        sw    lr, 0(sp)
        sw    r7, 4(sp)
        li    r7, CARD_BYTES
ru_next: li   r1, '='
        call  ln_char
        addi  r7, r7, -1
        bnez  r7, ru_next
        lw    lr, 0(sp)
        lw    r7, 4(sp)
        addi  sp, sp, 8
        ret

        .include "unitrec.inc"
        .include "line.inc"
        .include "cp.inc"
        .include "route.inc"

; ---- PSWs -------------------------------------------------------------------
        .align 8
rs_idle: .psw W|I, RS_W_IDLE            ; idle: enabled for I/O only
rs_done: .psw W, RS_W_DONE              ; no spool: the reader deck is done

; ---- state --------------------------------------------------------------
        .align 4
rs_spool: .word -1                      ; CP's spool: -1 not asked yet,
                                        ; 0 none, 1 yes (spool_check)
rs_hinfo: .word 0                       ; 1: rs_rinfo is CP's, for this file
rs_tagrc: .word 0                       ; DIAGNOSE 0x20's last answer
rs_nfile: .word 0                       ; files handled so far
rs_nprint: .word 0                      ; ... printed
rs_nfwd: .word 0                        ; ... forwarded (no spool: punched)

; ---- messages ---------------------------------------------------------------
m_hello: .asciz "RSCS spool service machine ready"
m_nospool: .asciz " (no CP spool)"       ; bare, or CP with host devices
m_end1: .asciz "RSCS: reader empty, no CP spool: "
m_end3: .asciz " printed, "
m_end4: .asciz " punched; disabled wait code 0x000"
m_file: .asciz "RSCS: file "
m_colon: .asciz ": "
m_comma: .asciz ", "
m_from: .asciz " from "
m_origunk: .asciz "origin unknown (no CP spool)"
m_nameunk: .asciz "name unknown (no CP spool)"
m_printed: .asciz ": printed, "
m_line: .asciz "line"
m_card: .asciz "card"
m_filew: .asciz "file"
m_fwd:  .asciz ": forwarded to "
m_for:  .asciz ": for "
m_punched: .asciz ": punched "
m_on00d: .asciz " on 00D, not routed"
m_nothing: .asciz ": nothing after the routing card, nothing sent"
m_novm: .asciz "no VM named "
m_notlog: .asciz " is logged on"
m_refused: .asciz "CP refused the tag for "
m_code: .asciz " (code "
m_bprint: .asciz "RSCS print file "
m_bfile: .asciz "  file:  "
m_bspool: .asciz " (spool file "
m_bfrom: .asciz "  from:  "
m_bnote: .asciz "  note:  not forwarded: "
m_eof:  .asciz "RSCS end of file "

; ---- the stack, and the end of the image -----------------------------------
        .align 8
rs_stack: .space 256
rs_stack_top:
image_end:

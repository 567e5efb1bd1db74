; tss.s -- TSS, a small preemptive time-sharing kernel with paging, for PG32.
;
; One pgas image from real address 0, IPLed from its system disk 190:
; ../common/boot.inc puts the IPL PSW at 0 and a bootstrap at 0x200 that reads
; the rest of the image (real 4096 .. image_end) from the disk and jumps to
; `nucleus` (nucleus.inc).  README.md in this folder describes the kernel.
;
;   build/pgsim --ipl 190 --disk 190=build/guest-os/tss190.disk
;   build/pgvmm --ipl 190 --disk 190=build/guest-os/tss190.disk
IPLDEV = 0x190
        .include "../common/boot.inc"
        .include "system.inc"

/*
 * console.h -- CP's virtual console for a VM's 009: a backend for the
 * channel library (channel.h) whose input is a queue of lines that CP fills
 * (typed at the monitor, from a batch script), a host stream, or nothing,
 * and whose output goes to a host stream (or nowhere) and into a ring of the
 * last 64 KiB that the monitor shows.
 *
 * With queued input, a READ that finds the queue empty makes the channel
 * answer PG_IN_WOULD_BLOCK: the core blocks the VM (CP_BLOCK_CONSOLE) with
 * its clock frozen, and the line that arrives later wakes it.
 */
#ifndef PG_CP_CONSOLE_H
#define PG_CP_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "channel.h"
#include "vdev.h"

#define CP_CONSOLE_RING (64u * 1024)    /* output kept for the monitor */
#define CP_CONSOLE_LINE_MAX 65535u      /* bytes of an input line kept (a CCW's count) */

/* A console with queued input (none yet, not ended) and no output; vm is
   woken when a line arrives while it waits for one (NULL: no VM).  NULL
   when out of memory. */
cp_console *cp_console_new(cp_vm *vm);
/* Flush and free; false with a reason when output to a file was lost. */
bool cp_console_free(cp_console *con, char *err, size_t n);

/* Input from a host stream (CP_INPUT_FILE, in never closed), nothing
   (CP_INPUT_NONE) or the queue (CP_INPUT_QUEUE, the default).  Lines already
   queued are read first. */
void cp_console_set_input(cp_console *con, cp_input_kind kind, FILE *in);
/* Output to a stream that CP does not close (NULL: ring only). */
void cp_console_set_output(cp_console *con, FILE *out);
/* Output to a file created (truncated) now and closed with the console. */
bool cp_console_open_output(cp_console *con, const char *path, char *err, size_t n);

/* Queue one input line (len bytes, no newline); false when input has ended
   or comes from a stream, or out of memory.  Wakes the VM if it was
   blocked on a console READ. */
bool cp_console_queue_line(cp_console *con, const char *text, size_t len);
/* No more input will come: once the queue is empty, every READ ends with
   unit exception.  Wakes the VM if it was blocked on a console READ. */
void cp_console_end_input(cp_console *con);
/* Lines queued and not yet read. */
size_t cp_console_queued(const cp_console *con);

/* Console output as the guest's WRITE makes it (also used for CP's messages). */
void cp_console_write(cp_console *con, const void *data, size_t len);
/* The last (at most CP_CONSOLE_RING) bytes of output; valid until the next write. */
const char *cp_console_output(const cp_console *con, size_t *len);
/* Bytes of output since the console was made (the monitor's "what is new"). */
uint64_t cp_console_output_total(const cp_console *con);

/* The channel backend for device 009 (read_line, write, peek_line). */
pg_console_backend cp_console_backend(cp_console *con);

#endif

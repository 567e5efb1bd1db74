/*
 * lab.c -- what a course lab's stub does in a student's starter tree
 * (labs/README.md): the part of CP the student has still to write stops
 * the VM in a check stop, with one line naming it, instead of doing
 * something wrong quietly.  The reference tree calls this nowhere.
 */
#include <stdio.h>

#include "cp_priv.h"

/* A lab's stub was reached: check-stop the VM, saying what is missing
   (once: a stopped VM is not run again). */
void cp_lab_todo(cp_vm *vm, const char *lab, const char *what)
{
    if (vm->state != CP_VM_CHECK_STOP)
        fprintf(stderr, "CP: %s: check stop: lab %s: %s is not written yet\n", vm->name, lab,
                what);
    vm->state = CP_VM_CHECK_STOP;
}

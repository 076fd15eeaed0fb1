/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The records that cross the kernel/user boundary: the BPF programs write them
 * into the `events` ring buffer, and edge-sensor (Java) reads them at the same
 * offsets (io.perimeter.sensor.bpf.SmokeEvent, PerimeterConfig).
 *
 * Rules, so that the Java side can never silently drift:
 * - plain C, fixed-width types, no pointers, no bitfields, no enums as fields;
 * - every struct is explicitly padded (`_pad`) and the build uses -Wpadded;
 * - every event starts with a __u32 `type` tag (enum perimeter_event_type);
 * - sizes are #defines and each struct's total size is asserted below;
 * - changing a layout means changing the Java constants in the same commit
 *   (SmokeEventLayoutTest compares them with the BTF of the compiled object).
 */
#ifndef PERIMETER_EVENTS_H
#define PERIMETER_EVENTS_H

/* BPF programs get the __u32 family from vmlinux.h; anything else from the UAPI. */
#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define PERIMETER_COMM_LEN 16
#define PERIMETER_SMOKE_CHUNK 64

enum perimeter_event_type {
	PERIMETER_EVENT_SMOKE_WRITE = 1,
};

/*
 * Load-time settings. A BPF object declares exactly one
 *     const volatile struct perimeter_config perimeter_config;
 * and no other read-only global, so this struct *is* the object's .rodata and
 * user space replaces that section as a whole before load.
 */
struct perimeter_config {
	__u32 target_tgid; /* only this process is traced; 0 traces nothing */
};

#define PERIMETER_CONFIG_SIZE 4

/* One write(2) by a traced process, with the first bytes of its buffer. */
struct perimeter_smoke_event {
	__u32 type;          /* PERIMETER_EVENT_SMOKE_WRITE */
	__u32 tgid;          /* process id */
	__u32 tid;           /* thread id (the kernel's "pid") */
	__s32 fd;
	__u64 requested_len; /* count as passed to write(2), the true length */
	__u32 captured_len;  /* valid bytes in data, <= PERIMETER_SMOKE_CHUNK */
	__u8 _pad[4];
	char comm[PERIMETER_COMM_LEN];     /* thread name, NUL-terminated */
	__u8 data[PERIMETER_SMOKE_CHUNK];  /* bytes after captured_len are undefined */
};

#define PERIMETER_SMOKE_EVENT_SIZE 112

_Static_assert(sizeof(struct perimeter_config) == PERIMETER_CONFIG_SIZE,
	       "struct perimeter_config changed: update PERIMETER_CONFIG_SIZE and PerimeterConfig.java");
_Static_assert(sizeof(struct perimeter_smoke_event) == PERIMETER_SMOKE_EVENT_SIZE,
	       "struct perimeter_smoke_event changed: update PERIMETER_SMOKE_EVENT_SIZE and SmokeEvent.java");

#endif /* PERIMETER_EVENTS_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * Smoke program: proves the whole path (build, load, attach, ring buffer,
 * Java decoding) by reporting every write(2) of one process.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include "perimeter_events.h"

char LICENSE[] SEC("license") = "GPL";

// The only read-only global, so it sits at offset 0 of .rodata and the
// section is exactly sizeof(struct perimeter_config): the loader checks that
// size and writes the whole section before load. Do not add other
// const globals; extend struct perimeter_config instead.
const volatile struct perimeter_config perimeter_config = {};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} dropped_events SEC(".maps");

static __always_inline void count_dropped_event(void)
{
	__u32 zero = 0;
	__u64 *dropped = bpf_map_lookup_elem(&dropped_events, &zero);

	if (!dropped)
		return;
	// Per-CPU, but BPF programs only disable migration, not preemption:
	// another task on this CPU may run the program in between.
	__sync_fetch_and_add(dropped, 1);
}

SEC("tracepoint/syscalls/sys_enter_write")
int smoke_write(struct trace_event_raw_sys_enter *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tgid = pid_tgid >> 32;

	if (tgid != perimeter_config.target_tgid)
		return 0;

	struct perimeter_smoke_event *event = bpf_ringbuf_reserve(&events, sizeof(*event), 0);
	if (!event) {
		count_dropped_event();
		return 0;
	}

	const void *buf = (const void *)ctx->args[1];
	__u64 count = ctx->args[2];
	__u32 len = count < PERIMETER_SMOKE_CHUNK ? count : PERIMETER_SMOKE_CHUNK;

	event->type = PERIMETER_EVENT_SMOKE_WRITE;
	event->tgid = tgid;
	event->tid = (__u32)pid_tgid;
	event->fd = (__s32)ctx->args[0];
	event->requested_len = count;
	__builtin_memset(event->_pad, 0, sizeof(event->_pad));
	bpf_get_current_comm(event->comm, sizeof(event->comm));
	// Tracepoints cannot sleep, so a buffer on a page that is not resident
	// cannot be read here: report the write with no bytes rather than lose it.
	if (bpf_probe_read_user(event->data, len, buf))
		len = 0;
	event->captured_len = len;

	bpf_ringbuf_submit(event, 0);
	return 0;
}

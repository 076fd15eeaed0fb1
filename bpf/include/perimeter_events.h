/* SPDX-License-Identifier: (LGPL-2.1 OR BSD-2-Clause) */
/*
 * The records that cross the kernel/user boundary: the BPF programs write them
 * into the `events` ring buffer, and edge-sensor (Java) reads them at the same
 * offsets (io.perimeter.sensor.bpf.SmokeEvent, PerimeterConfig and
 * io.perimeter.sensor.events.EventLayout).
 *
 * Rules, so that the Java side can never silently drift:
 * - plain C, fixed-width types, no pointers, no bitfields, no enums as fields;
 * - every struct is explicitly padded (`_pad`) and the build uses -Wpadded;
 * - every event starts with a __u32 `type` tag (enum perimeter_event_type);
 *   the capture events (all but the smoke event) then share
 *   `__u32 tgid; __u64 timestamp_ns;` so that bytes 0..15 mean the same in all;
 * - sizes are #defines and each struct's total size is asserted below;
 * - named values (types, directions, counters, ...) are enums, so that they
 *   appear in the BTF of the compiled header;
 * - changing a layout or a value means changing the Java constants in the same
 *   commit (SharedHeaderLayoutTest compares them with the BTF clang emits).
 */
#ifndef PERIMETER_EVENTS_H
#define PERIMETER_EVENTS_H

/* BPF programs get the __u32 family from vmlinux.h; anything else from the UAPI. */
#ifndef __VMLINUX_H__
#include <linux/types.h>
#endif

#define PERIMETER_COMM_LEN 16
#define PERIMETER_SMOKE_CHUNK 64

/*
 * Compile-time ceilings of the load-time settings. PERIMETER_MAX_CHUNK is a
 * power of two: the per-CPU scratch buffer holds twice that (see sensor.bpf.c)
 * and a per-CPU map value cannot exceed 32 KiB.
 */
#define PERIMETER_MAX_CHUNK 8192
#define PERIMETER_MAX_CHUNKS_PER_CALL 16
/* iovec entries of one readv/writev/recvmsg/sendmsg that are captured. */
#define PERIMETER_MAX_IOV 8

enum perimeter_event_type {
	PERIMETER_EVENT_SMOKE_WRITE = 1,
	PERIMETER_EVENT_DATA = 2,
	PERIMETER_EVENT_CONN = 3,
	PERIMETER_EVENT_CLOSE = 4,
	PERIMETER_EVENT_TLS_BIND = 5,
	PERIMETER_EVENT_EXEC = 6,
	PERIMETER_EVENT_EXIT = 7,
};

/* As the observed process sees the bytes. */
enum perimeter_direction {
	PERIMETER_DIRECTION_EGRESS = 0,  /* written (sent) by the process */
	PERIMETER_DIRECTION_INGRESS = 1, /* read (received) by the process */
};

enum perimeter_source {
	PERIMETER_SOURCE_SYSCALL = 0, /* the socket's bytes, from a syscall */
	PERIMETER_SOURCE_TLS = 1,     /* TLS plaintext, from SSL_read/SSL_write */
};

enum perimeter_role {
	PERIMETER_ROLE_UNKNOWN = 0, /* the socket existed before the sensor saw accept/connect */
	PERIMETER_ROLE_CLIENT = 1,  /* connect(2) */
	PERIMETER_ROLE_SERVER = 2,  /* accept(2) / accept4(2) */
};

/* Bits of perimeter_data_event.flags. */
enum perimeter_data_flag {
	PERIMETER_DATA_TRUNCATED = 1,  /* true_len > captured_len */
	PERIMETER_DATA_UNREADABLE = 2, /* a user page could not be read: the rest is not captured */
};

/*
 * Indexes of the per-CPU `counters` map (__u64 each). Whatever the programs
 * could not hand over is counted here: nothing is dropped silently.
 */
enum perimeter_counter {
	PERIMETER_COUNTER_EVENTS_SENT = 0,          /* records written to the ring buffer */
	PERIMETER_COUNTER_EVENTS_LOST = 1,          /* records that did not fit (ring buffer full) */
	PERIMETER_COUNTER_DATA_BYTES_LOST = 2,      /* true_len of the data records lost */
	PERIMETER_COUNTER_DATA_BYTES_TRUNCATED = 3, /* true_len - captured_len of the data records sent */
	PERIMETER_COUNTER_DATA_UNREADABLE = 4,      /* user buffers that could not be read */
	PERIMETER_COUNTER_CONN_MAP_FULL = 5,        /* connections not tracked: `conns` refused the entry */
	PERIMETER_COUNTER_STATE_MAP_FULL = 6,       /* calls not followed: a per-thread or TLS map refused an entry */
	PERIMETER_COUNTER_TLS_UNBOUND = 7,          /* TLS data records sent before their connection was known */
	PERIMETER_COUNTER_TLS_BOUND = 8,            /* SSL objects bound to a connection */
	PERIMETER_COUNTER_CIPHERTEXT_BYTES = 9,     /* socket bytes of TLS connections, not emitted */
	PERIMETER_COUNTER_COUNT = 10,
};

/*
 * Load-time settings. A BPF object declares exactly one
 *     const volatile struct perimeter_config perimeter_config;
 * and no other read-only global, so this struct *is* the object's .rodata and
 * user space replaces that section as a whole before load.
 */
struct perimeter_config {
	__u32 target_tgid; /* smoke: only this process is traced; 0 traces nothing */
	__u32 self_tgid;   /* sensor: never traced (the sensor's own process) */
	__u32 filter_tgid; /* sensor: only this process is traced; 0 traces every process */
	__u32 chunk_size;  /* sensor: most bytes per data record, 1..PERIMETER_MAX_CHUNK */
	__u32 max_chunks;  /* sensor: most data records per call, 1..PERIMETER_MAX_CHUNKS_PER_CALL */
	/*
	 * sensor: records are submitted without waking user space until the ring
	 * buffer holds more than this many bytes (user space polls with a short
	 * timeout); 0 wakes it whenever it has caught up, as libbpf does by default.
	 */
	__u32 wakeup_bytes;
};

#define PERIMETER_CONFIG_SIZE 24

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

/*
 * The header of a data record; captured_len bytes follow it directly (the
 * record is PERIMETER_DATA_EVENT_SIZE + captured_len bytes long).
 *
 * A stream is (conn_id, direction) for syscall records and (tgid, ssl_ptr,
 * direction) for TLS records. `offset` is the stream position of the first
 * byte; a record stands for true_len bytes of the stream, of which the first
 * captured_len are in the record. A gap between one record's offset + true_len
 * and the next record's offset is data whose record was lost (counted).
 */
struct perimeter_data_event {
	__u32 type;          /* PERIMETER_EVENT_DATA */
	__u32 tgid;
	__u64 timestamp_ns;  /* bpf_ktime_get_ns(): CLOCK_MONOTONIC */
	__u64 conn_id;       /* 0 for TLS records whose connection is not known yet */
	__u64 ssl_ptr;       /* the SSL * of a TLS record; 0 for syscall records */
	__u64 offset;
	__u64 true_len;
	__u32 tid;
	__s32 fd;            /* -1 for TLS records whose connection is not known yet */
	__u32 captured_len;  /* <= perimeter_config.chunk_size */
	__u8 direction;      /* enum perimeter_direction */
	__u8 source;         /* enum perimeter_source */
	__u8 flags;          /* enum perimeter_data_flag bits */
	__u8 _pad[1];
	char comm[PERIMETER_COMM_LEN];
};

#define PERIMETER_DATA_EVENT_SIZE 80

/*
 * A TCP connection (AF_INET/AF_INET6, SOCK_STREAM) seen for the first time:
 * at accept/connect, or at its first data when it predates the sensor.
 */
struct perimeter_conn_event {
	__u32 type;          /* PERIMETER_EVENT_CONN */
	__u32 tgid;
	__u64 timestamp_ns;
	__u64 conn_id;       /* unique for the lifetime of the loaded object, never 0 */
	__s32 fd;
	__u16 family;        /* AF_INET (2) or AF_INET6 (10) */
	__u8 role;           /* enum perimeter_role */
	__u8 _pad[1];
	__u8 local_addr[16]; /* network order; AF_INET uses the first 4 bytes */
	__u8 remote_addr[16];
	__u16 local_port;    /* host order */
	__u16 remote_port;   /* host order */
	__u8 _pad2[4];
	char comm[PERIMETER_COMM_LEN];
};

#define PERIMETER_CONN_EVENT_SIZE 88

/* close(2) of a tracked connection, or its fd found reused (dup2, an unseen close). */
struct perimeter_close_event {
	__u32 type;          /* PERIMETER_EVENT_CLOSE */
	__u32 tgid;
	__u64 timestamp_ns;
	__u64 conn_id;
	__s32 fd;
	__u8 _pad[4];
};

#define PERIMETER_CLOSE_EVENT_SIZE 32

/* An SSL object learned to carry a connection: earlier TLS records of ssl_ptr belong to conn_id. */
struct perimeter_tls_bind_event {
	__u32 type;          /* PERIMETER_EVENT_TLS_BIND */
	__u32 tgid;
	__u64 timestamp_ns;
	__u64 conn_id;
	__u64 ssl_ptr;
	__s32 fd;
	__u8 _pad[4];
};

#define PERIMETER_TLS_BIND_EVENT_SIZE 40

/* A process called execve: user space may look for TLS libraries in it. */
struct perimeter_exec_event {
	__u32 type;          /* PERIMETER_EVENT_EXEC */
	__u32 tgid;
	__u64 timestamp_ns;
	char comm[PERIMETER_COMM_LEN]; /* the new program's name */
};

#define PERIMETER_EXEC_EVENT_SIZE 32

/* A process (its thread group leader) exited. */
struct perimeter_exit_event {
	__u32 type;          /* PERIMETER_EVENT_EXIT */
	__u32 tgid;
	__u64 timestamp_ns;
};

#define PERIMETER_EXIT_EVENT_SIZE 16

_Static_assert(sizeof(struct perimeter_config) == PERIMETER_CONFIG_SIZE,
	       "struct perimeter_config changed: update PERIMETER_CONFIG_SIZE and PerimeterConfig.java");
_Static_assert(sizeof(struct perimeter_smoke_event) == PERIMETER_SMOKE_EVENT_SIZE,
	       "struct perimeter_smoke_event changed: update PERIMETER_SMOKE_EVENT_SIZE and SmokeEvent.java");
_Static_assert(sizeof(struct perimeter_data_event) == PERIMETER_DATA_EVENT_SIZE,
	       "struct perimeter_data_event changed: update PERIMETER_DATA_EVENT_SIZE and EventLayout.java");
_Static_assert(sizeof(struct perimeter_conn_event) == PERIMETER_CONN_EVENT_SIZE,
	       "struct perimeter_conn_event changed: update PERIMETER_CONN_EVENT_SIZE and EventLayout.java");
_Static_assert(sizeof(struct perimeter_close_event) == PERIMETER_CLOSE_EVENT_SIZE,
	       "struct perimeter_close_event changed: update PERIMETER_CLOSE_EVENT_SIZE and EventLayout.java");
_Static_assert(sizeof(struct perimeter_tls_bind_event) == PERIMETER_TLS_BIND_EVENT_SIZE,
	       "struct perimeter_tls_bind_event changed: update PERIMETER_TLS_BIND_EVENT_SIZE and EventLayout.java");
_Static_assert(sizeof(struct perimeter_exec_event) == PERIMETER_EXEC_EVENT_SIZE,
	       "struct perimeter_exec_event changed: update PERIMETER_EXEC_EVENT_SIZE and EventLayout.java");
_Static_assert(sizeof(struct perimeter_exit_event) == PERIMETER_EXIT_EVENT_SIZE,
	       "struct perimeter_exit_event changed: update PERIMETER_EXIT_EVENT_SIZE and EventLayout.java");
_Static_assert((PERIMETER_MAX_CHUNK & (PERIMETER_MAX_CHUNK - 1)) == 0,
	       "PERIMETER_MAX_CHUNK must be a power of two");

#endif /* PERIMETER_EVENTS_H */

// SPDX-License-Identifier: GPL-2.0
/*
 * The capture program of the edge sensor.
 *
 * - Plain traffic: syscall tracepoints. The enter program saves the arguments
 *   per thread, the exit program emits the bytes the return value says moved.
 * - Sockets are recognised in the kernel from the task's file table (fd ->
 *   struct file -> struct socket -> struct sock): only AF_INET/AF_INET6
 *   SOCK_STREAM sockets are followed, including those opened before the
 *   sensor started.
 * - TLS plaintext: uprobes on SSL_read/SSL_write(_ex), tied to their socket by
 *   the syscall nested in the call (socket BIO) or by the socket read just
 *   before / write just after the call on the same thread (memory BIO).
 * - Process life: sched_process_exec / sched_process_exit.
 *
 * Records are described in include/perimeter_events.h; bpf/README.md tells the
 * whole story.
 */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_endian.h>
#include "perimeter_events.h"

char LICENSE[] SEC("license") = "GPL";

// UAPI constants that vmlinux.h does not carry (it has types, not #defines).
#define AF_INET 2
#define AF_INET6 10
#define S_IFMT 0170000
#define S_IFSOCK 0140000
#define EINPROGRESS 115
#define MSG_PEEK 2

// The only read-only global, so it sits at offset 0 of .rodata and the
// section is exactly sizeof(struct perimeter_config): the loader checks that
// size and writes the whole section before load. Do not add other
// const globals; extend struct perimeter_config instead.
const volatile struct perimeter_config perimeter_config = {};

#ifdef PERIMETER_DEBUG
#define debug(fmt, ...) bpf_printk(fmt, ##__VA_ARGS__)
#else
#define debug(fmt, ...) ((void)0)
#endif

/* ---- maps ---------------------------------------------------------------- */

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1024 * 1024); // user space sets the size before load
} events SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, PERIMETER_COUNTER_COUNT);
	__type(key, __u32);
	__type(value, __u64);
} counters SEC(".maps");

struct conn_key {
	__u32 tgid;
	__s32 fd;
};

struct conn_info {
	__u64 conn_id;
	// What the fd pointed to when the connection was first seen. struct file
	// is SLAB_TYPESAFE_BY_RCU, so a new file may reuse a freed one's address:
	// the inode number (unique per socket) tells them apart.
	__u64 file;
	__u64 ino;
	__u64 ssl_ptr;    // the SSL * bound to this connection, 0 if none
	__u64 offsets[2]; // next stream position, per enum perimeter_direction
	__u8 role;        // enum perimeter_role
	__u8 tls;         // carries TLS: its syscall bytes are ciphertext, not emitted
	__u8 _pad[6];
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 65536);
	__type(key, struct conn_key);
	__type(value, struct conn_info);
} conns SEC(".maps");

// Per-CPU sequence behind conn ids. Only syscall tracepoint programs take ids,
// and they run with preemption disabled, so a plain read-modify-write is safe
// and needs no BPF atomics with fetch (Linux 5.12).
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} conn_id_seq SEC(".maps");

struct syscall_args {
	__u64 buf;        // the buffer, or the struct iovec array when iovcnt > 0
	__u64 file;       // the struct file * fd named at sys_enter (a socket), 0 for connect
	__s32 fd;
	__u32 iovcnt;
	__u32 direction;  // enum perimeter_direction
	__u8 _pad[4];
};

// Between sys_enter_* and sys_exit_* of one thread (keyed by pid_tgid).
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 65536);
	__type(key, __u64);
	__type(value, struct syscall_args);
} active_syscalls SEC(".maps");

struct ssl_call {
	__u64 ssl;
	__u64 buf;
	__u64 len_ptr;        // size_t * of SSL_read_ex/SSL_write_ex, 0 otherwise
	__u64 nested_conn_id; // the socket the call moved its ciphertext through (socket BIO)
	__s32 nested_fd;
	__u32 direction;      // enum perimeter_direction
};

// Between the entry and the return of an SSL_read/SSL_write(_ex) of one thread.
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 16384);
	__type(key, __u64);
	__type(value, struct ssl_call);
} active_ssl_calls SEC(".maps");

struct ssl_key {
	__u64 ssl;
	__u32 tgid;
	__u8 _pad[4];
};

struct ssl_stream {
	__u64 conn_id;    // 0 until the SSL object is bound to a connection
	__u64 offsets[2]; // next plaintext stream position, per direction
	__s32 fd;         // -1 until bound
	__u8 _pad[4];
};

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 65536);
	__type(key, struct ssl_key);
	__type(value, struct ssl_stream);
} ssl_streams SEC(".maps");

struct socket_read {
	__u64 conn_id;
	__s32 fd;
	__u8 _pad[4];
};

// Memory BIO, read side: the TLS socket a thread read last, outside any SSL
// call. The SSL_read that follows decrypts what that read brought in.
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 16384);
	__type(key, __u64);
	__type(value, struct socket_read);
} last_socket_reads SEC(".maps");

// Memory BIO, write side: an unbound SSL object a thread wrote plaintext to.
// Its ciphertext leaves by the thread's next TLS socket write.
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 16384);
	__type(key, __u64);
	__type(value, __u64);
} pending_ssl_writes SEC(".maps");

// Data records are variable-size: the header and the captured bytes are put
// together here, then copied into the ring buffer with bpf_ringbuf_output
// (bpf_ringbuf_reserve needs a constant size).
struct emit_cursor {
	__u64 seg_base; // user address of the next byte of the current segment
	__u64 seg_left; // bytes left in the current segment
	__u64 left;     // bytes of the call not yet in a record
	__u64 fill;     // bytes in data[] not yet sent
	__u64 offset;   // stream position of data[0]
	__u32 seg;      // segments (iovecs) taken
	__u32 records;  // records sent
	__u8 flags;
	__u8 _pad[7];
};

struct data_scratch {
	struct perimeter_data_event hdr;
	// Twice a chunk: the verifier bounds the write offset and the length
	// separately, so offset + length must fit even at both maxima.
	__u8 data[2 * PERIMETER_MAX_CHUNK];
	// emit_data's loop state lives here, not in registers: values loaded from
	// a map are unknown to the verifier, so the states it reaches at the loop
	// head do not differ by them and are pruned, where registers would give
	// every path through every iteration a state of its own.
	struct emit_cursor cursor;
};

// One slot for syscall programs and one for uprobe programs: a uprobe program
// can be preempted, and a syscall program of another task on the same CPU
// must not overwrite its half-built record.
#define SCRATCH_SYSCALL 0
#define SCRATCH_TLS 1

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 2);
	__type(key, __u32);
	__type(value, struct data_scratch);
} scratch SEC(".maps");

/* ---- small helpers ------------------------------------------------------- */

// Clamps v to max in the very register that is used next. A plain `if` is not
// enough: clang may test a copy of v and hand the untested original to the
// helper, and the verifier then sees an unbounded length.
#define clamp_for_verifier(v, max) asm volatile("if %0 <= %1 goto +1; %0 = %1" : "+r"(v) : "i"(max))

static __always_inline bool traced(__u32 tgid)
{
	if (tgid == perimeter_config.self_tgid)
		return false;
	return perimeter_config.filter_tgid == 0 || tgid == perimeter_config.filter_tgid;
}

static __always_inline void count(__u32 index, __u64 amount)
{
	__u64 *counter = bpf_map_lookup_elem(&counters, &index);

	if (!counter)
		return;
	// Per-CPU, but uprobe programs can be preempted by another task's.
	__sync_fetch_and_add(counter, amount);
}

static __always_inline void sent(void)
{
	count(PERIMETER_COUNTER_EVENTS_SENT, 1);
}

static __always_inline void lost(void)
{
	count(PERIMETER_COUNTER_EVENTS_LOST, 1);
}

// Waking user space for every record cost it a context switch or more per
// API call. Records are submitted quietly instead, and user space polls with a
// short timeout; it is woken at once only when the backlog grows past
// wakeup_bytes, so that a burst cannot fill the ring while it sleeps.
static __always_inline __u64 wakeup_flags(void)
{
	__u32 threshold = perimeter_config.wakeup_bytes;

	if (!threshold)
		return 0;
	return bpf_ringbuf_query(&events, BPF_RB_AVAIL_DATA) > threshold ? BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP;
}

// A close ends a connection's last call (a body delimited by the close, a
// request left unanswered): user space hears of it at once.
static __always_inline __u64 close_wakeup_flags(void)
{
	return perimeter_config.wakeup_bytes ? BPF_RB_FORCE_WAKEUP : 0;
}

static __always_inline __u32 chunk_size(void)
{
	__u32 size = perimeter_config.chunk_size;

	return size == 0 || size > PERIMETER_MAX_CHUNK ? PERIMETER_MAX_CHUNK : size;
}

static __always_inline __u32 max_chunks(void)
{
	__u32 chunks = perimeter_config.max_chunks;

	return chunks == 0 || chunks > PERIMETER_MAX_CHUNKS_PER_CALL ? PERIMETER_MAX_CHUNKS_PER_CALL : chunks;
}

// Unique for the lifetime of the loaded object, never 0: a per-CPU sequence
// (>= 1) above the CPU number.
static __always_inline __u64 next_conn_id(void)
{
	__u32 zero = 0;
	__u64 *seq = bpf_map_lookup_elem(&conn_id_seq, &zero);

	if (!seq)
		return 0;
	__u64 next = *seq + 1;
	*seq = next;
	return (next << 16) | ((bpf_get_smp_processor_id() + 1) & 0xffff);
}

/* ---- sockets ------------------------------------------------------------- */

// The struct file behind fd in the current task's file table, or NULL.
static __always_inline struct file *fd_file(__s32 fd)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	struct fdtable *fdt = BPF_CORE_READ(task, files, fdt);
	struct file **fds;
	struct file *file = NULL;

	if (!fdt || fd < 0 || (__u32)fd >= BPF_CORE_READ(fdt, max_fds))
		return NULL;
	fds = BPF_CORE_READ(fdt, fd);
	if (bpf_probe_read_kernel(&file, sizeof(file), &fds[fd]))
		return NULL;
	return file;
}

// Whether a file is a socket. The data syscalls ask at sys_enter, so that a
// read or write of a file or pipe (most of them, on a host) costs a few reads
// and no insert into and delete from active_syscalls.
static __always_inline bool is_socket(struct file *file)
{
	umode_t mode = BPF_CORE_READ(file, f_inode, i_mode);

	return (mode & S_IFMT) == S_IFSOCK;
}

// The struct sock of a TCP-like socket file (AF_INET/AF_INET6, SOCK_STREAM),
// or NULL for anything else: files, pipes, UNIX and UDP sockets.
static __always_inline struct sock *inet_stream_sock(struct file *file, struct inode *inode)
{
	umode_t mode = BPF_CORE_READ(inode, i_mode);
	struct socket *sock;
	struct sock *sk;
	__u16 family;

	if ((mode & S_IFMT) != S_IFSOCK)
		return NULL;
	// A socket file's private_data is its struct socket (sock_from_file).
	sock = BPF_CORE_READ(file, private_data);
	if (!sock || BPF_CORE_READ(sock, type) != SOCK_STREAM)
		return NULL;
	sk = BPF_CORE_READ(sock, sk);
	if (!sk)
		return NULL;
	family = BPF_CORE_READ(sk, __sk_common.skc_family);
	if (family != AF_INET && family != AF_INET6)
		return NULL;
	return sk;
}

static __always_inline void emit_conn(__u32 tgid, __s32 fd, __u64 conn_id, __u8 role, struct sock *sk)
{
	struct perimeter_conn_event *event = bpf_ringbuf_reserve(&events, sizeof(*event), 0);
	__u16 family;

	if (!event) {
		lost();
		return;
	}
	// Reserved ring buffer space holds old records: every byte is written.
	__builtin_memset(event, 0, sizeof(*event));
	family = BPF_CORE_READ(sk, __sk_common.skc_family);
	event->type = PERIMETER_EVENT_CONN;
	event->tgid = tgid;
	event->timestamp_ns = bpf_ktime_get_ns();
	event->conn_id = conn_id;
	event->fd = fd;
	event->family = family;
	event->role = role;
	if (family == AF_INET) {
		BPF_CORE_READ_INTO(&event->local_addr, sk, __sk_common.skc_rcv_saddr);
		BPF_CORE_READ_INTO(&event->remote_addr, sk, __sk_common.skc_daddr);
	} else {
		BPF_CORE_READ_INTO(&event->local_addr, sk, __sk_common.skc_v6_rcv_saddr);
		BPF_CORE_READ_INTO(&event->remote_addr, sk, __sk_common.skc_v6_daddr);
	}
	event->local_port = BPF_CORE_READ(sk, __sk_common.skc_num);
	event->remote_port = bpf_ntohs(BPF_CORE_READ(sk, __sk_common.skc_dport));
	bpf_get_current_comm(event->comm, sizeof(event->comm));
	bpf_ringbuf_submit(event, wakeup_flags());
	sent();
}

static __always_inline void emit_close(__u32 tgid, __s32 fd, __u64 conn_id)
{
	struct perimeter_close_event *event = bpf_ringbuf_reserve(&events, sizeof(*event), 0);

	if (!event) {
		lost();
		return;
	}
	event->type = PERIMETER_EVENT_CLOSE;
	event->tgid = tgid;
	event->timestamp_ns = bpf_ktime_get_ns();
	event->conn_id = conn_id;
	event->fd = fd;
	__builtin_memset(event->_pad, 0, sizeof(event->_pad));
	bpf_ringbuf_submit(event, close_wakeup_flags());
	sent();
}

// The connection on key ended: report it and forget it, and its SSL binding.
static __always_inline void end_conn(struct conn_key *key, struct conn_info *conn)
{
	__u64 conn_id = conn->conn_id;

	if (conn->ssl_ptr) {
		struct ssl_key skey = { .ssl = conn->ssl_ptr, .tgid = key->tgid };
		struct ssl_stream *stream = bpf_map_lookup_elem(&ssl_streams, &skey);

		// SSL objects are freed and their addresses reused for the next
		// connection: without this the next one would inherit this binding.
		if (stream && stream->conn_id == conn_id)
			bpf_map_delete_elem(&ssl_streams, &skey);
	}
	emit_close(key->tgid, key->fd, conn_id);
	bpf_map_delete_elem(&conns, key);
}

// The tracked connection behind fd, which names file, first seen now if need
// be (then a conn event is emitted with the given role). NULL unless file is
// a TCP socket.
static __always_inline struct conn_info *track_file(__u32 tgid, __s32 fd, struct file *file, __u8 role)
{
	struct conn_key key = { .tgid = tgid, .fd = fd };
	struct inode *inode;
	struct conn_info *conn;
	struct sock *sk;
	__u64 ino;

	if (!file)
		return NULL;
	inode = BPF_CORE_READ(file, f_inode);
	ino = BPF_CORE_READ(inode, i_ino);
	conn = bpf_map_lookup_elem(&conns, &key);
	if (conn) {
		if (conn->file == (__u64)file && conn->ino == ino)
			return conn;
		// The fd now names another file: dup2/dup3 over it, or a close we
		// did not see (close_range, io_uring). That connection is over.
		end_conn(&key, conn);
	}
	sk = inet_stream_sock(file, inode);
	if (!sk)
		return NULL;

	struct conn_info fresh = {
		.conn_id = next_conn_id(),
		.file = (__u64)file,
		.ino = ino,
		.role = role,
	};
	if (!fresh.conn_id)
		return NULL;
	if (bpf_map_update_elem(&conns, &key, &fresh, BPF_ANY)) {
		count(PERIMETER_COUNTER_CONN_MAP_FULL, 1);
		return NULL;
	}
	emit_conn(tgid, fd, fresh.conn_id, role, sk);
	return bpf_map_lookup_elem(&conns, &key);
}

// track_file for the file fd names now.
static __always_inline struct conn_info *track_conn(__u32 tgid, __s32 fd, __u8 role)
{
	return track_file(tgid, fd, fd_file(fd), role);
}

/* ---- data records -------------------------------------------------------- */

// The scratch slot with the record header filled in but for the per-record
// fields (offset, lengths, flags), which emit_data sets.
static __always_inline struct data_scratch *data_header(__u32 slot, __u64 pid_tgid, __s32 fd, __u64 conn_id,
							__u64 ssl, __u32 direction, __u8 source)
{
	struct data_scratch *s = bpf_map_lookup_elem(&scratch, &slot);

	if (!s)
		return NULL;
	s->hdr.type = PERIMETER_EVENT_DATA;
	s->hdr.tgid = pid_tgid >> 32;
	s->hdr.timestamp_ns = bpf_ktime_get_ns();
	s->hdr.conn_id = conn_id;
	s->hdr.ssl_ptr = ssl;
	s->hdr.tid = (__u32)pid_tgid;
	s->hdr.fd = fd;
	s->hdr.direction = direction;
	s->hdr.source = source;
	s->hdr._pad[0] = 0;
	bpf_get_current_comm(s->hdr.comm, sizeof(s->hdr.comm));
	return s;
}

static __always_inline void output_data(struct data_scratch *s, __u64 offset, __u64 captured, __u64 true_len,
					__u8 flags)
{
	clamp_for_verifier(captured, PERIMETER_MAX_CHUNK); // a no-op: captured <= chunk_size()
	s->hdr.offset = offset;
	s->hdr.true_len = true_len;
	s->hdr.captured_len = captured;
	s->hdr.flags = flags | (true_len > captured ? PERIMETER_DATA_TRUNCATED : 0);
	if (bpf_ringbuf_output(&events, s, sizeof(s->hdr) + captured, wakeup_flags())) {
		lost();
		count(PERIMETER_COUNTER_DATA_BYTES_LOST, true_len);
		return;
	}
	sent();
	if (true_len > captured)
		count(PERIMETER_COUNTER_DATA_BYTES_TRUNCATED, true_len - captured);
}

// Each step either takes the next iovec, or copies until the current iovec or
// the current chunk ends: 2 steps per iovec plus one per record suffice.
#define EMIT_STEPS (2 * PERIMETER_MAX_IOV + PERIMETER_MAX_CHUNKS_PER_CALL)

/*
 * Emits `total` bytes at user address `buf` (or spread over `iovcnt` struct
 * iovec at `buf`), stream position `offset`, as up to max_chunks records of
 * up to chunk_size consecutive bytes. A record may gather several iovecs. The
 * last record allowed stands for whatever is left: nothing is unaccounted.
 */
static __always_inline void emit_data(struct data_scratch *s, __u64 buf, __u32 iovcnt, __u64 total, __u64 offset)
{
	volatile struct emit_cursor *c = &s->cursor;
	__u64 chunk = chunk_size();
	__u32 max_records = max_chunks();

	c->seg_base = buf;
	c->seg_left = iovcnt ? 0 : total; // a plain buffer is one segment, already taken
	c->left = total;
	c->fill = 0;
	c->offset = offset;
	c->seg = iovcnt ? 0 : 1;
	c->records = 0;
	c->flags = 0;
	if (!iovcnt)
		iovcnt = 1;

	for (__u32 step = 0; step < EMIT_STEPS; step++) {
		if (!c->left)
			break;
		if (!c->seg_left) {
			struct iovec iov;
			__u32 seg = c->seg;

			if (seg >= iovcnt || seg >= PERIMETER_MAX_IOV)
				break;
			if (bpf_probe_read_user(&iov, sizeof(iov), (void *)(buf + seg * sizeof(iov)))) {
				c->flags = PERIMETER_DATA_UNREADABLE;
				break;
			}
			c->seg = seg + 1;
			c->seg_base = (__u64)iov.iov_base;
			c->seg_left = iov.iov_len < c->left ? iov.iov_len : c->left;
			continue;
		}
		__u64 fill = c->fill;
		__u64 room = chunk - fill;
		__u64 take = c->seg_left < room ? c->seg_left : room;

		// No-ops (fill < chunk <= PERIMETER_MAX_CHUNK) that bound the write.
		clamp_for_verifier(fill, PERIMETER_MAX_CHUNK - 1);
		clamp_for_verifier(take, PERIMETER_MAX_CHUNK);
		// Tracepoints and uprobes cannot sleep, so a page that is not
		// resident cannot be read: the rest goes uncaptured, and flagged.
		if (bpf_probe_read_user(&s->data[fill], take, (void *)c->seg_base)) {
			c->flags = PERIMETER_DATA_UNREADABLE;
			break;
		}
		fill += take;
		c->fill = fill;
		c->seg_base += take;
		c->seg_left -= take;
		c->left -= take;
		if (fill < chunk && c->left)
			continue;
		// The last record allowed also stands for the bytes not captured.
		__u32 records = c->records + 1;
		__u64 rest = records >= max_records ? c->left : 0;

		c->records = records;
		output_data(s, c->offset, fill, fill + rest, 0);
		c->offset += fill + rest;
		c->left -= rest;
		c->fill = 0;
	}
	if (c->fill || c->left) {
		// Stopped early: unreadable memory, more iovecs than captured.
		output_data(s, c->offset, c->fill, c->fill + c->left, c->flags);
		if (c->flags & PERIMETER_DATA_UNREADABLE)
			count(PERIMETER_COUNTER_DATA_UNREADABLE, 1);
	}
}

/* ---- TLS correlation ----------------------------------------------------- */

// Whether the first bytes of a stream are a TLS record header: content type
// 20..23 (change_cipher_spec, alert, handshake, application_data) and
// version 3.x. No HTTP/1 or HTTP/2 stream starts like that.
static __always_inline bool starts_like_tls(__u64 buf, __u32 iovcnt)
{
	__u8 head[3];

	if (iovcnt) {
		struct iovec iov;

		if (bpf_probe_read_user(&iov, sizeof(iov), (void *)buf) || iov.iov_len < sizeof(head))
			return false;
		buf = (__u64)iov.iov_base;
	}
	if (bpf_probe_read_user(head, sizeof(head), (void *)buf))
		return false;
	return head[0] >= 20 && head[0] <= 23 && head[1] == 3 && head[2] <= 4;
}

static __always_inline void emit_tls_bind(__u32 tgid, __u64 ssl, __s32 fd, __u64 conn_id)
{
	struct perimeter_tls_bind_event *event = bpf_ringbuf_reserve(&events, sizeof(*event), 0);

	if (!event) {
		lost();
		return;
	}
	event->type = PERIMETER_EVENT_TLS_BIND;
	event->tgid = tgid;
	event->timestamp_ns = bpf_ktime_get_ns();
	event->conn_id = conn_id;
	event->ssl_ptr = ssl;
	event->fd = fd;
	__builtin_memset(event->_pad, 0, sizeof(event->_pad));
	bpf_ringbuf_submit(event, wakeup_flags());
	sent();
}

// The SSL object's plaintext travels on conn (fd): remember it, stop emitting
// the connection's ciphertext, and tell user space.
static __always_inline void bind_ssl(__u32 tgid, __u64 ssl, struct ssl_stream *stream, __s32 fd,
				     struct conn_info *conn)
{
	conn->tls = 1;
	if (stream->conn_id == conn->conn_id)
		return;
	stream->conn_id = conn->conn_id;
	stream->fd = fd;
	conn->ssl_ptr = ssl;
	count(PERIMETER_COUNTER_TLS_BOUND, 1);
	emit_tls_bind(tgid, ssl, fd, conn->conn_id);
}

// A syscall on a TLS connection outside any SSL call (memory BIO): it moves
// the ciphertext of an SSL call made just before (write) or after (read).
static __always_inline void follow_memory_bio(__u64 pid_tgid, __s32 fd, struct conn_info *conn, __u32 direction)
{
	__u32 tgid = pid_tgid >> 32;

	if (direction == PERIMETER_DIRECTION_INGRESS) {
		struct socket_read read = { .conn_id = conn->conn_id, .fd = fd };

		if (bpf_map_update_elem(&last_socket_reads, &pid_tgid, &read, BPF_ANY))
			count(PERIMETER_COUNTER_STATE_MAP_FULL, 1);
		return;
	}
	__u64 *pending = bpf_map_lookup_elem(&pending_ssl_writes, &pid_tgid);

	if (!pending)
		return;
	struct ssl_key key = { .ssl = *pending, .tgid = tgid };
	struct ssl_stream *stream = bpf_map_lookup_elem(&ssl_streams, &key);

	bpf_map_delete_elem(&pending_ssl_writes, &pid_tgid);
	if (stream)
		bind_ssl(tgid, key.ssl, stream, fd, conn);
}

/* ---- syscalls ------------------------------------------------------------ */

// iovcnt above PERIMETER_MAX_IOV is kept as PERIMETER_MAX_IOV + 1: emit_data
// then accounts for the iovecs it does not read as uncaptured.
static __always_inline __u32 iov_count(__u64 iovcnt)
{
	return iovcnt > PERIMETER_MAX_IOV ? PERIMETER_MAX_IOV + 1 : iovcnt;
}

static __always_inline void save_args(__u64 pid_tgid, struct syscall_args *args)
{
	if (bpf_map_update_elem(&active_syscalls, &pid_tgid, args, BPF_ANY))
		count(PERIMETER_COUNTER_STATE_MAP_FULL, 1);
}

// Follows a data syscall to its exit if fd is a socket. The file fd names at
// entry is the one the syscall works on (the kernel looks it up right after),
// so the exit takes it from here rather than reading the file table again.
static __always_inline int save_data_args(__s32 fd, __u64 buf, __u32 iovcnt, __u32 direction)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct file *file;

	if (!traced(pid_tgid >> 32))
		return 0;
	file = fd_file(fd);
	if (!file || !is_socket(file))
		return 0;

	struct syscall_args args = {
		.buf = buf,
		.file = (__u64)file,
		.fd = fd,
		.iovcnt = iovcnt,
		.direction = direction,
	};

	save_args(pid_tgid, &args);
	return 0;
}

static __always_inline int save_msg_args(__s32 fd, struct user_msghdr *msg, __u32 direction)
{
	struct iovec *iov = NULL;
	__u64 iovlen = 0;

	if (bpf_probe_read_user(&iov, sizeof(iov), &msg->msg_iov) ||
	    bpf_probe_read_user(&iovlen, sizeof(iovlen), &msg->msg_iovlen))
		return 0;
	// iovcnt 0 would mean "a plain buffer" to emit_data.
	if (!iovlen)
		return 0;
	return save_data_args(fd, (__u64)iov, iov_count(iovlen), direction);
}

// The saved arguments of this thread's syscall, removed from the map.
static __always_inline bool take_args(__u64 pid_tgid, struct syscall_args *args)
{
	struct syscall_args *saved;

	// Every exit of every process on the host comes here: spare the ones
	// not traced a hash lookup.
	if (!traced(pid_tgid >> 32))
		return false;
	saved = bpf_map_lookup_elem(&active_syscalls, &pid_tgid);
	if (!saved)
		return false;
	*args = *saved;
	bpf_map_delete_elem(&active_syscalls, &pid_tgid);
	return true;
}

static __always_inline int data_exit(long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct syscall_args args;
	struct conn_info *conn;
	struct ssl_call *call;
	struct data_scratch *s;

	if (!take_args(pid_tgid, &args) || ret <= 0)
		return 0;
	conn = track_file(pid_tgid >> 32, args.fd, (struct file *)args.file, PERIMETER_ROLE_UNKNOWN);
	if (!conn)
		return 0;

	__u32 direction = args.direction & 1;
	__u64 offset = conn->offsets[direction];

	conn->offsets[direction] = offset + ret;
	call = bpf_map_lookup_elem(&active_ssl_calls, &pid_tgid);
	if (call) {
		// Socket BIO: inside SSL_read/SSL_write the library moves its
		// ciphertext through this very syscall.
		call->nested_fd = args.fd;
		call->nested_conn_id = conn->conn_id;
		conn->tls = 1;
	} else if (!conn->tls && offset == 0 && ret >= 3 && starts_like_tls(args.buf, args.iovcnt)) {
		// The handshake runs in SSL_connect/SSL_accept/SSL_do_handshake,
		// which are not probed: recognise its first record instead.
		conn->tls = 1;
	}
	if (conn->tls) {
		count(PERIMETER_COUNTER_CIPHERTEXT_BYTES, ret);
		if (!call)
			follow_memory_bio(pid_tgid, args.fd, conn, direction);
		return 0;
	}
	s = data_header(SCRATCH_SYSCALL, pid_tgid, args.fd, conn->conn_id, 0, direction, PERIMETER_SOURCE_SYSCALL);
	if (s)
		emit_data(s, args.buf, args.iovcnt, ret, offset);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_read")
int trace_enter_read(struct trace_event_raw_sys_enter *ctx)
{
	return save_data_args(ctx->args[0], ctx->args[1], 0, PERIMETER_DIRECTION_INGRESS);
}

SEC("tracepoint/syscalls/sys_exit_read")
int trace_exit_read(struct trace_event_raw_sys_exit *ctx)
{
	return data_exit(ctx->ret);
}

SEC("tracepoint/syscalls/sys_enter_write")
int trace_enter_write(struct trace_event_raw_sys_enter *ctx)
{
	return save_data_args(ctx->args[0], ctx->args[1], 0, PERIMETER_DIRECTION_EGRESS);
}

SEC("tracepoint/syscalls/sys_exit_write")
int trace_exit_write(struct trace_event_raw_sys_exit *ctx)
{
	return data_exit(ctx->ret);
}

SEC("tracepoint/syscalls/sys_enter_readv")
int trace_enter_readv(struct trace_event_raw_sys_enter *ctx)
{
	if (!ctx->args[2])
		return 0;
	return save_data_args(ctx->args[0], ctx->args[1], iov_count(ctx->args[2]), PERIMETER_DIRECTION_INGRESS);
}

SEC("tracepoint/syscalls/sys_exit_readv")
int trace_exit_readv(struct trace_event_raw_sys_exit *ctx)
{
	return data_exit(ctx->ret);
}

SEC("tracepoint/syscalls/sys_enter_writev")
int trace_enter_writev(struct trace_event_raw_sys_enter *ctx)
{
	if (!ctx->args[2])
		return 0;
	return save_data_args(ctx->args[0], ctx->args[1], iov_count(ctx->args[2]), PERIMETER_DIRECTION_EGRESS);
}

SEC("tracepoint/syscalls/sys_exit_writev")
int trace_exit_writev(struct trace_event_raw_sys_exit *ctx)
{
	return data_exit(ctx->ret);
}

SEC("tracepoint/syscalls/sys_enter_recvfrom")
int trace_enter_recvfrom(struct trace_event_raw_sys_enter *ctx)
{
	// MSG_PEEK leaves the bytes in the socket: the next read returns them again.
	if (ctx->args[3] & MSG_PEEK)
		return 0;
	return save_data_args(ctx->args[0], ctx->args[1], 0, PERIMETER_DIRECTION_INGRESS);
}

SEC("tracepoint/syscalls/sys_exit_recvfrom")
int trace_exit_recvfrom(struct trace_event_raw_sys_exit *ctx)
{
	return data_exit(ctx->ret);
}

SEC("tracepoint/syscalls/sys_enter_sendto")
int trace_enter_sendto(struct trace_event_raw_sys_enter *ctx)
{
	return save_data_args(ctx->args[0], ctx->args[1], 0, PERIMETER_DIRECTION_EGRESS);
}

SEC("tracepoint/syscalls/sys_exit_sendto")
int trace_exit_sendto(struct trace_event_raw_sys_exit *ctx)
{
	return data_exit(ctx->ret);
}

SEC("tracepoint/syscalls/sys_enter_recvmsg")
int trace_enter_recvmsg(struct trace_event_raw_sys_enter *ctx)
{
	if (ctx->args[2] & MSG_PEEK)
		return 0;
	return save_msg_args(ctx->args[0], (struct user_msghdr *)ctx->args[1], PERIMETER_DIRECTION_INGRESS);
}

SEC("tracepoint/syscalls/sys_exit_recvmsg")
int trace_exit_recvmsg(struct trace_event_raw_sys_exit *ctx)
{
	return data_exit(ctx->ret);
}

SEC("tracepoint/syscalls/sys_enter_sendmsg")
int trace_enter_sendmsg(struct trace_event_raw_sys_enter *ctx)
{
	return save_msg_args(ctx->args[0], (struct user_msghdr *)ctx->args[1], PERIMETER_DIRECTION_EGRESS);
}

SEC("tracepoint/syscalls/sys_exit_sendmsg")
int trace_exit_sendmsg(struct trace_event_raw_sys_exit *ctx)
{
	return data_exit(ctx->ret);
}

static __always_inline int accepted(long ret)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;

	if (ret < 0 || !traced(tgid))
		return 0;
	track_conn(tgid, ret, PERIMETER_ROLE_SERVER);
	return 0;
}

// accept needs no enter program: the new fd is the return value.
SEC("tracepoint/syscalls/sys_exit_accept")
int trace_exit_accept(struct trace_event_raw_sys_exit *ctx)
{
	return accepted(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_accept4")
int trace_exit_accept4(struct trace_event_raw_sys_exit *ctx)
{
	return accepted(ctx->ret);
}

SEC("tracepoint/syscalls/sys_enter_connect")
int trace_enter_connect(struct trace_event_raw_sys_enter *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct syscall_args args = { .fd = ctx->args[0] };

	if (traced(pid_tgid >> 32))
		save_args(pid_tgid, &args);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_connect")
int trace_exit_connect(struct trace_event_raw_sys_exit *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct syscall_args args;

	if (!take_args(pid_tgid, &args))
		return 0;
	// A non-blocking connect returns -EINPROGRESS and completes later; its
	// addresses and local port are already set.
	if (ctx->ret == 0 || ctx->ret == -EINPROGRESS)
		track_conn(pid_tgid >> 32, args.fd, PERIMETER_ROLE_CLIENT);
	return 0;
}

// At enter, while the fd still names the socket.
SEC("tracepoint/syscalls/sys_enter_close")
int trace_enter_close(struct trace_event_raw_sys_enter *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	struct conn_key key = { .tgid = tgid, .fd = ctx->args[0] };
	struct conn_info *conn;

	if (!traced(tgid))
		return 0;
	conn = bpf_map_lookup_elem(&conns, &key);
	if (conn)
		end_conn(&key, conn);
	return 0;
}

/* ---- TLS uprobes --------------------------------------------------------- */

static __always_inline int ssl_enter(void *ssl, const void *buf, void *len_ptr, __u32 direction)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct ssl_call call = {
		.ssl = (__u64)ssl,
		.buf = (__u64)buf,
		.len_ptr = (__u64)len_ptr,
		.nested_fd = -1,
		.direction = direction,
	};

	if (!traced(pid_tgid >> 32))
		return 0;
	// Overwrites: a call whose return was never seen must not shadow this one.
	if (bpf_map_update_elem(&active_ssl_calls, &pid_tgid, &call, BPF_ANY))
		count(PERIMETER_COUNTER_STATE_MAP_FULL, 1);
	return 0;
}

// The stream of an SSL object, created unbound on first use.
static __always_inline struct ssl_stream *ssl_stream(struct ssl_key *key)
{
	struct ssl_stream *stream = bpf_map_lookup_elem(&ssl_streams, key);
	struct ssl_stream fresh = { .fd = -1 };

	if (stream)
		return stream;
	// BPF_NOEXIST: another CPU may have created it meanwhile; look it up either way.
	bpf_map_update_elem(&ssl_streams, key, &fresh, BPF_NOEXIST);
	stream = bpf_map_lookup_elem(&ssl_streams, key);
	if (!stream)
		count(PERIMETER_COUNTER_STATE_MAP_FULL, 1);
	return stream;
}

// Ties an SSL object that has no connection yet to one, from what this thread
// did around the call.
static __always_inline void bind_from_thread(__u64 pid_tgid, struct ssl_call *call, struct ssl_stream *stream)
{
	__u32 tgid = pid_tgid >> 32;
	struct conn_info *conn;

	if (call->nested_conn_id) {
		// Socket BIO: the syscall made inside the call.
		struct conn_key key = { .tgid = tgid, .fd = call->nested_fd };

		conn = bpf_map_lookup_elem(&conns, &key);
		if (conn && conn->conn_id == call->nested_conn_id)
			bind_ssl(tgid, call->ssl, stream, call->nested_fd, conn);
		return;
	}
	if (stream->conn_id)
		return;
	if (call->direction == PERIMETER_DIRECTION_INGRESS) {
		// Memory BIO: the ciphertext came in by the thread's last socket read.
		struct socket_read *read = bpf_map_lookup_elem(&last_socket_reads, &pid_tgid);

		if (!read)
			return;
		struct conn_key key = { .tgid = tgid, .fd = read->fd };

		conn = bpf_map_lookup_elem(&conns, &key);
		if (conn && conn->conn_id == read->conn_id && conn->tls)
			bind_ssl(tgid, call->ssl, stream, read->fd, conn);
		return;
	}
	// Memory BIO: the ciphertext leaves by the thread's next socket write.
	if (bpf_map_update_elem(&pending_ssl_writes, &pid_tgid, &call->ssl, BPF_ANY))
		count(PERIMETER_COUNTER_STATE_MAP_FULL, 1);
}

static __always_inline int ssl_return(long ret, bool ex)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct ssl_call *saved = bpf_map_lookup_elem(&active_ssl_calls, &pid_tgid);
	struct ssl_call call;
	struct ssl_stream *stream;
	struct data_scratch *s;
	__u64 bytes = 0;

	if (!saved)
		return 0;
	call = *saved;
	bpf_map_delete_elem(&active_ssl_calls, &pid_tgid);
	if (ex) {
		// SSL_read_ex/SSL_write_ex return 1 and store the count.
		if (ret != 1 || bpf_probe_read_user(&bytes, sizeof(bytes), (void *)call.len_ptr))
			return 0;
	} else {
		if (ret <= 0)
			return 0;
		bytes = ret;
	}
	if (!bytes)
		return 0;

	struct ssl_key key = { .ssl = call.ssl, .tgid = pid_tgid >> 32 };

	stream = ssl_stream(&key);
	if (!stream)
		return 0;
	bind_from_thread(pid_tgid, &call, stream);

	__u32 direction = call.direction & 1;
	__u64 offset = stream->offsets[direction];

	stream->offsets[direction] = offset + bytes;
	if (!stream->conn_id)
		count(PERIMETER_COUNTER_TLS_UNBOUND, 1);
	s = data_header(SCRATCH_TLS, pid_tgid, stream->fd, stream->conn_id, call.ssl, direction, PERIMETER_SOURCE_TLS);
	if (s)
		emit_data(s, call.buf, 0, bytes, offset);
	return 0;
}

// int SSL_write(SSL *ssl, const void *buf, int num)
SEC("uprobe")
int BPF_KPROBE(ssl_write_entry, void *ssl, const void *buf, int num)
{
	return ssl_enter(ssl, buf, NULL, PERIMETER_DIRECTION_EGRESS);
}

SEC("uretprobe")
int BPF_KRETPROBE(ssl_write_return, int ret)
{
	return ssl_return(ret, false);
}

// int SSL_write_ex(SSL *ssl, const void *buf, size_t num, size_t *written)
SEC("uprobe")
int BPF_KPROBE(ssl_write_ex_entry, void *ssl, const void *buf, size_t num, size_t *written)
{
	return ssl_enter(ssl, buf, written, PERIMETER_DIRECTION_EGRESS);
}

SEC("uretprobe")
int BPF_KRETPROBE(ssl_write_ex_return, int ret)
{
	return ssl_return(ret, true);
}

// int SSL_read(SSL *ssl, void *buf, int num)
SEC("uprobe")
int BPF_KPROBE(ssl_read_entry, void *ssl, void *buf, int num)
{
	return ssl_enter(ssl, buf, NULL, PERIMETER_DIRECTION_INGRESS);
}

SEC("uretprobe")
int BPF_KRETPROBE(ssl_read_return, int ret)
{
	return ssl_return(ret, false);
}

// int SSL_read_ex(SSL *ssl, void *buf, size_t num, size_t *readbytes)
SEC("uprobe")
int BPF_KPROBE(ssl_read_ex_entry, void *ssl, void *buf, size_t num, size_t *readbytes)
{
	return ssl_enter(ssl, buf, readbytes, PERIMETER_DIRECTION_INGRESS);
}

SEC("uretprobe")
int BPF_KRETPROBE(ssl_read_ex_return, int ret)
{
	return ssl_return(ret, true);
}

/* ---- processes ----------------------------------------------------------- */

SEC("tracepoint/sched/sched_process_exec")
int trace_exec(struct trace_event_raw_sched_process_exec *ctx)
{
	__u32 tgid = bpf_get_current_pid_tgid() >> 32;
	struct perimeter_exec_event *event;

	if (!traced(tgid))
		return 0;
	event = bpf_ringbuf_reserve(&events, sizeof(*event), 0);
	if (!event) {
		lost();
		return 0;
	}
	event->type = PERIMETER_EVENT_EXEC;
	event->tgid = tgid;
	event->timestamp_ns = bpf_ktime_get_ns();
	bpf_get_current_comm(event->comm, sizeof(event->comm));
	bpf_ringbuf_submit(event, wakeup_flags());
	sent();
	return 0;
}

// Fires for every thread: its per-thread state goes; the process's goes with
// its group leader.
SEC("tracepoint/sched/sched_process_exit")
int trace_exit(void *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	__u32 tgid = pid_tgid >> 32;
	struct perimeter_exit_event *event;

	if (!traced(tgid))
		return 0;
	bpf_map_delete_elem(&active_syscalls, &pid_tgid);
	bpf_map_delete_elem(&active_ssl_calls, &pid_tgid);
	bpf_map_delete_elem(&last_socket_reads, &pid_tgid);
	bpf_map_delete_elem(&pending_ssl_writes, &pid_tgid);
	if ((__u32)pid_tgid != tgid)
		return 0;
	event = bpf_ringbuf_reserve(&events, sizeof(*event), 0);
	if (!event) {
		lost();
		return 0;
	}
	event->type = PERIMETER_EVENT_EXIT;
	event->tgid = tgid;
	event->timestamp_ns = bpf_ktime_get_ns();
	bpf_ringbuf_submit(event, wakeup_flags());
	sent();
	return 0;
}

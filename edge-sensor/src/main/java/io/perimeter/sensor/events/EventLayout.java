package io.perimeter.sensor.events;

/**
 * Where the fields of the capture events sit in a ring buffer record: the structs and enums of
 * {@code bpf/include/perimeter_events.h}, in host byte order. EventLayoutTest compares every constant here with the
 * BTF clang emits for that header; change both in the same commit.
 */
final class EventLayout {

    static final int COMM_LENGTH = 16;

    // The prefix every capture event shares: __u32 type; __u32 tgid; __u64 timestamp_ns;
    static final int OFFSET_TYPE = 0;
    static final int OFFSET_TGID = 4;
    static final int OFFSET_TIMESTAMP = 8;
    static final int PREFIX_SIZE = 16;

    // enum perimeter_event_type
    static final int TYPE_DATA = 2;
    static final int TYPE_CONN = 3;
    static final int TYPE_CLOSE = 4;
    static final int TYPE_TLS_BIND = 5;
    static final int TYPE_EXEC = 6;
    static final int TYPE_EXIT = 7;

    // enum perimeter_direction
    static final int DIRECTION_EGRESS = 0;
    static final int DIRECTION_INGRESS = 1;

    // enum perimeter_source
    static final int SOURCE_SYSCALL = 0;
    static final int SOURCE_TLS = 1;

    // enum perimeter_role
    static final int ROLE_UNKNOWN = 0;
    static final int ROLE_CLIENT = 1;
    static final int ROLE_SERVER = 2;

    // Address families of perimeter_conn_event.family (Linux values).
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    /** PERIMETER_MAX_CHUNK: no data record carries more. */
    static final int MAX_CHUNK = 8192;

    /** struct perimeter_data_event; captured_len bytes follow it. */
    static final class Data {
        static final int SIZE = 80;
        static final int OFFSET_CONN_ID = 16;
        static final int OFFSET_SSL_PTR = 24;
        static final int OFFSET_OFFSET = 32;
        static final int OFFSET_TRUE_LEN = 40;
        static final int OFFSET_TID = 48;
        static final int OFFSET_FD = 52;
        static final int OFFSET_CAPTURED_LEN = 56;
        static final int OFFSET_DIRECTION = 60;
        static final int OFFSET_SOURCE = 61;
        static final int OFFSET_FLAGS = 62;
        static final int OFFSET_COMM = 64;

        private Data() {}
    }

    /** struct perimeter_conn_event. */
    static final class Conn {
        static final int SIZE = 88;
        static final int OFFSET_CONN_ID = 16;
        static final int OFFSET_FD = 24;
        static final int OFFSET_FAMILY = 28;
        static final int OFFSET_ROLE = 30;
        static final int OFFSET_LOCAL_ADDR = 32;
        static final int OFFSET_REMOTE_ADDR = 48;
        static final int ADDR_LENGTH = 16;
        static final int OFFSET_LOCAL_PORT = 64;
        static final int OFFSET_REMOTE_PORT = 66;
        static final int OFFSET_COMM = 72;

        private Conn() {}
    }

    /** struct perimeter_close_event. */
    static final class Close {
        static final int SIZE = 32;
        static final int OFFSET_CONN_ID = 16;
        static final int OFFSET_FD = 24;

        private Close() {}
    }

    /** struct perimeter_tls_bind_event. */
    static final class TlsBind {
        static final int SIZE = 40;
        static final int OFFSET_CONN_ID = 16;
        static final int OFFSET_SSL_PTR = 24;
        static final int OFFSET_FD = 32;

        private TlsBind() {}
    }

    /** struct perimeter_exec_event. */
    static final class Exec {
        static final int SIZE = 32;
        static final int OFFSET_COMM = 16;

        private Exec() {}
    }

    /** struct perimeter_exit_event. */
    static final class Exit {
        static final int SIZE = 16;

        private Exit() {}
    }

    private EventLayout() {}
}

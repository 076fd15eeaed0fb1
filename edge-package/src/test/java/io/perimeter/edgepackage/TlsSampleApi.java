package io.perimeter.edgepackage;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.perimeter.testsupport.SelfSignedCertificate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A JSON API over HTTPS served by Python's ssl module (OpenSSL's shared libssl), on 127.0.0.1 and a port the kernel
 * gives: the edge sees its calls only through its TLS uprobes, since the sockets carry ciphertext.
 */
final class TlsSampleApi implements AutoCloseable {
    private static final String SERVER = """
            import http.server, json, ssl, sys
            class Api(http.server.BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                def do_GET(self):
                    body = json.dumps({"id": self.path.rsplit("/", 1)[-1], "state": "settled", "amount": 42}).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                def log_message(self, *args):
                    pass
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Api)
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(sys.argv[1], sys.argv[2])
            server.socket = context.wrap_socket(server.socket, server_side=True)
            print(server.server_address[1], flush=True)
            server.serve_forever()
            """;

    private final Process process;
    private final int port;

    private TlsSampleApi(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static TlsSampleApi start(Path directory) throws IOException, InterruptedException {
        SelfSignedCertificate certificate = SelfSignedCertificate.in(directory);
        Path script = Files.writeString(directory.resolve("tls_api.py"), SERVER, UTF_8);
        Process process = new ProcessBuilder("python3", script.toString(), certificate.certificate().toString(),
                certificate.key().toString()).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
        String first = output.readLine();
        if (first == null || !first.strip().matches("\\d+")) {
            process.destroyForcibly();
            throw new IllegalStateException("the HTTPS sample API (python3, in scripts/setup) did not start: " + first);
        }
        return new TlsSampleApi(process, Integer.parseInt(first.strip()));
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
    }
}

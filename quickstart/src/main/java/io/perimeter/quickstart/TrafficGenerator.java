package io.perimeter.quickstart;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code quickstart/traffic/generate.py} against both sample APIs, plain and TLS; its progress goes to its log. */
final class TrafficGenerator implements AutoCloseable {
    private final ChildProcess process;

    private TrafficGenerator(ChildProcess process) {
        this.process = process;
    }

    static TrafficGenerator start(QuickStartSettings settings) throws IOException {
        QuickStartSettings.Ports ports = settings.ports();
        List<String> command = new ArrayList<>(List.of(SampleApis.python(),
                settings.bundled("traffic/generate.py").toString(),
                "--shop", "http://127.0.0.1:" + ports.shopHttp(), "--shop", "https://127.0.0.1:" + ports.shopHttps(),
                "--payments", "http://127.0.0.1:" + ports.paymentsHttp(),
                "--payments", "https://127.0.0.1:" + ports.paymentsHttps(),
                "--data", settings.bundled("sample-api/data.json").toString(),
                "--duration", String.valueOf(settings.trafficDuration().toSeconds())));
        command.addAll(settings.trafficOptions());
        return new TrafficGenerator(ChildProcess.start("traffic", command, settings.root(),
                settings.logs().resolve("traffic.log"), Duration.ofSeconds(2)));
    }

    @Override
    public void close() {
        process.close();
    }
}

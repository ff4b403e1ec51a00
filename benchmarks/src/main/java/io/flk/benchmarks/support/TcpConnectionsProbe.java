package io.flk.benchmarks.support;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * TCP connections of a local server port at the end of the window, from {@code /proc/net/tcp{,6}}: how many are
 * open and how many were recently closed (TIME_WAIT lasts 60 s), to see whether HTTP clients kept their
 * connections alive.
 */
public final class TcpConnectionsProbe implements LoadDriver.Probe {

    private final int port;

    public TcpConnectionsProbe(int port) {
        this.port = port;
    }

    @Override
    public void windowStarted() {
    }

    @Override
    public Map<String, String> windowEnded(Duration window, long successes) {
        int established = 0;
        int timeWait = 0;
        String hexPort = String.format(":%04X", port);
        for (String table : new String[]{"/proc/net/tcp", "/proc/net/tcp6"}) {
            for (String line : Machine.lines(Path.of(table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 4) {
                    continue;
                }
                boolean serverSide = fields[1].endsWith(hexPort);
                boolean clientSide = fields[2].endsWith(hexPort);
                if (serverSide && fields[3].equals("01")) {
                    established++;
                } else if ((serverSide || clientSide) && fields[3].equals("06")) {
                    timeWait++;
                }
            }
        }
        return Map.of("server TCP connections at window end (open / TIME_WAIT)", established + " / " + timeWait);
    }
}

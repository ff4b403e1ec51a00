package io.flk.benchmarks.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the CPU went during the window: the whole machine (from {@code /proc/stat}, including I/O wait), this JVM,
 * the PostgreSQL server under test (its postmaster and children), everything else on the machine (other work that
 * competed for the cores), and inside the JVM the busiest thread groups (threads grouped by name with digits
 * removed, e.g. {@code http-nio-#-exec-#}). Percentages are of one core, so 2 busy cores read 200 %.
 */
public final class CpuProbe implements LoadDriver.Probe {

    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private static final int THREAD_GROUPS_SHOWN = 6;

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long[] systemTicks;
    private long jvmCpuNanos;
    private long postgresTicks;
    private Map<Long, Long> threadCpu;
    private Map<String, Long> vmThreadTicks;
    private Map<Long, String> threadNames;
    private volatile double lastCompetingPercent = Double.NaN;

    private final long postmasterPid;

    /** @param postmasterPid the PostgreSQL server to account for, or 0 for every process named postgres */
    public CpuProbe(long postmasterPid) {
        this.postmasterPid = postmasterPid;
        if (threads.isThreadCpuTimeSupported() && !threads.isThreadCpuTimeEnabled()) {
            threads.setThreadCpuTimeEnabled(true);
        }
    }

    @Override
    public void windowStarted() {
        systemTicks = systemTicks();
        jvmCpuNanos = os.getProcessCpuTime();
        postgresTicks = postgresTicks(postmasterPid);
        threadCpu = threadCpu();
        threadNames = new HashMap<>();
        vmThreadTicks = vmThreadTicks();
    }

    @Override
    public Map<String, String> windowEnded(Duration window, long successes) {
        Map<Long, Long> threadCpuNow = threadCpu();
        long[] ticks = systemTicks();
        long jvm = os.getProcessCpuTime() - jvmCpuNanos;
        long postgres = postgresTicks(postmasterPid) - postgresTicks;
        double seconds = window.toNanos() / 1e9;
        Map<String, String> facts = new LinkedHashMap<>();
        double jvmSeconds = jvm / 1e9;
        double postgresSeconds = postgres / (double) CLOCK_TICKS_PER_SECOND;
        double othersSeconds = Double.NaN;
        if (systemTicks != null && ticks != null) {
            // /proc/stat columns: user nice system idle iowait irq softirq steal
            long busy = 0;
            for (int i : new int[]{0, 1, 2, 5, 6, 7}) {
                busy += ticks[i] - systemTicks[i];
            }
            long iowait = ticks[4] - systemTicks[4];
            long steal = ticks[7] - systemTicks[7];
            facts.put("machine CPU busy", percent(busy / (double) CLOCK_TICKS_PER_SECOND, seconds)
                    + " of " + Runtime.getRuntime().availableProcessors() * 100 + " %"
                    + " (I/O wait " + percent(iowait / (double) CLOCK_TICKS_PER_SECOND, seconds)
                    + ", steal " + percent(steal / (double) CLOCK_TICKS_PER_SECOND, seconds) + ")");
            othersSeconds = Math.max(0, busy / (double) CLOCK_TICKS_PER_SECOND - jvmSeconds - postgresSeconds);
        }
        facts.put("CPU of this JVM (app + load clients)", percent(jvmSeconds, seconds));
        facts.put("CPU of the PostgreSQL under test", percent(postgresSeconds, seconds));
        if (!Double.isNaN(othersSeconds)) {
            lastCompetingPercent = 100.0 * othersSeconds / seconds;
            facts.put("CPU of everything else on the machine (competing load)", percent(othersSeconds, seconds));
        }
        Map<String, Long> groups = new HashMap<>();
        threadCpuNow.forEach((id, cpu) -> {
            long before = threadCpu.getOrDefault(id, 0L);
            String name = threadNames.getOrDefault(id, "?");
            groups.merge(name.replaceAll("[0-9]+", "#"), cpu - before, Long::sum);
        });
        String top = groups.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(THREAD_GROUPS_SHOWN)
                .map(e -> e.getKey() + " " + percent(e.getValue() / 1e9, seconds))
                .collect(Collectors.joining(", "));
        facts.put("busiest JVM thread groups", top);
        Map<String, Long> vmNow = vmThreadTicks();
        if (!vmNow.isEmpty()) {
            String vm = vmNow.entrySet().stream()
                    // threads that exited take their ticks with them: never below zero
                    .map(e -> Map.entry(e.getKey(),
                            Math.max(0, e.getValue() - vmThreadTicks.getOrDefault(e.getKey(), 0L))))
                    .map(e -> e.getKey() + " " + percent(e.getValue() / (double) CLOCK_TICKS_PER_SECOND, seconds))
                    .collect(Collectors.joining(", "));
            facts.put("JVM-internal threads", vm);
        }
        return facts;
    }

    /** CPU (percent of one core) used by processes other than this JVM and the PostgreSQL under test, last window. */
    public double lastCompetingPercent() {
        return lastCompetingPercent;
    }

    private Map<Long, Long> threadCpu() {
        Map<Long, Long> cpu = new HashMap<>();
        if (!threads.isThreadCpuTimeSupported()) {
            return cpu;
        }
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long time = threads.getThreadCpuTime(info.getThreadId());
            if (time >= 0) {
                cpu.put(info.getThreadId(), time);
                if (threadNames != null) {
                    threadNames.put(info.getThreadId(), info.getThreadName());
                }
            }
        }
        return cpu;
    }

    /** CPU seconds used so far by the PostgreSQL server (postmaster and its live children). */
    public static double postgresCpuSeconds(long postmasterPid) {
        return postgresTicks(postmasterPid) / (double) CLOCK_TICKS_PER_SECOND;
    }

    /** CPU seconds the whole machine has been busy so far (all cores, I/O wait excluded); NaN where unknown. */
    public static double machineBusySeconds() {
        long[] ticks = systemTicks();
        if (ticks == null) {
            return Double.NaN;
        }
        long busy = 0;
        for (int i : new int[]{0, 1, 2, 5, 6, 7}) {
            busy += ticks[i];
        }
        return busy / (double) CLOCK_TICKS_PER_SECOND;
    }

    /** CPU time used so far by this JVM's JIT compiler threads (from /proc/self/task), or -1 where unknown. */
    public static Duration jitCompilerCpu() {
        Long ticks = vmThreadTicks().get("JIT compiler");
        return ticks == null ? Duration.ofMillis(-1) : Duration.ofMillis(ticks * 1000 / CLOCK_TICKS_PER_SECOND);
    }

    /** CPU ticks of the JVM's own native threads (not Java threads), by kind, from /proc/self/task. */
    private static Map<String, Long> vmThreadTicks() {
        Map<String, Long> ticks = new LinkedHashMap<>();
        ticks.put("GC", 0L);
        ticks.put("JIT compiler", 0L);
        ticks.put("other VM", 0L);
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.US_ASCII);
                } catch (IOException gone) {
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < 0) {
                    continue;
                }
                String name = stat.substring(open + 1, close);
                String kind = vmThreadKind(name);
                if (kind == null) {
                    continue;
                }
                String[] fields = stat.substring(close + 2).split(" ");
                ticks.merge(kind, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
            }
        } catch (IOException e) {
            return Map.of();
        }
        return ticks;
    }

    /** HotSpot's native thread names (as the kernel shows them, at most 15 characters); null for Java threads. */
    private static String vmThreadKind(String name) {
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("GC ")) {
            return "GC";
        }
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return "JIT compiler";
        }
        if (name.equals("VM Thread") || name.startsWith("VM Periodic") || name.equals("Service Thread")
                || name.equals("Monitor Deflati") || name.equals("Sweeper thread")) {
            return "other VM";
        }
        return null;
    }

    private static String percent(double cpuSeconds, double wallSeconds) {
        return String.format("%.0f %%", 100.0 * cpuSeconds / wallSeconds);
    }

    private static long[] systemTicks() {
        List<String> lines = Machine.lines(Path.of("/proc/stat"));
        if (lines.isEmpty() || !lines.get(0).startsWith("cpu ")) {
            return null;
        }
        String[] fields = lines.get(0).trim().split("\\s+");
        long[] ticks = new long[8];
        for (int i = 0; i < 8 && i + 1 < fields.length; i++) {
            ticks[i] = Long.parseLong(fields[i + 1]);
        }
        return ticks;
    }

    /** utime + stime of the postmaster and its children (or of every process named postgres), in clock ticks. */
    private static long postgresTicks(long postmasterPid) {
        long total = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                String stat;
                try {
                    stat = Files.readString(process.resolve("stat"), StandardCharsets.US_ASCII);
                } catch (IOException gone) {
                    continue;
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < 0 || !stat.substring(open + 1, close).equals("postgres")) {
                    continue;
                }
                String[] fields = stat.substring(close + 2).split(" ");
                long pid = Long.parseLong(process.getFileName().toString());
                long parent = Long.parseLong(fields[1]);
                if (postmasterPid > 0 && pid != postmasterPid && parent != postmasterPid) {
                    continue;
                }
                // fields[0] is field 3 (state); utime is field 14, stime field 15.
                total += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }
}

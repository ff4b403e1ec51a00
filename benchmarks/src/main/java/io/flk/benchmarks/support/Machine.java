package io.flk.benchmarks.support;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What a benchmark ran on, read once: every report starts with it so that figures are never compared blind. */
public record Machine(int cores, String memory, String cpuModel, String java, String os, String jvmArgs,
                      String gitCommit, String loadAtStart) {

    public static Machine describe(Path repositoryRoot) {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                readMemory(),
                readCpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB)",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch") + distribution(),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                gitCommit(repositoryRoot),
                loadAverage());
    }

    public Map<String, String> asRows() {
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("CPU", cpuModel + ", " + cores + " cores visible to the JVM");
        rows.put("Memory", memory);
        rows.put("Java", java);
        rows.put("OS", os);
        rows.put("JVM args", jvmArgs.isBlank() ? "(none)" : jvmArgs);
        rows.put("Git commit", gitCommit);
        rows.put("Load average at start (1/5/15 min)", loadAtStart);
        return rows;
    }

    private static String readMemory() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
            }
        }
        return "unknown";
    }

    private static String readCpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    private static String loadAverage() {
        List<String> lines = lines(Path.of("/proc/loadavg"));
        if (lines.isEmpty()) {
            return "unknown";
        }
        String[] fields = lines.get(0).split(" ");
        return fields.length < 3 ? "unknown" : fields[0] + " / " + fields[1] + " / " + fields[2];
    }

    private static String distribution() {
        for (String line : lines(Path.of("/etc/os-release"))) {
            if (line.startsWith("PRETTY_NAME=")) {
                return " (" + line.substring("PRETTY_NAME=".length()).replace("\"", "") + ")";
            }
        }
        return "";
    }

    private static String gitCommit(Path root) {
        String commit = run(root, "git", "rev-parse", "--short=12", "HEAD");
        if (commit == null) {
            return "unknown (not a git checkout)";
        }
        String status = run(root, "git", "status", "--porcelain", "--untracked-files=no");
        return commit + (status == null || status.isBlank() ? "" : " (working tree has uncommitted changes)");
    }

    private static String run(Path directory, String... command) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }
}

package io.flk.benchmarks.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One benchmark run as a markdown section: title, date, machine, the benchmark's own tables and notes.
 * {@link #publish()} prints it and appends it to {@code BENCHMARKS.md} at the repository root (created with a
 * short header when missing). Every benchmark of the project reports through this class, so all sections of
 * the file look alike and all carry the machine and the baseline of their own run.
 */
public final class BenchmarkReport {

    static final String HEADER = """
            # Benchmarks

            Results of the load drivers in `benchmarks/` (DESIGN.md section 9). Every section is appended by a
            benchmark run: it names the machine, the git commit, the baseline measured in the same run and the
            ratio. Numbers from different machines are not comparable; compare ratios. Run a benchmark with:

                ./mvnw -q install -DskipTests && ./mvnw -q -pl benchmarks exec:java -Dbenchmark=<main class>

            """;

    private final String title;
    private final ZonedDateTime startedAt = ZonedDateTime.now(ZoneOffset.UTC);
    private final Path repositoryRoot;
    private final Machine machine;
    private final List<String> blocks = new ArrayList<>();

    public BenchmarkReport(String title) {
        this.title = title;
        this.repositoryRoot = findRepositoryRoot();
        this.machine = Machine.describe(repositoryRoot);
    }

    public Machine machine() {
        return machine;
    }

    public Path repositoryRoot() {
        return repositoryRoot;
    }

    /** A paragraph of text (markdown). */
    public BenchmarkReport paragraph(String text) {
        blocks.add(text.strip());
        return this;
    }

    /** A bullet list. */
    public BenchmarkReport bullets(List<String> items) {
        StringBuilder list = new StringBuilder();
        items.forEach(item -> list.append("- ").append(item).append('\n'));
        blocks.add(list.toString().strip());
        return this;
    }

    /** A two-column table of settings or facts. */
    public BenchmarkReport facts(String heading, Map<String, String> rows) {
        List<List<String>> table = new ArrayList<>();
        rows.forEach((key, value) -> table.add(List.of(key, value)));
        return table(List.of(heading, ""), table);
    }

    /** A table with a header row. Cells must not contain '|'; they are escaped if they do. */
    public BenchmarkReport table(List<String> header, List<List<String>> rows) {
        StringBuilder out = new StringBuilder();
        row(out, header);
        out.append('|');
        header.forEach(h -> out.append(" --- |"));
        out.append('\n');
        rows.forEach(r -> row(out, r));
        blocks.add(out.toString().strip());
        return this;
    }

    private static void row(StringBuilder out, List<String> cells) {
        out.append('|');
        cells.forEach(cell -> out.append(' ').append(cell.replace("|", "\\|").replace("\n", " ")).append(" |"));
        out.append('\n');
    }

    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(title).append(" — ")
                .append(startedAt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))).append("\n\n");
        List<List<String>> machineRows = new ArrayList<>();
        machine.asRows().forEach((key, value) -> machineRows.add(List.of(key, value)));
        StringBuilder machineTable = new StringBuilder();
        row(machineTable, List.of("Machine", ""));
        machineTable.append("| --- | --- |\n");
        machineRows.forEach(r -> row(machineTable, r));
        out.append(machineTable).append('\n');
        blocks.forEach(block -> out.append(block).append("\n\n"));
        return out.toString();
    }

    /** Prints the section and appends it to BENCHMARKS.md; returns the file written. */
    public Path publish() {
        String section = toMarkdown();
        System.out.println();
        System.out.println(section);
        Path file = Path.of(System.getProperty("benchmarks.file", repositoryRoot.resolve("BENCHMARKS.md").toString()));
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, HEADER, StandardCharsets.UTF_8);
            }
            String existing = Files.readString(file, StandardCharsets.UTF_8);
            String separator = existing.endsWith("\n\n") ? "" : existing.endsWith("\n") ? "\n" : "\n\n";
            Files.writeString(file, separator + section.stripTrailing() + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not append to " + file, e);
        }
        System.out.println("Appended to " + file.toAbsolutePath().normalize());
        return file;
    }

    /** The nearest directory upwards from the working directory that holds both {@code .git} and {@code mvnw}. */
    static Path findRepositoryRoot() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw"))) {
                Path parent = dir.getParent();
                if (parent == null || !Files.exists(parent.resolve("mvnw"))) {
                    return dir;
                }
            }
        }
        return start;
    }
}

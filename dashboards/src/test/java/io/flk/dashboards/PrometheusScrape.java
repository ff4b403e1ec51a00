package io.flk.dashboards;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names in a Prometheus text exposition: the series names that can be selected (samples, including
 * {@code _bucket}, {@code _count}, {@code _sum} of histograms and summaries) and the type of each family.
 */
final class PrometheusScrape {

    private static final String[] SUFFIXES = {"_bucket", "_count", "_sum", "_created", "_total"};

    private final Set<String> seriesNames = new TreeSet<>();
    private final Map<String, String> familyTypes = new HashMap<>();

    private PrometheusScrape() {
    }

    static PrometheusScrape parse(String exposition) {
        PrometheusScrape scrape = new PrometheusScrape();
        exposition.lines().map(String::strip).filter(line -> !line.isEmpty()).forEach(line -> {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split("\\s+");
                scrape.familyTypes.put(parts[2], parts[3]);
            } else if (!line.startsWith("#")) {
                int end = 0;
                while (end < line.length() && line.charAt(end) != '{' && !Character.isWhitespace(line.charAt(end))) {
                    end++;
                }
                scrape.seriesNames.add(line.substring(0, end));
            }
        });
        return scrape;
    }

    Set<String> seriesNames() {
        return seriesNames;
    }

    /**
     * Whether a selector of {@code name} finds series: the name of a sample, not merely of a family (a
     * histogram family {@code x} has series {@code x_bucket}, {@code x_count}, {@code x_sum} but none named
     * {@code x}), and {@code x_bucket} only where {@code x} is a histogram.
     */
    boolean exposes(String name) {
        if (!seriesNames.contains(name)) {
            return false;
        }
        return !name.endsWith("_bucket") || "histogram".equals(typeOfFamily(name));
    }

    /** The type of the family that {@code seriesName} belongs to, or null if unknown. */
    String typeOfFamily(String seriesName) {
        if (familyTypes.containsKey(seriesName)) {
            return familyTypes.get(seriesName);
        }
        for (String suffix : SUFFIXES) {
            if (seriesName.endsWith(suffix)) {
                String family = seriesName.substring(0, seriesName.length() - suffix.length());
                if (familyTypes.containsKey(family)) {
                    return familyTypes.get(family);
                }
            }
        }
        return null;
    }

    /** Why {@code name} selects nothing, for a failure message. */
    String whyMissing(String name) {
        String type = typeOfFamily(name);
        for (String suffix : new String[] {"_bucket", "_count", "_sum"}) {
            if (name.endsWith(suffix) && type != null) {
                String family = name.substring(0, name.length() - suffix.length());
                return family + " is a " + type + " without " + suffix + " series"
                        + ("_bucket".equals(suffix) ? " (no histogram buckets are published for it)" : "");
            }
        }
        if (type != null) {
            return name + " is the name of a " + type + " family, not of a series: select one of "
                    + seriesNames.stream().filter(series -> series.startsWith(name + "_")).toList();
        }
        return "no series named " + name;
    }
}

package io.flk.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The dashboards, provisioning and alert rules of this module, as files on disk, and the PromQL in them. */
final class MonitoringFiles {

    static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    static final Path DASHBOARDS = MODULE.resolve("grafana/dashboards");
    static final Path DATASOURCES = MODULE.resolve("grafana/provisioning/datasources");
    static final Path DASHBOARD_PROVIDERS = MODULE.resolve("grafana/provisioning/dashboards");
    static final Path ALERTS = MODULE.resolve("prometheus/alerts.yml");
    static final Path PROMETHEUS_CONFIG = MODULE.resolve("prometheus/prometheus.yml");

    /** One PromQL expression and where it comes from, for failure messages. */
    record Expression(String source, String promql, Set<String> metricNames) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private MonitoringFiles() {
    }

    static List<Path> dashboardFiles() {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> yamlFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.toString().endsWith(".yml") || file.toString().endsWith(".yaml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + file, e);
        }
    }

    /** YAML as plain maps and lists; the safe constructor builds no arbitrary types. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return (Map<String, Object>) new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every panel of a dashboard, rows' nested panels included, rows themselves too. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            all.add(panel);
            panel.path("panels").forEach(all::add);
        }
        return all;
    }

    static boolean isRow(JsonNode panel) {
        return "row".equals(panel.path("type").asText());
    }

    /** Every query of every dashboard: panel targets and templating variable queries. */
    static List<Expression> dashboardExpressions() {
        List<Expression> expressions = new ArrayList<>();
        for (Path file : dashboardFiles()) {
            JsonNode dashboard = json(file);
            for (JsonNode panel : panels(dashboard)) {
                for (JsonNode target : panel.path("targets")) {
                    String expr = target.path("expr").asText();
                    expressions.add(new Expression("%s panel %d \"%s\" target %s".formatted(file.getFileName(),
                            panel.path("id").asInt(), panel.path("title").asText(), target.path("refId").asText()),
                            expr, PromQl.metricNames(expr)));
                }
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                if ("query".equals(variable.path("type").asText())) {
                    JsonNode query = variable.path("query");
                    String text = query.isObject() ? query.path("query").asText() : query.asText();
                    expressions.add(new Expression("%s variable $%s".formatted(file.getFileName(),
                            variable.path("name").asText()), text, PromQl.variableQueryMetricNames(text)));
                }
            }
        }
        return expressions;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> alertRules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) yaml(ALERTS).get("groups")) {
            rules.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return rules;
    }

    static List<Expression> alertExpressions() {
        return alertRules().stream().map(rule -> {
            String expr = String.valueOf(rule.get("expr"));
            return new Expression("alerts.yml rule " + rule.get("alert"), expr, PromQl.metricNames(expr));
        }).toList();
    }

    static List<Expression> allExpressions() {
        List<Expression> all = new ArrayList<>(dashboardExpressions());
        all.addAll(alertExpressions());
        return all;
    }
}

package io.flk.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flk.dashboards.MonitoringFiles.Expression;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Grafana dashboards and provisioning are well formed, whatever the running app exposes. */
class DashboardStructureTest {

    private static final String DATASOURCE_VARIABLE = "${datasource}";

    @Test
    void thereIsTheControlPlaneDashboard() {
        assertThat(MonitoringFiles.dashboardFiles()).extracting(path -> path.getFileName().toString())
                .contains("flk-control-plane.json");
    }

    @Test
    void everyDashboardHasAUidATitleAndUniquePanelIds() {
        Set<String> uids = new HashSet<>();
        for (Path file : MonitoringFiles.dashboardFiles()) {
            JsonNode dashboard = MonitoringFiles.json(file);
            assertThat(dashboard.path("uid").asText()).as("%s uid", file).isNotBlank();
            assertThat(uids.add(dashboard.path("uid").asText())).as("%s uid is unique", file).isTrue();
            assertThat(dashboard.path("title").asText()).as("%s title", file).isNotBlank();
            List<Integer> ids = MonitoringFiles.panels(dashboard).stream()
                    .map(panel -> panel.path("id").asInt(-1)).toList();
            assertThat(ids).as("%s panel ids", file).doesNotContain(-1).doesNotHaveDuplicates();
        }
    }

    @Test
    void everyQueryPanelHasADatasourceAndAtLeastOneTargetWithAnExpression() {
        for (Path file : MonitoringFiles.dashboardFiles()) {
            JsonNode dashboard = MonitoringFiles.json(file);
            Set<String> knownDatasources = knownDatasourceUids(dashboard);
            for (JsonNode panel : MonitoringFiles.panels(dashboard)) {
                String name = "%s panel %d \"%s\"".formatted(file.getFileName(), panel.path("id").asInt(),
                        panel.path("title").asText());
                assertThat(panel.path("title").asText()).as("%s title", name).isNotBlank();
                if (MonitoringFiles.isRow(panel)) {
                    assertThat(panel.path("targets")).as("%s: a row groups panels and queries nothing", name)
                            .isEmpty();
                    continue;
                }
                assertThat(panel.path("datasource").path("type").asText()).as("%s datasource type", name)
                        .isEqualTo("prometheus");
                assertThat(panel.path("datasource").path("uid").asText()).as("%s datasource uid", name)
                        .isIn(knownDatasources);
                assertThat(panel.path("targets").size()).as("%s targets", name).isPositive();
                Set<String> refIds = new HashSet<>();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("expr").asText()).as("%s target expr", name).isNotBlank();
                    assertThat(refIds.add(target.path("refId").asText())).as("%s refIds are unique", name).isTrue();
                    if (target.has("datasource")) {
                        assertThat(target.path("datasource").path("uid").asText()).as("%s target datasource", name)
                                .isEqualTo(panel.path("datasource").path("uid").asText());
                    }
                }
            }
        }
    }

    @Test
    void panelsFitTheTwentyFourColumnGridWithoutOverlapping() {
        for (Path file : MonitoringFiles.dashboardFiles()) {
            List<int[]> placed = new ArrayList<>();
            for (JsonNode panel : MonitoringFiles.json(file).path("panels")) {
                JsonNode grid = panel.path("gridPos");
                int x = grid.path("x").asInt(-1);
                int y = grid.path("y").asInt(-1);
                int w = grid.path("w").asInt(0);
                int h = grid.path("h").asInt(0);
                String name = file.getFileName() + " panel " + panel.path("id").asInt();
                assertThat(x).as("%s x", name).isBetween(0, 23);
                assertThat(y).as("%s y", name).isNotNegative();
                assertThat(w).as("%s w", name).isPositive();
                assertThat(h).as("%s h", name).isPositive();
                assertThat(x + w).as("%s right edge", name).isLessThanOrEqualTo(24);
                for (int[] other : placed) {
                    boolean overlaps = x < other[0] + other[2] && other[0] < x + w
                            && y < other[1] + other[3] && other[1] < y + h;
                    assertThat(overlaps).as("%s overlaps a panel at x=%d y=%d", name, other[0], other[1]).isFalse();
                }
                placed.add(new int[] {x, y, w, h});
            }
        }
    }

    @Test
    void everyQueryReadsAtLeastOneMetric() {
        for (Expression expression : MonitoringFiles.dashboardExpressions()) {
            assertThat(expression.metricNames()).as("%s: %s", expression.source(), expression.promql()).isNotEmpty();
        }
    }

    @Test
    void theDatasourceVariableDefaultsToTheProvisionedPrometheus() {
        Set<String> provisioned = provisionedDatasourceUids();
        assertThat(provisioned).isNotEmpty();
        for (Path file : MonitoringFiles.dashboardFiles()) {
            JsonNode variable = datasourceVariable(MonitoringFiles.json(file));
            assertThat(variable).as("%s has a datasource variable", file).isNotNull();
            assertThat(variable.path("query").asText()).isEqualTo("prometheus");
            assertThat(variable.path("current").path("value").asText()).isIn(provisioned);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void provisioningDefinesAPrometheusDatasourceAndAFileProvider() {
        List<Path> datasourceFiles = MonitoringFiles.yamlFiles(MonitoringFiles.DATASOURCES);
        assertThat(datasourceFiles).isNotEmpty();
        for (Path file : datasourceFiles) {
            Map<String, Object> yaml = MonitoringFiles.yaml(file);
            assertThat(yaml.get("apiVersion")).as("%s apiVersion", file).isEqualTo(1);
            for (Map<String, Object> datasource : (List<Map<String, Object>>) yaml.get("datasources")) {
                assertThat(datasource).as("%s", file).containsEntry("type", "prometheus")
                        .containsKeys("name", "uid", "url", "access");
            }
        }
        List<Path> providerFiles = MonitoringFiles.yamlFiles(MonitoringFiles.DASHBOARD_PROVIDERS);
        assertThat(providerFiles).isNotEmpty();
        for (Path file : providerFiles) {
            Map<String, Object> yaml = MonitoringFiles.yaml(file);
            assertThat(yaml.get("apiVersion")).as("%s apiVersion", file).isEqualTo(1);
            for (Map<String, Object> provider : (List<Map<String, Object>>) yaml.get("providers")) {
                assertThat(provider).as("%s", file).containsEntry("type", "file").containsKey("name");
                assertThat((Map<String, Object>) provider.get("options")).as("%s options", file)
                        .containsKey("path");
            }
        }
    }

    private static Set<String> knownDatasourceUids(JsonNode dashboard) {
        Set<String> known = new HashSet<>(provisionedDatasourceUids());
        if (datasourceVariable(dashboard) != null) {
            known.add(DATASOURCE_VARIABLE);
        }
        return known;
    }

    private static JsonNode datasourceVariable(JsonNode dashboard) {
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("datasource".equals(variable.path("type").asText()) && "datasource".equals(variable.path("name").asText())) {
                return variable;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> provisionedDatasourceUids() {
        Set<String> uids = new HashSet<>();
        for (Path file : MonitoringFiles.yamlFiles(MonitoringFiles.DATASOURCES)) {
            for (Map<String, Object> datasource : (List<Map<String, Object>>) MonitoringFiles.yaml(file).get("datasources")) {
                uids.add(String.valueOf(datasource.get("uid")));
            }
        }
        return uids;
    }
}

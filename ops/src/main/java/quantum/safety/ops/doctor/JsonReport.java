package quantum.safety.ops.doctor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import quantum.safety.ops.verify.CheckResult;
import quantum.safety.ops.verify.Section;
import quantum.safety.ops.verify.Status;

/** The report as JSON, for machines: verdict, tallies, then sections with their checks. */
public final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    public static String render(Report report) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generatedAt", report.generatedAt());
        root.put("durationMillis", report.durationMillis());
        root.put("host", report.host());
        root.put("prometheusUrl", report.prometheusUrl());
        root.put("exporter", report.exporter());
        root.put("verdict", report.verdict());
        root.put("passed", report.count(Status.PASSED));
        root.put("warnings", report.count(Status.WARNING));
        root.put("failed", report.count(Status.FAILED));
        root.put("skipped", report.count(Status.SKIPPED));
        List<Map<String, Object>> sections = new ArrayList<>();
        for (Section section : Section.values()) {
            List<CheckResult> results = report.in(section);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("section", section.title());
            s.put("status", results.isEmpty() ? Status.SKIPPED : Report.verdict(results));
            List<Map<String, Object>> checks = new ArrayList<>();
            for (CheckResult r : results) {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", r.name());
                c.put("status", r.status());
                c.put("evidence", r.evidence());
                if (r.fix() != null) {
                    c.put("fix", r.fix());
                }
                checks.add(c);
            }
            s.put("checks", checks);
            sections.add(s);
        }
        root.put("sections", sections);
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.chariot.compat;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Per-test outcomes of a pytest run, read from its JUnit XML ({@code --junitxml}). A test whose body or teardown
 * failed or errored is {@link Outcome#FAILED} (pytest records a teardown error in the same test case).
 */
record SuiteReport(Map<String, Result> results) {

    enum Outcome { PASSED, FAILED, SKIPPED }

    /** One test's outcome and, when it failed or was skipped, pytest's one-line message. */
    record Result(Outcome outcome, String message) {
    }

    static SuiteReport read(Path junitXml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList cases = factory.newDocumentBuilder().parse(junitXml.toFile()).getElementsByTagName("testcase");
            Map<String, Result> results = new LinkedHashMap<>();
            for (int i = 0; i < cases.getLength(); i++) {
                Element testCase = (Element) cases.item(i);
                String id = nodeId(testCase.getAttribute("classname"), testCase.getAttribute("name"));
                results.merge(id, result(testCase), SuiteReport::worse);
            }
            return new SuiteReport(results);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the suite's JUnit XML " + junitXml + ": " + e, e);
        }
    }

    /**
     * pytest's node id from JUnit's {@code classname} and {@code name}: {@code test_risk.TestRisk} + {@code test_x}
     * → {@code test_risk.py::TestRisk::test_x} (any package path before the module is dropped).
     */
    static String nodeId(String classname, String name) {
        List<String> parts = List.of(classname.split("\\."));
        int module = -1;
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).startsWith("test_")) {
                module = i;
            }
        }
        if (module < 0) {
            return classname + "::" + name;
        }
        StringBuilder id = new StringBuilder(parts.get(module)).append(".py");
        for (String part : parts.subList(module + 1, parts.size())) {
            id.append("::").append(part);
        }
        return id.append("::").append(name).toString();
    }

    private static Result result(Element testCase) {
        for (String tag : List.of("failure", "error")) {
            NodeList problems = testCase.getElementsByTagName(tag);
            if (problems.getLength() > 0) {
                return new Result(Outcome.FAILED, firstLine(((Element) problems.item(0)).getAttribute("message")));
            }
        }
        NodeList skipped = testCase.getElementsByTagName("skipped");
        if (skipped.getLength() > 0) {
            return new Result(Outcome.SKIPPED, firstLine(((Element) skipped.item(0)).getAttribute("message")));
        }
        return new Result(Outcome.PASSED, "");
    }

    private static Result worse(Result a, Result b) {
        return a.outcome() == Outcome.FAILED ? a : b.outcome() == Outcome.FAILED ? b : a;
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.strip().lines().findFirst().orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    TreeSet<String> with(Outcome outcome) {
        TreeSet<String> ids = new TreeSet<>();
        results.forEach((id, r) -> {
            if (r.outcome() == outcome) {
                ids.add(id);
            }
        });
        return ids;
    }
}

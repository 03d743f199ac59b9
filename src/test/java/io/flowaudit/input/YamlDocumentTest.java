package io.flowaudit.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlDocumentTest {

    private static YamlNode parse(String text) {
        return YamlDocument.parse(text, "test.yaml");
    }

    private static void assertBadInput(String expectedMessage, Runnable action) {
        BadInputException e = assertThrows(BadInputException.class, action::run);
        assertEquals(expectedMessage, e.getMessage());
    }

    @Test
    void scalarsAreKeptAsTheirText() {
        YamlNode root = parse("step: 0.1\nhuge: 1e400\nflag: yes\n");
        assertEquals("0.1", root.require("step", "a number").text());
        assertEquals("1e400", root.require("huge", "a number").text());
        assertEquals("yes", root.require("flag", "a word").text());
    }

    @Test
    void decimalsAreExactNotDoubles() {
        YamlNode root = parse("a: 0.1\nb: 1.5e-3\nc: .5\nd: -3\ne: 2.5E+2\n");
        BigDecimal tenth = root.require("a", "a number").requireDecimal();
        assertEquals(0, tenth.compareTo(new BigDecimal("0.1")));
        assertNotEquals(0, tenth.compareTo(new BigDecimal(0.1)));
        assertEquals(0, root.require("b", "a number").requireDecimal().compareTo(new BigDecimal("0.0015")));
        assertEquals(0, root.require("c", "a number").requireDecimal().compareTo(new BigDecimal("0.5")));
        assertEquals(0, root.require("d", "a number").requireDecimal().compareTo(new BigDecimal("-3")));
        assertEquals(0, root.require("e", "a number").requireDecimal().compareTo(new BigDecimal("250")));
    }

    @Test
    void nonDecimalTextIsRejectedAtItsPosition() {
        YamlNode root = parse("run:\n  step: .inf\n  size: 1_000\n  name: abc\n");
        YamlNode run = root.require("run", "settings");
        assertBadInput("test.yaml:2:9: expected a decimal number (such as 0.1, 3 or 1e-3) at 'run.step', found '.inf'",
                () -> run.require("step", "a number").requireDecimal());
        assertBadInput("test.yaml:3:9: expected a decimal number (such as 0.1, 3 or 1e-3) at 'run.size', found '1_000'",
                () -> run.require("size", "a number").requireDecimal());
        assertBadInput("test.yaml:4:9: expected a decimal number (such as 0.1, 3 or 1e-3) at 'run.name', found 'abc'",
                () -> run.require("name", "a number").requireDecimal());
    }

    @Test
    void integers() {
        YamlNode root = parse("a: 12\nb: -7\nc: 2.5\nd: 99999999999\n");
        assertEquals(12, root.require("a", "an integer").requireInt());
        assertEquals(-7, root.require("b", "an integer").requireInt());
        assertBadInput("test.yaml:3:4: expected an integer at 'c', found '2.5'",
                () -> root.require("c", "an integer").requireInt());
        assertBadInput("test.yaml:4:4: integer at 'd' is out of range: 99999999999",
                () -> root.require("d", "an integer").requireInt());
    }

    @Test
    void nodesKnowTheirFileLineAndColumn() {
        YamlNode root = parse("# comment\nouter:\n  inner: [a, b]\n");
        YamlNode inner = root.require("outer", "a mapping").require("inner", "a list");
        assertEquals("test.yaml", inner.file());
        assertEquals(3, inner.line());
        assertEquals(10, inner.column());
        YamlNode second = inner.sequence().get(1);
        assertEquals("outer.inner[1]", second.path());
        assertEquals(3, second.line());
        assertEquals(14, second.column());
        assertEquals("b", second.text());
    }

    @Test
    void entriesKeepFileOrder() {
        YamlNode root = parse("z: 1\na: 2\nm: 3\n");
        assertEquals(List.of("z", "a", "m"),
                root.entries().stream().map(YamlNode.Entry::key).collect(Collectors.toList()));
        assertEquals(2, root.entries().get(1).keyNode().line());
        assertEquals("2", root.entries().get(1).value().text());
    }

    @Test
    void optionalKeys() {
        YamlNode root = parse("a: 1\n");
        assertTrue(root.optional("a").isPresent());
        assertFalse(root.optional("b").isPresent());
    }

    @Test
    void missingKeyNamesTheEnclosingMappingAndWhatWasExpected() {
        YamlNode root = parse("name: demo\nrun:\n  seed: 1\n");
        assertBadInput("test.yaml:1:1: missing key 'depth' at the top level: expected the number of layers",
                () -> root.require("depth", "the number of layers"));
        assertBadInput("test.yaml:3:3: missing key 'steps' at 'run': expected a positive integer",
                () -> root.require("run", "settings").require("steps", "a positive integer"));
    }

    @Test
    void unknownKeysListTheAllowedOnes() {
        YamlNode root = parse("name: demo\nhorizn: 3\n");
        assertBadInput("test.yaml:2:1: unknown key 'horizn' at the top level; allowed keys: name, horizon",
                () -> root.requireKeysAmong(List.of("name", "horizon")));
        assertEquals(root, root.requireKeysAmong(List.of("name", "horizn")));
    }

    @Test
    void duplicateKeysAreAnError() {
        assertBadInput("test.yaml:3:1: duplicate key 'a' (first given at line 1, column 1)",
                () -> parse("a: 1\nb: 2\na: 3\n"));
        assertBadInput("test.yaml:2:13: duplicate key 'x' (first given at line 2, column 7)",
                () -> parse("field:\n  p: {x: 1, x: 2}\n"));
    }

    @Test
    void syntaxErrorsCarryTheLineAndColumn() {
        assertBadInput("test.yaml:3:6: YAML syntax error: while parsing a flow sequence started at line 2, column 12:"
                + " expected ',' or ']', but got :", () -> parse("name: broken\nvariables: [x\nfield:\n  x: 1\n"));
        assertBadInput("test.yaml:2:1: YAML syntax error: while scanning for the next token:"
                + " found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)",
                () -> parse("a:\n\t\tb: 1\n"));
    }

    @Test
    void emptyAndMultipleDocumentsAreRejected() {
        assertBadInput("test.yaml:1:1: the file holds no YAML document", () -> parse("# nothing here\n"));
        assertBadInput("test.yaml:2:1: YAML syntax error: expected a single document in the stream started at line 1,"
                + " column 1: but found another document", () -> parse("a: 1\n---\nb: 2\n"));
    }

    @Test
    void wrongShapesSayWhatWasExpectedAndFound() {
        YamlNode root = parse("variables: x\nfield: [a]\nname:\n  first: a\nempty:\n");
        assertBadInput("test.yaml:1:12: expected a list at 'variables', found the value 'x'",
                () -> root.require("variables", "a list").sequence());
        assertBadInput("test.yaml:2:8: expected a mapping (key: value pairs) at 'field', found a list",
                () -> root.require("field", "a mapping").entries());
        assertBadInput("test.yaml:4:3: expected a single value at 'name', found a mapping",
                () -> root.require("name", "a name").text());
        YamlNode empty = root.require("empty", "a value");
        BadInputException e = assertThrows(BadInputException.class, empty::text);
        assertTrue(e.getMessage().endsWith(": expected a value at 'empty', found nothing"), e.getMessage());
        assertBadInput("test.yaml:1:1: expected a list at the top level, found a mapping", root::sequence);
    }

    @Test
    void enumerations() {
        YamlNode root = parse("method: heun\nother: rk3\n");
        assertEquals("heun", root.require("method", "a method").requireOneOf("euler", "heun", "rk4"));
        assertBadInput("test.yaml:2:8: expected one of euler, heun, rk4 at 'other', found 'rk3'",
                () -> root.require("other", "a method").requireOneOf("euler", "heun", "rk4"));
    }

    @Test
    void fileColumnsAreKnownOnlyForPlainSingleLineScalars() {
        YamlNode root = parse("plain:   x*(1 - x)\nquoted: 'x*(1 - x)'\nfolded: x*(1\n  - x)\nlist: [ab, cd]\n");
        assertEquals(OptionalInt.of(10), root.require("plain", "").fileColumnOf(0));
        assertEquals(OptionalInt.of(16), root.require("plain", "").fileColumnOf(6));
        assertEquals(OptionalInt.empty(), root.require("quoted", "").fileColumnOf(0));
        assertEquals(OptionalInt.empty(), root.require("folded", "").fileColumnOf(0));
        assertEquals("x*(1 - x)", root.require("folded", "").text());
        assertEquals(OptionalInt.of(13), root.require("list", "").sequence().get(1).fileColumnOf(1));
        assertEquals(OptionalInt.empty(), root.fileColumnOf(0));
    }

    @Test
    void loadsFilesAndNamesThemInErrors(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("run.yaml");
        Files.writeString(file, "a: 0.1\nb: [1\n");
        BadInputException syntax = assertThrows(BadInputException.class, () -> YamlDocument.load(file));
        assertEquals(file.toString(), syntax.file());
        assertEquals(3, syntax.line());

        Files.writeString(file, "a: 0.1\n");
        assertEquals("0.1", YamlDocument.load(file).require("a", "a number").text());

        Path missing = directory.resolve("missing.yaml");
        assertBadInput(missing + ": file not found", () -> YamlDocument.load(missing));

        // a link to nothing says so (until 2026-11-30 a loop of links read 'file not found', the link being there)
        Path loop = Files.createSymbolicLink(directory.resolve("loop.yaml"), directory.resolve("back.yaml"));
        Files.createSymbolicLink(directory.resolve("back.yaml"), loop);
        Path dangling = Files.createSymbolicLink(directory.resolve("dangling.yaml"), missing);
        for (Path link : List.of(loop, dangling)) {
            assertBadInput(link + ": a symbolic link to no file (its target is missing, or the links form a loop)",
                    () -> YamlDocument.load(link));
        }
    }
}

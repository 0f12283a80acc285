package dev.gatehouse.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads YAML text into a tree, noting the line of every key and list item, and reporting what a
 * plain tree would hide: a key given twice (the last one would silently win) and aliases
 * (which Jackson does not expand: the alias name would be read as the value).
 */
final class YamlReader {

    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern MARK = Pattern.compile("^ in '[^']*', line (\\d+), column (\\d+):");
    private static final Pattern CARET = Pattern.compile("^\\s*\\^\\s*$");
    private static final Pattern QUOTED = Pattern.compile("'[^']{11,}'");

    private final String file;
    private final Findings findings;
    private final Map<String, Integer> lines = new HashMap<>();

    private YamlReader(String file, Findings findings) {
        this.file = file;
        this.findings = findings;
    }

    /** The tree of the text, or null when it is not YAML at all; what is wrong goes to {@code findings}. */
    static Located read(String text, String file, Findings findings) {
        return new YamlReader(file, findings).parse(text);
    }

    private Located parse(String text) {
        try (YAMLParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() == null) {
                return Located.root(NODES.nullNode(), file, lines);
            }
            lines.put("", parser.currentTokenLocation().getLineNr());
            JsonNode root = value(parser, "");
            if (parser.nextToken() != null) {
                int line = parser.currentTokenLocation().getLineNr();
                findings.problem(line, new ConfigProblem(file + " (line " + line + ")",
                        "the file holds more than one YAML document; Gatehouse reads exactly one"));
            }
            return Located.root(root, file, lines);
        } catch (JsonProcessingException e) {
            syntaxProblem(e);
            return null;
        } catch (IOException e) {
            // Reading from a String does no I/O; this is not a problem of the file.
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode value(YAMLParser parser, String path) throws IOException {
        if (parser.isCurrentAlias()) {
            problem(path, "YAML aliases (*name) are not supported; write the value out");
            return NODES.nullNode();
        }
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> object(parser, path);
            case START_ARRAY -> array(parser, path);
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> integer(parser.getNumberValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            default -> NODES.nullNode();
        };
    }

    private ObjectNode object(YAMLParser parser, String path) throws IOException {
        ObjectNode object = NODES.objectNode();
        Set<String> seen = new HashSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            String child = path.isEmpty() ? key : path + "." + key;
            lines.put(child, parser.currentTokenLocation().getLineNr());
            if (!seen.add(key)) {
                problem(child, "the key '" + key + "' is given twice");
            }
            parser.nextToken();
            object.set(key, value(parser, child));
        }
        return object;
    }

    private ArrayNode array(YAMLParser parser, String path) throws IOException {
        ArrayNode array = NODES.arrayNode();
        int index = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String child = path + "[" + index++ + "]";
            lines.put(child, parser.currentTokenLocation().getLineNr());
            array.add(value(parser, child));
        }
        return array;
    }

    private static JsonNode integer(Number number) {
        if (number instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        return NODES.numberNode(number.longValue());
    }

    private void problem(String path, String message) {
        String name = path.isEmpty() ? file : path;
        int line = lines.getOrDefault(path, 0);
        findings.problem(line, new ConfigProblem(line > 0 ? name + " (line " + line + ")" : name, message));
    }

    /**
     * The parser's description of a syntax error, without the excerpt of the file it quotes: that
     * excerpt may be the line holding a credential.
     */
    private void syntaxProblem(JsonProcessingException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        List<String> description = new ArrayList<>();
        int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
        boolean inExcerpt = false;
        for (String text : original.split("\n")) {
            Matcher mark = MARK.matcher(text);
            if (mark.find()) {
                line = Integer.parseInt(mark.group(1));
                column = Integer.parseInt(mark.group(2));
                inExcerpt = true;
            } else if (inExcerpt) {
                inExcerpt = !CARET.matcher(text).matches();
            } else if (!text.isBlank()) {
                description.add(text.strip());
            }
        }
        // Jackson's own messages may quote a whole value; SnakeYAML's quote single characters.
        String what = QUOTED.matcher(String.join("; ", description)).replaceAll("'…'");
        if (what.length() > 160) {
            what = what.substring(0, 160) + "…";
        }
        String location = line > 0 ? file + " (line " + line + ", column " + column + ")" : file;
        findings.problem(line, new ConfigProblem(location, what.isEmpty() ? "not valid YAML" : "not valid YAML: " + what));
    }
}

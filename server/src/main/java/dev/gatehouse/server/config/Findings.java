package dev.gatehouse.server.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The problems and warnings found while reading one file. They are handed out in file order
 * (by line; whole-file findings first, and in the order found within a line), whatever order
 * the readers visited the file in. Messages must never contain a credential's value: callers
 * pass only key names, hosts, variable names and paths.
 */
final class Findings {

    private record Finding<T>(int line, T value) {}

    private final List<Finding<ConfigProblem>> problems = new ArrayList<>();
    private final List<Finding<String>> warnings = new ArrayList<>();
    private final List<Finding<String>> notes = new ArrayList<>();

    void problem(Located at, String message) {
        problems.add(new Finding<>(at.line(), new ConfigProblem(at.where(), message)));
    }

    void problem(int line, ConfigProblem problem) {
        problems.add(new Finding<>(line, problem));
    }

    void warn(Located at, String message) {
        warnings.add(new Finding<>(at.line(), at.where() + ": " + message));
    }

    /** Something Gatehouse decided for the file that its author may want to write down (an inferred provider). */
    void note(Located at, String message) {
        notes.add(new Finding<>(at.line(), at.where() + ": " + message));
    }

    List<String> notes() {
        return inFileOrder(notes);
    }

    List<ConfigProblem> problems() {
        return inFileOrder(problems);
    }

    List<String> warnings() {
        return inFileOrder(warnings);
    }

    int problemCount() {
        return problems.size();
    }

    boolean hasProblems() {
        return !problems.isEmpty();
    }

    private static <T> List<T> inFileOrder(List<Finding<T>> findings) {
        // A stable sort: findings on one line keep the order they were found in.
        return findings.stream().sorted(Comparator.comparingInt(Finding::line)).map(Finding::value).toList();
    }
}

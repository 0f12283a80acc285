package dev.gatehouse.provider.openai;

import dev.gatehouse.provider.NativeResponses;
import dev.gatehouse.provider.OptionCheck;
import java.util.List;

/**
 * The check of the option that turns the Responses API as written off for an OpenAI or Azure
 * deployment ({@link NativeResponses#OPTION}): {@code true} or {@code false}, so that a typo does
 * not leave the path on unnoticed.
 */
final class ResponsesOption {

    private ResponsesOption() {}

    static List<OptionCheck.Problem> check(OptionCheck.Written written) {
        String value = written.options().get(NativeResponses.OPTION);
        if (value == null || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return List.of();
        }
        return List.of(new OptionCheck.Problem("options." + NativeResponses.OPTION,
                "'" + value + "' is not true or false"));
    }
}

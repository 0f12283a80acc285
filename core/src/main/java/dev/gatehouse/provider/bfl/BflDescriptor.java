package dev.gatehouse.provider.bfl;

import dev.gatehouse.provider.LiteLlmPrefix;
import dev.gatehouse.provider.OptionCheck;
import dev.gatehouse.provider.ProviderDescriptor;
import java.util.List;

/** Black Forest Labs' FLUX image API ({@code bfl}). */
public final class BflDescriptor {

    public static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.of(List.of("bfl"), id -> new BflProvider(),
            OptionCheck.NONE, List.of(LiteLlmPrefix.of("black_forest_labs", "bfl")));

    private BflDescriptor() {}
}

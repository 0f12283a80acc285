package dev.gatehouse.provider.mock;

import dev.gatehouse.provider.OptionCheck;
import dev.gatehouse.provider.ProviderDescriptor;
import java.util.List;
import java.util.Map;

/** The mock provider ({@code mock}): no account, no network, not in LiteLLM. */
public final class MockDescriptor {

    public static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor(List.of("mock"), id -> new MockProvider(),
            OptionCheck.NONE, List.of(), Map.of(), List.of(), id -> new ProviderDescriptor.Reach(null, false, true));

    private MockDescriptor() {}
}

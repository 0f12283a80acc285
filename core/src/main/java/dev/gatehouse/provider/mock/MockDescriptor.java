package dev.gatehouse.provider.mock;

import dev.gatehouse.provider.OptionCheck;
import dev.gatehouse.provider.ProviderDescriptor;
import java.util.List;

/** The mock provider ({@code mock}): no account, no network, not in LiteLLM. */
public final class MockDescriptor {

    public static final ProviderDescriptor DESCRIPTOR = ProviderDescriptor.of(List.of("mock"), id -> new MockProvider(),
            OptionCheck.NONE, List.of());

    private MockDescriptor() {}
}

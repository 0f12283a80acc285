package dev.gatehouse.server.migrate.litellm;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One key's LiteLLM spend on one UTC day for one model, summed over its requests.
 *
 * @param keyHash the key's LiteLLM hash; used to find the imported key, never printed
 * @param model   the public model name (LiteLLM's model group), or the provider's when there is none
 */
record DailySpend(String keyHash, LocalDate day, String model, BigDecimal spend, long promptTokens,
        long completionTokens, long requests) {}

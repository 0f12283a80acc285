package dev.gatehouse.server.limit;

import dev.gatehouse.server.spend.SpendQueries;
import java.math.BigDecimal;
import java.time.Instant;

/** Where a budget period's spend so far comes from when no store holds it yet: the spend log. */
public interface SpendSoFar {

    BigDecimal ofKey(String keyId, Instant since);

    BigDecimal ofTeam(String teamId, Instant since);

    /** What requests naming the end user spent since {@code since}, whatever their key. */
    BigDecimal ofEndUser(String endUserId, Instant since);

    static SpendSoFar of(SpendQueries queries) {
        return new SpendSoFar() {
            @Override
            public BigDecimal ofKey(String keyId, Instant since) {
                return queries.keySpentSince(keyId, since);
            }

            @Override
            public BigDecimal ofTeam(String teamId, Instant since) {
                return queries.teamSpentSince(teamId, since);
            }

            @Override
            public BigDecimal ofEndUser(String endUserId, Instant since) {
                return queries.endUserSpentSince(endUserId, since);
            }
        };
    }
}

package dev.gatehouse.server.audit;

import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestPostgres;

/** The audit chain on a real PostgreSQL server. */
class AuditChainOnPostgresTest extends AuditChainContract {

    @Override
    StoreSettings store() {
        return TestPostgres.freshDatabase();
    }
}

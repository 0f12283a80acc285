package dev.gatehouse.server.responses;

import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestPostgres;

/** Stored responses on a real PostgreSQL server. */
class ResponseStoreOnPostgresTest extends ResponseStoreContract {

    @Override
    StoreSettings settings() {
        return TestPostgres.freshDatabase();
    }
}

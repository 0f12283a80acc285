package dev.gatehouse.server.spend;

import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestPostgres;

/** The spend log contract on a real PostgreSQL server. */
class SpendOnPostgresTest extends SpendContract {

    @Override
    StoreSettings store() {
        return TestPostgres.freshDatabase();
    }
}

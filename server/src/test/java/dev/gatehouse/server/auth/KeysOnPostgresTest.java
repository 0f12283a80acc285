package dev.gatehouse.server.auth;

import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestPostgres;

/** The key contract on a real PostgreSQL server. */
class KeysOnPostgresTest extends KeysContract {

    @Override
    StoreSettings store() {
        return TestPostgres.freshDatabase();
    }
}

package dev.gatehouse.server.crypto;

import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestPostgres;

/** Stored credentials on a real PostgreSQL server. */
class VaultOnPostgresTest extends VaultContract {

    @Override
    StoreSettings store() {
        return TestPostgres.freshDatabase();
    }
}

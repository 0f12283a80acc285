package dev.gatehouse.server.hostile;

import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestPostgres;

/** The hostile-input suite against PostgreSQL, which refuses what H2 takes (a NUL character in text). */
class HostileInputOnPostgresTest extends HostileInputContract {

    @Override
    StoreSettings store() {
        return TestPostgres.freshDatabase();
    }
}

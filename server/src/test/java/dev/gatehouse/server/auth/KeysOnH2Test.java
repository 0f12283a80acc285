package dev.gatehouse.server.auth;

import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestStores;

/** The key contract on the embedded H2 database. */
class KeysOnH2Test extends KeysContract {

    @Override
    StoreSettings store() {
        return TestStores.h2();
    }
}

package dev.gatehouse.server.crypto;

import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestStores;

/** Stored credentials on the embedded H2 database. */
class VaultOnH2Test extends VaultContract {

    @Override
    StoreSettings store() {
        return TestStores.h2();
    }
}

package dev.gatehouse.server.spend;

import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestStores;

/** The spend log contract on the embedded H2 database. */
class SpendOnH2Test extends SpendContract {

    @Override
    StoreSettings store() {
        return TestStores.h2();
    }
}

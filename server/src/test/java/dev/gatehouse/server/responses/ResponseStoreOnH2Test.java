package dev.gatehouse.server.responses;

import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestStores;

/** Stored responses on the embedded H2 database. */
class ResponseStoreOnH2Test extends ResponseStoreContract {

    @Override
    StoreSettings settings() {
        return TestStores.h2();
    }
}

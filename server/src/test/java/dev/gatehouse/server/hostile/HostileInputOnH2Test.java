package dev.gatehouse.server.hostile;

import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestStores;

/** The hostile-input suite against the embedded H2 store. */
class HostileInputOnH2Test extends HostileInputContract {

    @Override
    StoreSettings store() {
        return TestStores.h2();
    }
}

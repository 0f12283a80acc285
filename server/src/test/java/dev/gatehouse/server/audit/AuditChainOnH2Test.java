package dev.gatehouse.server.audit;

import dev.gatehouse.server.store.StoreSettings;
import dev.gatehouse.server.testing.TestStores;

/** The audit chain on the embedded H2 database. */
class AuditChainOnH2Test extends AuditChainContract {

    @Override
    StoreSettings store() {
        return TestStores.h2();
    }
}

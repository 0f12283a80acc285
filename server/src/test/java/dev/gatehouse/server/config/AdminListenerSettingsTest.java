package dev.gatehouse.server.config;

import static dev.gatehouse.server.config.Configs.assertProblem;
import static dev.gatehouse.server.config.Configs.load;
import static dev.gatehouse.server.config.Configs.loadOk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** {@code server.admin_host} and {@code server.admin_port}: the admin API's own listener. */
class AdminListenerSettingsTest {

    @Test
    void withoutAnAdminPortTheAdminApiSharesTheMainPort() {
        ServerSettings server = loadOk("server:\n  port: 8080\n").config().server();
        assertNull(server.adminPort());
        assertNull(ServerSettings.defaults().adminPort());
    }

    @Test
    void anAdminPortGivesTheAdminApiItsOwnListener() {
        ServerSettings server = loadOk("server:\n  port: 8080\n  admin_port: 8081\n").config().server();
        assertEquals(8081, server.adminPort());
        assertEquals("127.0.0.1", server.adminHost(), "the admin listener is local unless told otherwise");
        ServerSettings everywhere = loadOk("server:\n  host: 0.0.0.0\n  admin_host: 10.0.0.5\n  admin_port: 9000\n")
                .config().server();
        assertEquals("0.0.0.0", everywhere.host());
        assertEquals("10.0.0.5", everywhere.adminHost());
        assertEquals(9000, everywhere.adminPort());
    }

    @Test
    void badAdminSettingsAreProblems() {
        assertProblem(load("server:\n  admin_port: 70000\n"), "server.admin_port (line 2)",
                "must be a whole number from 0 to 65535");
        assertProblem(load("server:\n  admin_host: 10.0.0.5\n"), "server.admin_host (line 2)",
                "is used only with admin_port");
        assertProblem(load("server:\n  port: 4000\n  admin_port: 4000\n"), "server.admin_port (line 3)",
                "must differ from port 4000");
        assertProblem(load("server:\n  admin_host: 'a b'\n  admin_port: 1\n"), "server.admin_host (line 2)",
                "must be an address or host name");
    }
}

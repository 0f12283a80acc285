package dev.gatehouse.http;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;

/**
 * Tells a failure to connect from a failure after the request was sent. Only the second can be
 * billed by the upstream (docs/spend.md), so the transports mark their failures with it
 * ({@link dev.gatehouse.api.GatewayException#upstreamMayBill()}).
 */
public final class ConnectFailures {

    private ConnectFailures() {}

    /**
     * True when {@code failure} (or a cause) happened before the request left: the host could not
     * be resolved, the connection was refused or unroutable, or connecting timed out.
     */
    public static boolean beforeSending(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof UnknownHostException
                    || t instanceof NoRouteToHostException || t instanceof HttpConnectTimeoutException) {
                return true;
            }
            if (t instanceof SocketTimeoutException && thrownByConnect(t)) {
                return true;
            }
        }
        return false;
    }

    /** A socket timeout raised inside {@code Socket.connect}: the JDK gives it no type of its own. */
    private static boolean thrownByConnect(Throwable timeout) {
        for (StackTraceElement frame : timeout.getStackTrace()) {
            if ("connect".equals(frame.getMethodName()) && frame.getClassName().startsWith("java.net.")) {
                return true;
            }
        }
        return false;
    }
}

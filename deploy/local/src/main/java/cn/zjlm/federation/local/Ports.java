package cn.zjlm.federation.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Port checks with messages a person can act on. */
public final class Ports {
    private Ports() {
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    public static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Fails with the port, who wanted it, and the setting that moves it. */
    public static void requireFree(int port, String component, String setting) {
        if (inUse(port)) {
            throw new IllegalStateException("Port " + port + " for " + component + " is already in use. Stop whatever "
                    + "listens there, or choose another port with -D" + setting + "=<port>.");
        }
    }
}

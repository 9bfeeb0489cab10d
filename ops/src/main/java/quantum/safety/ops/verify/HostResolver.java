package quantum.safety.ops.verify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Name resolution, in the order the system returns addresses. Injectable because whether {@code localhost} gives
 * {@code ::1} first depends on the machine's /etc/hosts and resolver configuration.
 */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
}

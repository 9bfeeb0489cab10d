package quantum.safety.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one cluster member believes about the cluster: its {@code CLUSTER NODES} reply, parsed. Members learn changes
 * by gossip, so two members may briefly disagree; {@link #signature()} lets a caller wait until they all agree.
 */
final class ClusterView {

    /** One line of {@code CLUSTER NODES}. */
    record Node(String id, int port, Set<String> flags, String masterId, List<String> slots) {

        boolean isMaster() {
            return flags.contains("master");
        }

        boolean isMyself() {
            return flags.contains("myself");
        }

        /** Not failing, not half-known: {@code fail}, {@code fail?}, {@code handshake} and {@code noaddr} are not. */
        boolean isHealthy() {
            return flags.stream().noneMatch(f -> f.equals("fail") || f.equals("fail?") || f.equals("handshake")
                    || f.equals("noaddr"));
        }

        boolean owns(int slot) {
            for (String range : slots) {
                if (range.startsWith("[")) {
                    continue;
                }
                int dash = range.indexOf('-');
                int first = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int last = dash < 0 ? first : Integer.parseInt(range.substring(dash + 1));
                if (slot >= first && slot <= last) {
                    return true;
                }
            }
            return false;
        }

        /** A slot being imported or migrated shows as {@code [slot-<-id]} or {@code [slot->-id]} on its own line. */
        boolean hasOpenSlots() {
            return slots.stream().anyMatch(s -> s.startsWith("["));
        }
    }

    private final List<Node> nodes;

    private ClusterView(List<Node> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Parses {@code <id> <ip:port@cport[,hostname]> <flags> <master> <ping> <pong> <epoch> <link> <slot>...}; the
     * format is the same on 6.2 and 7.x.
     */
    static ClusterView parse(String clusterNodes) {
        List<Node> nodes = new ArrayList<>();
        for (String line : clusterNodes.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(" ");
            String address = f[1].split("[@,]")[0];
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            List<String> slots = f.length > 8 ? List.of(f).subList(8, f.length) : List.of();
            nodes.add(new Node(f[0], port, Set.of(f[2].split(",")), f[3], slots));
        }
        return new ClusterView(nodes);
    }

    List<Node> nodes() {
        return nodes;
    }

    Node myself() {
        return nodes.stream().filter(Node::isMyself).findFirst()
                .orElseThrow(() -> new IllegalStateException("CLUSTER NODES has no 'myself' line"));
    }

    Optional<Node> byId(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    Optional<Node> ownerOf(int slot) {
        return nodes.stream().filter(n -> n.isMaster() && n.owns(slot)).findFirst();
    }

    List<Node> replicasOf(String masterId) {
        return nodes.stream().filter(n -> !n.isMaster() && n.masterId().equals(masterId)).toList();
    }

    /**
     * Every member healthy, exactly {@code masters} masters that hold slots, each with exactly
     * {@code replicasPerMaster} replicas.
     */
    boolean isComplete(int masters, int replicasPerMaster) {
        List<Node> withSlots = nodes.stream().filter(n -> n.isMaster() && !n.slots().isEmpty()).toList();
        return nodes.size() == masters * (1 + replicasPerMaster)
                && nodes.stream().allMatch(Node::isHealthy)
                && withSlots.size() == masters
                && withSlots.stream().allMatch(m -> replicasOf(m.id()).size() == replicasPerMaster);
    }

    /**
     * Who is master of which slots and who replicates whom, in a form that is equal on two members exactly when they
     * agree (the flags {@code myself}, pings and epochs, which differ from member to member, are left out).
     */
    String signature() {
        StringBuilder sb = new StringBuilder();
        nodes.stream().sorted(Comparator.comparingInt(Node::port)).forEach(n -> {
            sb.append(n.port()).append(n.isMaster() ? " master" : " replica-of " + n.masterId());
            n.slots().stream().filter(s -> !s.startsWith("[")).forEach(s -> sb.append(' ').append(s));
            sb.append('\n');
        });
        return sb.toString();
    }
}

package quantum.safety.cli.ctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import quantum.safety.cli.Main;
import quantum.safety.kernel.RedisSchema;
import quantum.safety.process.LocalRedis;
import quantum.safety.testkit.RedisExtension;
import quantum.safety.testkit.TestRedis;
import redis.clients.jedis.Jedis;

/**
 * Each ctl command that has {@code --json} gives, over the same Redis state, the same exit code and the same state
 * words in both modes: a script and a person never disagree about whether trading is blocked.
 */
@ExtendWith(RedisExtension.class)
class CtlModesAgreeTest {

    private static final RedisSchema SCHEMA = RedisSchema.legacy();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The words a state is told in; the text must use the JSON's, and no other. */
    private static final List<String> VERDICTS = List.of("BLOCKED", "UNREADABLE", "PROBLEMS");

    /** A Redis state and the exit codes of status, top and faults over it. */
    record State(String name, Consumer<Jedis> setup, int status, int top, int faults) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<State> states() {
        return Stream.of(
                new State("quiet", jedis -> { }, Main.EXIT_OK, Main.EXIT_OK, Main.EXIT_OK),
                new State("SAFE MODE on", jedis -> jedis.setex(SCHEMA.safeMode(), 300, "1"),
                        Main.EXIT_BLOCKED, Main.EXIT_OK, Main.EXIT_OK),
                new State("kill switch on", jedis -> jedis.set(SCHEMA.killSwitch(), "1"),
                        Main.EXIT_BLOCKED, Main.EXIT_OK, Main.EXIT_OK),
                new State("SAFE MODE of another type", jedis -> jedis.hset(SCHEMA.safeMode(), "a", "b"),
                        Main.EXIT_BLOCKED, Main.EXIT_OK, Main.EXIT_OK),
                new State("fault stream of another type", jedis -> jedis.set(SCHEMA.faultStream(), "not a stream"),
                        Main.EXIT_FAILURE, Main.EXIT_OK, Main.EXIT_FAILURE),
                // The kernels block every intent on it (STATE_UNREADABLE) until the window ends: status says BLOCKED.
                new State("garbage global counter", jedis -> jedis.set(SCHEMA.globalRate(bucket(jedis)), "lots"),
                        Main.EXIT_BLOCKED, Main.EXIT_FAILURE, Main.EXIT_OK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void textAndJsonAgree(State state, TestRedis redis) throws Exception {
        try (Jedis jedis = redis.connect()) {
            state.setup().accept(jedis);
        }
        assertAgree(redis.uri(), state.status(), "status", "--window", "1h");
        assertAgree(redis.uri(), state.top(), "top", "--window", "1h");
        assertAgree(redis.uri(), state.faults(), "faults");
    }

    @Test
    void redisThatDoesNotAnswerIsUnreadableInBothModes() throws Exception {
        String nowhere = "redis://127.0.0.1:" + LocalRedis.freePort();

        assertThat(assertAgree(nowhere, Main.EXIT_BLOCKED, "status")).contains("UNREADABLE");
        assertAgree(nowhere, Main.EXIT_FAILURE, "top");
        assertAgree(nowhere, Main.EXIT_FAILURE, "faults");
    }

    @Test
    void aRefusedPasswordIsAnAuthenticationFailureInBothModes(@TempDir Path dir) throws Exception {
        Path wrong = Files.writeString(dir.resolve("password"), "wrong-password\n");
        try (LocalRedis secured = LocalRedis.start("--requirepass", "right-password")) {
            for (String command : List.of("status", "top", "faults")) {
                int expected = command.equals("status") ? Main.EXIT_BLOCKED : Main.EXIT_FAILURE;
                String said = assertAgree(secured.uri(), expected, command, "--redis.password-file", wrong.toString());
                assertThat(said).as(command).contains("authentication failed", "refused the password from "
                        + "--redis.password-file " + wrong).doesNotContain("wrong-password", "right-password");
            }
        }
    }

    /**
     * Runs the command in both modes and compares them.
     *
     * @return what the text mode said (out and err)
     */
    private static String assertAgree(String uri, int expected, String... command) throws Exception {
        Ctl.Run text = Ctl.run(uri, command);
        Ctl.Run json = Ctl.run(uri, plus(command, "--json"));
        String name = String.join(" ", command);

        assertThat(text.exitCode()).as(name + ": " + text.out() + text.err()).isEqualTo(expected);
        assertThat(json.exitCode()).as(name + " --json: " + json.out() + json.err()).isEqualTo(expected);
        assertThat(json.err()).as(name + ": the same error line").isEqualTo(text.err());
        Set<String> words = new LinkedHashSet<>();
        for (String line : json.out().lines().toList()) {
            JsonNode node = JSON.readTree(line);
            if (node.has("status")) {
                words.add(node.get("status").asText());
            }
            collectStates(node, words);
        }
        for (String word : words) {
            assertThat(text.out()).as(name + " says " + word + " as the JSON does").containsPattern("\\b" + word + "\\b");
        }
        for (String verdict : VERDICTS) {
            if (Pattern.compile("\\b" + verdict + "\\b").matcher(text.out()).find()) {
                assertThat(words).as(name + ": the JSON says " + verdict + " as the text does").contains(verdict);
            }
        }
        return text.out() + text.err();
    }

    /** The values of the {@code state} fields, but for OK (a part that was read, which the text does not announce). */
    private static void collectStates(JsonNode node, Set<String> into) {
        node.fields().forEachRemaining(field -> {
            if (field.getKey().equals("state") && field.getValue().isTextual() && !field.getValue().asText().equals("OK")) {
                into.add(field.getValue().asText());
            }
            collectStates(field.getValue(), into);
        });
    }

    private static String[] plus(String[] args, String more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add(more);
        return all.toArray(String[]::new);
    }

    private static long bucket(Jedis jedis) {
        return RedisSchema.bucket(Long.parseLong(jedis.time().get(0)), 3600);
    }
}

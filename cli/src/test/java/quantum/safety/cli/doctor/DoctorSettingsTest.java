package quantum.safety.cli.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import quantum.safety.cli.Main;

/** Doctor's own flags come from {@link DoctorSetting}, its shared ones from the ops table, through the real command line. */
class DoctorSettingsTest {

    private static DoctorCommand parse(Map<String, String> env, String... args) {
        CommandLine cli = Main.newCommandLine(env);
        return cli.parseArgs(args).subcommand().commandSpec().commandLine().getCommand();
    }

    @Test
    void itsOwnFlagsReadTheirEnvTwinsAndFlagsWin() {
        Map<String, String> env = Map.of("QUANTUM_SAFETY_DOCTOR_JSON", "true",
                "QUANTUM_SAFETY_DOCTOR_OUTPUT", "report.md", "QUANTUM_SAFETY_PROMETHEUS_URL", "http://10.0.0.7:9091");

        DoctorCommand fromEnv = parse(env, "doctor");
        DoctorCommand fromFlags = parse(env, "doctor", "--output=other.md", "--prometheus.url=http://127.0.0.1:9092");

        assertThat(fromEnv.json).isTrue();
        assertThat(fromEnv.output).isEqualTo(Path.of("report.md"));
        assertThat(fromEnv.setup.prometheus().url()).isEqualTo("http://10.0.0.7:9091");
        assertThat(fromFlags.output).isEqualTo(Path.of("other.md"));
        assertThat(fromFlags.setup.prometheus().url()).isEqualTo("http://127.0.0.1:9092");
    }

    /** Doctor's --json and the ops commands' --json are two settings with two env names. */
    @Test
    void theOpsJsonVariableDoesNotTurnDoctorsJsonOn() {
        DoctorCommand doctor = parse(Map.of("QUANTUM_SAFETY_OPS_JSON", "true"), "doctor");

        assertThat(doctor.json).isFalse();
        assertThat(doctor.output).isNull();
    }

    @Test
    void theHelpShowsTheEnvNamesOfItsOwnAndItsSharedFlags() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.newCommandLine(Map.of());
        cli.setOut(new PrintWriter(out));

        assertThat(cli.execute("doctor", "--help")).isZero();
        assertThat(out.toString()).contains("Env: QUANTUM_SAFETY_DOCTOR_JSON. Default: false.",
                "Env: QUANTUM_SAFETY_DOCTOR_OUTPUT. Default: stdout.", "Env: QUANTUM_SAFETY_PROMETHEUS_URL.",
                "Env: QUANTUM_SAFETY_REDIS_ADDR.", "--alertmanager.url=http://127.0.0.1:9093");
    }
}

package quantum.safety.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test that needs external programs (promtool, amtool, prometheus, prometheus-alertmanager, chromium, …).
 *
 * <p>Tagged {@code tools}. When a program is missing from PATH the test is skipped with a message that says which
 * program and how to install it — except under CI ({@code CI=true}), where a missing tool fails the test, so CI never
 * passes by skipping.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Tag("tools")
@ExtendWith(ToolCondition.class)
public @interface RequiresTools {

    /** Program names looked up on PATH. */
    String[] value();
}

/**
 * Settings declared once: {@link quantum.safety.kernel.settings.Setting} is one row of a component's table (flag,
 * env name, legacy env name, default, unit, help) and {@link quantum.safety.kernel.settings.SettingEnv} the one rule
 * for reading such rows from the environment. The tables themselves live with their components
 * ({@code KernelSetting}, {@code RedisSetting}, the exporter's and the command line's).
 */
package quantum.safety.kernel.settings;

/**
 * How the settings tables ({@code KernelSetting}, {@code RedisSetting}, {@code ExporterSetting}, {@code LoggingSetting},
 * {@code DemoSetting}, {@code OpsSetting}, {@code DoctorSetting}, {@code CtlSetting}) become picocli options: a class
 * marked {@link quantum.safety.cli.settings.SettingsFrom} declares only its options' names and types;
 * {@link quantum.safety.cli.settings.CommandSettings} gives them their defaults and env twins (flags win over env, the
 * env name over the legacy one) and their help.
 */
package quantum.safety.cli.settings;

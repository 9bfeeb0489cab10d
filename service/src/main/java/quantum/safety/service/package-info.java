/**
 * The decision service ({@code quantum-safety kernel serve}): the safety kernel over HTTP/1.1 and JSON, for services
 * in any language. {@link quantum.safety.service.DecisionService} puts it together from a
 * {@link quantum.safety.service.ServiceConfig} (settings in {@link quantum.safety.service.ServiceSetting}) and a
 * {@code SafetyKernel}; {@code api} reads intents and writes decisions, {@code http} serves them on Netty, and
 * {@code metrics} is the service's {@code /metrics}.
 */
package quantum.safety.service;

/**
 * The JDK HTTP server that the exporter and the archive serve {@code /metrics}, {@code /-/healthy} and
 * {@code /-/ready} with ({@link quantum.safety.web.http.WebServer}), under the web config's TLS, basic auth and
 * headers, with limits against slow and oversized requests.
 */
package quantum.safety.web.http;

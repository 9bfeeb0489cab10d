/**
 * The service's HTTP side on Netty: routes, authentication, the bounded worker pools (overload is a 503, never an
 * unbounded queue) and the graceful stop that answers every request it took.
 */
package quantum.safety.service.http;
